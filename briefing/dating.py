"""Publication dates decided from all the evidence, never invented.

Candidates are found with strict patterns and each is parsed on its own (dateutil's fuzzy parsing
invents dates from free text). Header dates are checked against what the content says: office
holders named in the present, reference events, explicit dates and their tense. A page date that
the content contradicts is disregarded, and the conflict is recorded.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from dateutil import parser as date_parser
from dateutil.relativedelta import relativedelta

from briefing.config import ChronologyEvent, Config, OfficeHolder, load_data
from briefing.models import CleanDocument, DateEvidence, HeaderDate, PublicationDate
from briefing.text import shorten, split_sentences

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19[89]\d|20[0-4]\d)"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Dates in running text, most specific first. Each is parsed alone, never fuzzily.
BODY_DATE = re.compile(
    rf"(?P<dmy>\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b)"
    rf"|(?P<mdy>\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b)"
    rf"|(?P<iso>\b{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b)"
    rf"|(?P<my>\b{_MONTH}\s+{_YEAR}\b)"
    rf"|(?P<dm>\b{_DAY}\s+{_MONTH}(?![\w-]))"
    rf"|(?P<md>\b{_MONTH}\s+{_DAY}(?![\d,]*\s*(?:%|percent|per cent))(?![\w-]))"
    rf"|(?P<year>\b(?:in|by|since|until|from|during|throughout|since at least)\s+(?:early\s+|late\s+|mid-)?{_YEAR}\b(?![-–]\d))",
    re.IGNORECASE)
# Words before a year that make it part of a name, not a date: "Mines and Minerals Act 2025".
NAME_BEFORE_YEAR = re.compile(r"\b(?:Act|Ordinance|Bill|Vision|Agenda|Plan|Law|Budget|Strategy|Policy|Cup|Games|"
                              r"Expo|Summit|Rules|Regulations|Amendment|Census|COP)\s*$", re.IGNORECASE)
FUTURE = re.compile(r"\b(?:scheduled|will|shall|would|next|upcoming|due to|is to|are to|expected to|plans? to|set to|"
                    r"to be held|to be completed|slated)\b", re.IGNORECASE)
# "by May 1", "until September 11", "deadline of March 31": a deadline bounds nothing about when it was written.
DEADLINE_BEFORE = re.compile(r"\b(?:by|until|till|before|deadline(?: of)?|no later than)\s+(?:the\s+)?$", re.IGNORECASE)
WEEKDAY_REFERENCE = re.compile(
    r"\b(?P<qualifier>on|late|early|last|next|this|by next|since|until)?\s*"
    r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?P<possessive>[’']s)?\b")
RELATIVE_REFERENCE = re.compile(
    rf"\b(?P<which>last|next|this|earlier this|later this)\s+(?P<unit>week|weekend|month|year|{'|'.join(MONTHS)})\b",
    re.IGNORECASE)
FORMER = re.compile(r"(?:\b(?:former|ex|then|late|erstwhile|outgoing|previous)[\s-]+)$", re.IGNORECASE)

# "This article was originally published on …": a note about an earlier edition dates that edition only.
EARLIER_PUBLICATION = re.compile(r"\b(?:originally|first|abridged|earlier)\b", re.IGNORECASE)
ANNIVERSARY = re.compile(r"\b(?:anniversary|since|observed|annually|marks?|marking|commemorat\w*|ago|Day)\b")
CONFLICT_MARGIN = dt.timedelta(days=31)
# A content window wider than this gives no usable date: the article stays undated, its window recorded.
MAX_WINDOW_DAYS = 62


@dataclass(frozen=True)
class OfficeAnchor:
    """One name with one set of titles, and every term its holder served under them."""

    name: str
    terms: tuple[tuple[dt.date, dt.date | None], ...]
    pattern: re.Pattern[str]

    def describe(self) -> str:
        spans = [f"from {start:%d %b %Y} to {end:%d %b %Y}" if end else f"from {start:%d %b %Y} (still in office)"
                 for start, end in self.terms]
        return f"{self.name} held this office " + " and ".join(spans)


@dataclass(frozen=True)
class Anchors:
    office_holders: tuple[OfficeAnchor, ...]
    chronology: tuple[tuple[ChronologyEvent, re.Pattern[str]], ...]


def anchors_for(config: Config) -> Anchors:
    return _anchors(config.dating.model_dump_json())


@lru_cache(maxsize=4)
def _anchors(dating_json: str) -> Anchors:
    from briefing.config import Dating

    dating = Dating.model_validate_json(dating_json)
    holders = list(dating.office_holders)
    events = list(dating.chronology)
    if dating.use_default_anchors:
        defaults = load_data("anchors.yaml")
        holders = [OfficeHolder.model_validate(h) for h in defaults["office_holders"]] + holders
        events = [ChronologyEvent.model_validate(e) for e in defaults["chronology"]] + events
    grouped: dict[tuple[str, tuple[str, ...]], list[OfficeHolder]] = {}
    for holder in holders:
        grouped.setdefault((holder.name, tuple(sorted(holder.titles))), []).append(holder)
    holder_patterns = []
    for (full_name, title_list), terms in grouped.items():
        titles = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in sorted(title_list, key=len, reverse=True))
        names = [full_name, full_name.split()[-1]] if len(full_name.split()) > 1 else [full_name]
        name = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
        # Title, up to two honorifics or given names, then the holder's (last) name.
        pattern = re.compile(rf"\b(?:{titles})\s+(?:[A-Z][\w.-]+\s+){{0,2}}?(?:{name})\b")
        holder_patterns.append(OfficeAnchor(full_name, tuple(sorted((t.from_, t.to) for t in terms)), pattern))
    event_patterns = [(event, re.compile("|".join(f"(?:{p})" for p in event.patterns), re.IGNORECASE))
                      for event in events]
    return Anchors(tuple(holder_patterns), tuple(event_patterns))


def parse_date_text(text: str, reference: dt.date | None = None, direction: str = "past",
                    ) -> tuple[dt.date, str] | None:
    """Parse one date expression found by a strict pattern; (date, precision) or None.

    A day and month without a year take the year that puts them nearest the reference date, on its
    past side (or its future side when ``direction`` is "future"), a few days' slack either way.
    """
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip().rstrip("."), flags=re.IGNORECASE)
    cleaned = re.sub(r"^(?:in|by|since at least|since|until|from|during|throughout)\s+(?:early\s+|late\s+|mid-)?", "",
                     cleaned, flags=re.IGNORECASE)
    if iso := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.+Z-]*)?", cleaned):
        try:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3])), "day"
        except ValueError:
            return None
    has_year = re.search(r"\b(19|20)\d\d\b", cleaned) is not None
    has_day = re.search(r"(?<![\d-])\d{1,2}(?![\d-])", re.sub(r"\b(19|20)\d\d\b", "", cleaned)) is not None
    has_month = re.search(_MONTH, cleaned, re.IGNORECASE) is not None or re.match(r"\d{4}-\d\d-\d\d", cleaned)
    if not has_year and reference is None:
        return None
    default = dt.datetime(reference.year if reference else 2000, 1, 1)
    try:
        parsed = date_parser.parse(cleaned, default=default, fuzzy=False).date()
    except (ValueError, OverflowError):
        return None
    if has_year and has_month and has_day:
        return parsed, "day"
    if has_year and has_month:
        return parsed.replace(day=1), "month"
    if has_year:
        return dt.date(parsed.year, 1, 1), "year"
    # No year: choose the year that puts the date nearest the reference.
    assert reference is not None
    options = [parsed.replace(year=y) for y in (reference.year - 1, reference.year, reference.year + 1)
               if _valid(parsed, y)]
    slack = dt.timedelta(days=3)
    if direction == "future":
        ahead = [d for d in options if d >= reference - slack]
        best = min(ahead) if ahead else max(options)
    else:
        behind = [d for d in options if d <= reference + slack]
        best = max(behind) if behind else min(options)
    return best, "day" if has_day else "month"


def _valid(date: dt.date, year: int) -> bool:
    try:
        date.replace(year=year)
        return True
    except ValueError:
        return False


def _period_end(date: dt.date, precision: str) -> dt.date:
    if precision == "month":
        return date + relativedelta(months=1, days=-1)
    if precision == "year":
        return dt.date(date.year, 12, 31)
    return date


@dataclass(frozen=True)
class ContentBounds:
    """What the body says about when it was written."""

    earliest: dt.date | None
    latest: dt.date | None
    evidence: tuple[DateEvidence, ...]
    weekday_window: bool


def content_evidence(clean: CleanDocument, anchors: Anchors, reference: dt.date | None,
                     strong_reference: bool = True) -> ContentBounds:
    """Collect date evidence from the body: office holders, events, explicit dates (with tense).

    Days and months without a year ("on Sept. 12") are placed only against a ``strong_reference``:
    a header date, or a reference event or full date from the text, not an office holder's term.
    """
    text = clean.text
    evidence: list[DateEvidence] = []
    sentences = split_sentences(text, clean.paragraphs)

    for holder in anchors.office_holders:
        for match in holder.pattern.finditer(text):
            if FORMER.search(text[max(0, match.start() - 12):match.start()]):
                continue
            ends = [end for _, end in holder.terms]
            evidence.append(DateEvidence(
                match.group(0), "office_holder", None, "window", holder.describe(),
                earliest=holder.terms[0][0], latest=None if None in ends else max(ends), terms=holder.terms))
            break

    event_sentences: dict[dt.date, list[str]] = {}
    for event, pattern in anchors.chronology:
        for span in sentences:
            sentence = text[span.start:span.end]
            match = pattern.search(sentence)
            if not match:
                continue
            future = _is_future(sentence, match.start(), match.end())  # "the next round … in Istanbul"
            if not future and not event.lasting:
                event_sentences.setdefault(event.date, []).append(sentence)
            evidence.append(DateEvidence(
                _context(sentence, match), "event", event.date, "day",
                f"refers to {event.title} ({event.date:%d %b %Y})" + (" as upcoming" if future else ""),
                earliest=None if future else event.date, latest=event.date if future else None))
            break

    for span in sentences:
        sentence = text[span.start:span.end]
        for match in BODY_DATE.finditer(sentence):
            future = _is_future(sentence, match.start())
            kind = match.lastgroup
            if kind == "year" and NAME_BEFORE_YEAR.search(sentence[:match.start("year")]):
                continue
            if kind in ("my", "dmy", "mdy", "iso") and NAME_BEFORE_YEAR.search(sentence[:match.start()]):
                continue
            if kind in ("dm", "md") and (reference is None or not strong_reference):
                continue  # a day and month without a year needs a trustworthy reference date to mean anything
            if DEADLINE_BEFORE.search(sentence[:match.start()]):
                continue
            parsed = parse_date_text(match.group(0), reference if kind in ("dm", "md") else None,
                                     direction="future" if future else "past")
            if parsed is None:
                continue
            date, precision = parsed
            end = _period_end(date, precision)
            evidence.append(DateEvidence(
                _context(sentence, match), "body_date", date, precision,
                ("upcoming: " if future else "") + f"date in the text ({_describe(date, precision)})"
                + (" with the year inferred" if kind in ("dm", "md") else ""),
                earliest=None if future else date, latest=end if future else None))

    weekday_window = False
    if event_sentences:
        # "On Thursday, outside the Kabul airport…": a sentence that names the latest event by its
        # weekday was written within the week after it.
        latest_event = max(event_sentences)
        weekday = WEEKDAYS[latest_event.weekday()]
        for sentence in event_sentences[latest_event]:
            reference = next((m for m in WEEKDAY_REFERENCE.finditer(sentence) if m["weekday"].lower() == weekday
                              and (m["qualifier"] or "").lower() not in ("last", "next", "by next", "since", "until")),
                             None)
            if reference:
                weekday_window = True
                evidence.append(DateEvidence(
                    _context(sentence, reference), "weekday", latest_event, "window",
                    f"the text calls the event of {latest_event:%d %b %Y} by its weekday, so it was written "
                    "within the following week",
                    earliest=latest_event, latest=latest_event + dt.timedelta(days=6)))
                break

    lowers = [e.earliest for e in evidence if e.earliest]
    uppers = [e.latest for e in evidence if e.latest]
    return ContentBounds(max(lowers) if lowers else None, min(uppers) if uppers else None, tuple(evidence),
                         weekday_window)


FUTURE_REACH = 40


def resolve_relative(match: re.Match[str], reference: dt.date) -> tuple[dt.date, str] | None:
    """Resolve "last October", "last month", "last weekend", "this week"… against ``reference``.

    Returns the start of the period meant and its precision (day, week, month or year), or None for
    references to the future ("next week"), which date nothing that has happened.
    """
    which, unit = match["which"].lower(), match["unit"].lower()
    if which == "next" or which == "later this":
        return None
    if unit in MONTHS:
        month = MONTHS.index(unit) + 1
        year = reference.year if which != "last" or month < reference.month else reference.year - 1
        if which in ("this", "earlier this") and month > reference.month:
            return None
        return dt.date(year, month, 1), "month"
    if unit == "weekend":
        saturday = reference - relativedelta(days=(reference.weekday() - 5) % 7 or 7)
        return saturday, "day"
    if unit == "week":
        monday = reference - relativedelta(days=reference.weekday())
        return (monday - relativedelta(weeks=1) if which == "last" else monday), "week"
    if unit == "month":
        first = reference.replace(day=1)
        return (first - relativedelta(months=1) if which == "last" else first), "month"
    if unit == "year":
        return dt.date(reference.year - (1 if which == "last" else 0), 1, 1), "year"
    return None


def _relative_evidence(text: str, reference: dt.date, limit: int = 8) -> list[DateEvidence]:
    """Relative references resolved against the decided date, kept so that a reader can check them."""
    found = []
    for match in RELATIVE_REFERENCE.finditer(text):
        resolved = resolve_relative(match, reference)
        if resolved is None:
            continue
        date, precision = resolved
        shown = {"day": f"{date:%d %b %Y}", "week": f"the week of {date:%d %b %Y}", "month": f"{date:%B %Y}",
                 "year": f"{date:%Y}"}[precision]
        found.append(DateEvidence(match.group(0), "relative", date, precision,
                                  f"“{match.group(0)}” → {shown}, counted from the decided date"))
        if len(found) >= limit:
            break
    return found


def _is_future(sentence: str, position: int, end: int | None = None) -> bool:
    """Whether the words just before ``position`` (in its clause) speak of something still to come.

    Only the few words before the date or event count: "is scheduled for 25 October", "which would
    be signed on February 29"; a "would" at the other end of a long sentence says nothing about it.
    """
    start = max([sentence.rfind(mark, 0, position) for mark in (",", ";", "—", " – ", ":")] +
                [position - FUTURE_REACH])
    return bool(FUTURE.search(sentence[max(0, start + 1):end or position]))


def _context(sentence: str, match: re.Match[str], width: int = 60) -> str:
    start = max(0, match.start() - width)
    end = min(len(sentence), match.end() + width)
    return ("…" if start else "") + sentence[start:end].strip() + ("…" if end < len(sentence) else "")


def _describe(date: dt.date, precision: str) -> str:
    return {"day": f"{date:%d %b %Y}", "month": f"{date:%B %Y}", "year": f"{date:%Y}"}.get(precision, date.isoformat())


def _header_candidates(clean: CleanDocument) -> tuple[list[DateEvidence], list[HeaderDate]]:
    """Header dates that parse on their own, and datelines that lack a year ("Feb 23")."""
    candidates = []
    yearless = []
    declared_year = None
    for header in clean.document.header_dates:
        parsed = parse_date_text(header.text, declared_year)
        if parsed is None:
            if parse_date_text(header.text, LEAP_YEAR) is not None:
                yearless.append(header)
            continue
        date, precision = parsed
        if header.kind == "declared":
            declared_year = date
        candidates.append(DateEvidence(header.text, header.kind, date, precision, _HEADER_NOTES[header.kind]))
    for removal in clean.removed:
        if removal.reason == "publication note" and not EARLIER_PUBLICATION.search(removal.text):
            match = BODY_DATE.search(removal.text)
            parsed = parse_date_text(match.group(0)) if match else None
            if parsed:
                candidates.append(DateEvidence(removal.text, "publication_line", parsed[0], parsed[1],
                                               "publication note at the end of the article"))
    return candidates, yearless


LEAP_YEAR = dt.date(2000, 1, 1)  # a reference for parsing a day and month alone: 29 February must parse


def _resolve_yearless(header: HeaderDate, bounds: ContentBounds, text: str, horizon: dt.date,
                      ) -> tuple[DateEvidence, float] | None:
    """Give a dateline without a year ("Feb 23") the year the content allows, if it allows one.

    1. The text itself gives the same day and month with a year: "(April 23, 2021)".
    2. Otherwise candidate years run from the latest past clue to the earliest upper bound (or the
       ``horizon``: the end of the briefing's coverage), inside the term of every office holder named; a weekday the text
       names ("on Sunday said") must match the dateline, or else the day before it.
    Without a lower bound, or with several years still possible, the year is not guessed.
    """
    month_day, _ = parse_date_text(header.text, LEAP_YEAR)
    latest_year = max((c.date.year for c in bounds.evidence if c.kind == "body_date" and c.date), default=None)
    for clue in bounds.evidence:
        # Anniversaries repeat a day with an older year ("actions of August 5, 2019"): only the most
        # recent year the text mentions, outside a commemoration, can be the dateline's.
        if clue.kind == "body_date" and clue.precision == "day" and clue.date and \
                (clue.date.month, clue.date.day) == (month_day.month, month_day.day) and \
                clue.date.year == latest_year and not ANNIVERSARY.search(clue.text):
            return DateEvidence(header.text, "dateline", clue.date, "day",
                                f"dateline without a year; the text gives the same day with its year "
                                f"(“{shorten(clue.text, 70)}”)"), 0.9
    if bounds.earliest is None:
        return None
    last_year = bounds.latest.year if bounds.latest else horizon.year
    slack = dt.timedelta(days=2)
    terms = [c.terms for c in bounds.evidence if c.terms]
    candidates = [month_day.replace(year=year) for year in range(bounds.earliest.year, last_year + 1)
                  if _valid(month_day, year)]
    candidates = [d for d in candidates if d >= bounds.earliest - slack
                  and (bounds.latest is None or d <= bounds.latest + slack)
                  and all(any(start - slack <= d and (end is None or d <= end + slack) for start, end in t)
                          for t in terms)]
    if not candidates:
        return None
    named = {m["weekday"].lower() for m in WEEKDAY_REFERENCE.finditer(text)
             if (m["qualifier"] or "on").lower() in ("on", "this", "late", "early")}
    # Agencies date a report on the day of the event or the day after ("on Friday said", dated Saturday).
    fitting = [d for d in candidates if WEEKDAYS[d.weekday()] in named or WEEKDAYS[(d.weekday() - 1) % 7] in named]
    if len(candidates) == 1:
        chosen, confidence, why = candidates[0], 0.8, "the only year the content allows"
    elif len(fitting) == 1:
        chosen, confidence, why = fitting[0], 0.7, ("the only possible year in which the weekday the text names "
                                                    "is that day or the day before")
    else:
        return None
    note = f"dateline without a year; {chosen.year} is {why}"
    return DateEvidence(header.text, "dateline", chosen, "day", note), confidence


_HEADER_NOTES = {
    "declared": "stated in the file's metadata",
    "dateline": "dateline under the headline",
    "page_date": "date line above the headline (a site's page date; may be a republication date)",
}
_HEADER_LABELS = {"declared": "stated date", "dateline": "dateline", "page_date": "page date",
                  "publication_line": "publication note"}
_HEADER_CONFIDENCE = {"declared": 0.95, "dateline": 0.85, "publication_line": 0.85, "page_date": 0.6}
_ORDER = {"declared": 0, "dateline": 1, "publication_line": 2, "page_date": 3}


def decide_publication_date(clean: CleanDocument, anchors: Anchors, horizon: dt.date = dt.date(2100, 1, 1),
                            ) -> PublicationDate:
    """Weigh header dates against the content and return the decided date with all the evidence.

    Relative references ("last October", "last weekend") are then resolved against the decision and
    added to the evidence; they never decide the date themselves.
    """
    decided = _decide(clean, anchors, horizon)
    if decided.value is None or decided.precision not in ("day", "window"):
        return decided
    relative = _relative_evidence(clean.text, decided.value)
    return replace(decided, evidence=decided.evidence + tuple(relative)) if relative else decided


def _decide(clean: CleanDocument, anchors: Anchors, horizon: dt.date) -> PublicationDate:
    headers, yearless = _header_candidates(clean)
    headers.sort(key=lambda e: _ORDER[e.kind])
    reference = headers[0].date if headers else None
    bounds = content_evidence(clean, anchors, reference)
    if reference is None and (bounds.earliest or bounds.latest):
        # Years of day-and-month mentions are inferred from what the other evidence suggests, when
        # that evidence is an event or a full date rather than an office holder's term.
        anchor = bounds.earliest or bounds.latest
        strong = any(e.kind in ("event", "body_date") and e.precision == "day" and anchor in (e.earliest, e.latest)
                     for e in bounds.evidence)
        bounds = content_evidence(clean, anchors, anchor, strong_reference=strong)
    evidence = tuple(headers) + bounds.evidence

    conflicts: list[str] = []
    for header in headers:
        if header.kind == "declared":
            return PublicationDate(header.date, header.precision, _HEADER_CONFIDENCE["declared"],
                                   "stated in the file's metadata", evidence, header.date, header.date)
        contradicting = _contradictions(header.date, bounds)
        if len(contradicting) >= 2 or (contradicting and header.kind == "page_date"):
            conflicts.append(f"{_HEADER_LABELS[header.kind]} {header.date:%d %b %Y} disregarded, the content "
                             "contradicts it: " + "; ".join(contradicting[:3]))
            continue
        supported = bounds.earliest is not None or bounds.latest is not None
        confidence = _HEADER_CONFIDENCE[header.kind] + (0.05 if supported and not contradicting else 0)
        method = {"dateline": "dateline", "publication_line": "publication note",
                  "page_date": "page date"}[header.kind]
        if supported and not contradicting:
            method += ", consistent with the content"
        elif contradicting:
            method += f" (one clue disagrees: {contradicting[0]})"
        return PublicationDate(header.date, header.precision, round(min(confidence, 0.95), 2), method, evidence,
                               header.date, header.date, conflict=None)

    conflict = " ".join(conflicts) or None
    for header in yearless:
        resolved = _resolve_yearless(header, bounds, clean.text, horizon)
        if resolved:
            clue, confidence = resolved
            return PublicationDate(clue.date, "day", confidence, f"dateline “{header.text}”, {clue.note.split('; ', 1)[1]}",
                                   (clue,) + evidence, clue.date, clue.date, conflict)
    earliest, latest = bounds.earliest, bounds.latest
    if earliest and latest and earliest <= latest:
        width = (latest - earliest).days
        if width <= MAX_WINDOW_DAYS:
            confidence = 0.6 if width <= 7 else 0.45 if width <= 31 else 0.3
            method = "inferred from the content: " + _decisive_clues(bounds)
            return PublicationDate(earliest, "window", confidence, method, evidence, earliest, latest, conflict)
    method = "undated: no trustworthy date in the header or the content"
    if earliest or latest:
        method += (f" (the content suggests no earlier than {earliest:%d %b %Y}" if earliest else " (the content suggests")
        method += (f" and no later than {latest:%d %b %Y})" if latest else ")")
    return PublicationDate(None, "undated", 0.0, method, evidence, earliest, latest, conflict)


def _contradictions(date: dt.date, bounds: ContentBounds) -> list[str]:
    """Content clues that place the text well before, or after, a header date."""
    found = []
    for clue in bounds.evidence:
        if clue.terms and not any(start - CONFLICT_MARGIN <= date and (end is None or date <= end + CONFLICT_MARGIN)
                                  for start, end in clue.terms):
            found.append(f"{clue.note} (“{shorten(clue.text, 70)}”)")
        elif clue.latest and clue.latest + CONFLICT_MARGIN < date:
            found.append(f"{clue.note} (“{shorten(clue.text, 70)}”)")
        elif clue.earliest and clue.kind in ("event", "body_date") and clue.earliest > date + CONFLICT_MARGIN:
            found.append(f"refers to a later date: {clue.note} (“{shorten(clue.text, 70)}”)")
    return found


def _decisive_clues(bounds: ContentBounds) -> str:
    """The clues that set the window's two ends, in words."""
    lower = next((e for e in bounds.evidence if e.earliest == bounds.earliest and e.kind != "weekday"), None)
    upper = next((e for e in bounds.evidence if e.latest == bounds.latest), None)
    parts = []
    if lower:
        parts.append(f"after: {lower.note}")
    if upper:
        parts.append(f"before: {upper.note}")
    return "; ".join(parts) or "content clues"


