"""Quotation evaluation against the hand-annotated set in tests/data/quotes_gold.yaml.

Run: `make eval-quotes` or `python -m tests.eval_quotes [--errors]`. Articles under `topic/` come
from ../shared/corpora and are skipped when it is absent.

Precision: detected quotations that the annotation calls quotations. Recall: annotated quotations
detected. Speaker accuracy: detected annotated quotations whose speaker is one of the accepted names
(a surname alone counts for a full name).
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from briefing.clean import clean
from briefing.config import load_config
from briefing.ingest import parse_article
from briefing.quotes import extract_quotes

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "quotes_gold.yaml"
CORPORA = ROOT.parent / "shared" / "corpora"


@dataclass
class Scores:
    articles: int = 0
    gold_quotes: int = 0
    detected: int = 0
    true_positives: int = 0
    right_speaker: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_positives / self.detected if self.detected else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold_quotes if self.gold_quotes else 1.0

    @property
    def speaker_accuracy(self) -> float:
        return self.right_speaker / self.true_positives if self.true_positives else 1.0


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower().replace("’", "'")).strip()


def speaker_matches(predicted: str | None, accepted: list[str]) -> bool:
    if not predicted:
        return False
    guess = _norm(re.sub(r"^(?:the|a|an)\s+", "", predicted, flags=re.IGNORECASE))
    for name in accepted:
        gold = _norm(name)
        if guess == gold or guess.split()[-1:] == gold.split()[-1:] and len(gold.split()) > 1 \
                or gold in guess or (len(guess) > 3 and guess in gold):
            return True
    return False


def _path(entry: str) -> Path | None:
    if entry.startswith("seeds/"):
        return ROOT / entry
    path = CORPORA / entry
    return path if path.exists() else None


def evaluate(gold_file: Path = GOLD, part: str = "articles") -> Scores:
    """Score one part of the annotation: "articles" (development) or "held_out"."""
    config = load_config(ROOT / "config.yaml")
    scores = Scores()
    for article in yaml.safe_load(gold_file.read_text(encoding="utf-8"))[part]:
        path = _path(article["file"])
        if path is None:
            continue
        scores.articles += 1
        document = parse_article(path.read_text(encoding="utf-8"), relative=path.name, sha256="", encoding="utf-8",
                                 outlets={})
        quotes, _ = extract_quotes(clean(document, config))
        gold = article.get("quotes") or []
        unnamed = [_norm(u) for u in article.get("unnamed") or []]
        scores.gold_quotes += len(gold)
        matched_gold: set[int] = set()
        for quote in quotes:
            text = _norm(quote.text)
            index = next((i for i, g in enumerate(gold) if text.startswith(_norm(g["text"]))), None)
            if index is None:
                if any(text.startswith(u) for u in unnamed):
                    continue  # a quotation by somebody unnamed: neither required nor wrong
                scores.detected += 1
                scores.errors.append(f"{path.name}: not a quotation: “{quote.text[:60]}” (speaker {quote.speaker})")
                continue
            scores.detected += 1
            scores.true_positives += 1
            matched_gold.add(index)
            if speaker_matches(quote.speaker, gold[index]["speaker"]):
                scores.right_speaker += 1
            else:
                scores.errors.append(f"{path.name}: wrong speaker {quote.speaker!r} for “{quote.text[:50]}” "
                                     f"(expected {gold[index]['speaker'][0]})")
        for index, entry in enumerate(gold):
            if index not in matched_gold:
                scores.errors.append(f"{path.name}: missed “{entry['text']}…” ({entry['speaker'][0]})")
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="List every mistake.")
    options = parser.parse_args()
    print("| set | articles | annotated quotations | detected | precision | recall | speaker accuracy |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    errors = []
    for part, name in (("articles", "development"), ("held_out", "held out")):
        scores = evaluate(part=part)
        print(f"| {name} | {scores.articles} | {scores.gold_quotes} | {scores.detected} | {scores.precision:.3f} | "
              f"{scores.recall:.3f} | {scores.speaker_accuracy:.3f} |")
        errors += scores.errors
    if options.errors:
        print("\n".join(errors))


if __name__ == "__main__":
    main()
