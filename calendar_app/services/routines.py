"""Ticking a routine item's checklist, and how a week's routines went.

Ticks belong to the item: saving them touches it, so the planner keeps it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select

from calendar_app.domain.routine_ticks import (
    ROUTINE_ACTIVITY,
    RoutineError,
    RoutineTally,
    check_ticks,
    occurrence_state,
)
from calendar_app.domain.routines import ROUTINES, Routine
from calendar_app.extensions import db
from calendar_app.models import RoutineTick, ScheduleItem, User

from .planner import touch
from .transaction import unit_of_work

NOT_A_ROUTINE = "This item is not a routine: it has no checklist to tick."


def routine_of(item: ScheduleItem) -> Routine | None:
    """The routine a routine item stands for (None: not a routine, or its rule is gone)."""
    if item.activity != ROUTINE_ACTIVITY or item.rule is None:
        return None
    return ROUTINES.get(item.rule.routine_key or "")


def ticks_of(item: ScheduleItem) -> dict[int, RoutineTick]:
    """The item's ticked steps, by step."""
    query = select(RoutineTick).where(RoutineTick.item_id == item.id)
    return {tick.step: tick for tick in db.session.scalars(query)}


@unit_of_work()
def save_checklist(
    item: ScheduleItem,
    ticks: Mapping[int, int | None],
    user: User | None,
    now: datetime,
    seen_version: int | None = None,
) -> None:
    """Make ``ticks`` (step → number or None) the item's ticked steps; a step that stays
    ticked with the same number keeps who ticked it and when. The item becomes touched."""
    routine = routine_of(item)
    if routine is None:
        raise RoutineError("item", NOT_A_ROUTINE)
    check_ticks(ticks, len(routine.checklist), routine.counts)
    who = user.id if user is not None else None
    existing = ticks_of(item)
    for step in existing.keys() - ticks.keys():
        db.session.delete(existing[step])
    for step, number in ticks.items():
        tick = existing.get(step)
        if tick is None:
            db.session.add(
                RoutineTick(
                    item_id=item.id, step=step, number=number, ticked_by_id=who, ticked_at=now
                )
            )
        elif tick.number != number:
            tick.number, tick.ticked_by_id, tick.ticked_at = number, who, now
    touch(item, now, seen_version)


@dataclass(frozen=True)
class RoutineProgress:
    """How far one routine item is: steps ticked of its checklist, and its state."""

    ticked: int
    steps: int
    state: str


@dataclass
class WeekRoutines:
    """A week's routine items' progress by item id, and the week's tally."""

    progress: dict[int, RoutineProgress] = field(default_factory=dict)
    tally: RoutineTally = field(default_factory=RoutineTally)


def week_routines(items: Sequence[ScheduleItem], now: datetime) -> WeekRoutines:
    """The progress of the routine items among ``items`` (loaded with their rules), counting
    their ticks in one query. Skipped items are left out."""
    routines = {i.id: (i, r) for i in items if i.status != "skipped" and (r := routine_of(i))}
    summary = WeekRoutines()
    if not routines:
        return summary
    counted = dict(
        db.session.execute(
            select(RoutineTick.item_id, func.count())
            .where(RoutineTick.item_id.in_(routines))
            .group_by(RoutineTick.item_id)
        ).all()
    )
    for item_id, (item, routine) in routines.items():
        steps = len(routine.checklist)
        ticked = counted.get(item_id, 0)
        state = occurrence_state(ticked, steps, item.ends_at, now)
        summary.progress[item_id] = RoutineProgress(ticked, steps, state)
        summary.tally = summary.tally.add(state)
    return summary
