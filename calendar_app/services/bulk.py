"""Bulk actions: one change to many items or ideas at once, all or nothing.

Each function is one unit of work that applies the single-item service to every
selected row in turn, so the same rules decide (versions, the workflow and the
person's role, members, days within reach, ideas still in upcoming slots). When
any row is refused, the unit rolls back every change and :class:`BulkError` names
each refused row and why; nothing is half-saved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TypeVar

from calendar_app.domain.activities import activity_label
from calendar_app.domain.bulk import BulkError, Pick, Refusal, refusal_message
from calendar_app.domain.cadence import resolve_timezone
from calendar_app.domain.errors import FieldError
from calendar_app.extensions import db
from calendar_app.models import Idea, ScheduleItem, User

from . import ideas, items, owners
from .planner import get_workspace
from .transaction import unit_of_work

Row = TypeVar("Row", ScheduleItem, Idea)
GONE = "It no longer exists; reload the page."


def item_zone(item: ScheduleItem) -> str:
    """The zone an item's time of day is kept in: its channel's, else the workspace's."""
    workspace = get_workspace()
    return item.channel.timezone or (workspace.timezone if workspace else "UTC")


def item_name(item: ScheduleItem) -> str:
    """How a person knows an item: channel, activity and local start."""
    start = item.starts_at.astimezone(resolve_timezone(item_zone(item)))
    return f"{item.channel.name} · {activity_label(item.activity)}, {start:%a %d %b %H:%M}"


def _apply(
    model: type[Row],
    picks: Sequence[Pick],
    change: Callable[[Row, int | None], object],
    name: Callable[[Row], str],
) -> list[Row]:
    """Within the caller's unit of work: ``change`` every picked row; BulkError naming
    every refusal (the caller's unit then rolls all of it back)."""
    refusals: list[Refusal] = []
    changed: list[Row] = []
    for pick in picks:
        row = db.session.get(model, pick.row_id)
        if row is None:
            refusals.append(Refusal(f"#{pick.row_id}", GONE))
            continue
        known_as = name(row)  # as the page showed it, before any change
        try:
            change(row, pick.version)
        except FieldError as exc:
            refusals.append(Refusal(known_as, exc.message))
        else:
            changed.append(row)
    if refusals:
        raise BulkError(refusal_message(refusals, len(picks)))
    return changed


@unit_of_work()
def assign_many(picks: Sequence[Pick], user_id: int | None, now: datetime) -> User | None:
    """Give every picked item to a member (None: nobody); the member, or None."""
    _apply(
        ScheduleItem, picks, lambda item, seen: owners.assign(item, user_id, now, seen), item_name
    )
    return db.session.get(User, user_id) if user_id is not None else None


@unit_of_work()
def set_status_many(picks: Sequence[Pick], status: str, now: datetime, by: User | None) -> int:
    """Move every picked item to ``status`` as ``by`` may; how many."""

    def change(item: ScheduleItem, seen: int | None) -> None:
        items.set_status(item, status, now, seen, by=by)

    return len(_apply(ScheduleItem, picks, change, item_name))


@unit_of_work()
def move_many(picks: Sequence[Pick], day: date, now: datetime) -> int:
    """Move every picked item to ``day``, each at its own local time of day; how many."""

    def change(item: ScheduleItem, seen: int | None) -> None:
        zone = item_zone(item)
        at = item.starts_at.astimezone(resolve_timezone(zone)).time()
        items.reschedule(item, day, at, zone, now, seen)

    return len(_apply(ScheduleItem, picks, change, item_name))


@unit_of_work()
def archive_items(picks: Sequence[Pick], now: datetime, by: User | None) -> int:
    """Skip every picked item (an item's archive), as ``by`` may; how many."""
    return set_status_many(picks, "skipped", now, by)


@unit_of_work()
def set_idea_status_many(picks: Sequence[Pick], status: str, now: datetime) -> int:
    """Archive, restore or mark published every picked idea; how many."""

    def change(idea: Idea, _seen: int | None) -> None:
        ideas.set_status(idea, status, now)

    return len(_apply(Idea, picks, change, lambda idea: idea.headline))
