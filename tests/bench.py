"""Benchmark: per-article analysis against YAKE alone on the same texts, and the render stages.

Run with `make bench` or `python -m tests.bench [--corpus DIR] [--limit N]`. Absolute times are
noisy on shared machines, so the figure to compare across runs is the ratio measured in one run:
our whole per-article analysis divided by YAKE alone on the same cleaned texts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from pathlib import Path

from briefing.analyse import analyse
from briefing.build import _place
from briefing.clean import clean
from briefing.compose import compose
from briefing.config import load_config
from briefing.ingest import read_corpus
from briefing.periods import periods_for
from briefing.phrases import _extractor
from briefing.render import render_html, render_pdf

ROOT = Path(__file__).resolve().parent.parent


def _timed(function, *args):
    started = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "topic")
    parser.add_argument("--limit", type=int, default=0, help="Use only the first N articles (0: all).")
    parser.add_argument("--rounds", type=int, default=3, help="Repeat each measurement; the median is shown.")
    parser.add_argument("--pdf", action="store_true", help="Also time the PDF rendering of the composed briefing.")
    options = parser.parse_args()
    corpus = options.corpus if options.corpus.is_dir() else ROOT / "seeds"
    config = load_config(ROOT / "config.yaml", {"input": corpus.resolve()})

    (documents, skipped), ingest_seconds = _timed(read_corpus, corpus, config.outlets)
    if options.limit:
        documents = documents[: options.limit]
    cleaned, clean_seconds = _timed(lambda: [clean(d, config) for d in documents])
    words = sum(len(c.text.split()) for c in cleaned)
    extractor = _extractor("en", config.yake.max_ngram, config.yake.window_size, config.yake.candidates)

    yake_runs, analyse_runs = [], []
    analyses = []
    for _ in range(options.rounds):
        _, seconds = _timed(lambda: [extractor.extract_keywords(c.text) for c in cleaned])
        yake_runs.append(seconds)
        analyses, seconds = _timed(lambda: [analyse(c, config) for c in cleaned])
        analyse_runs.append(seconds)
    yake_median, analyse_median = statistics.median(yake_runs), statistics.median(analyse_runs)

    periods = periods_for(config)
    articles = [_place(c, a, config, periods, None) for c, a in zip(cleaned, analyses, strict=True)]
    briefing, compose_seconds = _timed(compose, config, articles, skipped, periods, dt.datetime(2026, 1, 1))
    html, html_seconds = _timed(render_html, briefing, config)

    print(f"corpus: {corpus} ({len(documents)} articles, {words:,} words after cleaning)")
    print(f"ingest            {ingest_seconds:8.3f} s")
    print(f"clean             {clean_seconds:8.3f} s")
    print(f"YAKE alone        {yake_median:8.3f} s  ({1e6 * yake_median / max(words, 1):.1f} µs/word)")
    print(f"analysis (all)    {analyse_median:8.3f} s  ({1e6 * analyse_median / max(words, 1):.1f} µs/word)")
    print(f"ratio analysis / YAKE alone: {analyse_median / yake_median:.2f}")
    print(f"compose           {compose_seconds:8.3f} s")
    print(f"render HTML       {html_seconds:8.3f} s  ({len(html):,} characters)")
    if options.pdf:
        pdf, pdf_seconds = _timed(render_pdf, html, config)
        print(f"render PDF        {pdf_seconds:8.3f} s  ({len(pdf):,} bytes)")


if __name__ == "__main__":
    main()
