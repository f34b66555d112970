"""Configuration: validated once, every problem reported, each naming the key (and line)."""

from __future__ import annotations

import pytest

from briefing.config import load_config, reference_markdown
from briefing.errors import ConfigError
from tests.conftest import MINIMAL_CONFIG, run_cli, write_config


def _errors(tmp_path, text: str) -> str:
    path = write_config(tmp_path / "config.yaml", text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    return str(info.value)


def test_shipped_config_is_valid(config):
    assert len(config.themes) == 7
    assert [s.type for s in config.sections][:4] == ["cover", "contents", "new_since", "executive_summary"]


def test_bad_type_names_the_key_and_line(tmp_path):
    text = MINIMAL_CONFIG.replace("  - type: sources\n", "  - type: quotes\n    max_quotes: ten\n  - type: sources\n")
    message = _errors(tmp_path, text)
    assert "sections[2].max_quotes" in message
    assert "'ten'" in message
    assert "config.yaml:13" in message


def test_unknown_key_with_suggestion(tmp_path):
    message = _errors(tmp_path, MINIMAL_CONFIG + "titel: oops\n")
    assert "titel: unknown key; did you mean 'title'?" in message
    message = _errors(tmp_path, MINIMAL_CONFIG.replace("    min_hits: 1", "    min_hit: 1"))
    assert "themes[0].min_hit: unknown key; did you mean 'min_hits'?" in message


def test_all_problems_reported_at_once(tmp_path):
    text = MINIMAL_CONFIG.replace("title: Test briefing", "title: Test\npage_size: B7") + "undated_articles: maybe\n"
    message = _errors(tmp_path, text)
    assert "page_size" in message and "undated_articles" in message


def test_yaml_syntax_error_gives_line(tmp_path):
    message = _errors(tmp_path, "title: [unclosed\nthemes: []\n")
    assert "YAML syntax error" in message and "line 2" in message


def test_cross_checks(tmp_path):
    message = _errors(tmp_path, MINIMAL_CONFIG.replace("  - type: themes\n", "  - type: themes\n    themes: [bordr]\n"))
    assert "unknown theme id 'bordr'; did you mean 'border'?" in message
    message = _errors(tmp_path, MINIMAL_CONFIG.replace("title: Test briefing", "coverage: {from: 2025-01-01, to: 2024-01-01}"))
    assert "coverage" in message and "before" in message


def test_cli_exit_code_2_without_traceback(tmp_path):
    path = write_config(tmp_path / "config.yaml", MINIMAL_CONFIG + "titel: oops\n")
    result = run_cli("build", "--config", str(path))
    assert result.exit_code == 2
    assert "unknown key" in result.output and "Traceback" not in result.output
    result = run_cli("check", "--config", str(tmp_path / "missing.yaml"))
    assert result.exit_code == 2 and "no such configuration file" in result.output


def test_relative_paths_resolve_against_the_config_folder(project):
    config = load_config(project / "config.yaml")
    assert config.input_dir == project / "articles"
    assert config.output_dir == project / "out"


def test_periods_granularity_or_eras(tmp_path):
    eras = MINIMAL_CONFIG + ("periods:\n  eras:\n    - {id: a, title: Early, from: 2021-01-01, to: 2022-12-31}\n"
                             "    - {id: b, title: Late, from: 2023-01-01, to: 2026-12-31}\n")
    config = load_config(write_config(tmp_path / "config.yaml", eras))
    assert [e.id for e in config.periods.eras] == ["a", "b"]
    message = _errors(tmp_path, MINIMAL_CONFIG + "periods: {granularity: decade}\n")
    assert "periods.granularity" in message


def test_reference_documents_every_top_level_key():
    text = reference_markdown()
    for key in ("title", "coverage.from", "themes[].terms", "periods.granularity", "sections", "yake.max_ngram",
                "undated_articles", "labels.opinion"):
        assert f"`{key}`" in text


def test_readme_reference_is_current():
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert reference_markdown() in readme, "run `make readme` to regenerate the configuration reference"


def test_periods_follow_the_granularity(tmp_path):
    from briefing.periods import period_of, periods_for

    for granularity, expected_id, expected_title in (("year", "2025", "2025"), ("quarter", "2025-q2", "2025, Q2"),
                                                     ("month", "2025-04", "April 2025")):
        config = load_config(write_config(tmp_path / "config.yaml",
                                          MINIMAL_CONFIG + f"periods: {{granularity: {granularity}}}\n"))
        period = period_of(__import__("datetime").date(2025, 4, 17), periods_for(config))
        assert (period.id, period.title) == (expected_id, expected_title)
