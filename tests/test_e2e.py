"""End to end: `briefing build` on seeds/ gives a readable, cited PDF, the same briefing as HTML and JSON."""

from __future__ import annotations

import json
import re

import pytest
from pypdf import PdfReader

from briefing.config import load_config
from tests.conftest import CONFIG, CORPORA, needs_corpora, run_cli


@pytest.fixture(scope="module")
def pdf(built):
    return PdfReader(built / "briefing.pdf")


@pytest.fixture(scope="module")
def pdf_text(pdf):
    return "\n".join(page.extract_text() for page in pdf.pages)


@pytest.fixture(scope="module")
def flat_text(pdf_text):
    return " ".join(pdf_text.split())


@pytest.fixture(scope="module")
def data(built):
    return json.loads((built / "briefing.json").read_text(encoding="utf-8"))


def test_all_three_formats_written(built):
    for name in ("briefing.pdf", "briefing.html", "briefing.json"):
        assert (built / name).stat().st_size > 1000


def test_pdf_has_pages_metadata_and_bookmarks(pdf):
    config = load_config(CONFIG)
    assert len(pdf.pages) > 5
    assert pdf.metadata.title == config.title
    assert pdf.metadata.subject == config.subtitle
    assert "Taliban" in (pdf.metadata.get("/Keywords") or "")
    outline_titles = [item.title for item in pdf.outline if not isinstance(item, list)]
    assert "Executive summary" in outline_titles and "Sources" in outline_titles


def test_every_enabled_section_title_is_in_the_pdf(flat_text):
    config = load_config(CONFIG)
    for section in config.sections:
        if section.enabled and section.title:
            assert section.title in flat_text, section.title
    for theme in config.themes:
        assert theme.title in flat_text, theme.title


def test_every_source_title_is_listed(flat_text, data):
    for article in data["articles"]:
        assert article["included"]
        title = " ".join(article["title"].split())
        assert title[:60] in flat_text, title


def test_no_boilerplate_in_the_pdf(flat_text):
    for marker in ("Related Articles", "Click to Donate", "Comments are closed", "Prince Harry", "wsws.org/contact",
                   "Photo credit"):
        assert marker not in flat_text


def test_running_header_and_page_x_of_y(pdf):
    total = len(pdf.pages)
    for number in (2, total):
        text = pdf.pages[number - 1].extract_text()
        assert f"Page {number} of {total}" in text
    assert "US, Taliban and Pakistan relations" in pdf.pages[3].extract_text()


def test_contents_lists_page_numbers(pdf):
    contents = pdf.pages[1].extract_text()
    assert "Contents" in contents
    assert re.search(r"Sources\s*\.*\s*\d+", contents)


def test_citations_link_to_the_sources_list(pdf):
    links = 0
    for page in pdf.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link" and "/Dest" in annotation or \
                    "/A" in annotation and annotation["/A"].get("/S") == "/GoTo":
                links += 1
    assert links > 20


def test_opinion_sources_labelled_wherever_cited(data, built):
    """Every citation of an opinion source, outside the sources list and audit, comes with its label."""
    html = (built / "briefing.html").read_text(encoding="utf-8")
    body = html[: html.index('id="section-sources"')]
    opinion_numbers = [a["citation"] for a in data["articles"] if a["genre"] == "opinion"]
    assert opinion_numbers
    checked = 0
    for number in opinion_numbers:
        for match in re.finditer(rf'<a class="cite" href="#src-{number}"', body):
            preceding = re.sub(r"<[^>]+>", "", body[max(0, match.start() - 600):match.start()])
            assert "Opinion" in preceding[-300:], preceding[-300:]
            checked += 1
    assert checked > 5


def test_json_contract(data):
    assert data["schema_version"] == 1
    article = data["articles"][0]
    for key in ("id", "file", "sha256", "title", "author", "outlet", "url", "published", "date_confidence",
                "date_evidence", "genre", "genre_evidence", "themes", "period", "key_phrases", "removed",
                "included", "excluded_reason"):
        assert key in article
    for quote in data["quotes"]:
        for key in ("text", "speaker", "speaker_role", "article_id", "char_start", "char_end", "themes", "period"):
            assert key in quote
    assert [s["type"] for s in data["sections"]][:4] == ["cover", "contents", "new_since", "executive_summary"]
    theme_sections = [s for s in data["sections"] if s["type"] == "theme"]
    assert len(theme_sections) == 7 and all(s["article_ids"] for s in theme_sections)
    quote_ids = {q["id"] for q in data["quotes"]}
    for section in data["sections"]:
        assert set(section["quote_ids"]) <= quote_ids


