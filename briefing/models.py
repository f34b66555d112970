"""Plain data passed between the pipeline stages.

Every stage takes and returns frozen dataclasses, so that a stage cannot change what an earlier
stage decided, and per-article results can be cached and computed in parallel. Every inference
carries the evidence it was drawn from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Evidence:
    """Why the pipeline believes something: the kind of clue and the words it came from."""

    kind: str
    text: str
    note: str = ""


@dataclass(frozen=True)
class Removal:
    """A piece of text the cleaner removed, and why."""

    text: str
    reason: str


@dataclass(frozen=True)
class SkippedFile:
    """An input file that could not be used at all."""

    file: str
    reason: str
    sha256: str | None = None


@dataclass(frozen=True)
class Document:
    """One article as read from disk: its header fields (declared or inferred) and its body."""

    id: str
    file: str
    sha256: str
    encoding: str
    title: str
    title_evidence: Evidence
    author: str | None
    author_evidence: Evidence | None
    outlet: str | None
    outlet_evidence: Evidence | None
    url: str | None
    # Dates found in the header: declared (front matter) or a dateline / page date line.
    header_dates: tuple[HeaderDate, ...]
    # Genre stated by front matter, if any; inference never overrides it.
    declared_genre: str | None
    body: str
    # Header lines taken out of the body (headline, byline, dateline...), kept for the record.
    header_removed: tuple[Removal, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class HeaderDate:
    """A date line found in the article's header, with what kind of line it was."""

    text: str
    # "declared" (front matter / Date: line), "dateline" (byline or dateline under the headline),
    # "page_date" (a site or page date above the headline: often a republication date).
    kind: str


@dataclass(frozen=True)
class Span:
    """A half-open character range into a cleaned text."""

    start: int
    end: int


@dataclass(frozen=True)
class CleanDocument:
    """An article after boilerplate removal: the text every later stage reads."""

    document: Document
    text: str
    # Paragraph spans into ``text``; headings are paragraphs flagged as such.
    paragraphs: tuple[Span, ...]
    headings: frozenset[int]
    removed: tuple[Removal, ...]


@dataclass(frozen=True)
class DateEvidence:
    """One clue to the publication date."""

    text: str
    kind: str
    date: dt.date | None
    precision: str  # day | month | year | window
    note: str = ""
    earliest: dt.date | None = None
    latest: dt.date | None = None


@dataclass(frozen=True)
class PublicationDate:
    """The decided publication date, how sure we are, and everything that went into it."""

    value: dt.date | None
    precision: str  # day | month | year | undated
    confidence: float
    method: str  # one-line human explanation, shown in the sources list
    evidence: tuple[DateEvidence, ...]
    earliest: dt.date | None = None
    latest: dt.date | None = None
    conflict: str | None = None


@dataclass(frozen=True)
class Genre:
    label: str  # news | analysis | opinion
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class ThemeMatch:
    theme_id: str
    hits: int
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Phrase:
    text: str
    score: float  # YAKE score: lower is better


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str | None
    speaker_role: str | None
    char_start: int
    char_end: int
    attribution: Evidence | None
    themes: tuple[str, ...]


@dataclass(frozen=True)
class Sentence:
    """A sentence of the cleaned text with what the excerpt picker needs to know about it."""

    span: Span
    text: str
    themes: tuple[str, ...]
    # Information value: numbers, dates, named actors, reporting verbs.
    information: float
    # Why the sentence may not appear in the briefing's own sections (empty when it may).
    excluded_because: tuple[str, ...]


@dataclass(frozen=True)
class ArticleAnalysis:
    """Everything the pure per-article analysis concluded about one cleaned article."""

    article_id: str
    publication_date: PublicationDate
    genre: Genre
    themes: tuple[ThemeMatch, ...]
    key_phrases: tuple[Phrase, ...]
    quotes: tuple[Quote, ...]
    sentences: tuple[Sentence, ...]
    loaded_terms: tuple[tuple[str, int], ...] = field(default=())


@dataclass(frozen=True)
class Article:
    """A document, its cleaned text and its analysis: the unit the composer works with."""

    clean: CleanDocument
    analysis: ArticleAnalysis
    period: str | None
    included: bool
    excluded_reason: str | None = None

    @property
    def id(self) -> str:
        return self.clean.document.id

    @property
    def document(self) -> Document:
        return self.clean.document
