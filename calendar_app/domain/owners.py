"""Who does an item: a team member's short name, and one person's work sorted by when.

Pure: the caller passes the items, the current moment and the end of this week.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Generic, Protocol, TypeVar

from .workflow import FINISHED_STATUSES

DONE_STATUSES = frozenset(FINISHED_STATUSES)  # an item in one is never overdue


def short_name(email: str) -> str:
    """The part of an address before the last ``@``; the whole text if it has none.

    ``"ana.lima@shop.example"`` gives ``"ana.lima"``; ``"@x"`` gives ``"@x"`` (never empty).
    """
    name, at, _domain = email.rpartition("@")
    return name if at and name else email


class Dated(Protocol):
    """What sorting someone's work needs of an item."""

    starts_at: datetime
    status: str


T = TypeVar("T", bound=Dated)


@dataclass
class Work(Generic[T]):
    """One person's items: late ones, the rest of this week, and the weeks after."""

    overdue: list[T] = field(default_factory=list)
    this_week: list[T] = field(default_factory=list)
    later: list[T] = field(default_factory=list)


def sort_work(items: Iterable[T], now: datetime, week_ends: datetime) -> Work[T]:
    """Split ``items`` by start: before ``now`` and not done is overdue (done past items are
    dropped), before ``week_ends`` is this week, else later; each list ordered by start."""
    work: Work[T] = Work()
    for item in sorted(items, key=lambda item: item.starts_at):
        if item.starts_at < now:
            if item.status not in DONE_STATUSES:
                work.overdue.append(item)
        elif item.starts_at < week_ends:
            work.this_week.append(item)
        else:
            work.later.append(item)
    return work