def test_json_quote_offsets_point_into_cleaned_text(config, corpus, data):
    texts = {a.id: a.clean.text for a in corpus.articles}
    for quote in data["quotes"]:
        assert texts[quote["article_id"]][quote["char_start"]:quote["char_end"]] == quote["text"]


def test_seed_dates_in_json(data):
    by_file = {a["file"][:3]: a for a in data["articles"]}
    assert by_file["001"]["published"] == "2021-07-23"
    assert by_file["004"]["published"] == "2026-03-03"
    assert by_file["002"]["published"].startswith("2021-08") and by_file["002"]["date_conflict"]
    assert by_file["003"]["published"].startswith("2025-10")


def test_build_is_reproducible(built, tmp_path):
    result = run_cli("build", "--config", str(CONFIG), "--output", str(tmp_path), "--format", "json,html")
    assert result.exit_code == 0
    assert (tmp_path / "briefing.json").read_text() == (built / "briefing.json").read_text()
    assert (tmp_path / "briefing.html").read_text() == (built / "briefing.html").read_text()


def test_date_window_from_the_command_line(tmp_path):
    result = run_cli("build", "--config", str(CONFIG), "--output", str(tmp_path), "--format", "json",
                     "--from", "2025-01-01", "--to", "2026-12-31")
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "briefing.json").read_text())
    left_out = {a["file"][:3]: a["excluded_reason"] for a in data["articles"] if not a["included"]}
    assert set(left_out) == {"000", "001", "002"}
    assert all("outside the date window" in reason for reason in left_out.values())
    result = run_cli("build", "--config", str(CONFIG), "--from", "2026-01-01", "--to", "2025-01-01")
    assert result.exit_code == 2


def test_unknown_format_is_a_usage_error():
    result = run_cli("build", "--config", str(CONFIG), "--format", "pdf,docx")
    assert result.exit_code == 2 and "docx" in result.output


def test_check_prints_one_row_per_article():
    result = run_cli("check", "--config", str(CONFIG))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    rows = [line for line in lines if line.startswith(("00",))]
    assert len(rows) == 5
    assert any("2021-07-23" in row or "23 Jul 2021" in row for row in rows)
    assert any("date conflict" in row for row in rows)
    assert any("no headline found" in row for row in rows)


def test_help_on_every_command():
    for command in ([], ["build"], ["check"], ["init"], ["config-reference"]):
        result = run_cli(*command, "--help")
        assert result.exit_code == 0 and "Usage" in result.output


def test_init_scaffolds_a_project_that_builds(tmp_path):
    target = tmp_path / "new"
    result = run_cli("init", str(target))
    assert result.exit_code == 0, result.output
    assert (target / "config.yaml").exists() and (target / "templates" / "briefing.html.j2").exists()
    assert run_cli("init", str(target)).exit_code == 2  # refuses to overwrite
    from tests.conftest import SEEDS

    for seed in SEEDS.iterdir():
        (target / "articles" / seed.name).write_bytes(seed.read_bytes())
    result = run_cli("build", "--config", str(target / "config.yaml"), "--format", "html")
    assert result.exit_code == 0, result.output
    assert "Executive summary" in (target / "output" / "briefing.html").read_text()


def test_python_dash_m_entry_point():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "briefing", "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "build" in result.stdout


@needs_corpora
def test_topic_corpus_builds_a_sensible_briefing(tmp_path):
    result = run_cli("build", "--config", str(CONFIG), "--input", str(CORPORA / "topic"), "--output", str(tmp_path),
                     "--format", "json,html", "--jobs", "2")
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "briefing.json").read_text())
    included = [a for a in data["articles"] if a["included"]]
    assert len(included) > 200
    assert all(a["published"] >= "2021-01-01" for a in included)
    assert all(not a["included"] for a in data["articles"] if a["published"] and a["published"] < "2021")
    assert {a["outlet"] for a in included} >= {"Dawn", "APP (Associated Press of Pakistan)"}
    for section in data["sections"]:
        if section["type"] == "theme":
            assert section["article_ids"], section["title"]
    html = (tmp_path / "briefing.html").read_text()
    assert "adsbygoogle" not in html and "Published in Dawn" not in html


def test_sources_list_says_how_each_header_was_read(flat_text):
    assert "outlet: contact footer (the footer links to wsws.org)" in flat_text
    assert "outlet: site-name line" in flat_text
    assert "title: fallback (no headline found" in flat_text
    assert "outlet not stated" in flat_text
