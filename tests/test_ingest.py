"""Stage 1: reading files and inferring headers, on the seeds' five layouts and on bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.ingest import decode, parse_article, read_article, read_corpus
from briefing.models import SkippedFile
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def seeds():
    documents, skipped = read_corpus(SEEDS, {"wsws.org": "World Socialist Web Site"})
    assert skipped == []
    return {d.file[:3]: d for d in documents}


def test_opinion_headline_and_byline(seeds):
    doc = seeds["000"]
    assert doc.title == "Opinion: Islamic State Attack Reinvigorates US Aggression in Afghanistan"
    assert doc.author == "Jakob Stein"
    assert doc.author_evidence.kind == "byline"
    assert doc.header_dates == ()
    assert not doc.body.startswith("Opinion:")


def test_markdown_heading_author_line_and_dateline(seeds):
    doc = seeds["001"]
    assert doc.title == "US launches airstrikes against Taliban as Afghan forces crumble"
    assert doc.title_evidence.kind == "markdown heading"
    assert doc.author == "Bill Van Auken"
    assert [(d.text, d.kind) for d in doc.header_dates] == [("23 July 2021", "dateline")]
    assert doc.outlet == "World Socialist Web Site"
    assert doc.outlet_evidence.kind == "contact footer"
    assert "Bill Van Auken" not in doc.body[:200]


def test_site_name_page_date_and_repeated_headline(seeds):
    doc = seeds["002"]
    assert doc.title == "Once Enemies, US And Taliban Find Common Ground Against ISIS"
    assert doc.title_evidence.kind == "repeated headline"
    assert doc.outlet == "Beautiful Virgin Islands"
    assert doc.outlet_evidence.kind == "site-name line"
    assert [(d.text, d.kind) for d in doc.header_dates] == [("Tuesday, Jan 27, 2026", "page_date")]
    assert doc.author is None
    assert not doc.body.startswith("Once Enemies")


def test_no_headline_gets_an_honest_fallback_not_the_author(seeds):
    doc = seeds["003"]
    assert doc.author == "Arshad Shehzad"
    assert "Arshad Shehzad" not in doc.title
    assert doc.title.startswith("Untitled article")
    assert doc.title_evidence.kind == "fallback"
    assert "The ceasefire between Pakistan and Afghanistan" in doc.title


def test_wsws_typo_footer_still_names_outlet_by_domain(seeds):
    doc = seeds["004"]
    assert doc.title == 'With Trump\'s backing, Pakistan wages "open war" on Afghanistan'
    assert doc.author == "Keith Jones"
    assert doc.outlet == "World Socialist Web Site"  # footer says "WSWWS"; its link says wsws.org
    assert [(d.text, d.kind) for d in doc.header_dates] == [("3 March 2026", "dateline")]


def test_front_matter_overrides_inference():
    text = "---\ntitle: Declared title\nauthor: A. Writer\noutlet: The Outlet\ndate: 2024-05-01\ngenre: opinion\n" \
           "url: https://example.org/opinion/x\n---\n# Inferred headline\n\nBy Someone Else\n\nBody text here.\n"
    doc = parse_article(text, relative="a.md", sha256="0", encoding="utf-8", outlets={})
    assert doc.title == "Declared title"
    assert doc.title_evidence.kind == "front matter"
    assert doc.author == "A. Writer"
    assert doc.outlet == "The Outlet"
    assert doc.url == "https://example.org/opinion/x"
    assert doc.declared_genre == "opinion"
    assert [(d.text, d.kind) for d in doc.header_dates][0] == ("2024-05-01", "declared")


def test_key_value_block_as_in_shared_corpora():
    text = ("Pakistan hopeful for peace deal: FM\nSource: APP (Associated Press of Pakistan)\nDate: 2020-02-23\n"
            "URL: https://www.app.com.pk/national/x/\n\nMULTAN, Feb 23 (APP):Foreign Minister said on Sunday that "
            "Pakistan was hopeful.\n")
    doc = parse_article(text, relative="t.txt", sha256="0", encoding="utf-8", outlets={})
    assert doc.title == "Pakistan hopeful for peace deal: FM"
    assert doc.outlet == "APP (Associated Press of Pakistan)"
    assert doc.url.startswith("https://www.app.com.pk/")
    assert doc.header_dates[0].text == "2020-02-23"
    assert doc.body.startswith("Foreign Minister said")  # the dateline prefix moved to the header
    assert ("Feb 23", "dateline") in [(d.text, d.kind) for d in doc.header_dates]


def test_site_suffix_removed_from_title():
    text = "Afghan outreach - Newspaper - DAWN.COM\nSource: Dawn\nDate: 2025-01-11\n\nAS much mistrust marks ties.\n"
    doc = parse_article(text, relative="d.txt", sha256="0", encoding="utf-8", outlets={})
    assert doc.title == "Afghan outreach"


def test_latin1_file_is_decoded(tmp_path: Path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Le ministre a déclaré à Kaboul que la frontière était fermée. Ça continue.".encode("latin-1"))
    doc = read_article(path, "latin.txt", {})
    assert not isinstance(doc, SkippedFile)
    assert "déclaré" in doc.body and "Ça" in doc.body
    assert doc.encoding != "utf-8"


@pytest.mark.parametrize("content, reason", [
    (b"", "empty"),
    (b"   \n\n  \n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
])
def test_unusable_files_are_skipped_with_a_reason(tmp_path: Path, content: bytes, reason: str):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = read_article(path, "bad.txt", {})
    assert isinstance(result, SkippedFile)
    assert reason in result.reason


def test_huge_file_is_skipped(tmp_path: Path, monkeypatch):
    import briefing.ingest as ingest

    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000)
    result = read_article(path, "big.txt", {})
    assert isinstance(result, SkippedFile) and "too large" in result.reason


def test_decode_prefers_utf8_and_rejects_nul_bytes():
    assert decode("Kābul".encode()) == ("Kābul", "utf-8")
    assert isinstance(decode(b"abc\x00def"), str)


def test_only_txt_and_md_files_are_read_in_sorted_order(tmp_path: Path):
    for name in ("b.txt", "a.md", "c.pdf", ".hidden.txt"):
        (tmp_path / name).write_text("Some article text that is long enough to be read as an article body.")
    documents, skipped = read_corpus(tmp_path)
    assert [d.file for d in documents] == ["a.md", "b.txt"]
