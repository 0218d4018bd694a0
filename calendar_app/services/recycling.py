"""Evergreen recycling: marking posts evergreen, and the Recycle list.

The rules are in :mod:`calendar_app.domain.recycling`; planning a rerun is in
:mod:`.reruns`. The list costs the same for ten posts or ten thousand: one query reads
every evergreen post with its runs and the results of all of them added up, one the open
slots.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, distinct, func, select, union_all
from sqlalchemy.orm import aliased

from calendar_app.domain.activities import HEADLINE_ACTIVITIES
from calendar_app.domain.cadence import resolve_timezone
from calendar_app.domain.recycling import (
    Candidate,
    OpenSlot,
    PastResults,
    Proposal,
    RecyclingError,
    Run,
    check_settings,
    posts_for,
    propose,
    slots_for,
)
from calendar_app.domain.roi import Figures
from calendar_app.extensions import db
from calendar_app.models import Channel, Idea, ResultRecord, ScheduleItem

from .planner import touch
from .result_months import counted_by, counting_rule
from .top_content import figures_of, result_sums
from .transaction import unit_of_work

# How far ahead the Recycle list looks for open slots.
WEEKS_AHEAD = 8


def check_can_be_evergreen(item: ScheduleItem) -> None:
    """Refuse what cannot run again: not a post or video, a rerun, not published, no headline."""
    if item.activity not in HEADLINE_ACTIVITIES:
        raise RecyclingError("evergreen", "Only a post or a video can be evergreen.")
    if item.recycled_from_id is not None:
        raise RecyclingError("evergreen", "This is a rerun: mark its original evergreen instead.")
    if item.status != "published":
        raise RecyclingError(
            "evergreen", "Only a published post can be evergreen: mark it published first."
        )
    if item.idea_id is None:
        raise RecyclingError("evergreen", "Give it a headline first: a rerun repeats it.")


@unit_of_work()
def mark_evergreen(
    item: ScheduleItem,
    evergreen: bool,
    cooldown_days: int,
    max_runs: int | None,
    now: datetime,
    seen_version: int | None = None,
) -> None:
    """Mark a published post evergreen with its cool-down and most reruns, or unmark it (its
    settings are kept); the item becomes touched. RecyclingError names a refused value."""
    if evergreen:
        check_can_be_evergreen(item)
        check_settings(cooldown_days, max_runs)
        item.cooldown_days, item.max_runs = cooldown_days, max_runs
    item.evergreen = evergreen
    touch(item, now, seen_version)


@dataclass(frozen=True)
class EvergreenPost:
    """An evergreen post as the Recycle list shows it: its rules' view, headline and results."""

    candidate: Candidate
    headline: str
    channel: str
    figures: Figures


@dataclass(frozen=True)
class SlotLine:
    """An open slot as the Recycle list shows it."""

    slot: OpenSlot
    starts_at: datetime  # in its channel's zone, else the workspace's
    channel: str
    version: int


class LocalDays:
    """Moments in each channel's zone else the workspace's (each zone resolved once)."""

    def __init__(self, default: str) -> None:
        self.default = default
        self.known: dict[str, ZoneInfo] = {}

    def local(self, moment: datetime, zone: str | None) -> datetime:
        """``moment`` in ``zone`` (None: the workspace's)."""
        name = zone or self.default
        if name not in self.known:
            self.known[name] = resolve_timezone(name)
        return moment.astimezone(self.known[name])

    def day(self, moment: datetime, zone: str | None) -> date:
        """The day ``moment`` falls on in ``zone`` (None: the workspace's)."""
        return self.local(moment, zone).date()


def _post_runs(only: int | None) -> Any:
    """Every run (the original and its reruns that were not skipped) of each evergreen post."""
    originals = select(ScheduleItem.id).where(
        ScheduleItem.evergreen.is_(True),
        ScheduleItem.status == "published",
        ScheduleItem.recycled_from_id.is_(None),
        ScheduleItem.idea_id.is_not(None),
        ScheduleItem.activity.in_(HEADLINE_ACTIVITIES),
    )
    if only is not None:
        originals = originals.where(ScheduleItem.id == only)
    originals_cte = originals.cte("evergreen_posts")
    run = aliased(ScheduleItem)
    fields = (run.id.label("run_id"), run.starts_at, run.channel_id)
    return union_all(
        select(run.id.label("post_id"), *fields).where(run.id.in_(select(originals_cte.c.id))),
        select(run.recycled_from_id, *fields).where(
            run.recycled_from_id.in_(select(originals_cte.c.id)), run.status != "skipped"
        ),
    ).cte("runs")


