"""Plain data passed between the pipeline stages.

Every stage takes and returns frozen dataclasses, so that a stage cannot change what an earlier
stage decided, and per-article results can be cached and computed in parallel. Every inference
carries the evidence it was drawn from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.claims import Claim


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
    # For an office holder with several terms: each (start, end or None); earliest/latest are their hull.
    terms: tuple[tuple[dt.date, dt.date | None], ...] = ()


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
class QuotedTerm:
    """A quoted string that is not a quotation: a scare quote or term, a title, or unattributed words."""

    text: str
    char_start: int
    char_end: int
    kind: str  # term | title | unattributed
    speaker: str | None = None


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
    # reported fact | attributed claim | quotation | evaluation | context, and the clues for it.
    role: str = "context"
    role_evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class EventMention:
    """A sentence of one article that reports an event on a known date."""

    date: dt.date
    precision: str  # day | month
    text: str
    char_start: int
    char_end: int
    actors: tuple[str, ...]
    chronology_id: str | None
    how_dated: str


@dataclass(frozen=True)
class ArticleAnalysis:
    """Everything the pure per-article analysis concluded about one cleaned article."""

    article_id: str
    publication_date: PublicationDate
    genre: Genre
    themes: tuple[ThemeMatch, ...]
    key_phrases: tuple[Phrase, ...]
    quotes: tuple[Quote, ...]
    terms: tuple[QuotedTerm, ...]
    sentences: tuple[Sentence, ...]
    events: tuple[EventMention, ...]
    claims: tuple["Claim", ...]
    # Loaded-language terms the source uses in its own voice (outside quotations), with counts.
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


# ---------------------------------------------------------------------------------------------
# The composed briefing: what templates and the JSON writer receive. Templates only present it.
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """One entry of the sources list; citations link to it by ``number``."""

    number: int
    article_id: str
    title: str
    author: str | None
    outlet: str | None
    url: str | None
    file: str
    published: str  # as displayed: "23 Jul 2021", "between 26 Aug and 1 Sep 2021", "Undated"
    date_method: str  # how the date was determined
    date_confidence: float
    date_conflict: str | None
    genre: str  # news | analysis | opinion
    genre_label: str  # the configured wording for the genre
    genre_evidence: str
    themes: tuple[str, ...]  # theme titles
    header_evidence: str = ""  # how title, author and outlet were found

    @property
    def anchor(self) -> str:
        return f"src-{self.number}"

    @property
    def is_opinion(self) -> bool:
        return self.genre == "opinion"


@dataclass(frozen=True)
class Excerpt:
    """A sentence quoted verbatim from a source, with its citation."""

    text: str
    source: Source
    article_id: str
    char_start: int
    char_end: int


@dataclass(frozen=True)
class QuoteEntry:
    """A direct quotation with its speaker and citation."""

    id: str
    text: str
    speaker: str
    speaker_role: str | None
    attribution: str
    source: Source
    themes: tuple[str, ...]
    period: str | None
    char_start: int
    char_end: int

    @property
    def display_text(self) -> str:
        """The verbatim words, with ellipses where the quotation starts or stops mid-sentence."""
        lead = "…" if self.text[:1].islower() else ""
        tail = "" if self.text.rstrip().endswith((".", "!", "?", "…")) else "…"
        return f"{lead}{self.text}{tail}"


@dataclass(frozen=True)
class PeriodBlock:
    """One period of a theme section."""

    id: str
    title: str
    article_count: int
    excerpts: tuple[Excerpt, ...]
    quotes: tuple[QuoteEntry, ...]
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class TimelineEntry:
    """One event, merged from every article that reports it."""

    id: str
    key: str  # stable across runs: the chronology event, or the first report's file hash and offset
    date: dt.date
    precision: str
    date_text: str
    summary: Excerpt  # the report chosen to describe it, verbatim and cited
    also_reported_by: tuple[Source, ...]
    actors: tuple[str, ...]  # actor names
    chronology_title: str | None
    how_dated: str

    @property
    def sources(self) -> tuple[Source, ...]:
        return (self.summary.source,) + self.also_reported_by


@dataclass(frozen=True)
class Perspective:
    """An opinion or analysis source, in a few of its own sentences."""

    source: Source
    sentences: tuple[Excerpt, ...]


@dataclass(frozen=True)
class FigureClaim:
    """One figure as one claimant gives it, with its citation."""

    value: str
    claimant: str
    source: Source
    article_id: str
    char_start: int
    char_end: int


@dataclass(frozen=True)
class ContestedFigure:
    """The same thing counted differently: what is counted, and each claim side by side."""

    what: str
    context: str
    claims: tuple[FigureClaim, ...]


@dataclass(frozen=True)
class AuditRow:
    """What one source brought, how evaluative it is, and what the briefing did with it."""

    source: Source
    sentences: int
    evaluative: int
    loaded_terms: tuple[tuple[str, int], ...]
    excerpts_used: int
    quotes_used: int
    left_out_as_loaded: int

    @property
    def evaluative_share(self) -> str:
        return f"{100 * self.evaluative / self.sentences:.0f}%" if self.sentences else "—"


@dataclass(frozen=True)
class SpeakerEntry:
    speaker: str
    role: str | None
    count: int
    themes: tuple[str, ...]
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Count:
    label: str
    value: int


@dataclass(frozen=True)
class Section:
    """One rendered section. ``template`` names the template; the other fields are its data."""

    id: str
    type: str
    title: str
    level: int = 1
    intro: tuple[str, ...] = ()
    key_phrases: tuple[str, ...] = ()
    periods: tuple[PeriodBlock, ...] = ()
    excerpts: tuple[Excerpt, ...] = ()
    quotes: tuple[QuoteEntry, ...] = ()
    events: tuple[TimelineEntry, ...] = ()
    perspectives: tuple[Perspective, ...] = ()
    figures: tuple[ContestedFigure, ...] = ()
    audit: tuple[AuditRow, ...] = ()
    speakers: tuple[SpeakerEntry, ...] = ()
    sources: tuple[Source, ...] = ()
    table_header: tuple[str, ...] = ()
    table_rows: tuple[tuple[str, ...], ...] = ()
    notes: tuple[str, ...] = ()
    skipped: tuple[SkippedFile, ...] = ()
    left_out: tuple[SkippedFile, ...] = ()
    counts: tuple[Count, ...] = ()
    contents: tuple["Section", ...] = ()

    @property
    def cited_article_ids(self) -> tuple[str, ...]:
        ids = [e.article_id for e in self.excerpts] + [q.source.article_id for q in self.quotes]
        for block in self.periods:
            ids += [e.article_id for e in block.excerpts] + [q.source.article_id for q in block.quotes]
        ids += [s.article_id for s in self.sources]
        ids += [s.article_id for event in self.events for s in event.sources]
        ids += [p.source.article_id for p in self.perspectives]
        ids += [claim.article_id for figure in self.figures for claim in figure.claims]
        ids += [row.source.article_id for row in self.audit]
        return tuple(dict.fromkeys(ids))

    @property
    def cited_event_ids(self) -> tuple[str, ...]:
        return tuple(event.id for event in self.events)

    @property
    def cited_quote_ids(self) -> tuple[str, ...]:
        ids = [q.id for q in self.quotes] + [q.id for block in self.periods for q in block.quotes]
        return tuple(dict.fromkeys(ids))


@dataclass(frozen=True)
class Briefing:
    """The whole briefing, ready to render as HTML, PDF and JSON."""

    title: str
    subtitle: str
    language: str
    page_size: str
    keywords: tuple[str, ...]
    coverage_from: dt.date
    coverage_to: dt.date
    generated_at: dt.datetime
    articles: tuple[Article, ...]
    skipped: tuple[SkippedFile, ...]
    sources: tuple[Source, ...]
    quotes: tuple[QuoteEntry, ...]
    events: tuple[TimelineEntry, ...]
    sections: tuple[Section, ...]
    tool_version: str
