"""Neutrality that can be audited: own voice, labelled perspectives, contested figures, citations, roles."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader

from briefing.config import load_config
from briefing.lexicon import lexicon_for
from briefing.neutrality import check_own_voice, own_voice_text
from tests.conftest import CONFIG, ROOT, run_cli


@pytest.fixture(scope="module")
def html(built):
    return (built / "briefing.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def pdf_text(built):
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(built / "briefing.pdf").pages)


def test_own_voice_of_the_default_build_has_no_loaded_term(html, config):
    assert check_own_voice(html, lexicon_for(config)) == []
    voice = own_voice_text(html)
    assert "Executive summary" in voice and "Neutrality audit" in voice
    assert "puppet" not in re.sub(r"“[^”]*”", " ", voice)


def _project_with_template(tmp_path, extra_config: str, template: str):
    config = (ROOT / "config.yaml").read_text(encoding="utf-8").replace("\ninput: seeds\n", f"\ninput: {ROOT / 'seeds'}\n")
    (tmp_path / "config.yaml").write_text(config + extra_config, encoding="utf-8")
    (tmp_path / "templates" / "sections").mkdir(parents=True)
    (tmp_path / "templates" / "sections" / "cover.html.j2").write_text(template, encoding="utf-8")
    return tmp_path / "config.yaml"


LOADED_COVER = '<section class="cover"><h1 id="cover">A briefing on the puppet regime</h1></section>'


def test_template_with_a_loaded_term_fails_the_strict_build(tmp_path):
    config = _project_with_template(tmp_path, "", LOADED_COVER)
    text = config.read_text().replace("neutrality:\n  strict: false", "neutrality:\n  strict: true")
    config.write_text(text)
    result = run_cli("build", "--config", str(config), "--format", "html")
    assert result.exit_code == 1
    assert "own voice uses loaded language" in result.output and "puppet" in result.output
    assert not (tmp_path / "output" / "briefing.html").exists()


def test_template_with_a_loaded_term_only_warns_when_not_strict(tmp_path):
    config = _project_with_template(tmp_path, "", LOADED_COVER)
    result = run_cli("build", "--config", str(config), "--format", "html")
    assert result.exit_code == 0
    assert "own voice uses loaded language" in (tmp_path / "output" / "briefing.log").read_text()


def test_contested_figures_set_side_by_side_with_claimants(pdf_text, built):
    assert "Contested figures" in pdf_text
    for words in ("23 of its personnel", "58 Pakistani soldiers", "over 200 Afghan soldiers", "nine of their own fighters"):
        assert words in pdf_text
    assert "Pakistani military" in pdf_text and "Zabiullah Mujahid" in pdf_text
    data = json.loads((built / "briefing.json").read_text())
    pakistan = next(f for f in data["contested_figures"] if f["what"].startswith("Pakistan"))
    assert {c["value"] for c in pakistan["claims"]} == {"23 of its personnel", "58 Pakistani soldiers"}
    assert {c["claimant"] for c in pakistan["claims"]} == {"Pakistani military",
                                                           "Afghan government spokesman Zabiullah Mujahid"}


class _Citations(HTMLParser):
    """Collect ids, and for each excerpt, quotation, figure row and perspective the citations inside it."""

    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.blocks: list[dict] = []
        self.open: list[tuple[str, dict | None]] = []
        self.in_figures_body = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        classes = set((attrs.get("class") or "").split())
        if tag == "tbody" and any(t == "table" and "figures" in c for t, c in self._tables()):
            self.in_figures_body = True
        block = None
        if tag == "blockquote" and "perspective" not in classes or tag == "div" and classes & {"quote", "perspective-block"} \
                or tag == "tr" and self.in_figures_body:
            block = {"tag": tag, "cites": []}
            self.blocks.append(block)
        self.open.append((tag, block, classes))
        if tag == "a" and "cite" in classes:
            for _, b, _ in self.open:
                if b is not None:
                    b["cites"].append(attrs["href"].lstrip("#"))

    def _tables(self):
        return [(t, c) for t, _, c in self.open if t == "table"]

    def handle_endtag(self, tag):
        if tag == "tbody":
            self.in_figures_body = False
        while self.open:
            open_tag, _, _ = self.open.pop()
            if open_tag == tag:
                break


def test_every_excerpt_quotation_and_figure_cites_a_listed_source(html):
    parser = _Citations()
    parser.feed(html)
    checked = parser.blocks
    assert len(checked) > 30 and any(b["tag"] == "tr" for b in checked)
    for block in checked:
        assert block["cites"], block
        for target in block["cites"]:
            assert target in parser.ids and target.startswith("src-")


def test_opinion_labelled_in_perspectives_and_figures(html, built):
    data = json.loads((built / "briefing.json").read_text())
    opinion = {a["citation"] for a in data["articles"] if a["genre"] == "opinion"}
    labels = re.findall(r'<h3 class="perspective-label">(.*?)</h3>', html, re.S)
    assert labels
    for label in labels:
        number = int(re.search(r'href="#src-(\d+)"', label).group(1))
        if number in opinion:
            assert "Opinion" in label


def test_sentence_roles_with_evidence(seed_articles):
    def role_of(key, start):
        return next(s for s in seed_articles[key].analysis.sentences if s.text.startswith(start))

    assert role_of("003", "We believe Afghanistan has the right").role == "evaluation"
    assert role_of("003", "The Pakistani military reported 23").role == "attributed claim"
    assert role_of("001", "US warplanes carried out at least four").role == "reported fact"
    quoted = role_of("002", "\"China is perfectly okay")
    assert quoted.role == "quotation"
    evaluation = role_of("004", "The United States led by the would-be fascist")
    assert evaluation.role == "evaluation" and any("fascist" in e for e in evaluation.role_evidence)


def test_lexicon_can_be_extended_and_trimmed(tmp_path):
    base = (ROOT / "config.yaml").read_text(encoding="utf-8")
    path = tmp_path / "config.yaml"
    path.write_text(base.replace("  lexicon: {}\n  allow: []", "  lexicon: {emotive intensifiers: [massive]}\n"
                                                                "  allow: [regime]"), encoding="utf-8")
    lexicon = lexicon_for(load_config(path))
    assert lexicon.find("the massive US embassy") and not lexicon.find("the Taliban regime")
    default = lexicon_for(load_config(CONFIG))
    assert default.find("the Taliban regime") and not default.find("the massive US embassy")


def test_audit_appendix_reports_loaded_terms_per_source(pdf_text):
    assert "Neutrality audit" in pdf_text
    assert "“imperialism” ×7" in pdf_text
    assert re.search(r"\d+ of \d+ \(\d+%\)", pdf_text)


def test_claims_keep_claimant_figures_and_what_they_count(seed_articles):
    claims = seed_articles["003"].analysis.claims
    military = next(c for c in claims if c.claimant == "Pakistani military")
    assert [(f.text, f.side, f.outcome, f.category) for f in military.figures] == [
        ("23 of its personnel", "pakistan", "killed", "military"),
        ("over 200 Afghan soldiers", "afghanistan", "killed", "military")]
    assert military.figures[1].low == 200 and military.figures[1].high is None
    spokesman = next(c for c in claims if "Mujahid" in c.claimant)
    assert {f.text for f in spokesman.figures} == {"58 Pakistani soldiers", "nine of their own fighters"}
    kabul = next(c for c in seed_articles["004"].analysis.claims if c.claimant == "Kabul")
    assert kabul.figures[0].counted == "civilian casualties" and kabul.figures[0].category == "civilian"