@lru_cache(maxsize=64)
def _candidates_query(only: int | None, rule: str | None) -> Select[Any]:
    """Every evergreen post with its runs and results (kept once built: building it costs
    more than running it; ``rule`` says which result rows count)."""
    runs = _post_runs(only)
    results = (
        select(
            runs.c.post_id,
            func.count(distinct(ResultRecord.item_id)).label("runs_with_results"),
            *result_sums(),
        )
        .select_from(runs)
        .join(ResultRecord, ResultRecord.item_id == runs.c.run_id)
        .where(counted_by(rule))
        .group_by(runs.c.post_id)
        .subquery()
    )
    post = aliased(ScheduleItem)
    return (
        select(
            post.id,
            post.channel_id,
            post.activity,
            post.cooldown_days,
            post.max_runs,
            Idea.headline,
            Channel.name,
            Channel.timezone,
            runs.c.starts_at.label("run_starts_at"),
            runs.c.channel_id.label("run_channel_id"),
            results.c.runs_with_results,
            results.c.visits,
            results.c.leads,
            results.c.customers,
            results.c.revenue,
        )
        .join(runs, runs.c.post_id == post.id)
        .join(Idea, Idea.id == post.idea_id)
        .join(Channel, Channel.id == post.channel_id)
        .outerjoin(results, results.c.post_id == post.id)
        .order_by(post.id, runs.c.starts_at, runs.c.run_id)
    )


def evergreen_posts(zone: str, only: int | None = None) -> dict[int, EvergreenPost]:
    """Every evergreen post (or the one with id ``only``) with its runs and results: one
    query. ``zone`` is the workspace's, for channels without their own."""
    zones = LocalDays(zone)
    runs: dict[int, list[Run]] = {}
    first_rows: dict[int, Any] = {}
    for row in db.session.execute(_candidates_query(only, counting_rule())):
        first_rows.setdefault(row.id, row)
        runs.setdefault(row.id, []).append(
            Run(zones.day(row.run_starts_at, row.timezone), row.run_channel_id)
        )
    posts = {}
    for post_id, row in first_rows.items():
        with_results = row.runs_with_results or 0
        figures = figures_of(row.visits, row.leads, row.customers, row.revenue)
        candidate = Candidate(
            post_id,
            row.channel_id,
            row.activity,
            tuple(runs[post_id]),
            row.cooldown_days,
            row.max_runs,
            PastResults(figures.visits, figures.leads, figures.revenue, with_results),
        )
        posts[post_id] = EvergreenPost(candidate, row.headline, row.name, figures)
    return posts


def open_slots(
    zone: str, now: datetime, weeks: int = WEEKS_AHEAD, only: int | None = None
) -> list[SlotLine]:
    """The post and video slots without a headline from now to ``weeks`` ahead (or the one
    with id ``only``, however far ahead, if it is open): one query."""
    zones = LocalDays(zone)
    query = (
        select(
            ScheduleItem.id,
            ScheduleItem.channel_id,
            ScheduleItem.activity,
            ScheduleItem.starts_at,
            ScheduleItem.version,
            Channel.name,
            Channel.timezone,
        )
        .join(Channel, Channel.id == ScheduleItem.channel_id)
        .where(*open_slot_conditions(ScheduleItem, now))
        .order_by(ScheduleItem.starts_at, ScheduleItem.id)
    )
    if only is None:
        query = query.where(ScheduleItem.starts_at < now + timedelta(weeks=weeks))
    else:
        query = query.where(ScheduleItem.id == only)
    slots = []
    for row in db.session.execute(query):
        starts_at = zones.local(row.starts_at, row.timezone)
        slot = OpenSlot(row.id, row.channel_id, row.activity, starts_at.date())
        slots.append(SlotLine(slot, starts_at, row.name, row.version))
    return slots


def open_slot_conditions(item: Any, now: datetime) -> tuple[Any, ...]:
    """What makes a slot open: a draft post or video to come, without a headline."""
    return (
        item.activity.in_(HEADLINE_ACTIVITIES),
        item.idea_id.is_(None),
        item.status == "draft",
        item.starts_at > now,
    )


@dataclass(frozen=True)
class RecycleList:
    """The Recycle page: open slots, each with the evergreen posts proposed for it."""

    proposals: list[Proposal]
    posts: dict[int, EvergreenPost]
    slots: dict[int, SlotLine]


# How many posts the list for one slot, or slots the list for one post, shows.
FOCUSED = 10


def recycle_list(
    zone: str, now: datetime, *, post_id: int | None = None, slot_id: int | None = None
) -> RecycleList:
    """The best evergreen post (and two others) for each open slot of the next weeks.

    With ``post_id``: the first open slots that one evergreen post may run in. With
    ``slot_id``: the best posts that may run in that one open slot. Empty when there is
    no such evergreen post or open slot.
    """
    posts = evergreen_posts(zone, only=post_id)
    slots = open_slots(zone, now, only=slot_id) if posts or slot_id is not None else []
    candidates = [p.candidate for p in posts.values()]
    if post_id is not None:
        proposals = [Proposal(s, c) for c in candidates for s in slots_for(c, _of(slots), FOCUSED)]
    elif slot_id is not None:
        fitting = [posts_for(s, candidates, FOCUSED) for s in _of(slots)]
        proposals = [Proposal(slots[0].slot, f[0], tuple(f[1:])) for f in fitting if f]
    else:
        proposals = propose(candidates, _of(slots))
    return RecycleList(proposals, posts, {s.slot.item_id: s for s in slots})


def _of(slots: list[SlotLine]) -> list[OpenSlot]:
    return [s.slot for s in slots]
