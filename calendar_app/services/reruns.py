"""Planning an evergreen post again, and the runs of a post side by side.

A rerun is the open slot it was planned into: it keeps its own uid (so its link's
``utm_content`` is new and its results stay its own), takes the original's headline,
destination, campaign and ``utm_term``, and points to the original with
``recycled_from_id`` (always the original, never another rerun).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, func, or_, select

from calendar_app.domain.activities import HEADLINE_ACTIVITIES
from calendar_app.domain.recycling import OpenSlot, RecyclingError, refusal
from calendar_app.domain.roi import Figures
from calendar_app.domain.workflow import status_word
from calendar_app.extensions import db
from calendar_app.models import Channel, ResultRecord, ScheduleItem

from .planner import touch
from .recycling import LocalDays, check_can_be_evergreen, evergreen_posts
from .result_months import counted
from .top_content import figures_of, result_sums
from .transaction import unit_of_work

MAX_NOTES = 5000


def _check_open(slot: ScheduleItem, now: datetime) -> None:
    """Refuse a slot that is not (or no longer) open, saying what happened to it."""
    if slot.activity not in HEADLINE_ACTIVITIES:
        raise RecyclingError("slot", "Only a post or video slot takes a rerun.")
    if slot.idea_id is not None:
        raise RecyclingError(
            "slot", "Someone gave that slot a headline meanwhile: it is no longer open."
        )
    if slot.status != "draft":
        raise RecyclingError(
            "slot", f"That slot is no longer open: it is {status_word(slot.status).lower()}."
        )
    if slot.starts_at <= now:
        raise RecyclingError("slot", "That slot is in the past: pick one to come.")
    if db.session.scalar(select(exists().where(ScheduleItem.recycled_from_id == slot.id))):
        raise RecyclingError("slot", "Other posts run again from that item: pick another slot.")


@unit_of_work()
def plan_rerun(
    post: ScheduleItem,
    slot: ScheduleItem,
    zone: str,
    now: datetime,
    seen_version: int | None = None,
) -> ScheduleItem:
    """Run an evergreen post again in an open slot; the slot becomes touched.

    ``post`` may be the original or one of its reruns; the slot points to the original.
    Refused (RecyclingError, nothing changed) if the post is not evergreen, the slot is
    no longer open or in the past, or the post may not run there (its cool-down, its most,
    another run that week); ``seen_version`` is the slot's version the page showed.
    """
    original = post
    if post.recycled_from_id is not None:
        original = db.session.get(ScheduleItem, post.recycled_from_id) or post
    if not original.evergreen:
        raise RecyclingError("post", "That post is not evergreen (any more).")
    check_can_be_evergreen(original)
    _check_open(slot, now)
    candidate = evergreen_posts(zone, only=original.id)[original.id].candidate
    day = LocalDays(zone).day(slot.starts_at, slot.channel.timezone)
    problem = refusal(candidate, OpenSlot(slot.id, slot.channel_id, slot.activity, day))
    if problem:
        raise RecyclingError("slot", problem)
    _copy_into(original, slot)
    slot.sequence += 1
    touch(slot, now, seen_version)
    return slot


def _copy_into(original: ScheduleItem, slot: ScheduleItem) -> None:
    """The original's headline and link values into the slot (what the slot's own fields
    already say is kept; both notes are kept); the slot points to the original."""
    slot.idea = original.idea
    slot.destination_url = slot.destination_url or original.destination_url
    slot.campaign = slot.campaign or original.campaign
    slot.utm_term = slot.utm_term or original.utm_term
    notes = [n for n in (slot.notes, original.notes) if n]
    slot.notes = "\n\n".join(dict.fromkeys(notes))[:MAX_NOTES]
    slot.recycled_from_id = original.id
    if original.idea.status == "backlog":
        original.idea.status = "planned"


@dataclass(frozen=True)
class RunLine:
    """One run of a post (the original or a rerun) and what came back from its link."""

    item_id: int
    starts_at: datetime
    channel: str
    channel_zone: str | None
    status: str
    original: bool
    figures: Figures | None


def runs_of(item: ScheduleItem) -> list[RunLine]:
    """The original of ``item`` and every rerun of it, earliest first, each with its own
    results: one query. Empty when the post has not run again."""
    original_id = item.recycled_from_id or item.id
    in_runs = or_(ScheduleItem.id == original_id, ScheduleItem.recycled_from_id == original_id)
    per_run = (
        select(ResultRecord.item_id, func.count().label("rows"), *result_sums())
        .join(ScheduleItem, ScheduleItem.id == ResultRecord.item_id)
        .where(in_runs, counted())
        .group_by(ResultRecord.item_id)
        .subquery()
    )
    query = (
        select(
            ScheduleItem.id,
            ScheduleItem.starts_at,
            Channel.name,
            Channel.timezone,
            ScheduleItem.status,
            per_run.c.rows,
            per_run.c.visits,
            per_run.c.leads,
            per_run.c.customers,
            per_run.c.revenue,
        )
        .join(Channel, Channel.id == ScheduleItem.channel_id)
        .outerjoin(per_run, per_run.c.item_id == ScheduleItem.id)
        .where(in_runs)
        .order_by(ScheduleItem.starts_at, ScheduleItem.id)
    )
    runs = [
        RunLine(
            row.id,
            row.starts_at,
            row.name,
            row.timezone,
            row.status,
            row.id == original_id,
            figures_of(row.visits, row.leads, row.customers, row.revenue) if row.rows else None,
        )
        for row in db.session.execute(query)
    ]
    return runs if len(runs) > 1 else []
