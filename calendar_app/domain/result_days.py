"""The days results cover: a report's period, and the days a row of it may have its own.

Pure domain code. A row dated by the file must lie within the report's period when
the file has one (GA4's ``# Start date:`` and ``# End date:`` lines, or the period
given with the file: a day outside it contradicts what the file says it covers), and
must not come after the caller's ``today`` (today itself is accepted: a day's figures
so far, replaced when its full figures are imported).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .export_values import export_day


@dataclass(frozen=True)
class Period:
    """The days a result covers, both included."""

    start: date
    end: date


def row_day(text: str, period: Period | None, today: date) -> date:
    """A row's own date (:func:`export_day`), within ``period`` when there is one and not
    after ``today``; else ValueError saying which (only the period when it is both)."""
    day = export_day(text)
    if period is not None and not period.start <= day <= period.end:
        raise ValueError(
            f"{day.isoformat()} is outside the report's period "
            f"{period.start.isoformat()} to {period.end.isoformat()}."
        )
    if day > today:
        raise ValueError(f"{day.isoformat()} is in the future (today is {today.isoformat()}).")
    return day


def covered(periods: list[Period], start: date, end: date) -> bool:
    """Whether ``periods`` together cover every day from ``start`` to ``end``."""
    day = start
    for period in sorted(periods, key=lambda p: p.start):
        if period.start > day:
            break
        if period.end >= day:
            if period.end >= end:
                return True
            day = period.end + timedelta(days=1)
    return False


def overlaps(periods: list[Period], start: date, end: date) -> bool:
    """Whether any of ``periods`` shares a day with ``start`` to ``end``."""
    return any(p.start <= end and p.end >= start for p in periods)
