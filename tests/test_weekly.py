"""Scheduled runs: windows, output folders, the run manifest, what's new, the cache, safety, scheduling."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from filelock import FileLock

from briefing.windows import WindowError, explicit, iso_week, since
from tests.conftest import ROOT, SEEDS, run_cli

SEED_FILES = sorted(SEEDS.iterdir())


@pytest.mark.parametrize("spec, today, start, end", [
    ("2026-W09", dt.date(2026, 6, 1), dt.date(2026, 2, 23), dt.date(2026, 3, 1)),
    ("2020-W53", dt.date(2026, 6, 1), dt.date(2020, 12, 28), dt.date(2021, 1, 3)),  # a 53-week year
    ("2026W01", dt.date(2026, 6, 1), dt.date(2025, 12, 29), dt.date(2026, 1, 4)),  # week 1 starts in December
    ("last", dt.date(2026, 1, 1), dt.date(2025, 12, 22), dt.date(2025, 12, 28)),  # across the year boundary
    ("this", dt.date(2027, 1, 3), dt.date(2026, 12, 28), dt.date(2027, 1, 3)),  # 3 Jan 2027 is in 2026-W53
    ("last", dt.date(2027, 1, 10), dt.date(2026, 12, 28), dt.date(2027, 1, 3)),
])
def test_iso_weeks(spec, today, start, end):
    window = iso_week(spec, today)
    assert (window.start, window.end) == (start, end)
    assert window.start.weekday() == 0 and (window.end - window.start).days == 6


def test_invalid_weeks_and_durations():
    with pytest.raises(WindowError, match="no ISO week 53"):
        iso_week("2021-W53", dt.date(2026, 1, 1))
    with pytest.raises(WindowError):
        iso_week("W9", dt.date(2026, 1, 1))
    with pytest.raises(WindowError):
        since("seven days", dt.date(2026, 1, 1))
    with pytest.raises(WindowError):
        explicit(dt.date(2026, 2, 1), dt.date(2026, 1, 1), dt.date(2021, 1, 1), dt.date(2026, 12, 31))


def test_since_counts_days_up_to_today():
    window = since("7d", dt.date(2026, 3, 3))
    assert (window.start, window.end) == (dt.date(2026, 2, 25), dt.date(2026, 3, 3))
    assert since("2w", dt.date(2026, 3, 3)).start == dt.date(2026, 2, 18)


@pytest.fixture
def weekly_project(tmp_path):
    """A copy of this briefing's configuration over a folder holding two of the seeds."""
    (tmp_path / "articles").mkdir()
    for seed in SEED_FILES[:2]:
        (tmp_path / "articles" / seed.name).write_bytes(seed.read_bytes())
    config = (ROOT / "config.yaml").read_text(encoding="utf-8").replace("\ninput: seeds\n", "\ninput: articles\n")
    (tmp_path / "config.yaml").write_text(config, encoding="utf-8")
    return tmp_path


def _build(project: Path, *args: str):
    result = run_cli("build", "--config", str(project / "config.yaml"), "--format", "json", *args)
    return result


def test_second_run_says_what_is_new_and_hits_the_cache(weekly_project):
    first = _build(weekly_project)
    assert first.exit_code == 0, first.output
    assert "2 analysed" in first.output
    data = json.loads((weekly_project / "output" / "briefing.json").read_text())
    new_since = next(s for s in data["sections"] if s["type"] == "new_since")
    assert new_since["article_ids"] == []  # first run: nothing to compare with

    unchanged = _build(weekly_project)
    assert "0 analysed" in unchanged.output  # nothing re-analysed: every analysis came from the cache

    added = SEED_FILES[4]
    (weekly_project / "articles" / added.name).write_bytes(added.read_bytes())
    third = _build(weekly_project)
    assert "1 analysed" in third.output
    data = json.loads((weekly_project / "output" / "briefing.json").read_text())
    new_since = next(s for s in data["sections"] if s["type"] == "new_since")
    new_article = next(a["id"] for a in data["articles"] if a["file"] == added.name)
    assert new_since["article_ids"] == [new_article]
    open_war = next(e for e in data["events"] if e["chronology_event"] and "open war" in e["chronology_event"])
    assert open_war["id"] in new_since["event_ids"]  # an event the added article brought
    old = [e["id"] for e in data["events"] if set(e["article_ids"]) <= {a["id"] for a in data["articles"]
                                                                        if a["file"] != added.name}]
    assert old and not set(old) & set(new_since["event_ids"])  # events listed before are not new

    from briefing.history import list_runs

    runs = list_runs(weekly_project / "output")
    assert [r["status"] for r in runs] == ["ok", "ok", "ok"]
    assert len({r["config_hash"] for r in runs}) == 1


def test_cache_clear_forces_reanalysis(weekly_project):
    _build(weekly_project)
    result = run_cli("cache", "clear", "--config", str(weekly_project / "config.yaml"))
    assert result.exit_code == 0 and "removed 2 cached analyses" in result.output
    assert "2 analysed" in _build(weekly_project).output


