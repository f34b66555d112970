"""The recipe: load, ingest, clean, analyse, compose, render. Everything is gathered before anything is written.

A run holds a lock on its output folder, records itself in the run manifest, reuses cached
per-article analyses, and replaces its outputs atomically: a failed or killed run leaves the
previous briefing where it was.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from briefing.analyse import analyse
from briefing.cache import AnalysisCache
from briefing.clean import clean
from briefing.compose import compose
from briefing.config import Config
from briefing.errors import BriefingError, InputError, RenderError
from briefing.history import History, fail_run, finish_run, load_history, start_run
from briefing.ingest import read_corpus
from briefing.lexicon import lexicon_for
from briefing.neutrality import check_own_voice
from briefing.models import Article, ArticleAnalysis, Briefing, CleanDocument, SkippedFile
from briefing.periods import Period, period_of, periods_for
from briefing.render import render_html, render_json, render_pdf, write_atomically
from briefing.windows import Window

log = logging.getLogger(__name__)

FORMATS = ("pdf", "html", "json")
LOCK_NAME = ".briefing.lock"
LATEST = "latest"
Progress = Callable[[str, int, int], None]


class RunLocked(BriefingError):
    """Another run of this configuration holds the output folder's lock."""

    exit_code = 3


@dataclass(frozen=True)
class Corpus:
    """Every article read and analysed, with the files that could not be read."""

    articles: tuple[Article, ...]
    skipped: tuple[SkippedFile, ...]
    periods: tuple[Period, ...]
    reanalysed: tuple[str, ...]  # ids of the articles analysed in this run (not taken from the cache)


@dataclass(frozen=True)
class BuildResult:
    briefing: Briefing
    outputs: dict[str, Path]
    seconds: float
    reanalysed: tuple[str, ...]


def now_utc() -> dt.datetime:
    """The build time; SOURCE_DATE_EPOCH (reproducible-builds convention) fixes it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def read_and_analyse(config: Config, jobs: int = 1, progress: Progress | None = None,
                     window: Window | None = None, cache: AnalysisCache | None = None) -> Corpus:
    """Ingest, clean and analyse every article under the configured input folder."""
    input_dir = config.input_dir
    if not input_dir.is_dir():
        raise InputError(f"input folder {input_dir} does not exist or is not a folder")
    documents, skipped = read_corpus(input_dir, config.outlets)
    cleaned = [clean(document, config) for document in documents]
    analyses = _analyse_all(cleaned, config, jobs, progress, cache)
    periods = periods_for(config)
    articles = tuple(_place(c, a, config, periods, window) for c, a in zip(cleaned, analyses, strict=True))
    reanalysed = tuple(cache.analysed) if cache else tuple(c.document.id for c in cleaned)
    return Corpus(articles, tuple(skipped), periods, reanalysed)


def _analyse_all(cleaned: list[CleanDocument], config: Config, jobs: int, progress: Progress | None,
                 cache: AnalysisCache | None) -> list[ArticleAnalysis]:
    results: dict[int, ArticleAnalysis] = {}
    if cache:
        for index, document in enumerate(cleaned):
            if (hit := cache.get(document)) is not None:
                results[index] = hit
    todo = [i for i in range(len(cleaned)) if i not in results]
    total, done = len(cleaned), len(results)
    if progress and done:
        progress("analyse", done, total)
    if jobs > 1 and len(todo) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            fresh = pool.map(analyse, [cleaned[i] for i in todo], [config] * len(todo), chunksize=4)
            for index, result in zip(todo, fresh):
                results[index] = _keep(cache, cleaned[index], result)
                done += 1
                if progress:
                    progress("analyse", done, total)
    else:
        for index in todo:
            results[index] = _keep(cache, cleaned[index], analyse(cleaned[index], config))
            done += 1
            if progress:
                progress("analyse", done, total)
    return [results[i] for i in range(len(cleaned))]


def _keep(cache: AnalysisCache | None, document: CleanDocument, analysis: ArticleAnalysis) -> ArticleAnalysis:
    if cache:
        cache.put(document, analysis)
    return analysis


def _place(clean_doc: CleanDocument, analysis: ArticleAnalysis, config: Config, periods: tuple[Period, ...],
           window: Window | None) -> Article:
    """Decide whether an article is in the briefing's coverage and window, and its period."""
    date = analysis.publication_date.value
    coverage = config.coverage
    if date is None:
        if config.undated_articles == "exclude":
            return Article(clean_doc, analysis, None, False, "undated (undated_articles: exclude)")
        return Article(clean_doc, analysis, None, True)
    if not coverage.from_ <= date <= coverage.to:
        return Article(clean_doc, analysis, None, False,
                       f"outside the date window (dated {date.isoformat()}; coverage {coverage.from_.isoformat()} "
                       f"to {coverage.to.isoformat()})")
    if window and not window.contains(date):
        return Article(clean_doc, analysis, None, False,
                       f"outside the date window (dated {date.isoformat()}; window {window.start.isoformat()} "
                       f"to {window.end.isoformat()})")
    period = period_of(date, periods)
    return Article(clean_doc, analysis, period.id if period else None, True)


