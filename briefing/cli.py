"""Command line: a thin click group; each command parses options, loads config, calls one function.

Exit codes: 0 success, 1 runtime failure, 2 usage or configuration error. Tracebacks only with --debug.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import sys
from importlib import resources
from pathlib import Path

import click

from briefing import __version__
from briefing.config import Config, load_config
from briefing.errors import BriefingError, ConfigError
from briefing.text import shorten

log = logging.getLogger("briefing")


class BriefingGroup(click.Group):
    """Turn our errors into one line and the right exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BriefingError as err:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            for line in str(err).splitlines() or [type(err).__name__]:
                click.echo(f"error: {line}", err=True)
            ctx.exit(err.exit_code)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(130)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except Exception as err:  # a bug or an environment failure: one line, details with --debug
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"error: unexpected failure: {type(err).__name__}: {err} (run with --debug for details)",
                       err=True)
            ctx.exit(1)


@click.group(cls=BriefingGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefing")
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logging.")
@click.option("-q", "--quiet", is_flag=True, help="Only warnings and errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool, quiet: bool) -> None:
    """Turn a folder of news and opinion articles into a neutral, sourced briefing (PDF, HTML, JSON)."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    ctx.obj["quiet"] = quiet
    level = logging.DEBUG if debug else logging.WARNING if quiet else logging.INFO
    logging.basicConfig(level=level, format="%(levelname)s: %(message)s", stream=sys.stderr, force=True)
    # WeasyPrint and fontTools are chatty at INFO; their warnings still show.
    for noisy in ("weasyprint", "fontTools"):
        logging.getLogger(noisy).setLevel(logging.ERROR if not debug else logging.DEBUG)


CONFIG_OPTION = click.option("-c", "--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
                             default=Path("config.yaml"), show_default=True, help="Configuration file.")
DATE = click.DateTime(formats=["%Y-%m-%d"])


def _load(config_path: Path, input_dir: Path | None = None, output_dir: Path | None = None) -> Config:
    """Precedence: built-in defaults < config.yaml < command-line options."""
    overrides: dict = {}
    if input_dir is not None:
        overrides["input"] = input_dir.resolve()
    if output_dir is not None:
        overrides["output"] = output_dir.resolve()
    return load_config(config_path, overrides)


def _window(config: Config, week: str | None, since_spec: str | None, date_from: dt.datetime | None,
            date_to: dt.datetime | None):
    """The run's window from --week, --since or --from/--to (only one kind at a time)."""
    from briefing.build import now_utc
    from briefing.windows import WindowError, explicit, iso_week, since

    chosen = [name for name, value in (("--week", week), ("--since", since_spec),
                                       ("--from/--to", date_from or date_to)) if value]
    if len(chosen) > 1:
        raise click.UsageError(f"give only one of {', '.join(chosen)}")
    today = now_utc().date()
    try:
        if week:
            return iso_week(week, today)
        if since_spec:
            return since(since_spec, today)
        if date_from or date_to:
            return explicit(date_from.date() if date_from else None, date_to.date() if date_to else None,
                            config.coverage.from_, config.coverage.to)
    except WindowError as err:
        raise click.BadParameter(str(err), param_hint=chosen[0]) from None
    return None


@cli.command()
@CONFIG_OPTION
@click.option("-i", "--input", "input_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Folder of articles (default: `input` in the config).")
@click.option("-o", "--output", "output_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Folder to write to (default: `output` in the config).")
@click.option("--from", "date_from", type=DATE, help="First publication date included (YYYY-MM-DD).")
@click.option("--to", "date_to", type=DATE, help="Last publication date included (YYYY-MM-DD).")
@click.option("--week", help="An ISO week (2026-W09), `last` or `this`: a scheduled run, written to its week's "
                             "folder and to latest/.")
@click.option("--since", "since_spec", help="The last days, weeks or months (7d, 2w, 1m): a scheduled run.")
@click.option("--no-cache", is_flag=True, help="Analyse every article again instead of reusing cached results.")
@click.option("-f", "--format", "formats", default="pdf,html,json", show_default=True,
              help="Comma-separated formats to write: pdf, html, json.")
@click.option("-j", "--jobs", type=click.IntRange(0, 64), default=1, show_default=True,
              help="Processes for per-article analysis (0: one per CPU).")
@click.pass_context
def build(ctx: click.Context, config_path: Path, input_dir: Path | None, output_dir: Path | None,
          date_from: dt.datetime | None, date_to: dt.datetime | None, week: str | None, since_spec: str | None,
          no_cache: bool, formats: str, jobs: int) -> None:
    """Build the briefing: briefing.pdf, briefing.html and briefing.json in the output folder.

    With --week or --since the run is a scheduled one: it covers that window, writes into the
    window's own folder (output/2026-W09/ by default) and refreshes output/latest/. Every run is
    recorded in output/runs.sqlite, and says what is new since the last run of the same config.
    Exit code 3: another run holds the output folder's lock.
    """
    from briefing.build import FORMATS, build as run_build

    chosen = tuple(f.strip().lower() for f in formats.split(",") if f.strip())
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(f"unknown format(s) {', '.join(unknown) or '(none)'}; choose from "
                                 f"{', '.join(FORMATS)}", param_hint="--format")
    config = _load(config_path, input_dir, output_dir)
    window = _window(config, week, since_spec, date_from, date_to)
    quiet = ctx.obj.get("quiet")
    log_file = _log_to_file(config.output_dir)
    log.info("build started: config %s, window %s", config_path, window.label if window else "configured coverage")
    try:
        result = run_build(config, formats=chosen, jobs=jobs or (os.cpu_count() or 1),
                           progress=None if quiet else _progress_reporter(), window=window,
                           weekly=bool(week or since_spec), use_cache=not no_cache)
    except BriefingError as err:
        log.error("build failed: %s", err)
        raise
    except Exception as err:
        log.error("build failed: %s: %s", type(err).__name__, err, exc_info=ctx.obj.get("debug"))
        raise
    finally:
        logging.getLogger().removeHandler(log_file)
        log_file.close()
    briefing = result.briefing
    included = len(briefing.sources)
    left_out = len(briefing.articles) - included
    if not quiet:
        for path in result.outputs.values():
            click.echo(f"wrote {path}")
        click.echo(f"{included} articles in the briefing, {left_out} left out, {len(briefing.skipped)} files "
                   f"skipped, {len(briefing.quotes)} quotations, {len(briefing.events)} dated events; "
                   f"{len(result.reanalysed)} analysed, the rest from the cache; {result.seconds:.1f} s")


def _log_to_file(output_dir: Path) -> logging.Handler:
    """Append this run's log to output/briefing.log (rotated at 1 MB, five old files kept)."""
    from logging.handlers import RotatingFileHandler

    output_dir.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(output_dir / "briefing.log", maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.INFO)
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.INFO:
        root.setLevel(logging.INFO)
        for existing in root.handlers:
            if existing is not handler and existing.level == logging.NOTSET:
                existing.setLevel(logging.WARNING)
    return handler


def _progress_reporter():
    """A progress bar on a terminal; a few plain log lines otherwise."""
    state: dict = {}
    interactive = sys.stderr.isatty()

    def report(stage: str, done: int, total: int) -> None:
        if stage == "render":
            log.info("rendering the PDF")
            return
        if interactive:
            width = 30
            filled = int(width * done / max(total, 1))
            sys.stderr.write(f"\ranalysing articles [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            if done == total:
                sys.stderr.write("\n")
            sys.stderr.flush()
        else:
            step = max(1, total // 4)
            if done == total or done % step == 0 and state.get("last") != done:
                state["last"] = done
                log.info("analysed %d/%d articles", done, total)

    return report


@cli.command()
@CONFIG_OPTION
@click.option("-i", "--input", "input_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Folder of articles (default: `input` in the config).")
@click.option("--strict", is_flag=True, help="Exit 1 when any file is skipped or any article has a warning.")
def check(config_path: Path, input_dir: Path | None, strict: bool) -> None:
    """Validate the configuration and read the corpus: one row per article with what was inferred."""
    from briefing.build import read_and_analyse
    from briefing.compose import format_date

    config = _load(config_path, input_dir)
    corpus = read_and_analyse(config)
    click.echo(f"config: {config_path} is valid ({len(config.themes)} themes, {len(config.sections)} sections)")
    header = ("file", "title", "author", "outlet", "date (confidence)", "genre", "themes", "warnings")
    rows = []
    warnings = 0
    for article in corpus.articles:
        document, analysis = article.document, article.analysis
        date = analysis.publication_date
        notes = list(document.warnings)
        if date.conflict:
            notes.append("date conflict: " + date.conflict)
        if not article.included:
            notes.append("left out: " + (article.excluded_reason or ""))
        if document.title_evidence.kind == "fallback":
            notes.append("no headline found")
        warnings += bool(notes)
        decisive = date.method
        rows.append((document.file, document.title, document.author or "—", document.outlet or "—",
                     f"{format_date(date, 'undated')} ({date.confidence:.2f}) — {decisive}", analysis.genre.label,
                     ", ".join(t.theme_id for t in analysis.themes) or "—", "; ".join(notes) or "—"))
    for skipped in corpus.skipped:
        rows.append((skipped.file, "—", "—", "—", "—", "—", "—", f"skipped: {skipped.reason}"))
    _print_table(header, rows)
    click.echo(f"{len(corpus.articles)} articles read, {len(corpus.skipped)} files skipped, "
               f"{warnings} with warnings")
    if strict and (corpus.skipped or warnings):
        sys.exit(1)


def _print_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """Plain aligned columns on a terminal, tab-separated when piped (easy to cut and grep)."""
    if not sys.stdout.isatty():
        click.echo("\t".join(header))
        for row in rows:
            click.echo("\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in row))
        return
    limits = (28, 40, 18, 18, 60, 8, 30, 60)
    clipped = [tuple(shorten(c, limit) for c, limit in zip(row, limits)) for row in [header, *rows]]
    widths = [max(len(row[i]) for row in clipped) for i in range(len(header))]
    for index, row in enumerate(clipped):
        click.echo("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if index == 0:
            click.echo("  ".join("-" * w for w in widths))


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
@click.option("--force", is_flag=True, help="Overwrite an existing config.yaml and template overrides.")
def init(directory: Path, force: bool) -> None:
    """Scaffold a new briefing project in DIRECTORY: config.yaml, templates to override, articles/."""
    target_config = directory / "config.yaml"
    if target_config.exists() and not force:
        raise ConfigError([f"{target_config} already exists (use --force to overwrite)"])
    (directory / "articles").mkdir(parents=True, exist_ok=True)
    (directory / "output").mkdir(exist_ok=True)
    templates = directory / "templates"
    templates.mkdir(exist_ok=True)
    example = (resources.files("briefing") / "data" / "example_config.yaml").read_text(encoding="utf-8")
    example = example.replace("\ninput: seeds\n", "\ninput: articles\n")
    target_config.write_text(example, encoding="utf-8")
    scaffold = resources.files("briefing") / "data" / "scaffold"
    for name in ("briefing.html.j2", "README.md"):
        destination = templates / name
        if force or not destination.exists():
            destination.write_text((scaffold / name).read_text(encoding="utf-8"), encoding="utf-8")
    click.echo(f"created {target_config}, {templates}/ and {directory / 'articles'}/")
    click.echo(f"next: put .txt or .md articles in {directory / 'articles'}/ and run "
               f"`briefing build --config {target_config}`")


README_MARKERS = ("<!-- config-reference:start -->", "<!-- config-reference:end -->")


@cli.group()
def cache() -> None:
    """Manage the per-article analysis cache."""


@cache.command("clear")
@CONFIG_OPTION
def cache_clear(config_path: Path) -> None:
    """Remove every cached analysis of this configuration's cache folder."""
    from briefing.cache import clear_cache

    config = _load(config_path)
    removed = clear_cache(config.cache_dir)
    click.echo(f"removed {removed} cached analyses from {config.cache_dir}")


@cli.command()
@CONFIG_OPTION
def runs(config_path: Path) -> None:
    """List the runs recorded in the output folder's manifest."""
    from briefing.history import list_runs

    config = _load(config_path)
    records = list_runs(config.output_dir)
    if not records:
        click.echo(f"no run recorded in {config.output_dir}")
        return
    for record in records:
        click.echo(f"#{record['id']}  {record['started_at']}  {record['status']:<7}  "
                   f"{record['window_from']} to {record['window_to']}  config {record['config_hash']}"
                   + (f"  {record['message']}" if record["message"] else ""))


@cli.command()
@CONFIG_OPTION
@click.option("--weekly", "when", required=True, metavar='"DAY HH:MM"',
              help='Day and time of the weekly run, e.g. "MON 07:00".')
@click.option("--install", "action", flag_value="install", help="Install the crontab entry (replacing an earlier one).")
@click.option("--remove", "action", flag_value="remove", help="Remove this configuration's crontab entry.")
@click.option("--crontab-file", type=click.Path(path_type=Path, dir_okay=False), hidden=True,
              help="Edit this crontab file instead of the user's crontab (tests).")
def schedule(config_path: Path, when: str, action: str | None, crontab_file: Path | None) -> None:
    """Print (or install) a weekly crontab line and a systemd user service and timer for `build --week last`."""
    from briefing.schedule import ScheduleError, install_cron, plan, remove_cron

    config = _load(config_path)
    try:
        scheduled = plan(config_path.resolve(), config, when, executable=_executable())
    except ScheduleError as err:
        raise click.BadParameter(str(err), param_hint="--weekly") from None
    if action == "install":
        install_cron(scheduled, crontab_file)
        click.echo(f"installed: {scheduled.cron_line}")
        return
    if action == "remove":
        removed = remove_cron(scheduled, crontab_file)
        click.echo(f"removed {removed} crontab entr{'y' if removed == 1 else 'ies'} for {config_path}")
        return
    click.echo("# crontab line (install with --install, or add it with `crontab -e`):")
    click.echo(scheduled.cron_line)
    click.echo("")
    click.echo(f"# systemd user units: save as ~/.config/systemd/user/{scheduled.unit_name}.service and .timer,")
    click.echo(f"# then run: systemctl --user daemon-reload && systemctl --user enable --now {scheduled.unit_name}.timer")
    click.echo(f"# --- {scheduled.unit_name}.service")
    click.echo(scheduled.service_unit)
    click.echo(f"# --- {scheduled.unit_name}.timer")
    click.echo(scheduled.timer_unit)


def _executable() -> Path:
    """The `briefing` command of this installation (the virtual environment's, when run from one)."""
    candidate = Path(sys.executable).parent / "briefing"
    found = shutil.which("briefing")
    return candidate if candidate.exists() else Path(found) if found else candidate


@cli.command("config-reference")
@click.option("--update", "readme", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="Write the reference between the config-reference markers of this Markdown file.")
def config_reference(readme: Path | None) -> None:
    """Print every configuration key with its type, default and description."""
    from briefing.config import reference_markdown

    reference = reference_markdown()
    if readme is None:
        click.echo(reference)
        return
    text = readme.read_text(encoding="utf-8")
    start, end = README_MARKERS
    if start not in text or end not in text:
        raise ConfigError([f"{readme}: markers {start} … {end} not found"])
    before, rest = text.split(start, 1)
    _, after = rest.split(end, 1)
    readme.write_text(f"{before}{start}\n{reference}\n{end}{after}", encoding="utf-8")
    click.echo(f"updated the configuration reference in {readme}")


def main() -> None:
    cli(prog_name="briefing")


if __name__ == "__main__":
    main()
