"""Reminders by mail, for calendar apps that ignore a feed's alarms: before each of their
open items, members who asked for them get a mail, as long before as their feed's alarm."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from calendar_app.domain.activities import activity_label
from calendar_app.domain.cadence import resolve_timezone
from calendar_app.domain.mail_texts import reminder_mail
from calendar_app.domain.owners import DONE_STATUSES
from calendar_app.domain.reminders import alarm_label
from calendar_app.extensions import db
from calendar_app.models import ScheduleItem, User, Workspace

from . import site
from .mail import queue_mail
from .transaction import unit_of_work


def _due(user: User, now: datetime) -> list[ScheduleItem]:
    """``user``'s open items that start within their alarm's time from ``now``."""
    query = (
        select(ScheduleItem)
        .options(joinedload(ScheduleItem.channel), joinedload(ScheduleItem.idea))
        .where(
            ScheduleItem.assignee_id == user.id,
            ScheduleItem.starts_at > now,
            ScheduleItem.starts_at <= now + timedelta(minutes=user.feed_alarm_minutes or 0),
            ScheduleItem.status.not_in(DONE_STATUSES),
        )
        .order_by(ScheduleItem.starts_at)
    )
    return list(db.session.scalars(query).unique())


def _what(item: ScheduleItem) -> str:
    what = f"{item.channel.name} · {activity_label(item.activity)}"
    return what + (f": {item.idea.headline}" if item.idea is not None else "")


@unit_of_work()
def queue_reminders(workspace: Workspace, now: datetime) -> int:
    """Queue a reminder for every item due one; how many. An item's reminder for one start
    time is queued once, however often this runs (a moved item gets a new one)."""
    members = db.session.scalars(
        select(User).where(User.mail_reminder.is_(True), User.feed_alarm_minutes.is_not(None))
    )
    queued = 0
    for user in members:
        for item in _due(user, now):
            zone = resolve_timezone(item.channel.timezone or workspace.timezone)
            starts = item.starts_at.astimezone(zone).strftime("%a %-d %b at %H:%M")
            lead = alarm_label(user.feed_alarm_minutes)
            mail = reminder_mail(
                _what(item), starts, lead, site.link(f"/items/{item.id}"), site.link("/subscribe")
            )
            key = f"reminder:{user.id}:{item.id}:{item.starts_at.isoformat()}"
            queued += queue_mail(user, "reminder", *mail, key) is not None
    return queued
