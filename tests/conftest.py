"""Shared fixtures: the project's own seeds and config, and the optional shared corpora."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from briefing.config import Config, load_config

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CONFIG = ROOT / "config.yaml"
CORPORA = ROOT.parent / "shared" / "corpora"
FIXED_EPOCH = "1767225600"  # 2026-01-01T00:00:00Z: builds in tests are reproducible

needs_corpora = pytest.mark.skipif(not (CORPORA / "topic").is_dir(), reason="../shared/corpora is not present")


@pytest.fixture(scope="session")
def config() -> Config:
    return load_config(CONFIG)


@pytest.fixture(scope="session")
def corpus(config):
    from briefing.build import read_and_analyse

    return read_and_analyse(config)


@pytest.fixture(scope="session")
def seed_articles(corpus):
    """Analysed seed articles by file name prefix ("000" … "004")."""
    return {article.document.file[:3]: article for article in corpus.articles}


def run_cli(*args: str, env: dict[str, str] | None = None):
    runner = CliRunner()
    return runner.invoke(cli, list(args), env={"SOURCE_DATE_EPOCH": FIXED_EPOCH, **(env or {})},
                         catch_exceptions=False)


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """One real build of the seeds (PDF, HTML, JSON) shared by the end-to-end tests."""
    out = tmp_path_factory.mktemp("build")
    result = run_cli("build", "--config", str(CONFIG), "--output", str(out))
    assert result.exit_code == 0, result.output
    return out


def write_config(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


MINIMAL_CONFIG = """\
title: Test briefing
input: articles
output: out
themes:
  - id: border
    title: Border
    terms: [border, Durand Line]
    min_hits: 1
sections:
  - type: cover
  - type: themes
  - type: sources
    title: Sources
  - type: method
    title: Method
"""


@pytest.fixture
def project(tmp_path):
    """A small project folder with the minimal config and an empty articles folder."""
    (tmp_path / "articles").mkdir()
    write_config(tmp_path / "config.yaml", MINIMAL_CONFIG)
    return tmp_path


os.environ.setdefault("SOURCE_DATE_EPOCH", FIXED_EPOCH)