def test_week_run_writes_its_folder_and_latest(weekly_project):
    result = _build(weekly_project, "--week", "2021-W29")
    assert result.exit_code == 0, result.output
    out = weekly_project / "output"
    week = json.loads((out / "2021-W29" / "briefing.json").read_text())
    assert (out / "latest" / "briefing.json").read_text() == (out / "2021-W29" / "briefing.json").read_text()
    included = [a["file"] for a in week["articles"] if a["included"]]
    assert included == [SEED_FILES[1].name]  # dated 23 July 2021, inside 19–25 July
    assert week["coverage"] == {"from": "2021-07-19", "to": "2021-07-25"}
    assert "outside the date window" in next(a for a in week["articles"] if not a["included"])["excluded_reason"]
    assert (out / "briefing.log").read_text().count("build started") >= 1


def test_window_options_are_exclusive_and_validated(weekly_project):
    assert _build(weekly_project, "--week", "2021-W29", "--since", "7d").exit_code == 2
    bad = _build(weekly_project, "--week", "2021-W60")
    assert bad.exit_code == 2 and "no ISO week 60" in bad.output


def test_concurrent_run_is_refused(weekly_project):
    out = weekly_project / "output"
    out.mkdir()
    with FileLock(str(out / ".briefing.lock")):
        result = _build(weekly_project)
    assert result.exit_code == 3
    assert "another run" in result.output
    assert not (out / "briefing.json").exists()


def test_failed_render_leaves_previous_outputs_and_is_recorded(weekly_project, monkeypatch):
    assert run_cli("build", "--config", str(weekly_project / "config.yaml"), "--format", "pdf").exit_code == 0
    pdf = weekly_project / "output" / "briefing.pdf"
    before = pdf.read_bytes()

    import briefing.build as build_module
    from briefing.errors import RenderError

    def broken(*args, **kwargs):
        raise RenderError("simulated failure while laying out the PDF")

    monkeypatch.setattr(build_module, "render_pdf", broken)
    result = run_cli("build", "--config", str(weekly_project / "config.yaml"), "--format", "pdf")
    assert result.exit_code == 1 and "simulated failure" in result.output
    assert pdf.read_bytes() == before
    from briefing.history import list_runs

    last = list_runs(weekly_project / "output")[-1]
    assert last["status"] == "failed" and "simulated failure" in last["message"]
    assert "simulated failure" in (weekly_project / "output" / "briefing.log").read_text()


KILL_DURING_WRITE = """
import os, sys, time
import briefing.render as render
real_fsync = os.fsync
def slow_fsync(fd):
    print("WRITING", flush=True)
    time.sleep(30)
os.fsync = slow_fsync
from briefing.cli import main
sys.argv = ["briefing", "build", "--config", sys.argv[1], "--format", "pdf", "--no-cache"]
main()
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_killed_run_never_leaves_a_truncated_pdf(weekly_project):
    assert run_cli("build", "--config", str(weekly_project / "config.yaml"), "--format", "pdf").exit_code == 0
    pdf = weekly_project / "output" / "briefing.pdf"
    before = pdf.read_bytes()
    process = subprocess.Popen([sys.executable, "-c", KILL_DURING_WRITE, str(weekly_project / "config.yaml")],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    try:
        deadline = time.monotonic() + 120
        line = ""
        while "WRITING" not in line and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line and process.poll() is not None:
                break
        assert "WRITING" in line, "the child never reached the write"
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert pdf.read_bytes() == before  # the last good PDF is still there, whole
    assert pdf.read_bytes().rstrip().endswith(b"%%EOF")


def test_schedule_prints_cron_and_systemd_units(weekly_project):
    config = weekly_project / "config.yaml"
    result = run_cli("schedule", "--weekly", "MON 07:00", "--config", str(config))
    assert result.exit_code == 0, result.output
    text = result.output
    cron = next(line for line in text.splitlines() if line.startswith("0 7 * * 1 "))
    assert f"--config {config}" in cron and "build --config" in cron and "--week last" in cron
    assert "cron.log" in cron
    assert "OnCalendar=Mon *-*-* 07:00:00" in text and "Persistent=true" in text
    assert "Type=oneshot" in text and f"WorkingDirectory={weekly_project}" in text
    assert "ExecStart=" in text and "--week last" in text


def test_schedule_install_and_remove_with_python_crontab(weekly_project, tmp_path):
    config = weekly_project / "config.yaml"
    tab = tmp_path / "crontab.txt"
    tab.write_text("# an existing entry\n30 2 * * * /usr/bin/true\n")
    for _ in range(2):  # installing twice keeps one entry
        assert run_cli("schedule", "--weekly", "FRI 18:30", "--config", str(config), "--install",
                       "--crontab-file", str(tab)).exit_code == 0
    lines = [line for line in tab.read_text().splitlines() if "briefing" in line]
    assert len(lines) == 1 and lines[0].startswith("30 18 * * 5 ")
    assert "/usr/bin/true" in tab.read_text()
    result = run_cli("schedule", "--weekly", "FRI 18:30", "--config", str(config), "--remove",
                     "--crontab-file", str(tab))
    assert "removed 1 crontab entry" in result.output
    assert "briefing" not in tab.read_text() and "/usr/bin/true" in tab.read_text()


def test_schedule_rejects_a_bad_time(weekly_project):
    result = run_cli("schedule", "--weekly", "MON 25:00", "--config", str(weekly_project / "config.yaml"))
    assert result.exit_code == 2 and "not a time of day" in result.output
