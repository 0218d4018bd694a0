"""Changes the JSON API makes that combine two of the web's changes in one unit of work.

The rules stay where they are (items.edit_item, items.reschedule, items.set_status,
owners.assign, ideas.update_idea and ideas.set_status): this only makes changes sent
together succeed or fail together.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from calendar_app.domain.cadence import resolve_timezone
from calendar_app.models import Idea, ScheduleItem, User

from . import ideas, items, owners
from .transaction import unit_of_work

UNSET = object()


ITEM_DETAILS = ("destination_url", "campaign_id", "utm_term", "notes")


@unit_of_work()
def change_item(
    item: ScheduleItem,
    by: User,
    now: datetime,
    seen_version: int | None,
    *,
    status: str | None = None,
    assignee_id: int | None | object = UNSET,
    note: str = "",
    details: dict[str, Any] | None = None,
    move_to: tuple[datetime, str] | None = None,
) -> None:
    """Change the item's details (those ``details`` holds; the others stay), move it to an
    instant (read in a zone: its channel's), then set its status and/or assignee, as ``by``
    may; the version the client read is checked once, by the first change (StaleItem:
    nothing is kept)."""
    if details:
        current = {name: getattr(item, name) for name in ITEM_DETAILS}
        items.edit_item(item, {**current, **details}, now, seen_version, by=by)
        seen_version = None
    if move_to is not None:
        starts_at, zone = move_to
        moment = starts_at.astimezone(resolve_timezone(zone))
        items.reschedule(item, moment.date(), moment.time(), zone, now, seen_version)
        seen_version = None
    if status is not None:
        items.set_status(item, status, now, seen_version, by=by, note=note)
        seen_version = None
    if assignee_id is not UNSET:
        owners.assign(item, assignee_id, now, seen_version)  # type: ignore[arg-type]


IDEA_FIELDS = ("headline", "notes", "purpose", "target_url", "campaign_id")


@unit_of_work()
def change_idea(idea: Idea, values: dict[str, Any], now: datetime) -> None:
    """Change the fields of an idea that ``values`` holds (the others stay as they are)
    and/or its status, as the Ideas page's edit and status forms do."""
    if any(name in values for name in IDEA_FIELDS):
        current = {name: getattr(idea, name) for name in IDEA_FIELDS}
        ideas.update_idea(idea, {**current, **values})
    if "status" in values:
        ideas.set_status(idea, values["status"], now)
