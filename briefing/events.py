"""Dated events: sentences that report something happening on a known date, with the actors involved.

Per article (pure): a sentence becomes an event when it names a configured actor, an event verb,
and a date that can be pinned honestly: a reference-chronology event, an explicit date, a day and
month whose year the article's own date gives, or a weekday ("on Thursday") resolved against the
article's day-precise date. Future and deadline dates are not events.

Across articles (compose): reports of the same event are merged into one entry that cites all of
them: the same chronology event, or the same date with shared actors and shared words.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from briefing.config import Config
from briefing.dating import (
    ANNIVERSARY, BODY_DATE, DEADLINE_BEFORE, MONTHS, RELATIVE_REFERENCE, WEEKDAY_REFERENCE, WEEKDAYS, Anchors,
    _is_future, parse_date_text, resolve_relative,
)
from briefing.models import EventMention, PublicationDate, Sentence

EVENT_VERB = re.compile(
    r"\b(?:kill(?:ed|ing|s)?|attack(?:ed|s)?|struck|strikes?|airstrikes?|air strikes?|bomb(?:ed|ing|ings)?|blast|"
    r"explosion|signed|agreed|announced|launched|carried out|met|meeting|visit(?:ed|s)?|declared|clash(?:ed|es)|"
    r"fighting|seized|captured|withdr(?:ew|awn)|arrested|deported|reopened|closed|ceasefire|truce|talks|"
    r"condemned|imposed|approved|suspended|resumed|evacuat(?:ed|ion)|took (?:control|power)|fell|elected|"
    r"sworn|appointed|resigned|hijack(?:ed|ing)|recogni[sz]ed|expelled|handed over|released)\b",
    re.IGNORECASE)
WORD = re.compile(r"[A-Za-z][a-z'’-]{3,}")
STOP = frozenset("""that this with from have were said says their there which would about after before into over
also been they them than when where while what will these those more most some such only other being
against between during under until since""".split())


def extract_events(sentences: tuple[Sentence, ...], text: str, published: PublicationDate, anchors: Anchors,
                   config: Config) -> tuple[EventMention, ...]:
    """Every sentence of the article that reports a dated event, with its date, precision and actors."""
    reference = published.value if published.precision == "day" or (
        published.precision == "window" and published.earliest and published.latest
        and (published.latest - published.earliest).days <= 7) else None
    events = []
    for sentence in sentences:
        body = sentence.text
        actors = tuple(actor.id for actor in config.actors if actor.pattern.search(body))
        if config.actors and not actors:
            continue
        if not EVENT_VERB.search(body):
            continue
        dated = _date_of(body, reference, anchors)
        if dated is None:
            continue
        date, precision, chronology_id, how = dated
        events.append(EventMention(date, precision, body, sentence.span.start, sentence.span.end, actors,
                                   chronology_id, how))
    return tuple(events)


def _date_of(sentence: str, reference: dt.date | None, anchors: Anchors,
             ) -> tuple[dt.date, str, str | None, str] | None:
    """The most specific honest date a sentence gives its event, or None."""
    for event, pattern in anchors.chronology:
        match = pattern.search(sentence)
        if match and not event.lasting and not _is_future(sentence, match.start(), match.end()):
            return event.date, "day", event.id, f"reference event: {event.title}"
    best: tuple[dt.date, str, None, str] | None = None
    for match in BODY_DATE.finditer(sentence):
        kind = match.lastgroup
        if kind == "year" or _is_future(sentence, match.start()) or DEADLINE_BEFORE.search(sentence[:match.start()]):
            continue
        if ANNIVERSARY.search(sentence[max(0, match.start() - 30):match.start()]):
            continue
        if kind in ("dm", "md"):
            if reference is None:
                continue
            parsed = parse_date_text(match.group(0), reference, direction="past")
        else:
            parsed = parse_date_text(match.group(0))
        if parsed is None:
            continue
        date, precision = parsed
        candidate = (date, precision, None, f"date in the text: “{match.group(0)}”")
        if best is None or (precision == "day" and best[1] != "day"):
            best = candidate
    if best:
        return best
    if reference is not None:
        for match in RELATIVE_REFERENCE.finditer(sentence):  # "Last October, Pakistan carried out air strikes"
            if match["unit"].lower() in MONTHS and (resolved := resolve_relative(match, reference)):
                return resolved[0], "month", None, f"“{match.group(0)}” counted back from the article's date"
        for match in WEEKDAY_REFERENCE.finditer(sentence):
            qualifier = (match["qualifier"] or "").lower()
            if qualifier in ("next", "by next", "since", "until") or _is_future(sentence, match.start()):
                continue
            date = _previous_weekday(reference, WEEKDAYS.index(match["weekday"].lower()),
                                     strictly_before=qualifier == "last")
            return date, "day", None, f"“{match.group(0).strip()}” counted back from the article's date"
    return None


def _previous_weekday(reference: dt.date, weekday: int, strictly_before: bool) -> dt.date:
    """The latest given weekday on or before ``reference`` (before it, for "last Friday")."""
    days_back = (reference.weekday() - weekday) % 7
    if days_back == 0 and strictly_before:
        days_back = 7
    return reference - relativedelta(days=days_back)


@dataclass
class MergedEvent:
    """Reports of one event from one or more articles (built by the composer)."""

    date: dt.date
    precision: str
    chronology_id: str | None
    actors: set[str]
    words: set[str]
    mentions: list[tuple[str, EventMention]]  # (article id, mention)


def merge_events(mentions: list[tuple[str, EventMention]]) -> list[MergedEvent]:
    """Group reports of the same event: the same chronology event, or same date, actor and words."""
    merged: list[MergedEvent] = []
    for article_id, mention in sorted(mentions, key=lambda m: (m[1].date, m[0], m[1].char_start)):
        words = content_words(mention.text)
        target = next((event for event in merged if _same_event(event, mention, words)), None)
        if target is None:
            merged.append(MergedEvent(mention.date, mention.precision, mention.chronology_id, set(mention.actors),
                                      words, [(article_id, mention)]))
            continue
        if all(a != article_id for a, _ in target.mentions):
            target.mentions.append((article_id, mention))
        target.actors |= set(mention.actors)
        target.words |= words
    return merged


def _same_event(event: MergedEvent, mention: EventMention, words: set[str]) -> bool:
    if event.chronology_id or mention.chronology_id:
        return event.chronology_id == mention.chronology_id
    if event.precision != mention.precision or event.date != mention.date:
        return False
    shared_actors = event.actors & set(mention.actors) if event.actors and mention.actors else {"any"}
    overlap = len(event.words & words) / max(1, min(len(event.words), len(words)))
    return bool(shared_actors) and overlap >= 0.3


def content_words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text) if w.lower() not in STOP}
