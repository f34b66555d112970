"""Dating evaluation on real articles whose dates are known (../shared/corpora).

For each article the stated `Date:` line is removed; the rest (title, outlet, body with its own
datelines and publication notes) is dated by the pipeline and compared with the stated date.

Run: `make eval-dates` or `python -m tests.eval_dates [--corpus DIR] [--subset xai_app_dawn] [--limit N]`.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from briefing.clean import clean
from briefing.config import Config, load_config
from briefing.dating import anchors_for, decide_publication_date
from briefing.ingest import parse_article
from briefing.models import PublicationDate

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"


@dataclass(frozen=True)
class Outcome:
    file: str
    truth: dt.date
    decided: PublicationDate

    @property
    def error_days(self) -> int | None:
        return None if self.decided.value is None else abs((self.decided.value - self.truth).days)


@dataclass(frozen=True)
class Scores:
    articles: int
    dated: int
    exact: int
    within_7: int
    within_31: int

    @property
    def coverage(self) -> float:
        return self.dated / self.articles if self.articles else 0.0

    def share(self, count: int) -> float:
        return count / self.dated if self.dated else 0.0


def strip_stated_date(text: str) -> str:
    lines = text.split("\n")
    return "\n".join(line for index, line in enumerate(lines) if not (index < 8 and line.startswith("Date:")))


def evaluate(corpus: Path, config: Config, subset: str | None = None, limit: int = 0) -> Iterator[Outcome]:
    anchors = anchors_for(config)
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as manifest:
        rows = [r for r in csv.DictReader(manifest, delimiter="\t") if r.get("date")
                and (subset is None or r.get("subset") == subset)]
    for row in rows[: limit or None]:
        text = strip_stated_date((corpus / row["file"]).read_text(encoding="utf-8"))
        document = parse_article(text, relative=row["file"], sha256="", encoding="utf-8", outlets=config.outlets)
        decided = decide_publication_date(clean(document, config), anchors, horizon=config.coverage.to)
        yield Outcome(row["file"], dt.date.fromisoformat(row["date"]), decided)


def score(outcomes: list[Outcome]) -> Scores:
    errors = [o.error_days for o in outcomes if o.error_days is not None]
    return Scores(len(outcomes), len(errors), sum(e == 0 for e in errors), sum(e <= 7 for e in errors),
                  sum(e <= 31 for e in errors))


def report(name: str, scores: Scores) -> str:
    return (f"| {name} | {scores.articles} | {scores.dated} ({scores.coverage:.0%}) | "
            f"{scores.share(scores.exact):.1%} | {scores.share(scores.within_7):.1%} | "
            f"{scores.share(scores.within_31):.1%} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append",
                        help="Corpus folder with MANIFEST.tsv (default: shared topic, and scale's xai subset).")
    parser.add_argument("--subset", help="Only rows of this MANIFEST subset.")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--errors", action="store_true", help="List articles dated more than 31 days off.")
    options = parser.parse_args()
    config = load_config(ROOT / "config.yaml")
    runs = [(c, options.subset) for c in options.corpus] if options.corpus else \
        [(CORPORA / "topic", None), (CORPORA / "scale", "xai_app_dawn")]
    print("| corpus | articles | dated (coverage) | exact day | within 7 days | within 31 days |")
    print("| --- | --- | --- | --- | --- | --- |")
    wrong: list[Outcome] = []
    for corpus, subset in runs:
        outcomes = list(evaluate(corpus, config, subset, options.limit))
        print(report(f"{corpus.name}{'/' + subset if subset else ''}", score(outcomes)))
        wrong += [o for o in outcomes if o.error_days is not None and o.error_days > 31]
    if options.errors:
        for outcome in wrong:
            print(f"{outcome.file}: stated {outcome.truth}, decided {outcome.decided.value} — {outcome.decided.method}")


if __name__ == "__main__":
    main()