def run_folder(config: Config, root: Path, window: Window | None, weekly: bool) -> Path:
    """Where a run writes: the output folder, or its week's (or days') subfolder for scheduled runs."""
    if not (weekly and window):
        return root
    if window.iso_week:
        name = config.week_folder.format(year=window.iso_week[0], week=f"{window.iso_week[1]:02d}")
    else:
        name = config.days_folder.format(**{"from": window.start.isoformat(), "to": window.end.isoformat()})
    return root / name


def build(config: Config, formats: tuple[str, ...] = FORMATS, output_dir: Path | None = None, jobs: int = 1,
          generated_at: dt.datetime | None = None, progress: Progress | None = None, window: Window | None = None,
          weekly: bool = False, use_cache: bool = True) -> BuildResult:
    """Build the briefing and write the requested formats; a scheduled (weekly) run also updates latest/."""
    started = time.perf_counter()
    root = output_dir or config.output_dir
    root.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(root / LOCK_NAME), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise RunLocked(f"another run is writing to {root} (lock {root / LOCK_NAME}); not starting a second one") \
            from None
    try:
        return _locked_build(config, formats, root, jobs, generated_at or now_utc(), progress, window, weekly,
                             use_cache, started)
    finally:
        lock.release()


def _locked_build(config: Config, formats: tuple[str, ...], root: Path, jobs: int, generated_at: dt.datetime,
                  progress: Progress | None, window: Window | None, weekly: bool, use_cache: bool,
                  started: float) -> BuildResult:
    config_hash = config.config_hash()
    history: History = load_history(root, config_hash)
    effective = window or Window(config.coverage.from_, config.coverage.to, "configured coverage")
    run_id = start_run(root, config_hash, effective.start, effective.end, generated_at)
    try:
        cache = AnalysisCache(config.cache_dir, config.analysis_fingerprint()) if use_cache else None
        corpus = read_and_analyse(config, jobs, progress, window, cache)
        if cache:
            log.info("analysed %d article(s); %d taken from the cache", len(corpus.reanalysed), cache.hits)
        briefing = compose(config, list(corpus.articles), list(corpus.skipped), corpus.periods, generated_at,
                           window=window, history=history)
        log.info("composed %d sections from %d articles", len(briefing.sections), len(briefing.sources))
        rendered = _render(briefing, config, formats, progress)
        target = run_folder(config, root, window, weekly)
        outputs = {}
        for fmt in FORMATS:
            if fmt in rendered:
                path = target / f"briefing.{fmt}"
                write_atomically(path, rendered[fmt])
                outputs[fmt] = path
        if weekly:
            for path in outputs.values():
                write_atomically(root / LATEST / path.name, path.read_bytes())
        inputs = [(a.document.sha256, a.document.file, a.id) for a in corpus.articles]
        inputs += [(s.sha256, s.file, None) for s in corpus.skipped if s.sha256]
        finish_run(root, run_id, inputs=inputs, events=[e.key for e in briefing.events],
                   outputs={fmt: str(p) for fmt, p in outputs.items()}, finished_at=now_utc())
    except BaseException as err:
        fail_run(root, run_id, f"{type(err).__name__}: {err}", now_utc())
        raise
    return BuildResult(briefing, outputs, time.perf_counter() - started, corpus.reanalysed)


def _check_own_voice(html: str, config: Config) -> None:
    """Fail (neutrality.strict) or warn when the briefing's own words use the loaded-language lexicon."""
    violations = check_own_voice(html, lexicon_for(config))
    if not violations:
        return
    listed = "; ".join(str(v) for v in violations[:5]) + (f" (and {len(violations) - 5} more)" if len(violations) > 5
                                                          else "")
    message = f"the briefing's own voice uses loaded language: {listed}"
    if config.neutrality.strict:
        raise RenderError(message)
    log.warning("%s", message)


def _render(briefing: Briefing, config: Config, formats: tuple[str, ...], progress: Progress | None,
            ) -> dict[str, bytes | str]:
    rendered: dict[str, bytes | str] = {}
    html = render_html(briefing, config) if {"html", "pdf"} & set(formats) else ""
    if html:
        _check_own_voice(html, config)
    if "html" in formats:
        rendered["html"] = html
    if "pdf" in formats:
        if progress:
            progress("render", 0, 1)
        rendered["pdf"] = render_pdf(html, config)
    if "json" in formats:
        rendered["json"] = render_json(briefing)
    return rendered
