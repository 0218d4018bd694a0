"""Loading the schedule for the pages, and people's changes to items."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import groupby
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload

from calendar_app.domain.activities import (
    ACTIVITIES,
    DEFAULT_DURATIONS,
    HEADLINE_ACTIVITIES,
    ITEM_STATUSES,
)
from calendar_app.domain.cadence import local_to_utc, resolve_timezone
from calendar_app.domain.capacity import Slot, WeekLoad, week_start, weekly_load
from calendar_app.domain.errors import FieldError
from calendar_app.domain.tracking import normalise_utm, optional_http_url
from calendar_app.extensions import db
from calendar_app.models import Channel, ScheduleItem, Workspace
from idea_bank import ContentMix, content_mix

from .planner import delete_item, move_item, touch
from .slots import release
from .transaction import unit_of_work


@dataclass
class Day:
    """One day of the agenda."""

    day: date
    items: list[ScheduleItem]


@dataclass
class ChannelHours:
    """A channel's planned and logged time in a week, in minutes."""

    name: str
    planned: int = 0
    logged: int = 0


@dataclass
class Week:
    """The agenda of one week, with its load against the team's hours."""

    start: date
    days: list[Day]
    load: WeekLoad
    open_slots: int
    mix: ContentMix
    hours: list[ChannelHours]

    @property
    def end(self) -> date:
        """The Sunday of the week."""
        return self.start + timedelta(days=6)


def items_between(start: datetime, end: datetime) -> Select[tuple[ScheduleItem]]:
    """Items starting in ``[start, end)`` with their channel and idea, in time order."""
    return (
        select(ScheduleItem)
        .options(
            joinedload(ScheduleItem.channel),
            joinedload(ScheduleItem.idea),
            joinedload(ScheduleItem.rule),
        )
        .where(ScheduleItem.starts_at >= start, ScheduleItem.starts_at < end)
        .order_by(ScheduleItem.starts_at, ScheduleItem.id)
    )


def load_week(workspace: Workspace, any_day: date) -> Week:
    """The week (Monday to Sunday, workspace time) that contains ``any_day``."""
    tz = resolve_timezone(workspace.timezone)
    monday = week_start(any_day)
    start = local_to_utc(datetime.combine(monday, time()), tz)
    end = local_to_utc(datetime.combine(monday + timedelta(days=7), time()), tz)
    items: Sequence[ScheduleItem] = db.session.scalars(items_between(start, end)).unique().all()
    by_day = {
        d: list(group)
        for d, group in groupby(items, key=lambda i: i.starts_at.astimezone(tz).date())
    }
    days = [
        Day(monday + timedelta(days=n), by_day.get(monday + timedelta(days=n), []))
        for n in range(7)
    ]
    slots = [Slot(i.channel.slug, i.starts_at, i.ends_at) for i in items if i.status != "skipped"]
    open_slots = sum(
        1
        for i in items
        if i.activity in HEADLINE_ACTIVITIES and i.idea_id is None and i.status != "skipped"
    )
    mix = content_mix(i.idea.purpose for i in items if i.idea is not None and i.status != "skipped")
    hours: dict[int, ChannelHours] = {}
    for item in items:
        if item.status == "skipped" and not item.actual_minutes:
            continue
        entry = hours.setdefault(item.channel_id, ChannelHours(item.channel.name))
        entry.planned += int((item.ends_at - item.starts_at).total_seconds() // 60)
        entry.logged += item.actual_minutes or 0
    by_name = sorted(hours.values(), key=lambda h: h.name.lower())
    return Week(monday, days, weekly_load(slots, tz, [monday])[0], open_slots, mix, by_name)


@unit_of_work()
def set_status(
    item: ScheduleItem, status: str, now: datetime, seen_version: int | None = None
) -> None:
    """Change an item's status; the item becomes touched and its SEQUENCE rises."""
    if status not in ITEM_STATUSES:
        raise ItemError("status", f"Unknown status {status!r}.")
    if item.status != status:
        item.status = status
        item.sequence += 1
    touch(item, now, seen_version)


@unit_of_work()
def edit_item(
    item: ScheduleItem, values: dict[str, Any], now: datetime, seen_version: int | None = None
) -> None:
    """Change an item's destination, campaign, utm_term and notes; the item becomes touched."""
    destination = optional_http_url(values.get("destination_url"), "destination_url")
    campaign = " ".join((values.get("campaign") or "").split())
    term = " ".join((values.get("utm_term") or "").split())
    for name, value in (("campaign", campaign), ("utm_term", term)):
        if value:
            try:
                normalise_utm(value, name)
            except ValueError as exc:
                raise ItemError(name, str(exc)) from None
            if len(value) > 100:
                raise ItemError(name, "Keep it to 100 characters.")
    item.destination_url, item.campaign, item.utm_term = destination, campaign, term
    item.notes = (values.get("notes") or "").strip()[:5000]
    touch(item, now, seen_version)


MAX_LOGGED_MINUTES = 24 * 60


@unit_of_work()
def log_time(
    item: ScheduleItem, minutes: int | None, now: datetime, seen_version: int | None = None
) -> int:
    """Record the minutes actually spent on an item (None: its planned duration)."""
    if minutes is None:
        minutes = int((item.ends_at - item.starts_at).total_seconds() // 60)
    if not 0 <= minutes <= MAX_LOGGED_MINUTES:
        raise ItemError("minutes", f"Log between 0 and {MAX_LOGGED_MINUTES} minutes.")
    item.actual_minutes = minutes
    touch(item, now, seen_version)
    return minutes


MAX_DISTANCE = timedelta(days=3653)


def _check_day(day: date, now: datetime) -> None:
    if abs(day - now.date()) > MAX_DISTANCE:
        raise ItemError("day", "Pick a day within ten years of today.")


@unit_of_work()
def reschedule(
    item: ScheduleItem,
    day: date,
    at: time,
    tz_name: str,
    now: datetime,
    seen_version: int | None = None,
) -> None:
    """Move an item to a local date and time in its channel's zone; it becomes touched.

    The day must lie within ten years of today either way (ItemError otherwise).
    """
    _check_day(day, now)
    starts_at = local_to_utc(datetime.combine(day, at), resolve_timezone(tz_name))
    move_item(item, starts_at, now, seen_version)


@unit_of_work()
def add_one_off(
    channel: Channel, activity: str, day: date, at: time, workspace: Workspace, now: datetime
) -> ScheduleItem:
    """An item outside every rule (a one-off), at a local time in the channel's zone.

    It is made by a person, so it counts as touched: no re-planning ever moves it.
    """
    if activity not in ACTIVITIES:
        raise ItemError("activity", "Choose what it is: a post, a video, reply time…")
    _check_day(day, now)
    zone = resolve_timezone(channel.timezone or workspace.timezone)
    starts_at = local_to_utc(datetime.combine(day, at), zone)
    item = ScheduleItem(
        channel=channel,
        activity=activity,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=DEFAULT_DURATIONS[activity]),
        touched_at=now,
    )
    db.session.add(item)
    return item


@unit_of_work()
def delete(item: ScheduleItem) -> None:
    """Delete an item; its rule does not plan it again, and its headline goes back to the bank."""
    if item.idea is not None:
        release(item.idea, item)
    delete_item(item)


class ItemError(FieldError):
    """An item change that cannot be made; ``field`` names the form field."""
