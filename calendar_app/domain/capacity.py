"""Planned hours per week against the team's available hours (pure domain code)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Slot:
    """A stretch of planned work on a channel."""

    channel: str  # the channel slug
    start: datetime
    end: datetime


@dataclass
class WeekLoad:
    """Planned hours in one week (Monday to Sunday, local time)."""

    week_start: date
    hours_by_channel: dict[str, float] = field(default_factory=dict)

    @property
    def total_hours(self) -> float:
        """All planned hours of the week."""
        return round(sum(self.hours_by_channel.values()), 2)

    def over(self, available_hours: float) -> bool:
        """Whether the plan needs more hours than the team has."""
        return self.total_hours > available_hours


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def weekly_load(slots: Iterable[Slot], tz: ZoneInfo, weeks: Iterable[date]) -> list[WeekLoad]:
    """Sum slot hours per local week and channel, for the given week starts (in order).

    A slot counts in the week its start falls in; weeks with no slot appear with zero hours.
    """
    minutes: dict[date, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for slot in slots:
        monday = week_start(slot.start.astimezone(tz).date())
        minutes[monday][slot.channel] += (slot.end - slot.start).total_seconds() / 60
    return [
        WeekLoad(
            monday,
            {name: round(m / 60, 2) for name, m in sorted(minutes.get(monday, {}).items())},
        )
        for monday in weeks
    ]
