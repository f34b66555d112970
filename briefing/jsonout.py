"""The JSON form of a briefing (`briefing.json`); its contract is documented in the README."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from briefing.models import Article, Briefing, Evidence

SCHEMA_VERSION = 1


def briefing_to_dict(briefing: Briefing) -> dict[str, Any]:
    numbers = {s.article_id: s.number for s in briefing.sources}
    return {
        "schema_version": SCHEMA_VERSION,
        "title": briefing.title,
        "subtitle": briefing.subtitle,
        "coverage": {"from": briefing.coverage_from.isoformat(), "to": briefing.coverage_to.isoformat()},
        "generated_at": briefing.generated_at.isoformat(),
        "tool_version": briefing.tool_version,
        "articles": [_article(a, numbers.get(a.id)) for a in briefing.articles],
        "skipped": [{"file": s.file, "reason": s.reason, "sha256": s.sha256} for s in briefing.skipped],
        "quotes": [
            {"id": q.id, "text": q.text, "speaker": q.speaker, "speaker_role": q.speaker_role,
             "attribution": q.attribution, "article_id": q.source.article_id,
             "char_start": q.char_start, "char_end": q.char_end, "themes": list(q.themes), "period": q.period}
            for q in briefing.quotes
        ],
        "events": [
            {"id": e.id, "date": e.date.isoformat(), "precision": e.precision, "summary": e.summary.text,
             "summary_article_id": e.summary.article_id, "actors": list(e.actors),
             "article_ids": [s.article_id for s in e.sources], "chronology_event": e.chronology_title,
             "how_dated": e.how_dated}
            for e in briefing.events
        ],
        "contested_figures": [
            {"what": f.what, "context": f.context,
             "claims": [{"value": c.value, "claimant": c.claimant, "article_id": c.article_id,
                         "char_start": c.char_start, "char_end": c.char_end} for c in f.claims]}
            for section in briefing.sections for f in section.figures
        ],
        "sections": [
            {"id": s.id, "type": s.type, "title": s.title, "level": s.level,
             "article_ids": list(s.cited_article_ids), "quote_ids": list(s.cited_quote_ids),
             "event_ids": list(s.cited_event_ids)}
            for s in briefing.sections
        ],
    }


def _evidence(evidence: Evidence | None) -> dict[str, str] | None:
    if evidence is None:
        return None
    return {"kind": evidence.kind, "text": evidence.text, "note": evidence.note}


def _iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None


def _article(article: Article, number: int | None) -> dict[str, Any]:
    document, analysis = article.document, article.analysis
    date = analysis.publication_date
    return {
        "id": article.id,
        "file": document.file,
        "sha256": document.sha256,
        "encoding": document.encoding,
        "included": article.included,
        "excluded_reason": article.excluded_reason,
        "citation": number,
        "title": document.title,
        "title_evidence": _evidence(document.title_evidence),
        "author": document.author,
        "author_evidence": _evidence(document.author_evidence),
        "outlet": document.outlet,
        "outlet_evidence": _evidence(document.outlet_evidence),
        "url": document.url,
        "published": _iso(date.value),
        "date_precision": date.precision,
        "date_window": {"earliest": _iso(date.earliest), "latest": _iso(date.latest)},
        "date_confidence": date.confidence,
        "date_method": date.method,
        "date_conflict": date.conflict,
        "date_evidence": [
            {"text": e.text, "kind": e.kind, "date": _iso(e.date), "precision": e.precision, "note": e.note,
             "earliest": _iso(e.earliest), "latest": _iso(e.latest)}
            for e in date.evidence
        ],
        "genre": analysis.genre.label,
        "genre_evidence": [_evidence(e) for e in analysis.genre.evidence],
        "themes": [t.theme_id for t in analysis.themes],
        "theme_evidence": {t.theme_id: {"hits": t.hits, "terms": list(t.terms)} for t in analysis.themes},
        "period": article.period,
        "key_phrases": [{"phrase": p.text, "score": round(p.score, 6)} for p in analysis.key_phrases],
        "loaded_terms": [{"term": t, "count": c} for t, c in analysis.loaded_terms],
        "terms": [{"text": t.text, "kind": t.kind, "speaker": t.speaker, "char_start": t.char_start,
                   "char_end": t.char_end} for t in analysis.terms],
        "events": [{"date": e.date.isoformat(), "precision": e.precision, "text": e.text, "actors": list(e.actors),
                    "chronology_event": e.chronology_id, "how_dated": e.how_dated, "char_start": e.char_start,
                    "char_end": e.char_end} for e in analysis.events],
        "sentence_roles": dict(Counter(sentence.role for sentence in analysis.sentences)),
        "sentences": [{"text": s.text, "role": s.role, "role_evidence": list(s.role_evidence),
                       "char_start": s.span.start, "char_end": s.span.end} for s in analysis.sentences],
        "claims": [{"claimant": c.claimant, "claimant_side": c.claimant_side, "text": c.text,
                    "char_start": c.char_start, "char_end": c.char_end,
                    "figures": [{"text": f.text, "low": f.low, "high": f.high, "counted": f.counted,
                                 "category": f.category, "outcome": f.outcome, "side": f.side,
                                 "char_start": f.char_start, "char_end": f.char_end} for f in c.figures]}
                   for c in analysis.claims],
        "removed": [{"text": r.text, "reason": r.reason} for r in article.clean.removed],
        "warnings": list(document.warnings),
    }
