"""Putting headlines into schedule slots and taking them out; the slot becomes touched."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select

from calendar_app.domain.activities import HEADLINE_ACTIVITIES
from calendar_app.extensions import db
from calendar_app.models import Channel, Idea, ScheduleItem, User

from .ideas import IdeaError, new_idea
from .planner import StaleItem, touch
from .review import back_to_review, item_text
from .transaction import unit_of_work


@unit_of_work()
def add_to_slot(
    text: str | None,
    slot: ScheduleItem,
    author: User | None,
    now: datetime,
    seen_version: int | None = None,
) -> tuple[Idea, list[str]]:
    """Add a new headline to the bank and put it into ``slot``, in one transaction."""
    if slot.activity not in HEADLINE_ACTIVITIES:
        raise IdeaError("Only post and video slots take a headline.")
    idea, warnings = new_idea(text, author)
    assign_to_slot(idea, slot, now, seen_version, by=author)
    return idea, warnings


def next_free_slot(channel: Channel, now: datetime) -> ScheduleItem | None:
    """The earliest future post or video slot of ``channel`` that has no headline yet."""
    return db.session.scalars(
        select(ScheduleItem)
        .where(
            ScheduleItem.channel_id == channel.id,
            ScheduleItem.activity.in_(HEADLINE_ACTIVITIES),
            ScheduleItem.idea_id.is_(None),
            ScheduleItem.status == "draft",
            ScheduleItem.starts_at > now,
        )
        .order_by(ScheduleItem.starts_at, ScheduleItem.id)
        .limit(1)
    ).first()


# Each lost race means someone else filled a slot; the next free one is tried.
ASSIGN_ATTEMPTS = 20


def assign_to_next_free_slot(
    idea: Idea, channel: Channel, now: datetime, by: User | None = None
) -> ScheduleItem:
    """Put the idea into the channel's next free slot; the slot becomes touched.

    If someone fills that slot at the same moment, the next free one is taken.
    """
    if idea.status == "archived":
        raise IdeaError("Restore this headline before planning it.", "channel")
    for _attempt in range(ASSIGN_ATTEMPTS):
        slot = next_free_slot(channel, now)
        if slot is None:
            raise IdeaError(
                f"{channel.name} has no free post or video slot in the schedule.", "channel"
            )
        try:
            assign_to_slot(idea, slot, now, seen_version=slot.version, by=by)
        except StaleItem:
            continue  # that slot's unit of work was rolled back
        return slot
    raise IdeaError("The schedule is changing right now; try again in a moment.", "channel")


@unit_of_work()
def assign_to_slot(
    idea: Idea,
    slot: ScheduleItem,
    now: datetime,
    seen_version: int | None = None,
    *,
    by: User | None = None,
) -> None:
    """Put the idea into this slot, replacing the headline it held; the slot becomes touched
    (and goes back to review when ``by`` swapped the headline of an approved post that
    needs approval, like an edit of its copy)."""
    if slot.activity not in HEADLINE_ACTIVITIES:
        raise IdeaError("Only post and video slots take a headline.", "idea")
    if idea.status == "archived":
        raise IdeaError("Restore this headline before planning it.", "idea")
    previous = slot.idea
    if previous is not idea:
        before = item_text(slot)
        slot.idea = idea
        slot.recycled_from_id = None  # another headline: no longer a rerun of a post
        slot.sequence += 1
        touch(slot, now, seen_version)
        idea.status = "planned"
        if previous is not None:
            release(previous, slot)
        back_to_review(slot, before, by)


@unit_of_work()
def unassign(
    idea: Idea,
    item: ScheduleItem,
    now: datetime,
    seen_version: int | None = None,
    *,
    by: User | None = None,
) -> None:
    """Take the idea out of a slot (which stays, touched, as an open slot; an approved post
    goes back to review as when its headline is swapped)."""
    if item.idea_id != idea.id:
        raise IdeaError("That slot does not hold this headline.", "channel")
    before = item_text(item)
    item.idea = None
    item.recycled_from_id = None  # an open slot again, no longer a rerun of a post
    item.sequence += 1
    touch(item, now, seen_version)
    release(idea, item)
    back_to_review(item, before, by)


def release(idea: Idea, slot: ScheduleItem) -> None:
    """A planned idea that no longer sits in any slot but ``slot`` goes back to the backlog."""
    if idea.status == "planned" and not [i for i in idea.items if i is not slot]:
        idea.status = "backlog"


def backlog_for_slots(limit: int = 300) -> Sequence[Idea]:
    """Headlines one can put into a slot: backlog first, best score first."""
    return db.session.scalars(
        select(Idea)
        .where(Idea.status.in_(("backlog", "planned")))
        .order_by((Idea.status == "planned").asc(), Idea.score.desc(), Idea.id.desc())
        .limit(limit)
    ).all()
