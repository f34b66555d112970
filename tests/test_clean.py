"""Stage 2: boilerplate removal is recorded, and nothing removed reaches later stages."""

from __future__ import annotations

from briefing.clean import clean
from briefing.ingest import parse_article

BOILERPLATE = ("Related Articles", "Click to Donate", "please consider donating", "Comments are closed",
               "To contact the WSWS", "wsws.org/contact", "Photo credit", "Prince Harry", "0:00", "Newsletter")


def test_seed_boilerplate_is_removed_and_recorded(seed_articles):
    reasons = {r.reason for a in seed_articles.values() for r in a.clean.removed}
    assert {"donation appeal", "comment counter", "contact footer", "related-articles list", "newsletter sign-up",
            "photo credit", "duplicate paragraph"} <= reasons
    for article in seed_articles.values():
        for marker in BOILERPLATE:
            assert marker not in article.clean.text, (article.id, marker)


def test_removed_text_never_reaches_phrases_quotes_or_excerpts(seed_articles):
    for article in seed_articles.values():
        analysis = article.analysis
        produced = [p.text for p in analysis.key_phrases] + [q.text for q in analysis.quotes] + \
            [s.text for s in analysis.sentences]
        for piece in produced:
            assert piece in article.clean.text or piece.lower() in article.clean.text.lower()
            for marker in BOILERPLATE:
                assert marker not in piece


def test_duplicated_paragraph_collapsed(seed_articles):
    text = seed_articles["002"].clean.text
    assert text.count("The situation is awkward for both the U.S. and the Taliban.") == 1


def test_lines_broken_mid_sentence_are_rejoined(seed_articles):
    text = seed_articles["001"].clean.text
    assert "there is no denying that the Islamist forces" in text
    assert "occurred in the same week" in text
    assert 'Spelling out what such "adjustments" would entail' in text


def test_markdown_markup_is_turned_into_text(seed_articles):
    text = seed_articles["001"].clean.text
    assert "$143 billion" in text and "\\$" not in text
    assert "the Moscow Times reported" in text


def test_html_and_scripts_removed_and_recorded(config):
    body = ('A report said <b>bold</b> things.\n\n<script>alert("x")</script>\n\n'
            '<img src="file:///etc/hostname"> Officials said the border would reopen on Monday.\n')
    doc = parse_article(body, relative="x.txt", sha256="0", encoding="utf-8", outlets={})
    cleaned = clean(doc, config)
    assert "<" not in cleaned.text and "alert" not in cleaned.text
    reasons = [r.reason for r in cleaned.removed]
    assert "script or embedded code" in reasons and "HTML markup" in reasons


def test_paragraph_spans_point_into_the_text(seed_articles):
    for article in seed_articles.values():
        c = article.clean
        for span in c.paragraphs:
            assert c.text[span.start:span.end].strip() == c.text[span.start:span.end]
            assert c.text[span.start:span.end]


def test_extra_patterns_from_config(config, tmp_path):
    from briefing.config import load_config
    from tests.conftest import CONFIG

    extra = load_config(CONFIG, {"cleaning": {"extra_patterns": [{"pattern": "^Brought to you by Acme", "reason": "promo"}]}})
    doc = parse_article("A fact was reported by officials in Kabul today.\n\nBrought to you by Acme Corp\n",
                        relative="y.txt", sha256="0", encoding="utf-8", outlets={})
    assert "promo" in [r.reason for r in clean(doc, extra).removed]
    assert "promo" not in [r.reason for r in clean(doc, config).removed]
