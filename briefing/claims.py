"""Attributed claims (reported speech) that carry figures: who claims what number, of what.

"The Pakistani military reported 23 of its personnel killed while claiming to have killed over 200
Afghan soldiers." gives two figures claimed by the Pakistani military: 23 Pakistani military
personnel killed, and more than 200 Afghan soldiers killed. Each figure keeps its words, its range,
what it counts (the noun), what happened to them (killed, injured…) and whose side they are on when
the text says so, so that the composer can set differing figures side by side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.config import Config
from briefing.models import Sentence
from briefing.quotes import PARENTHETICAL, _subject_before

NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fifteen": 15, "twenty": 20, "thirty": 30,
                "forty": 40, "fifty": 50, "hundred": 100, "dozens": 24, "scores": 40, "hundreds": 200,
                "thousands": 2000, "tens of thousands": 20000, "millions": 2_000_000}
QUALIFIERS = r"(?:at least|more than|over|nearly|almost|about|around|some|up to|roughly|approximately|fewer than|less than)"
FIGURE = re.compile(
    rf"(?P<qualifier>{QUALIFIERS}\s+)?(?P<number>\$?\d[\d,]*(?:\.\d+)?(?:\s+(?:million|billion|trillion))?|"
    rf"tens of thousands|{'|'.join(w for w in NUMBER_WORDS if ' ' not in w)})"
    r"(?P<of>\s+of\s+(?:its|their|his|her|our)(?:\s+own)?)?"
    r"(?P<noun>(?:\s+(?!killed|injured|wounded|dead|lost|missing)[A-Za-z.’'-]+){1,4}?)"
    r"(?=\s+(?:killed|injured|wounded|dead|lost|missing|and|in|on|at|were|was|had|have|,|\.|;|versus|while)|[,.;]|$)",
    re.IGNORECASE)
COUNTED_NOUNS = re.compile(r"\b(?:soldiers?|troops?|personnel|service members?|fighters?|militants?|terrorists?|"
                           r"civilians?|people|persons|Afghans|Pakistanis|Americans|children|women|men|"
                           r"casualties|deaths|dead|refugees|protesters?|policemen|police|officers?|"
                           r"insurgents?|members?|posts?|district centers?|district centres?)\b", re.IGNORECASE)
OUTCOME = re.compile(r"\b(?P<outcome>killed|kill|killing|dead|deaths|died|lost|injured|wounded|casualties|"
                     r"captured|missing|displaced|deported|arrested)\b", re.IGNORECASE)
CLAIM_VERB = re.compile(r"\b(?:reported|reports|claimed|claiming|claims|said|says|alleged|alleging|alleges|"
                        r"acknowledged|confirmed|announced|estimated|countered|stated|told|put the toll at|"
                        r"according to)\b", re.IGNORECASE)
MILITARY = re.compile(r"\b(?:soldiers?|troops?|personnel|service members?|fighters?|militants?|terrorists?|"
                      r"insurgents?|policemen|police|officers?)\b", re.IGNORECASE)
CIVILIAN = re.compile(r"\b(?:civilians?|children|women|protesters?|refugees)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    """One number in a claim, with what it counts."""

    text: str
    low: float
    high: float | None  # None: open above ("at least", "more than")
    counted: str  # the noun counted, as written
    category: str  # military | civilian | people | other
    outcome: str | None  # killed | injured | …, when the sentence says
    side: str | None  # actor id of whose people they are, when the text says
    char_start: int
    char_end: int


@dataclass(frozen=True)
class Claim:
    """An attributed statement with figures: who claims it, the sentence, and the figures."""

    claimant: str
    claimant_side: str | None
    text: str
    char_start: int
    char_end: int
    figures: tuple[Figure, ...]


def extract_claims(sentences: tuple[Sentence, ...], config: Config) -> tuple[Claim, ...]:
    """Sentences that attribute figures to a claimant."""
    claims = []
    previous_claimant: tuple[str, str | None] | None = None
    for sentence in sentences:
        body = sentence.text
        verb = CLAIM_VERB.search(body)
        if not verb:
            previous_claimant = None
            continue
        claimant = _claimant(body, verb)
        if claimant is None and "reverse claim" not in body.lower():
            continue
        claimant = claimant or (previous_claimant[0] if previous_claimant else None)
        if claimant is None:
            continue
        side = _side(claimant, config)
        figures = tuple(_figures(body, sentence.span.start, side, config))
        previous_claimant = (claimant, side)
        if figures:
            claims.append(Claim(claimant, side, body, sentence.span.start, sentence.span.end, figures))
    return tuple(claims)


def _claimant(sentence: str, verb: re.Match[str]) -> str | None:
    if verb.group(0).lower() == "according to":
        match = re.match(r"\s*((?:the\s+)?[A-Z][\w’'.-]*(?:\s+(?:of\s+)?[A-Z][\w’'.-]*)*)", sentence[verb.end():])
        return match.group(1) if match else None
    subject = _subject_before(PARENTHETICAL.sub("", sentence[: verb.start()]))
    if subject and subject.lower() not in ("he", "she", "it", "they", "which", "who"):
        return re.sub(r"^(?:the|a|an)\s+", "", subject, flags=re.IGNORECASE)
    return None


def _side(phrase: str, config: Config) -> str | None:
    """The actor a phrase belongs to: the first one it names ("Afghan government spokesman …" → afghanistan)."""
    found = [(match.start(), actor.id) for actor in config.actors if (match := actor.pattern.search(phrase))]
    return min(found)[1] if found else None


def _figures(sentence: str, offset: int, claimant_side: str | None, config: Config) -> list[Figure]:
    figures = []
    for match in FIGURE.finditer(sentence):
        noun = re.sub(r"^(?:of|or more|or so)\s+", "", " ".join(match["noun"].split())).rstrip(".,;:")
        if not COUNTED_NOUNS.search(noun):
            continue
        value = _value(match["number"])
        if value is None or 1900 <= value <= 2100 and not match["qualifier"]:
            continue  # a year, not a count
        qualifier = (match["qualifier"] or "").strip().lower()
        low, high = value, value
        if qualifier in ("at least", "more than", "over"):
            high = None
        elif qualifier in ("nearly", "almost", "fewer than", "less than", "up to"):
            low, high = 0, value
        outcome = _outcome(sentence, match)
        side = _side(noun, config) or (claimant_side if match["of"] else None)
        category = "military" if MILITARY.search(noun) else "civilian" if CIVILIAN.search(noun) else "people" \
            if re.search(r"\b(?:people|persons|Afghans|Pakistanis|Americans|casualties|deaths|dead)\b", noun,
                         re.IGNORECASE) else "other"
        figures.append(Figure(" ".join(match.group(0).split()).rstrip(".,;:"), low, high, noun, category, outcome, side,
                              offset + match.start(), offset + match.end()))
    return figures


def _value(number: str) -> float | None:
    lowered = number.lower().replace("$", "")
    if lowered in NUMBER_WORDS:
        return float(NUMBER_WORDS[lowered])
    multiplier = 1
    for word, factor in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
        if lowered.endswith(word):
            multiplier = factor
            lowered = lowered[: -len(word)].strip()
    try:
        return float(lowered.replace(",", "")) * multiplier
    except ValueError:
        return None


def _outcome(sentence: str, match: re.Match[str]) -> str | None:
    """What happened to those counted: the outcome word right after the figure, or governing it just before."""
    after = OUTCOME.match(sentence, match.end()) or re.match(r"\s+(?:were\s+|had been\s+)?" + OUTCOME.pattern,
                                                              sentence[match.end():], re.IGNORECASE)
    if after:
        return _normal_outcome(after.group("outcome"))
    if casualty := re.search(r"\b(casualties|deaths|dead)\b", match["noun"], re.IGNORECASE):
        return _normal_outcome(casualty.group(1))
    before = list(OUTCOME.finditer(sentence[max(0, match.start() - 40):match.start()]))
    return _normal_outcome(before[-1].group("outcome")) if before else None


def _normal_outcome(word: str) -> str:
    word = word.lower()
    if word in ("killed", "kill", "killing", "dead", "deaths", "died", "lost"):
        return "killed"
    if word in ("injured", "wounded"):
        return "injured"
    return word
