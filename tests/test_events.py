"""Dated events and the cross-source timeline."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from briefing.dating import RELATIVE_REFERENCE, resolve_relative
from briefing.events import merge_events
from briefing.models import EventMention


def _events(seed_articles, key):
    return seed_articles[key].analysis.events


def test_weekday_counted_back_from_the_dateline(seed_articles):
    events = _events(seed_articles, "001")
    pentagon = next(e for e in events if e.text.startswith("In a Pentagon press conference on Wednesday"))
    assert pentagon.date == dt.date(2021, 7, 21) and pentagon.precision == "day"
    assert "us" in pentagon.actors and "taliban" in pentagon.actors
    assert "counted back" in pentagon.how_dated


def test_reference_event_and_month_relative_reference(seed_articles):
    events = _events(seed_articles, "004")
    assert any(e.chronology_id == "open-war" and e.date == dt.date(2026, 2, 27) for e in events)
    last_october = next(e for e in events if e.text.startswith("Last October"))
    assert (last_october.date, last_october.precision) == (dt.date(2025, 10, 1), "month")


def test_future_and_deadline_dates_are_not_events(seed_articles):
    texts = [e.text for a in seed_articles.values() for e in a.analysis.events]
    assert not any("scheduled for 25 October" in t for t in texts)


def test_offsets_point_at_the_sentence(seed_articles):
    for article in seed_articles.values():
        for event in article.analysis.events:
            assert article.clean.text[event.char_start:event.char_end].strip() == event.text


def _mention(date, text, actors=("pakistan",), chronology=None):
    return EventMention(date, "day", text, 0, len(text), actors, chronology, "test")


def test_reports_of_the_same_event_merge():
    day = dt.date(2025, 10, 12)
    mentions = [
        ("a", _mention(day, "Pakistani and Afghan forces clashed along the border at several posts overnight.",
                       ("pakistan", "afghanistan"))),
        ("b", _mention(day, "Afghan forces clashed with Pakistani troops at border posts in Kurram overnight.",
                       ("afghanistan", "pakistan"))),
        ("c", _mention(day, "China urged restraint and offered to host talks in Beijing.", ("china",))),
        ("d", _mention(dt.date(2021, 8, 26), "The blast at Kabul airport killed 13 US troops.", ("us",),
                       "kabul-airport-bombing")),
        ("e", _mention(dt.date(2021, 8, 26), "An explosive attack outside the Kabul airport killed many.", ("us",),
                       "kabul-airport-bombing")),
    ]
    merged = merge_events(mentions)
    assert len(merged) == 3
    by_size = sorted(len(m.mentions) for m in merged)
    assert by_size == [1, 2, 2]


def test_timeline_in_json_and_pdf(built):
    data = json.loads((built / "briefing.json").read_text())
    events = data["events"]
    assert events
    airport = [e for e in events if e["chronology_event"] and "Kabul airport" in e["chronology_event"]]
    assert len(airport) == 1 and len(airport[0]["article_ids"]) == 2  # seeds 000 and 002, merged
    for event in events:
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", event["date"]) and event["precision"] in ("day", "month")
        assert event["summary"] and event["article_ids"]
    timeline = next(s for s in data["sections"] if s["type"] == "timeline")
    assert set(airport[0]["article_ids"]) <= set(timeline["article_ids"])


@pytest.mark.parametrize("text, expected", [
    ("last October", (dt.date(2025, 10, 1), "month")),
    ("last weekend", (dt.date(2026, 2, 28), "day")),
    ("this week", (dt.date(2026, 3, 2), "week")),
    ("last month", (dt.date(2026, 2, 1), "month")),
    ("next week", None),
])
def test_relative_references_resolve_against_the_date(text, expected):
    assert resolve_relative(RELATIVE_REFERENCE.search(text), dt.date(2026, 3, 3)) == expected


def test_relative_references_kept_as_evidence(seed_articles):
    evidence = seed_articles["004"].analysis.publication_date.evidence
    relative = [e for e in evidence if e.kind == "relative"]
    assert any(e.text == "Last October" and e.date == dt.date(2025, 10, 1) for e in relative)
