"""Rendering is a security boundary: article text is escaped and the PDF fetcher serves only our assets."""

from __future__ import annotations

import io
import os
import socket

import pytest
from pypdf import PdfReader

from tests.conftest import run_cli

HOSTNAME = socket.gethostname()

HOSTILE_ARTICLE = """---
title: 'Border <script>alert("x")</script> talks <img src="file:///etc/hostname">'
author: '<b>Mallory</b>'
outlet: Example News
date: 2025-10-20
---
Officials said the border crossing at Torkham would reopen on Monday after talks in Doha, according to a statement.

<img src="file:///etc/hostname"> <script>document.write("pwned")</script>
<link rel="attachment" href="file:///etc/passwd">

A spokesman said "the border <img src='http://127.0.0.1:9/x.png'> will remain open for trade and people," the ministry added.
"""


@pytest.fixture
def hostile_project(project):
    (project / "articles" / "hostile.md").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    (project / "articles" / "plain.txt").write_text(
        "Trade resumes at the Durand Line\n\n21 October 2025\n\nOfficials said trade resumed at the border "
        "on Tuesday after a week of closures along the Durand Line, according to customs data.\n", encoding="utf-8")
    (project / "articles" / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    (project / "articles" / "empty.md").write_bytes(b"")
    return project


def test_hostile_article_is_escaped_never_fetched(hostile_project):
    result = run_cli("build", "--config", str(hostile_project / "config.yaml"))
    assert result.exit_code == 0, result.output
    out = hostile_project / "out"
    html = (out / "briefing.html").read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()
    assert "&lt;script&gt;" in html  # the title's markup is shown as text, not interpreted
    reader = PdfReader(io.BytesIO((out / "briefing.pdf").read_bytes()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    if len(HOSTNAME) > 4:
        assert HOSTNAME not in text
    assert "root:x:0" not in text
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        assert not xobjects, "no image may be embedded from article text"
    assert "/EmbeddedFiles" not in str(reader.trailer["/Root"])


def test_bad_files_skipped_and_listed_in_method_section(hostile_project):
    run_cli("build", "--config", str(hostile_project / "config.yaml"))
    out = hostile_project / "out"
    reader = PdfReader(out / "briefing.pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "binary.txt" in text and "empty.md" in text
    import json

    data = json.loads((out / "briefing.json").read_text())
    skipped = {s["file"]: s["reason"] for s in data["skipped"]}
    assert "binary" in skipped["binary.txt"] and "empty" in skipped["empty.md"]


@pytest.fixture
def fetcher(tmp_path):
    from briefing.render import asset_only_fetcher

    root = tmp_path / "templates"
    root.mkdir()
    (root / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (tmp_path / "secret.txt").write_text("secret")
    os.symlink(tmp_path / "secret.txt", root / "link.txt")
    return asset_only_fetcher([root]), root, tmp_path


def test_fetcher_serves_files_inside_the_template_folder(fetcher):
    fetch, root, _ = fetcher
    response = fetch.fetch((root / "logo.svg").as_uri())
    assert response.read().startswith(b"<svg")
    assert fetch.fetch("data:text/plain,hello").read() == b"hello"


@pytest.mark.parametrize("make_url", [
    lambda root, tmp: (tmp / "secret.txt").as_uri(),
    lambda root, tmp: root.as_uri() + "/../secret.txt",
    lambda root, tmp: root.as_uri() + "/%2e%2e/secret.txt",
    lambda root, tmp: (root / "link.txt").as_uri(),
    lambda root, tmp: "file://otherhost" + str(root / "logo.svg"),
    lambda root, tmp: "file:///etc/hostname",
    lambda root, tmp: "http://127.0.0.1:9/x.png",
    lambda root, tmp: "https://example.org/x.css",
    lambda root, tmp: "ftp://example.org/x",
])
def test_fetcher_refuses_everything_else(fetcher, make_url):
    fetch, root, tmp = fetcher
    url = make_url(root, tmp)
    with pytest.raises(ValueError):
        fetch.fetch(url)
    assert fetch.refused


def test_template_override_extends_the_builtin_one(project):
    (project / "articles" / "a.txt").write_text(
        "Border trade resumes\n\n21 October 2025\n\nOfficials said trade resumed at the border on Tuesday after "
        "a week of closures along the Durand Line, according to customs data.\n")
    templates = project / "templates"
    templates.mkdir()
    (templates / "briefing.html.j2").write_text(
        '{% extends "default:briefing.html.j2" %}{% block extra_style %}/* OVERRIDE-MARKER */'
        '{% endblock %}')
    result = run_cli("build", "--config", str(project / "config.yaml"), "--format", "html")
    assert result.exit_code == 0, result.output
    html = (project / "out" / "briefing.html").read_text()
    assert "OVERRIDE-MARKER" in html and "Border trade resumes" in html
    assert not (project / "out" / "briefing.pdf").exists()


def test_template_that_references_a_local_file_renders_without_it(project):
    (project / "articles" / "a.txt").write_text("Border trade resumes\n\nOfficials said trade resumed at the "
                                               "border on Tuesday along the Durand Line, according to data.\n")
    templates = project / "templates"
    templates.mkdir()
    (templates / "sections").mkdir()
    (templates / "sections" / "cover.html.j2").write_text('<h1 id="cover">Cover</h1><img src="file:///etc/hostname">')
    result = run_cli("build", "--config", str(project / "config.yaml"), "--format", "pdf")
    assert result.exit_code == 0, result.output
    reader = PdfReader(project / "out" / "briefing.pdf")
    assert all(not (page.get("/Resources") or {}).get("/XObject") for page in reader.pages)


def test_template_error_is_a_clean_failure(project):
    (project / "articles" / "a.txt").write_text("Headline here\n\nOfficials said trade resumed at the border.\n")
    (project / "templates").mkdir()
    (project / "templates" / "briefing.html.j2").write_text("{{ briefing.no_such_field }}")
    result = run_cli("build", "--config", str(project / "config.yaml"), "--format", "html")
    assert result.exit_code == 1
    assert "template error" in result.output and "Traceback" not in result.output


def test_outputs_are_replaced_atomically(tmp_path):
    from briefing.render import write_atomically

    target = tmp_path / "briefing.pdf"
    write_atomically(target, b"first")
    write_atomically(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in tmp_path.iterdir()] == ["briefing.pdf"]
    assert oct(target.stat().st_mode & 0o777) != oct(0o600)
