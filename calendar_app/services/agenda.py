"""The schedule as the pages show it: the week's agenda and the month and week grids.

Reads only, each in a fixed number of queries whatever the number of items.
"""

from __future__ import annotations

import calendar as gregorian
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import groupby

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import joinedload

from calendar_app.domain.activities import HEADLINE_ACTIVITIES
from calendar_app.domain.cadence import local_to_utc, resolve_timezone
from calendar_app.domain.capacity import Slot, WeekLoad, week_start, weekly_load
from calendar_app.extensions import db
from calendar_app.models import Campaign, Channel, Idea, ScheduleItem, Workspace
from idea_bank import ContentMix, content_mix


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
    """Items starting in ``[start, end)`` with their channel, idea, rule, campaigns (their
    links carry the campaign's token), copy and assignee, in time order."""
    return (
        select(ScheduleItem)
        .options(
            joinedload(ScheduleItem.channel),
            joinedload(ScheduleItem.idea).joinedload(Idea.campaign),
            joinedload(ScheduleItem.rule),
            joinedload(ScheduleItem.campaign),
            joinedload(ScheduleItem.copy),
            joinedload(ScheduleItem.assignee),
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
    planned = [i.idea for i in items if i.idea is not None and i.status != "skipped"]
    mix = content_mix(
        (idea.purpose for idea in planned),
        ((idea.id, idea.headline) for idea in planned if idea.purpose is None),
    )
    hours: dict[int, ChannelHours] = {}
    for item in items:
        if item.status == "skipped" and not item.actual_minutes:
            continue
        entry = hours.setdefault(item.channel_id, ChannelHours(item.channel.name))
        entry.planned += int((item.ends_at - item.starts_at).total_seconds() // 60)
        entry.logged += item.actual_minutes or 0
    by_name = sorted(hours.values(), key=lambda h: h.name.lower())
    return Week(monday, days, weekly_load(slots, tz, [monday])[0], open_slots, mix, by_name)


VIEWS = ("month", "week")
MONTH_DAY_ITEMS = 6  # a month cell shows this many items, then "+N more" (the week view has all)


@dataclass
class Grid:
    """Days to show (whole weeks, Monday first) with their items."""

    view: str
    anchor: date
    days: list[date]
    items_by_day: dict[date, list[ScheduleItem]]

    @property
    def weeks(self) -> list[list[date]]:
        """The days in rows of seven."""
        return [self.days[i : i + 7] for i in range(0, len(self.days), 7)]

    @property
    def title(self) -> str:
        """ "December 2026" or "Week of 7 Dec 2026"."""
        if self.view == "month":
            return f"{gregorian.month_name[self.anchor.month]} {self.anchor.year}"
        return f"Week of {self.days[0].day} {self.days[0]:%b %Y}"

    def shown(self, day: date) -> tuple[list[ScheduleItem], int]:
        """The items a day's cell shows, and how many more it leaves to the week view."""
        items = self.items_by_day.get(day, [])
        limit = MONTH_DAY_ITEMS if self.view == "month" else len(items)
        return items[:limit], len(items) - min(limit, len(items))

    def step(self, direction: int) -> date:
        """The anchor of the previous (-1) or next (+1) page."""
        if self.view == "week":
            return self.days[0] + timedelta(weeks=direction)
        month = self.anchor.month - 1 + direction
        return date(self.anchor.year + month // 12, month % 12 + 1, 1)


def grid_days(view: str, anchor: date) -> list[date]:
    """Whole weeks covering the month of ``anchor``, or its week."""
    if view == "week":
        first = week_start(anchor)
        return [first + timedelta(days=n) for n in range(7)]
    first = week_start(anchor.replace(day=1))
    last_day = anchor.replace(day=gregorian.monthrange(anchor.year, anchor.month)[1])
    last = week_start(last_day) + timedelta(days=6)
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def load_grid(
    workspace: Workspace,
    view: str,
    anchor: date,
    channel: Channel | None,
    campaign: Campaign | None = None,
) -> Grid:
    """The grid's items with channels, ideas and rules loaded in one query (of one channel,
    of one campaign: the item's own, else its headline's)."""
    tz = resolve_timezone(workspace.timezone)
    days = grid_days(view, anchor)
    start = local_to_utc(datetime.combine(days[0], time()), tz)
    end = local_to_utc(datetime.combine(days[-1] + timedelta(days=1), time()), tz)
    query = filtered(items_between(start, end), channel, campaign)
    items = db.session.scalars(query).unique().all()
    by_day = {
        day: list(group)
        for day, group in groupby(items, key=lambda i: i.starts_at.astimezone(tz).date())
    }
    return Grid(view, anchor, days, by_day)


def filtered(
    query: Select[tuple[ScheduleItem]], channel: Channel | None, campaign: Campaign | None
) -> Select[tuple[ScheduleItem]]:
    """``query`` narrowed to one channel's items and to one campaign's (the item's own
    campaign, else its headline's); None leaves that filter out."""
    if channel is not None:
        query = query.where(ScheduleItem.channel_id == channel.id)
    if campaign is not None:
        of_headline = select(Idea.id).where(Idea.campaign_id == campaign.id)
        query = query.where(
            or_(
                ScheduleItem.campaign_id == campaign.id,
                ScheduleItem.campaign_id.is_(None) & ScheduleItem.idea_id.in_(of_headline),
            )
        )
    return query


def first_item_after(moment: datetime) -> ScheduleItem | None:
    """The first item starting at or after ``moment`` (None: nothing is planned)."""
    query = (
        select(ScheduleItem)
        .where(ScheduleItem.starts_at >= moment)
        .order_by(ScheduleItem.starts_at, ScheduleItem.id)
        .limit(1)
    )
    return db.session.scalar(query)


def all_channels() -> list[Channel]:
    """Channels for the filter, by name."""
    return list(db.session.scalars(select(Channel).order_by(Channel.name)))
