"""Changes the JSON API makes that combine two of the web's changes in one unit of work.

The rules stay where they are (items.set_status, owners.assign): this only makes a
status and an assignee sent together succeed or fail together.
"""

from __future__ import annotations

from datetime import datetime

from calendar_app.models import ScheduleItem, User

from . import items, owners
from .transaction import unit_of_work

UNSET = object()


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
) -> None:
    """Set the item's status and/or assignee as ``by`` may; the version the client read is
    checked once, by the first change (StaleItem: nothing is kept)."""
    if status is not None:
        items.set_status(item, status, now, seen_version, by=by, note=note)
        seen_version = None
    if assignee_id is not UNSET:
        owners.assign(item, assignee_id, now, seen_version)  # type: ignore[arg-type]
