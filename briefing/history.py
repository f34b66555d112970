"""The run manifest: a small SQLite database in the output folder that records every run.

Each run records its window, the configuration's hash, the hash of every input file, the events it
listed and the files it wrote. The next run of the same configuration reads it to say what is new.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MANIFEST_NAME = "runs.sqlite"
SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    config_hash TEXT NOT NULL,
    window_from TEXT NOT NULL,
    window_to TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,            -- running | ok | failed
    message TEXT,
    outputs TEXT                     -- JSON: format -> path
);
CREATE TABLE IF NOT EXISTS run_inputs (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    sha256 TEXT NOT NULL,
    file TEXT NOT NULL,
    article_id TEXT
);
CREATE TABLE IF NOT EXISTS run_events (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    event_key TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS run_inputs_sha ON run_inputs(sha256);
CREATE INDEX IF NOT EXISTS runs_config ON runs(config_hash, status);
"""


@dataclass(frozen=True)
class History:
    """What earlier successful runs of the same configuration had seen."""

    previous_run_at: dt.datetime | None
    previous_window: tuple[str, str] | None
    seen_inputs: frozenset[str]
    seen_events: frozenset[str]

    @property
    def is_first_run(self) -> bool:
        return self.previous_run_at is None


@contextlib.contextmanager
def _connect(output_dir: Path) -> Iterator[sqlite3.Connection]:
    output_dir.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(output_dir / MANIFEST_NAME, timeout=30)
    try:
        connection.executescript(SCHEMA)
        yield connection
        connection.commit()
    finally:
        connection.close()


def load_history(output_dir: Path, config_hash: str) -> History:
    """Inputs and events of every earlier successful run of this configuration."""
    if not (output_dir / MANIFEST_NAME).exists():
        return History(None, None, frozenset(), frozenset())
    with _connect(output_dir) as db:
        last = db.execute("SELECT finished_at, window_from, window_to FROM runs WHERE config_hash = ? AND status = 'ok'"
                          " ORDER BY id DESC LIMIT 1", (config_hash,)).fetchone()
        if last is None:
            return History(None, None, frozenset(), frozenset())
        inputs = db.execute("SELECT DISTINCT i.sha256 FROM run_inputs i JOIN runs r ON r.id = i.run_id "
                            "WHERE r.config_hash = ? AND r.status = 'ok'", (config_hash,)).fetchall()
        events = db.execute("SELECT DISTINCT e.event_key FROM run_events e JOIN runs r ON r.id = e.run_id "
                            "WHERE r.config_hash = ? AND r.status = 'ok'", (config_hash,)).fetchall()
    return History(dt.datetime.fromisoformat(last[0]), (last[1], last[2]), frozenset(r[0] for r in inputs),
                   frozenset(r[0] for r in events))


def start_run(output_dir: Path, config_hash: str, window_from: dt.date, window_to: dt.date,
              started_at: dt.datetime) -> int:
    with _connect(output_dir) as db:
        cursor = db.execute("INSERT INTO runs (config_hash, window_from, window_to, started_at, status) "
                            "VALUES (?, ?, ?, ?, 'running')",
                            (config_hash, window_from.isoformat(), window_to.isoformat(), started_at.isoformat()))
        return int(cursor.lastrowid)


def finish_run(output_dir: Path, run_id: int, *, inputs: list[tuple[str, str, str | None]], events: list[str],
               outputs: dict[str, str], finished_at: dt.datetime) -> None:
    with _connect(output_dir) as db:
        db.executemany("INSERT INTO run_inputs (run_id, sha256, file, article_id) VALUES (?, ?, ?, ?)",
                       [(run_id, sha, file, article_id) for sha, file, article_id in inputs])
        db.executemany("INSERT INTO run_events (run_id, event_key) VALUES (?, ?)", [(run_id, key) for key in events])
        db.execute("UPDATE runs SET status = 'ok', finished_at = ?, outputs = ? WHERE id = ?",
                   (finished_at.isoformat(), json.dumps(outputs), run_id))


def fail_run(output_dir: Path, run_id: int, message: str, finished_at: dt.datetime) -> None:
    with _connect(output_dir) as db:
        db.execute("UPDATE runs SET status = 'failed', finished_at = ?, message = ? WHERE id = ?",
                   (finished_at.isoformat(), message[:2000], run_id))


def list_runs(output_dir: Path) -> list[dict]:
    if not (output_dir / MANIFEST_NAME).exists():
        return []
    with _connect(output_dir) as db:
        db.row_factory = sqlite3.Row
        return [dict(row) for row in db.execute("SELECT * FROM runs ORDER BY id")]
