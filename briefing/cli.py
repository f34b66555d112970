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


def _load(config_path: Path, input_dir: Path | None = None, output_dir: Path | None = None,
          date_from: dt.datetime | None = None, date_to: dt.datetime | None = None) -> Config:
    """Precedence: built-in defaults < config.yaml < command-line options."""
    config = load_config(config_path)
    overrides: dict = {}
    if input_dir is not None:
        overrides["input"] = input_dir.resolve()
    if output_dir is not None:
        overrides["output"] = output_dir.resolve()
    if date_from or date_to:
        coverage = {"from": config.coverage.from_, "to": config.coverage.to}
        if date_from:
            coverage["from"] = date_from.date()
        if date_to:
            coverage["to"] = date_to.date()
        if coverage["to"] < coverage["from"]:
            raise click.BadParameter(f"--to {coverage['to']} is before --from {coverage['from']}")
        overrides["coverage"] = coverage
    return load_config(config_path, overrides) if overrides else config


@cli.command()
@CONFIG_OPTION
@click.option("-i", "--input", "input_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Folder of articles (default: `input` in the config).")
@click.option("-o", "--output", "output_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Folder to write to (default: `output` in the config).")
@click.option("--from", "date_from", type=DATE, help="First publication date included (YYYY-MM-DD).")
@click.option("--to", "date_to", type=DATE, help="Last publication date included (YYYY-MM-DD).")
@click.option("-f", "--format", "formats", default="pdf,html,json", show_default=True,
              help="Comma-separated formats to write: pdf, html, json.")
@click.option("-j", "--jobs", type=click.IntRange(0, 64), default=1, show_default=True,
              help="Processes for per-article analysis (0: one per CPU).")
@click.pass_context
def build(ctx: click.Context, config_path: Path, input_dir: Path | None, output_dir: Path | None,
          date_from: dt.datetime | None, date_to: dt.datetime | None, formats: str, jobs: int) -> None:
    """Build the briefing: briefing.pdf, briefing.html and briefing.json in the output folder."""
    from briefing.build import FORMATS, build as run_build

    chosen = tuple(f.strip().lower() for f in formats.split(",") if f.strip())
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(f"unknown format(s) {', '.join(unknown) or '(none)'}; choose from "
                                 f"{', '.join(FORMATS)}", param_hint="--format")
    config = _load(config_path, input_dir, output_dir, date_from, date_to)
    quiet = ctx.obj.get("quiet")
    result = run_build(config, formats=chosen, jobs=jobs or (os.cpu_count() or 1),
                       progress=None if quiet else _progress_reporter())
    briefing = result.briefing
    included = len(briefing.sources)
    left_out = len(briefing.articles) - included
    if not quiet:
        for fmt, path in result.outputs.items():
            click.echo(f"wrote {path}")
        click.echo(f"{included} articles in the briefing, {left_out} left out, {len(briefing.skipped)} files "
                   f"skipped, {len(briefing.quotes)} quotations; {result.seconds:.1f} s")


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
    clipped = [tuple(_clip(c, limit) for c, limit in zip(row, limits)) for row in [header, *rows]]
    widths = [max(len(row[i]) for row in clipped) for i in range(len(header))]
    for index, row in enumerate(clipped):
        click.echo("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if index == 0:
            click.echo("  ".join("-" * w for w in widths))


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
