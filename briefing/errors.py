"""One error hierarchy: the CLI maps each kind to an exit code and a one-line message."""


class BriefingError(Exception):
    """Base class for errors the user can act on (no traceback is shown)."""

    exit_code = 1


class ConfigError(BriefingError):
    """The configuration file is missing, malformed or invalid."""

    exit_code = 2

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class InputError(BriefingError):
    """The input folder cannot be read at all (single bad files are skipped, not raised)."""

    exit_code = 2


class RenderError(BriefingError):
    """Turning the composed briefing into HTML, PDF or JSON failed."""
