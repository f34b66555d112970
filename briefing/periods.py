"""Periods that theme sections are broken down by: calendar granularity or named eras."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from briefing.config import Config

UNDATED_PERIOD_ID = "undated"


@dataclass(frozen=True)
class Period:
    id: str
    title: str
    start: dt.date
    end: dt.date

    def contains(self, date: dt.date) -> bool:
        return self.start <= date <= self.end


def periods_for(config: Config) -> tuple[Period, ...]:
    """Every period within the coverage, in order."""
    if config.periods.eras is not None:
        return tuple(Period(era.id, era.title, era.from_, era.to) for era in config.periods.eras)
    step = {"year": relativedelta(years=1), "quarter": relativedelta(months=3),
            "month": relativedelta(months=1)}[config.periods.granularity]
    start = _floor(config.coverage.from_, config.periods.granularity)
    periods = []
    while start <= config.coverage.to:
        end = start + step - relativedelta(days=1)
        periods.append(Period(_id(start, config.periods.granularity), _title(start, config.periods.granularity),
                              start, end))
        start += step
    return tuple(periods)


def period_of(date: dt.date | None, periods: tuple[Period, ...]) -> Period | None:
    if date is None:
        return None
    return next((p for p in periods if p.contains(date)), None)


def _floor(date: dt.date, granularity: str | None) -> dt.date:
    if granularity == "year":
        return dt.date(date.year, 1, 1)
    if granularity == "quarter":
        return dt.date(date.year, 3 * ((date.month - 1) // 3) + 1, 1)
    return dt.date(date.year, date.month, 1)


def _id(start: dt.date, granularity: str | None) -> str:
    return _label(start, granularity, "{year}", "{year}-q{quarter}", "{year}-{month:02d}")


def _title(start: dt.date, granularity: str | None) -> str:
    return _label(start, granularity, "{year}", "{year}, Q{quarter}", "{month_name} {year}")


def _label(start: dt.date, granularity: str | None, year: str, quarter: str, month: str) -> str:
    """Format a period's start with the pattern for its granularity."""
    pattern = {"year": year, "quarter": quarter}.get(granularity or "", month)
    return pattern.format(year=start.year, quarter=(start.month - 1) // 3 + 1, month=start.month,
                          month_name=f"{start:%B}")
