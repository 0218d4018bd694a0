"""What the JSON API lists: schedule items and ideas, filtered, one page at a time.

Pages are cut by keyset (the sort key of the last row seen), so a row added or
removed meanwhile never makes a client skip or repeat another one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import joinedload

from calendar_app.extensions import db
from calendar_app.models import Campaign, Channel, Idea, LinkRecord, ScheduleItem

from . import links


@dataclass(frozen=True)
class ItemQuery:
    """The filters of the item list; None means "any"."""

    starts_from: datetime | None = None
    starts_before: datetime | None = None
    channel_id: int | None = None
    status: str | None = None
    assignee_id: int | None = None
    after: tuple[datetime | None, int] | None = None


def list_items(query: ItemQuery, limit: int) -> list[ScheduleItem]:
    """Up to ``limit`` + 1 items in time order (one more tells whether a next page exists)."""
    wanted: Select[tuple[ScheduleItem]] = select(ScheduleItem).options(
        joinedload(ScheduleItem.channel),
        joinedload(ScheduleItem.idea),
        joinedload(ScheduleItem.copy),
    )
    conditions = [
        ScheduleItem.starts_at >= query.starts_from if query.starts_from else None,
        ScheduleItem.starts_at < query.starts_before if query.starts_before else None,
        ScheduleItem.channel_id == query.channel_id if query.channel_id else None,
        ScheduleItem.status == query.status if query.status else None,
        ScheduleItem.assignee_id == query.assignee_id if query.assignee_id else None,
    ]
    if query.after is not None and query.after[0] is not None:
        moment, row_id = query.after
        conditions.append(
            or_(
                ScheduleItem.starts_at > moment,
                and_(ScheduleItem.starts_at == moment, ScheduleItem.id > row_id),
            )
        )
    wanted = wanted.where(*(c for c in conditions if c is not None))
    order = wanted.order_by(ScheduleItem.starts_at, ScheduleItem.id).limit(limit + 1)
    return list(db.session.scalars(order).unique())


def list_ideas(status: str | None, after_id: int | None, limit: int) -> list[Idea]:
    """Up to ``limit`` + 1 ideas, oldest first, of one status (None: any)."""
    wanted = select(Idea)
    if status:
        wanted = wanted.where(Idea.status == status)
    if after_id is not None:
        wanted = wanted.where(Idea.id > after_id)
    return list(db.session.scalars(wanted.order_by(Idea.id).limit(limit + 1)))


def all_channels_with_rules() -> Sequence[Channel]:
    """Every channel by name, with its cadence rules."""
    return (
        db.session.scalars(
            select(Channel).options(joinedload(Channel.rules)).order_by(Channel.name, Channel.id)
        )
        .unique()
        .all()
    )


def all_campaigns() -> Sequence[Campaign]:
    """Every campaign by name."""
    return db.session.scalars(select(Campaign).order_by(Campaign.name, Campaign.id)).all()


def list_links(after: tuple[datetime | None, int] | None, limit: int) -> list[LinkRecord]:
    """Up to ``limit`` + 1 tracked links, newest first, made before the cursor's one."""
    wanted = links.history()
    if after is not None and after[0] is not None:
        moment, row_id = after
        wanted = wanted.where(
            or_(
                LinkRecord.created_at < moment,
                and_(LinkRecord.created_at == moment, LinkRecord.id < row_id),
            )
        )
    return list(db.session.scalars(wanted.limit(limit + 1)).unique())
