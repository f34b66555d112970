"""The recipe: load, ingest, clean, analyse, compose, render. Everything is gathered before anything is written."""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from briefing.analyse import analyse
from briefing.clean import clean
from briefing.compose import compose
from briefing.config import Config
from briefing.errors import InputError
from briefing.ingest import read_corpus
from briefing.models import Article, ArticleAnalysis, Briefing, CleanDocument, SkippedFile
from briefing.periods import Period, period_of, periods_for
from briefing.render import render_html, render_json, render_pdf, write_atomically

log = logging.getLogger(__name__)

FORMATS = ("pdf", "html", "json")
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Corpus:
    """Every article read and analysed, with the files that could not be read."""

    articles: tuple[Article, ...]
    skipped: tuple[SkippedFile, ...]
    periods: tuple[Period, ...]


@dataclass(frozen=True)
class BuildResult:
    briefing: Briefing
    outputs: dict[str, Path]
    seconds: float


def now_utc() -> dt.datetime:
    """The build time; SOURCE_DATE_EPOCH (reproducible-builds convention) fixes it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def read_and_analyse(config: Config, jobs: int = 1, progress: Progress | None = None) -> Corpus:
    """Ingest, clean and analyse every article under the configured input folder."""
    input_dir = config.input_dir
    if not input_dir.is_dir():
        raise InputError(f"input folder {input_dir} does not exist or is not a folder")
    documents, skipped = read_corpus(input_dir, config.outlets)
    cleaned = [clean(document, config) for document in documents]
    analyses = _analyse_all(cleaned, config, jobs, progress)
    periods = periods_for(config)
    articles = tuple(_place(c, a, config, periods) for c, a in zip(cleaned, analyses))
    return Corpus(articles, tuple(skipped), periods)


def _analyse_all(cleaned: list[CleanDocument], config: Config, jobs: int, progress: Progress | None,
                 ) -> list[ArticleAnalysis]:
    total = len(cleaned)
    results: list[ArticleAnalysis] = []
    if jobs > 1 and total > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for index, result in enumerate(pool.map(analyse, cleaned, [config] * total, chunksize=4), start=1):
                results.append(result)
                if progress:
                    progress("analyse", index, total)
        return results
    for index, document in enumerate(cleaned, start=1):
        results.append(analyse(document, config))
        if progress:
            progress("analyse", index, total)
    return results


def _place(clean_doc: CleanDocument, analysis: ArticleAnalysis, config: Config, periods: tuple[Period, ...]) -> Article:
    """Decide whether an article is in the briefing's window, and its period."""
    date = analysis.publication_date.value
    coverage = config.coverage
    if date is None:
        if config.undated_articles == "exclude":
            return Article(clean_doc, analysis, None, False, "undated (undated_articles: exclude)")
        return Article(clean_doc, analysis, None, True)
    if not coverage.from_ <= date <= coverage.to:
        return Article(clean_doc, analysis, None, False,
                       f"outside the date window (dated {date.isoformat()}; window {coverage.from_.isoformat()} "
                       f"to {coverage.to.isoformat()})")
    period = period_of(date, periods)
    return Article(clean_doc, analysis, period.id if period else None, True)


def build(config: Config, formats: tuple[str, ...] = FORMATS, output_dir: Path | None = None, jobs: int = 1,
          generated_at: dt.datetime | None = None, progress: Progress | None = None) -> BuildResult:
    """Build the briefing and write the requested formats into the output folder."""
    started = time.perf_counter()
    corpus = read_and_analyse(config, jobs, progress)
    briefing = compose(config, list(corpus.articles), list(corpus.skipped), corpus.periods,
                       generated_at or now_utc())
    log.info("composed %d sections from %d articles", len(briefing.sections), len(briefing.sources))

    rendered: dict[str, bytes | str] = {}
    html = render_html(briefing, config) if {"html", "pdf"} & set(formats) else ""
    if "html" in formats:
        rendered["html"] = html
    if "pdf" in formats:
        if progress:
            progress("render", 0, 1)
        rendered["pdf"] = render_pdf(html, config)
    if "json" in formats:
        rendered["json"] = render_json(briefing)

    target = output_dir or config.output_dir
    outputs = {}
    for fmt in FORMATS:
        if fmt in rendered:
            path = target / f"briefing.{fmt}"
            write_atomically(path, rendered[fmt])
            outputs[fmt] = path
    return BuildResult(briefing, outputs, time.perf_counter() - started)
