"""Stage 4: compose the configured sections from the analysed articles into one Briefing.

All counting, ranking and choosing happens here, so that templates only present. The briefing's
own sentences are fixed wordings filled with computed values; everything else is a source's words,
in quotation marks, with a citation.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cached_property

from briefing import __version__
from briefing.config import (
    AuditSection, Config, ContentsSection, ContestedFiguresSection, CoverSection, ExecutiveSummarySection,
    MethodSection, NewSinceSection, PerspectivesSection, QuotesSection, SourcesSection, ThemesSection,
    TimelineSection,
)
from briefing.history import History
from briefing.windows import Window
from briefing.events import merge_events
from briefing.models import (
    Article, AuditRow, Briefing, ContestedFigure, Count, Excerpt, FigureClaim, PeriodBlock, Perspective, Phrase,
    PublicationDate, QuoteEntry, Section, SkippedFile, Source, SpeakerEntry, TimelineEntry,
)
from briefing.periods import Period
from briefing.phrases import deduplicate

MAIN_CONTESTED_FIGURES = 3
EXCERPT_ROLES = ("reported fact", "attributed claim")  # never evaluation: that is the writer's voice
GENRE_WEIGHT = {"news": 1.0, "analysis": 0.4, "opinion": 0.0}
MAX_EXCERPTS_PER_ARTICLE_IN_BLOCK = 2


def compose(config: Config, articles: list[Article], skipped: list[SkippedFile], periods: tuple[Period, ...],
            generated_at: dt.datetime, window: Window | None = None, history: History | None = None) -> Briefing:
    """Build every enabled section, in the configured order, from the analysed articles.

    ``window`` narrows the configured coverage (a weekly run); ``history`` is what earlier runs of the
    same configuration saw, for the "new since the last briefing" section.
    """
    composer = _Composer(config, articles, skipped, periods, generated_at, window, history)
    return composer.briefing()


def format_date(date: PublicationDate, undated_label: str) -> str:
    """How a decided date is shown: exact, a window, or undated."""
    if date.value is None:
        return undated_label
    if date.precision == "window" and date.earliest and date.latest and date.earliest != date.latest:
        return f"between {_day(date.earliest)} and {_day(date.latest)}"
    if date.precision == "month":
        return f"{date.value:%B %Y}"
    if date.precision == "year":
        return f"{date.value:%Y}"
    return _day(date.value)


def _day(date: dt.date) -> str:
    return f"{date.day} {date:%b %Y}"


class _Composer:
    def __init__(self, config: Config, articles: list[Article], skipped: list[SkippedFile],
                 periods: tuple[Period, ...], generated_at: dt.datetime, window: Window | None,
                 history: History | None):
        self.config = config
        self.window = window or Window(config.coverage.from_, config.coverage.to, "configured coverage")
        self.history = history
        self.articles = articles
        self.included = [a for a in articles if a.included]
        self.skipped = skipped
        self.periods = periods
        self.generated_at = generated_at
        self.sources = self._number_sources()
        self.source_by_id = {s.article_id: s for s in self.sources}
        self.article_by_id = {a.id: a for a in self.included}
        self.quotes = self._quote_entries()
        self.events = self._timeline_entries()
        self.contested = self._contested_figures()
        self.used_excerpts: set[tuple[str, int]] = set()
        self.used_quotes: set[str] = set()

    # -- shared pieces -------------------------------------------------------------------------

    def _number_sources(self) -> tuple[Source, ...]:
        def order(article: Article) -> tuple:
            date = article.analysis.publication_date.value
            return (date is None, date or dt.date.min, article.document.title.lower(), article.id)

        theme_titles = {t.id: t.title for t in self.config.themes}
        sources = []
        for number, article in enumerate(sorted(self.included, key=order), start=1):
            analysis = article.analysis
            date = analysis.publication_date
            genre_evidence = "; ".join(_describe_evidence(e) for e in analysis.genre.evidence)
            sources.append(Source(
                number=number, article_id=article.id, title=article.document.title, author=article.document.author,
                outlet=article.document.outlet, url=article.document.url, file=article.document.file,
                published=format_date(date, self.config.labels.undated), date_method=date.method,
                date_confidence=date.confidence, date_conflict=date.conflict, genre=analysis.genre.label,
                genre_label=self.config.label_for_genre(analysis.genre.label), genre_evidence=genre_evidence,
                themes=tuple(theme_titles[t.theme_id] for t in analysis.themes),
                header_evidence=_header_evidence(article)))
        return tuple(sources)

    def _quote_entries(self) -> tuple[QuoteEntry, ...]:
        entries = []
        for source in self.sources:
            article = self.article_by_id[source.article_id]
            for index, quote in enumerate(article.analysis.quotes, start=1):
                entries.append(QuoteEntry(
                    id=f"{article.id}-q{index}", text=quote.text, speaker=quote.speaker or "",
                    speaker_role=quote.speaker_role, attribution=quote.attribution.text if quote.attribution else "",
                    source=source, themes=quote.themes, period=article.period, char_start=quote.char_start,
                    char_end=quote.char_end))
        return tuple(entries)

    def _timeline_entries(self) -> tuple[TimelineEntry, ...]:
        """Dated events within the coverage, each merged from every article that reports it."""
        mentions = [(article.id, mention) for article in self.included for mention in article.analysis.events
                    if self.window.contains(mention.date) and self.config.coverage.from_ <= mention.date
                    <= self.config.coverage.to]
        actor_names = {actor.id: actor.name for actor in self.config.actors}
        chronology = {event.id: event.title for event in _chronology(self.config)}
        entries = []
        for index, event in enumerate(merge_events(mentions), start=1):
            def preference(item):
                article_id, mention = item
                article = self.article_by_id[article_id]
                sentence = next((s for s in article.analysis.sentences if s.span.start == mention.char_start), None)
                loaded = bool(sentence and any(r.startswith("loaded") or r == "first person"
                                               for r in sentence.excluded_because))
                return (loaded, -GENRE_WEIGHT.get(article.analysis.genre.label, 0), len(mention.text),
                        self.source_by_id[article_id].number)

            ordered = sorted(event.mentions, key=preference)
            article_id, mention = ordered[0]
            summary = Excerpt(mention.text, self.source_by_id[article_id], article_id, mention.char_start,
                              mention.char_end)
            others = tuple(sorted({self.source_by_id[a].number: self.source_by_id[a] for a, _ in ordered[1:]
                                   if a != article_id}.values(), key=lambda s: s.number))
            first_id, first = min(event.mentions, key=lambda m: (self.source_by_id[m[0]].number, m[1].char_start))
            key = f"chronology:{event.chronology_id}" if event.chronology_id else \
                f"{event.date.isoformat()}:{self.article_by_id[first_id].document.sha256[:16]}:{first.char_start}"
            entries.append(TimelineEntry(
                id=f"event-{index}", key=key, date=event.date, precision=event.precision,
                date_text=_day(event.date) if event.precision == "day" else f"{event.date:%B %Y}",
                summary=summary, also_reported_by=others,
                actors=tuple(actor_names.get(a, a) for a in sorted(event.actors, key=list(actor_names).index)
                             if a in actor_names),
                chronology_title=chronology.get(event.chronology_id) if event.chronology_id else None,
                how_dated=mention.how_dated))
        return tuple(entries)

    def _excerpts(self, articles: Iterable[Article], theme_id: str | None, limit: int) -> tuple[Excerpt, ...]:
        """The most informative neutral sentences, at most two per article, never reused."""
        candidates = []
        for article in articles:
            weight = GENRE_WEIGHT.get(article.analysis.genre.label, 0)
            for sentence in article.analysis.sentences:
                if sentence.excluded_because or (theme_id and theme_id not in sentence.themes):
                    continue
                if sentence.role not in EXCERPT_ROLES:
                    continue
                if (article.id, sentence.span.start) in self.used_excerpts:
                    continue
                candidates.append((sentence.information + weight, article, sentence))
        candidates.sort(key=lambda c: (-c[0], c[1].id, c[2].span.start))
        chosen: list[Excerpt] = []
        per_article: Counter[str] = Counter()
        for _, article, sentence in candidates:
            if len(chosen) >= limit:
                break
            if per_article[article.id] >= MAX_EXCERPTS_PER_ARTICLE_IN_BLOCK:
                continue
            per_article[article.id] += 1
            self.used_excerpts.add((article.id, sentence.span.start))
            chosen.append(Excerpt(sentence.text, self.source_by_id[article.id], article.id,
                                  sentence.span.start, sentence.span.end))
        # Shown in the order the sources are numbered (chronological), then by position.
        chosen.sort(key=lambda e: (e.source.number, e.char_start))
        return tuple(chosen)

    def _pick_quotes(self, quotes: Iterable[QuoteEntry], limit: int) -> tuple[QuoteEntry, ...]:
        def rank(quote: QuoteEntry) -> tuple:
            words = len(quote.text.split())
            fit = -abs(min(words, 40) - 25)
            return (-(1 if quote.speaker_role else 0), -fit, quote.source.number, quote.id)

        chosen = []
        for quote in sorted(quotes, key=rank):
            if len(chosen) >= limit:
                break
            if quote.id in self.used_quotes:
                continue
            self.used_quotes.add(quote.id)
            chosen.append(quote)
        return tuple(sorted(chosen, key=lambda q: (q.source.number, q.id)))

    def _phrase_weights(self, articles: Iterable[Article], theme_id: str | None) -> tuple[dict[str, float],
                                                                                          dict[str, str]]:
        """Weight of each article key phrase: higher ranks and multi-word phrases weigh more.

        For a theme, only phrases that occur in the article's sentences about the theme count.
        """
        weight: defaultdict[str, float] = defaultdict(float)
        display: dict[str, str] = {}
        for article in articles:
            theme_text = None
            if theme_id:
                theme_text = " ".join(s.text for s in article.analysis.sentences if theme_id in s.themes).lower()
            for rank, phrase in enumerate(article.analysis.key_phrases):
                key = phrase.text.lower()
                if theme_text is not None and key not in theme_text:
                    continue
                weight[key] += 1.0 / (rank + 2) + (0.15 if " " in key else 0)
                display.setdefault(key, phrase.text)
        return weight, display

    def _key_phrases(self, articles: list[Article], limit: int, theme_id: str | None = None) -> tuple[str, ...]:
        """Merge per-article phrases, variants dropped; a theme's list favours phrases distinctive of it.

        A phrase spread evenly over the corpus ("Taliban", "Afghanistan") is expected in every theme in
        proportion to the theme's share of articles; that expectation is subtracted from its weight.
        """
        weight, display = self._phrase_weights(articles, theme_id)
        if theme_id and self.included:
            overall, _ = self._corpus_phrase_weights
            share = len(articles) / len(self.included)
            weight = {k: w - 0.7 * overall.get(k, 0.0) * share for k, w in weight.items()}
        ordered = sorted((k for k in weight if weight[k] > 0), key=lambda k: (-weight[k], k))
        merged = deduplicate((Phrase(display[k], -weight[k]) for k in ordered), self.config.yake.similarity, limit)
        return tuple(p.text for p in merged)

    @cached_property
    def _corpus_phrase_weights(self) -> tuple[dict[str, float], dict[str, str]]:
        return self._phrase_weights(self.included, None)

    def _articles_in(self, theme_id: str | None = None, period: Period | None | str = "any") -> list[Article]:
        chosen = []
        for article in self.included:
            if theme_id and theme_id not in {t.theme_id for t in article.analysis.themes}:
                continue
            if period != "any" and article.period != (period.id if isinstance(period, Period) else None):
                continue
            chosen.append(article)
        return chosen

    # -- sections ------------------------------------------------------------------------------

    def briefing(self) -> Briefing:
        sections: list[Section] = []
        self._built_sections = sections  # the audit counts what earlier sections used
        deferred = []
        for index, spec in enumerate(self.config.sections):
            if not spec.enabled:
                continue
            if isinstance(spec, AuditSection):
                deferred.append((len(sections), spec, index))  # built last, placed where configured
                sections.append(None)
                continue
            sections.extend(self._build(spec, index))
        for position, spec, index in deferred:
            sections[position] = self._build(spec, index)[0]
        contents = [s for s in sections if s.type not in ("cover", "contents")]
        sections = [
            Section(s.id, s.type, s.title, contents=tuple(contents)) if s.type == "contents" else s
            for s in sections
        ]
        return Briefing(
            title=self.config.title, subtitle=self.config.subtitle, language=self.config.language,
            page_size=self.config.page_size, keywords=tuple(self.config.keywords),
            coverage_from=self.window.start, coverage_to=self.window.end,
            generated_at=self.generated_at, articles=tuple(self.articles), skipped=tuple(self.skipped),
            sources=self.sources, quotes=self.quotes, events=self.events, sections=tuple(sections),
            tool_version=__version__)

    def _build(self, spec, index: int) -> list[Section]:
        if isinstance(spec, CoverSection):
            return [self._cover(spec)]
        if isinstance(spec, ContentsSection):
            return [Section("contents", "contents", spec.title or "Contents")]
        if isinstance(spec, ExecutiveSummarySection):
            return [self._summary(spec)]
        if isinstance(spec, ThemesSection):
            return self._themes(spec)
        if isinstance(spec, NewSinceSection):
            return [self._new_since(spec)]
        if isinstance(spec, PerspectivesSection):
            return [self._perspectives(spec)]
        if isinstance(spec, ContestedFiguresSection):
            return [Section("contested-figures", "contested_figures", spec.title, intro=(
                "Figures about the same thing (whose people, military or civilian, and what happened to them) "
                "that sources or claimants give differently, side by side with who gives them. Differences "
                "are shown, not resolved.",), figures=self.contested)]
        if isinstance(spec, AuditSection):
            return [self._audit(spec)]
        if isinstance(spec, TimelineSection):
            return [self._timeline(spec)]
        if isinstance(spec, QuotesSection):
            return [self._quotes_section(spec)]
        if isinstance(spec, SourcesSection):
            return [Section("sources", "sources", spec.title or "Sources", sources=self.sources)]
        if isinstance(spec, MethodSection):
            return [self._method(spec)]
        raise AssertionError(f"unhandled section type at sections[{index}]")

    def _cover(self, spec: CoverSection) -> Section:
        counts = (
            Count("Articles in this briefing", len(self.included)),
            Count("Outlets", len({s.outlet for s in self.sources if s.outlet})),
            Count("Files read", len(self.articles) + len(self.skipped)),
        )
        intro = (
            f"Coverage: {_day(self.window.start)} to {_day(self.window.end)}"
            + (f" ({self.window.label})" if self.window.iso_week else ""),
            f"Generated on {self.generated_at:%d %B %Y, %H:%M} UTC by briefing {__version__}",
        )
        return Section("cover", "cover", spec.title or self.config.title, intro=intro, counts=counts)

    def _summary(self, spec: ExecutiveSummarySection) -> Section:
        dated = [s for s in self.sources if s.published != self.config.labels.undated]
        dates = sorted(a.analysis.publication_date.value for a in self.included
                       if a.analysis.publication_date.value)
        genres = Counter(a.analysis.genre.label for a in self.included)
        outlets = {s.outlet for s in self.sources if s.outlet}
        labels = self.config.labels
        intro = [
            f"This briefing draws on {_plural(len(self.included), 'article')} from "
            f"{_plural(len(outlets), 'named outlet')}"
            + (f", dated between {_day(dates[0])} and {_day(dates[-1])}" if dates else "")
            + (f"; {len(self.sources) - len(dated)} could not be dated and are listed as "
               f"“{labels.undated.lower()}”" if len(dated) < len(self.sources) else "") + ".",
            f"By genre, as determined from each article's own labels and wording: "
            f"{genres.get('news', 0)} {labels.news.lower()}, {genres.get('analysis', 0)} "
            f"{labels.analysis.lower()}, {genres.get('opinion', 0)} {labels.opinion.lower()}. "
            "Opinion and analysis sources are labelled wherever they are cited.",
        ]
        conflicts = [s for s in self.sources if s.date_conflict]
        if conflicts:
            intro.append(f"{_plural(len(conflicts), 'article')} {'carries' if len(conflicts) == 1 else 'carry'} "
                         "a header date that the content contradicts; "
                         "the sources list explains which date was used and why.")
        excluded = [a for a in self.articles if not a.included]
        if excluded or self.skipped:
            intro.append(f"{_plural(len(excluded), 'further article')} fell outside the briefing's window or "
                         f"policy and {_plural(len(self.skipped), 'file')} could not be read; see the method section.")
        used_periods = [p for p in self.periods if any(a.period == p.id for a in self.included)]
        header = ("Theme",) + tuple(p.title for p in used_periods) + (
            (labels.undated,) if any(a.period is None for a in self.included) else ()) + ("Total",)
        rows = []
        for theme in self.config.themes:
            in_theme = self._articles_in(theme.id)
            cells = [str(sum(1 for a in in_theme if a.period == p.id)) for p in used_periods]
            if labels.undated in header:
                cells.append(str(sum(1 for a in in_theme if a.period is None)))
            rows.append((theme.title, *cells, str(len(in_theme))))
        if self.contested:
            intro.append(f"{_plural(len(self.contested), 'figure')} (counts of people killed or injured) "
                         f"{'is' if len(self.contested) == 1 else 'are'} given differently by different sources or "
                         "claimants; the contested-figures section sets them side by side.")
        key_events = tuple(sorted(sorted(self.events, key=lambda e: (-len(e.sources), e.chronology_title is None,
                                                                     e.date))[: spec.max_events],
                                  key=lambda e: e.date))
        return Section(
            "executive-summary", "executive_summary", spec.title, intro=tuple(intro), events=key_events,
            figures=self.contested[:MAIN_CONTESTED_FIGURES],
            key_phrases=self._key_phrases(self.included, spec.max_phrases),
            excerpts=self._excerpts(self.included, None, spec.max_excerpts),
            table_header=header, table_rows=tuple(rows))

    def _themes(self, spec: ThemesSection) -> list[Section]:
        sections = []
        level = 1
        if spec.title:
            sections.append(Section("themes", "themes", spec.title, intro=(
                "One section per theme, each broken down by period.",)))
            level = 2
        for theme_id in spec.themes or [t.id for t in self.config.themes]:
            theme = self.config.theme(theme_id)
            articles = self._articles_in(theme.id)
            blocks = []
            for period in [*self.periods, None]:
                in_period = [a for a in articles if a.period == (period.id if period else None)]
                if not in_period:
                    continue
                excerpts = self._excerpts(in_period, theme.id, spec.max_excerpts_per_period)
                period_ids = {a.id for a in in_period}
                quotes = self._pick_quotes((q for q in self.quotes if theme.id in q.themes
                                            and q.source.article_id in period_ids), spec.max_quotes_per_period)
                cited = {e.article_id for e in excerpts} | {q.source.article_id for q in quotes}
                blocks.append(PeriodBlock(
                    period.id if period else "undated", period.title if period else self.config.labels.undated,
                    len(in_period), excerpts, quotes,
                    tuple(s for s in self.sources if s.article_id in period_ids or s.article_id in cited)))
            intro = [theme.description] if theme.description else []
            notes = []
            if articles:
                outlets = {a.document.outlet for a in articles if a.document.outlet}
                intro.append(f"Drawn from {_plural(len(articles), 'article')} "
                             f"({_plural(len(outlets), 'named outlet')}).")
                cited = Counter(e.article_id for b in blocks for e in b.excerpts)
                cited.update(q.source.article_id for b in blocks for q in b.quotes)
                total = sum(cited.values())
                if total >= 3 and len(articles) > 1:
                    top_id, top = cited.most_common(1)[0]
                    if top / total > 0.5:
                        notes.append(f"Most of the material in this section ({top} of {total} items) comes from "
                                     f"one source [{self.source_by_id[top_id].number}].")
            else:
                notes.append("No article in this briefing matches this theme's terms.")
            sections.append(Section(
                f"theme-{theme.id}", "theme", theme.title, level=level, intro=tuple(intro),
                key_phrases=self._key_phrases(articles, spec.max_phrases, theme.id), periods=tuple(blocks),
                notes=tuple(notes)))
        return sections

    def _perspectives(self, spec: PerspectivesSection) -> Section:
        """Each opinion or analysis source in a few representative sentences of its own, labelled."""
        perspectives = []
        for source in self.sources:
            if source.genre not in ("opinion", "analysis"):
                continue
            article = self.article_by_id[source.article_id]
            candidates = [s for s in article.analysis.sentences if s.role == "evaluation"
                          and 8 <= len(s.text.split()) <= 60 and not s.text[:1].islower()
                          and not any(r.startswith("depends on") for r in s.excluded_because)]
            # The sentences with the most evaluative clues say most about the position taken.
            ranked = sorted(candidates, key=lambda s: (-len(s.role_evidence) - s.role_evidence[0].count(","),
                                                      s.span.start))[: spec.max_sentences]
            chosen = sorted(ranked, key=lambda s: s.span.start)
            if chosen:
                perspectives.append(Perspective(source, tuple(
                    Excerpt(s.text, source, article.id, s.span.start, s.span.end) for s in chosen)))
        intro = ("The positions of the opinion and analysis sources, each in a few of its own sentences, "
                 "labelled with its genre. They are the sources' views, quoted, not the briefing's.",)
        return Section("perspectives", "perspectives", spec.title, intro=intro, perspectives=tuple(perspectives))

    def _contested_figures(self) -> tuple[ContestedFigure, ...]:
        """Group claimed figures by whose people, military or civilian, and outcome; keep differing groups."""
        actor_names = {actor.id: actor.name for actor in self.config.actors}
        groups: defaultdict[tuple[str, str, str], list[tuple[float, float | None, FigureClaim, dt.date | None]]] = \
            defaultdict(list)
        for source in self.sources:
            article = self.article_by_id[source.article_id]
            for claim in article.analysis.claims:
                for figure in claim.figures:
                    if not figure.side or not figure.outcome or figure.category == "other":
                        continue
                    category = "military personnel" if figure.category == "military" else "people"
                    groups[(figure.side, category, figure.outcome)].append((
                        figure.low, figure.high,
                        FigureClaim(figure.text, claim.claimant, source, article.id, figure.char_start,
                                    figure.char_end),
                        article.analysis.publication_date.value))
        contested = []
        for (side, category, outcome), claims in sorted(groups.items()):
            # Reports far apart in time count different events: compare figures within 45 days.
            claims.sort(key=lambda c: (c[3] or dt.date.max, c[2].source.number))
            windows: list[list] = []
            for claim in claims:
                if windows and claim[3] and windows[-1][0][3] and (claim[3] - windows[-1][0][3]).days <= 45:
                    windows[-1].append(claim)
                else:
                    windows.append([claim])
            for window in windows:
                ranges = {(low, high) for low, high, _, _ in window}
                claimants = {(c.claimant.lower(), c.source.number) for _, _, c, _ in window}
                if len(ranges) < 2 or len(claimants) < 2 or not _ranges_differ(list(ranges)):
                    continue
                dates = [d for *_, d in window if d]
                context = (f"reports dated {_day(min(dates))}" + (f" to {_day(max(dates))}" if max(dates) != min(dates)
                                                                  else "")) if dates else "undated reports"
                contested.append(ContestedFigure(f"{actor_names.get(side, side)}: {category} {outcome}", context,
                                                 tuple(c for _, _, c, _ in window)))
        return tuple(contested)

    def _audit(self, spec: AuditSection) -> Section:
        """Per source: how evaluative it is, the loaded terms it uses, and what the briefing took from it."""
        excerpts: Counter[str] = Counter()
        quotes: Counter[str] = Counter()
        for section in (s for s in self._built_sections if s is not None):
            for article_id in [e.article_id for e in section.excerpts] + \
                    [e.article_id for b in section.periods for e in b.excerpts]:
                excerpts[article_id] += 1
            for quote in list(section.quotes) + [q for b in section.periods for q in b.quotes]:
                quotes[quote.source.article_id] += 1
        rows = []
        for source in self.sources:
            analysis = self.article_by_id[source.article_id].analysis
            rows.append(AuditRow(
                source, len(analysis.sentences), sum(1 for s in analysis.sentences if s.role == "evaluation"),
                analysis.loaded_terms[:6], excerpts[source.article_id], quotes[source.article_id],
                sum(1 for s in analysis.sentences if any(r.startswith("loaded") for r in s.excluded_because))))
        intro = ("For each source: the share of its sentences judged evaluative (loaded or evaluative words, "
                 "first person, calls to action, questions), the loaded terms it uses in its own voice, and what "
                 "this briefing took from it. Sentences with loaded terms are never used as excerpts; sources "
                 "are quoted only with attribution, and opinion and analysis are labelled.",)
        return Section("neutrality-audit", "neutrality_audit", spec.title, intro=intro, audit=tuple(rows))

    def _new_since(self, spec: NewSinceSection) -> Section:
        """Articles first seen, and dated events first listed, since the last run of this configuration."""
        history = self.history
        if history is None or history.is_first_run:
            intro = ("This is the first recorded briefing of this configuration: every article and event in it "
                     "is new.",)
            return Section("new-since", "new_since", spec.title, intro=intro)
        new_sources = tuple(s for s in self.sources
                            if self.article_by_id[s.article_id].document.sha256 not in history.seen_inputs)
        new_events = tuple(e for e in self.events if e.key not in history.seen_events)[: spec.max_events]
        intro = (
            f"Compared with the previous briefing of this configuration, generated on "
            f"{history.previous_run_at:%d %B %Y, %H:%M} UTC: {_plural(len(new_sources), 'article')} first seen "
            f"and {_plural(len(new_events), 'dated event')} not listed before.",
        )
        return Section("new-since", "new_since", spec.title, intro=intro, sources=new_sources, events=new_events)

    def _timeline(self, spec: TimelineSection) -> Section:
        """The events reported by most sources (reference-chronology events first), in date order."""
        ranked = sorted(self.events, key=lambda e: (-len(e.sources), e.chronology_title is None, e.date, e.id))
        chosen = sorted(ranked[: spec.max_events], key=lambda e: (e.date, e.id))
        intro = (
            f"{_plural(len(self.events), 'dated event')} were found in the articles"
            + (f"; the {len(chosen)} reported by the most sources are listed" if len(chosen) < len(self.events) else "")
            + ". Each entry quotes one report verbatim and cites every article that reports the same event.",
            "Dates come from the reference chronology, from dates in the text, or from weekdays counted back "
            "from the article's own date; each entry says which.",
        )
        return Section("timeline", "timeline", spec.title, intro=intro, events=tuple(chosen))

    def _quotes_section(self, spec: QuotesSection) -> Section:
        by_speaker: defaultdict[str, list[QuoteEntry]] = defaultdict(list)
        for quote in self.quotes:
            by_speaker[quote.speaker].append(quote)
        theme_titles = {t.id: t.title for t in self.config.themes}
        speakers = []
        for speaker, quotes in by_speaker.items():
            themes = sorted({t for q in quotes for t in q.themes}, key=list(theme_titles).index)
            role = next((q.speaker_role for q in quotes if q.speaker_role), None)
            speakers.append(SpeakerEntry(speaker, role, len(quotes), tuple(theme_titles[t] for t in themes),
                                         tuple({q.source.number: q.source for q in quotes}.values())))
        speakers.sort(key=lambda s: (-s.count, s.speaker.lower()))
        chosen = sorted(self.quotes, key=lambda q: (-(1 if q.speaker_role else 0), q.source.number, q.id))
        chosen = sorted(chosen[: spec.max_quotes], key=lambda q: (q.source.number, q.id))
        intro = (f"{_plural(len(self.quotes), 'direct quotation')} from "
                 f"{_plural(len(speakers), 'speaker')} were found; quoted words with no speaker in reach, scare "
                 "quotes and titles are not presented as anyone's statements.",)
        return Section("quotes", "quotes", spec.title, intro=intro, speakers=tuple(speakers), quotes=tuple(chosen))

    def _method(self, spec: MethodSection) -> Section:
        removed = Counter(r.reason.split(":")[0] for a in self.articles for r in a.clean.removed)
        dates = Counter(_date_kind(a.analysis.publication_date) for a in self.included)
        terms = sum(len(a.analysis.terms) for a in self.included)
        excluded = [a for a in self.articles if not a.included]
        yake = self.config.yake
        notes = (
            f"Files read: {len(self.articles) + len(self.skipped)}; articles used: {len(self.included)}; "
            f"left out by the date window or the undated policy: {len(excluded)}; files skipped: {len(self.skipped)}.",
            "Each article is cleaned before analysis: header lines, boilerplate (donation appeals, contact footers, "
            "newsletter and related-article lists, comment counters, media-player remnants, photo credits, "
            "scripts and markup) and duplicated paragraphs are removed and recorded; nothing removed is used.",
            f"Dates: {dates.get('metadata', 0)} from file metadata, {dates.get('header', 0)} from a dateline or "
            f"page date consistent with the content, {dates.get('inferred', 0)} inferred from the content "
            f"(office holders, reference events, dates in the text), {dates.get('undated', 0)} undated. "
            "Each source's entry states how its date was determined.",
            "Genres are taken from the article's metadata or headline label when present, otherwise from its "
            "wording: first-person stance, calls to action and loaded vocabulary.",
            f"Key phrases: YAKE (up to {yake.max_ngram} words, window {yake.window_size}), "
            f"{yake.candidates} candidates per article, variants removed (word subsets and similarity "
            f"≥ {yake.similarity}); phrases containing loaded vocabulary are not listed.",
            f"Quotations: {len(self.quotes)} attributed; {terms} quoted terms, titles or unattributed fragments "
            "are kept apart and not shown as statements.",
            "Excerpts are verbatim sentences chosen for information (numbers, dates, named actors, reporting "
            "verbs); sentences with loaded vocabulary, first-person or prescriptive wording, questions, or "
            "quoted words are not used as excerpts.",
        )
        rows = tuple((reason, str(count)) for reason, count in sorted(removed.items(), key=lambda kv: (-kv[1], kv[0])))
        excluded_rows = tuple((a.document.file, a.document.title, a.excluded_reason or "") for a in excluded)
        return Section("method", "method", spec.title, notes=notes, table_header=("Removed as", "Pieces"),
                       table_rows=rows, skipped=tuple(self.skipped),
                       left_out=tuple(SkippedFile(f, f"“{t}”: {r}") for f, t, r in excluded_rows))


def _ranges_differ(ranges: list[tuple[float, float | None]]) -> bool:
    """Whether at least two figures cannot both be right: their ranges do not overlap."""
    for i, (low_a, high_a) in enumerate(ranges):
        for low_b, high_b in ranges[i + 1:]:
            if (high_a is not None and high_a < low_b) or (high_b is not None and high_b < low_a):
                return True
    return False


def _chronology(config: Config):
    from briefing.dating import anchors_for

    return [event for event, _ in anchors_for(config).chronology]


def _header_evidence(article: Article) -> str:
    """"title: markdown heading; author: author line; outlet: contact footer (links to wsws.org)"."""
    document = article.document
    parts = []
    for field, evidence in (("title", document.title_evidence), ("author", document.author_evidence),
                            ("outlet", document.outlet_evidence)):
        if evidence is not None:
            parts.append(f"{field}: {evidence.kind}" + (f" ({evidence.note})" if evidence.note and
                                                        evidence.kind in ("contact footer", "fallback") else ""))
        else:
            parts.append(f"{field}: not stated")
    return "; ".join(parts)


def _describe_evidence(evidence) -> str:
    """One clue as shown in the sources list: what it is, and the words it rests on."""
    if evidence.kind == "evaluative vocabulary":
        return f"{evidence.note} ({evidence.text})"
    if evidence.kind in ("first-person stance", "call to action"):
        return f"{evidence.note}, e.g. “{evidence.text}”"
    return evidence.note or evidence.text


def _date_kind(date: PublicationDate) -> str:
    if date.value is None:
        return "undated"
    if date.method.startswith("stated"):
        return "metadata"
    if date.method.startswith("inferred"):
        return "inferred"
    return "header"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
