"""Date windows for a run: an ISO week (`--week 2026-W09`, `--week last`), `--since 7d`, or `--from/--to`."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

WEEK = re.compile(r"^(?P<year>\d{4})-?W(?P<week>\d{1,2})$", re.IGNORECASE)
SINCE = re.compile(r"^(?P<count>\d{1,4})\s*(?P<unit>d|w|m)$", re.IGNORECASE)


class WindowError(ValueError):
    """A window given on the command line that cannot be understood."""


@dataclass(frozen=True)
class Window:
    """The publication dates one run covers (inclusive), and how it was asked for."""

    start: dt.date
    end: dt.date
    label: str
    iso_week: tuple[int, int] | None = None

    def contains(self, date: dt.date) -> bool:
        return self.start <= date <= self.end



def iso_week(spec: str, today: dt.date) -> Window:
    """`2026-W09`, `last` (the previous full ISO week), or `this` (the current one, to date)."""
    lowered = spec.strip().lower()
    if lowered in ("last", "previous"):
        year, week, _ = (today - dt.timedelta(days=7)).isocalendar()
    elif lowered in ("this", "current"):
        year, week, _ = today.isocalendar()
    elif match := WEEK.match(spec.strip()):
        year, week = int(match["year"]), int(match["week"])
    else:
        raise WindowError(f"{spec!r} is not an ISO week: use e.g. 2026-W09, last or this")
    try:
        start = dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        raise WindowError(f"{year} has no ISO week {week}") from None
    return Window(start, start + dt.timedelta(days=6), f"ISO week {year}-W{week:02d}", (year, week))


def since(spec: str, today: dt.date) -> Window:
    """`7d`, `2w` or `1m`: the last days, weeks or months up to and including today."""
    match = SINCE.match(spec.strip())
    if not match:
        raise WindowError(f"{spec!r} is not a duration: use e.g. 7d, 2w or 1m")
    count = int(match["count"])
    days = {"d": count, "w": 7 * count, "m": 30 * count}[match["unit"].lower()]
    if days < 1:
        raise WindowError("the duration must be at least one day")
    return Window(today - dt.timedelta(days=days - 1), today, f"the {days} days to {today.isoformat()}")


def explicit(start: dt.date | None, end: dt.date | None, default_start: dt.date, default_end: dt.date) -> Window:
    """`--from` and/or `--to`; the missing end comes from the configured coverage."""
    window = Window(start or default_start, end or default_end,
                    f"{(start or default_start).isoformat()} to {(end or default_end).isoformat()}")
    if window.end < window.start:
        raise WindowError(f"--to {window.end} is before --from {window.start}")
    return window
