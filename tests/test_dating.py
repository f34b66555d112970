"""Publication dates with evidence: datelines, page dates contradicted by content, inference, rejection."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.clean import clean
from briefing.dating import BODY_DATE, anchors_for, decide_publication_date, parse_date_text
from briefing.ingest import parse_article


def _date(config, text: str):
    doc = parse_article(text, relative="x.txt", sha256="0", encoding="utf-8", outlets={})
    return decide_publication_date(clean(doc, config), anchors_for(config))


def test_dateline_consistent_with_content_is_used(seed_articles):
    date = seed_articles["001"].analysis.publication_date
    assert date.value == dt.date(2021, 7, 23) and date.precision == "day"
    assert date.confidence >= 0.85
    assert "dateline" in date.method and date.conflict is None


def test_dateline_2026(seed_articles):
    date = seed_articles["004"].analysis.publication_date
    assert date.value == dt.date(2026, 3, 3)


def test_page_date_contradicted_by_content_is_disregarded(seed_articles):
    date = seed_articles["002"].analysis.publication_date
    assert date.value is not None and date.value.year == 2021
    assert date.earliest == dt.date(2021, 8, 26)
    assert date.latest <= dt.date(2021, 9, 1)
    assert date.conflict and "27 Jan 2026 disregarded" in date.conflict
    assert "Jen Psaki" in date.conflict
    kinds = {e.kind for e in date.evidence}
    assert {"page_date", "office_holder", "event", "weekday"} <= kinds


def test_undated_article_inferred_from_events_and_upcoming_dates(seed_articles):
    date = seed_articles["003"].analysis.publication_date
    assert date.earliest == dt.date(2025, 10, 19)  # the Doha ceasefire, referred to as past
    assert date.latest == dt.date(2025, 10, 25)  # "The next round is scheduled for 25 October"
    assert date.method.startswith("inferred from the content")


def test_opinion_without_date_inferred_from_kabul_airport_attack(seed_articles):
    date = seed_articles["000"].analysis.publication_date
    assert date.earliest == dt.date(2021, 8, 26)
    assert date.latest <= dt.date(2021, 9, 1)


def test_every_decision_keeps_its_evidence(seed_articles):
    for article in seed_articles.values():
        date = article.analysis.publication_date
        assert date.evidence, article.id
        assert date.method


@pytest.mark.parametrize("sentence", [
    "Pakistani forces have attacked positions along the 2,640-kilometer (1,640 miles) Durand Line.",
    "The blast killed 13 US service members and at least 60 Afghans.",
    "The insurgency had seized about half of the country's 419 district centers.",
    "The Khyber Pakhtunkhwa Mines and Minerals Act 2025 and proposals are blueprints.",
    "Shares rose 4.5% on heavy trading.",
    "We may lose the argument.",
])
def test_false_date_candidates_are_rejected(config, sentence):
    found = [m.group(0) for m in BODY_DATE.finditer(sentence)]
    assert all("Act" not in sentence or "2025" not in f for f in found)
    date = _date(config, f"A headline of some length\n\n{sentence}\n")
    body_dates = [e for e in date.evidence if e.kind == "body_date"]
    assert body_dates == [], body_dates
    assert date.value is None


def test_strict_parsing_with_precision():
    assert parse_date_text("23 July 2021") == (dt.date(2021, 7, 23), "day")
    assert parse_date_text("Tuesday, Jan 27, 2026") == (dt.date(2026, 1, 27), "day")
    assert parse_date_text("December 2024") == (dt.date(2024, 12, 1), "month")
    assert parse_date_text("since January 2025") == (dt.date(2025, 1, 1), "month")
    assert parse_date_text("in 2023") == (dt.date(2023, 1, 1), "year")
    assert parse_date_text("2021-08-23") == (dt.date(2021, 8, 23), "day")
    assert parse_date_text("May 10") is None  # no year, no reference: no date invented


def test_missing_year_inferred_from_reference_and_tense():
    reference = dt.date(2026, 3, 3)
    assert parse_date_text("May 10", reference) == (dt.date(2025, 5, 10), "day")  # past: the last May 10
    assert parse_date_text("February 27", reference) == (dt.date(2026, 2, 27), "day")
    assert parse_date_text("25 October", dt.date(2025, 10, 20), direction="future") == (dt.date(2025, 10, 25), "day")


def test_former_office_holder_does_not_date_the_text(config):
    text = ("Protests grow in Lahore\n\n23 July 2025\n\nThe jailed ex-Prime Minister Imran Khan remains popular, "
            "officials said on Monday in a statement.\n")
    date = _date(config, text)
    assert date.value == dt.date(2025, 7, 23)
    assert not [e for e in date.evidence if e.kind == "office_holder"]


def test_declared_date_is_authoritative(config):
    text = "Title line of the article\nSource: Example\nDate: 2022-03-04\n\nPresident Joe Biden said on Friday.\n"
    date = _date(config, text)
    assert date.value == dt.date(2022, 3, 4) and date.confidence == 0.95
    assert date.method == "stated in the file's metadata"


def test_article_without_any_clue_is_undated_not_invented(config):
    date = _date(config, "A headline with words\n\nOfficials met on Thursday to discuss trade and transit.\n")
    assert date.value is None and date.precision == "undated" and date.confidence == 0.0


def test_publication_note_dates_the_article(config):
    text = ("Afghan outreach\n\nAS much mistrust marks relations, officials in Islamabad said the talks would "
            "continue.\n\nPublished in Dawn, January 11th, 2025\n")
    date = _date(config, text)
    assert date.value == dt.date(2025, 1, 11)
    assert any(e.kind == "publication_line" for e in date.evidence)


def test_note_about_an_earlier_edition_does_not_date_this_one(config):
    text = ("The Durand Line\n\nHistory of the border, officials said on the record.\n\n"
            "An abridged version of this piece was published in Dawn, EOS, on January 12th, 2025.\n")
    assert _date(config, text).value is None


def test_yearless_dateline_takes_the_year_the_text_writes_out(config):
    text = ("Trilateral meeting calls for ceasefire\n\nISTANBUL, Apr 23 (APP): Foreign ministers of Afghanistan, "
            "Turkey and Pakistan held a meeting in Istanbul on Friday (April 23, 2021).\n")
    date = _date(config, text)
    assert date.value == dt.date(2021, 4, 23) and date.precision == "day"
    assert "same day" in date.evidence[0].note


def test_yearless_dateline_resolved_by_office_terms_and_weekday(config):
    text = ("FM hopeful for peace deal\n\nMULTAN, Feb 23 (APP): Foreign Minister Makhdoom Shah Mahmood Qureshi on "
            "Sunday said the agreement between the US and the Taliban would be signed on February 29 in Doha, "
            "as US President Donald Trump had announced.\n")
    date = _date(config, text)
    assert date.value == dt.date(2020, 2, 23)  # Qureshi's term, Trump's first term, a Sunday
    assert "weekday" in date.method


def test_yearless_dateline_left_undated_when_several_years_fit(config):
    text = "Talks continue\n\nPESHAWAR, Mar 10 (APP): Officials said on Monday that trade at Torkham continued.\n"
    date = _date(config, text)
    assert date.value is None and date.precision == "undated"


def test_deadlines_do_not_bound_the_date(config):
    date = _date(config, "Headline of the report\n\nUS troops will withdraw by May 1, 2021, the spokesperson said.\n")
    assert not [e for e in date.evidence if e.kind == "body_date"]


def test_an_anniversary_does_not_give_a_dateline_its_year(config):
    text = ("Day observed\n\nISLAMABAD, Aug 05 (APP): The nation marks the anniversary of the actions of "
            "August 5, 2019 today, officials said.\n")
    date = _date(config, text)
    assert date.value != dt.date(2019, 8, 5)
    assert any(e.kind == "body_date" and e.earliest == dt.date(2019, 8, 5) for e in date.evidence)
