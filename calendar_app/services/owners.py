"""Who does what: an item's assignee, a channel's owner, and one person's work."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import joinedload

from calendar_app.domain.cadence import local_to_utc, resolve_timezone
from calendar_app.domain.capacity import week_start
from calendar_app.domain.errors import FieldError
from calendar_app.domain.owners import DONE_STATUSES, Work, sort_work
from calendar_app.domain.workflow import may_approve
from calendar_app.extensions import db
from calendar_app.models import Channel, Idea, ScheduleItem, User

from .planner import touch
from .transaction import unit_of_work

NOT_A_MEMBER = "Choose a member of the team, or nobody."


class OwnerError(FieldError):
    """An assignment that cannot be made; ``field`` names the form field."""


def members() -> Sequence[User]:
    """Everyone who can be assigned, by e-mail address."""
    return db.session.scalars(select(User).order_by(User.email)).all()


def _member(user_id: int | None, field: str) -> User | None:
    """The member with this id (None: nobody); OwnerError if there is no such member."""
    if user_id is None:
        return None
    user = db.session.get(User, user_id)
    if user is None:
        raise OwnerError(field, NOT_A_MEMBER)
    return user


@unit_of_work()
def assign(
    item: ScheduleItem, user_id: int | None, now: datetime, seen_version: int | None = None
) -> User | None:
    """Give ``item`` to a member (None: nobody); it becomes touched and its version rises.

    Refused with OwnerError for someone who is not a member, and StaleItem when the
    item changed since ``seen_version``; nothing is changed then.
    """
    user = _member(user_id, "assignee_id")
    item.assignee = user
    touch(item, now, seen_version)
    return user


@unit_of_work()
def set_channel_owner(channel: Channel, user_id: int | None, now: datetime) -> int:
    """Make a member (None: nobody) the channel's owner, and give them the channel's
    untouched items from ``now`` on; how many items that re-assigned.

    Touched items and past ones keep their assignee: people chose those.
    """
    return give_channel(channel, _member(user_id, "owner_id"), now)


def give_channel(channel: Channel, user: User | None, now: datetime) -> int:
    """Within the caller's unit of work: ``user`` (None: nobody) owns the channel and its
    untouched items from ``now`` on; how many items that re-assigned."""
    channel.owner = user
    result = db.session.execute(
        update(ScheduleItem)
        .where(
            ScheduleItem.channel_id == channel.id,
            ScheduleItem.touched_at.is_(None),
            ScheduleItem.starts_at >= now,
        )
        .values(assignee_id=user.id if user else None),
        execution_options={"synchronize_session": False},
    )
    return result.rowcount


def my_work(user: User, now: datetime, zone: str) -> Work[ScheduleItem]:
    """The items assigned to ``user``: overdue (past, not published or skipped), the rest of
    this week (Monday to Sunday in ``zone``) and later, by start; two queries."""
    tz = resolve_timezone(zone)
    monday = week_start(now.astimezone(tz).date())
    week_ends = local_to_utc(datetime.combine(monday + timedelta(days=7), time()), tz)
    query = (
        select(ScheduleItem)
        .options(
            joinedload(ScheduleItem.channel),
            joinedload(ScheduleItem.idea).joinedload(Idea.campaign),
            joinedload(ScheduleItem.rule),
        )
        .where(
            ScheduleItem.assignee_id == user.id,
            (ScheduleItem.starts_at >= now) | ScheduleItem.status.not_in(DONE_STATUSES),
        )
        .order_by(ScheduleItem.starts_at, ScheduleItem.id)
    )
    return sort_work(db.session.scalars(query).unique().all(), now, week_ends)


def waiting_for_review(user: User) -> Sequence[ScheduleItem]:
    """The posts in review that ``user`` may approve (none for contributors and viewers),
    soonest first: what waits for them whoever wrote it."""
    if not may_approve(user.role):
        return []
    query = (
        select(ScheduleItem)
        .options(joinedload(ScheduleItem.channel), joinedload(ScheduleItem.idea))
        .where(ScheduleItem.status == "in_review")
        .order_by(ScheduleItem.starts_at, ScheduleItem.id)
    )
    return db.session.scalars(query).unique().all()
