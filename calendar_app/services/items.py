"""Loading the schedule for the pages, and people's changes to items."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from calendar_app.domain.activities import ACTIVITIES, DEFAULT_DURATIONS
from calendar_app.domain.cadence import local_to_utc, resolve_timezone
from calendar_app.domain.errors import FieldError
from calendar_app.domain.tracking import normalise_utm, optional_http_url
from calendar_app.domain.workflow import (
    APPROVED_STATUSES,
    MAX_REVIEW_NOTE,
    RoleRefusal,
    WorkflowError,
    check_transition,
)
from calendar_app.extensions import db
from calendar_app.models import Channel, ScheduleItem, User, Workspace

from .campaigns import check_runs_on, pick
from .comments import review_news
from .planner import delete_item, move_item, touch
from .review import back_to_review, item_text
from .slots import release
from .transaction import unit_of_work
from .webhooks import item_created, status_changed


@unit_of_work()
def set_status(
    item: ScheduleItem,
    status: str,
    now: datetime,
    seen_version: int | None = None,
    *,
    by: User | None = None,
    note: str = "",
) -> list[User]:
    """Change an item's status as ``by`` may (None: the workspace itself, with every
    right); the item becomes touched and its SEQUENCE rises. Approving records who
    approved which text; asking for changes (in review → draft) keeps ``note`` and writes
    it in the item's thread. The members notified: the reviewers of a post sent for
    review, the assignee of one sent back (and whoever the note mentions)."""
    role = by.role if by is not None else "owner"
    try:
        check_transition(item.activity, item.status, status, role, item.channel.requires_approval)
    except RoleRefusal as exc:
        raise ItemRoleError("status", str(exc)) from None
    except WorkflowError as exc:
        raise ItemError("status", str(exc)) from None
    if status in APPROVED_STATUSES and item.status not in APPROVED_STATUSES:
        _approve(item, by, now)
    told = review_news(item, status, by, note, now)
    if item.status == "in_review" and status == "draft":
        item.review_note = " ".join(note.split())[:MAX_REVIEW_NOTE]
    if item.status != status:
        old, item.status = item.status, status
        item.sequence += 1
        status_changed(item, old, now)
    touch(item, now, seen_version)
    return told


def _approve(item: ScheduleItem, by: User | None, now: datetime) -> None:
    """Remember who approved the item, when, and the text they saw."""
    item.approved_by, item.approved_at = by, now
    item.approved_through = ""
    item.approved_text = item_text(item)
    item.review_note = ""


@unit_of_work()
def edit_item(
    item: ScheduleItem,
    values: dict[str, Any],
    now: datetime,
    seen_version: int | None = None,
    *,
    by: User | None = None,
) -> None:
    """Change an item's destination, campaign, utm_term and notes; the item becomes touched
    (and goes back to review when ``by`` changed an approved text that needs approval)."""
    destination = optional_http_url(values.get("destination_url"), "destination_url")
    campaign = pick(values.get("campaign_id"))
    if campaign is not None and campaign.id != item.campaign_id:
        check_runs_on(campaign, item.channel)
    term = " ".join((values.get("utm_term") or "").split())
    if term:
        try:
            normalise_utm(term, "utm_term")
        except ValueError as exc:
            raise ItemError("utm_term", str(exc)) from None
        if len(term) > 100:
            raise ItemError("utm_term", "Keep it to 100 characters.")
    item.destination_url, item.campaign, item.utm_term = destination, campaign, term
    before = item_text(item)
    item.notes = (values.get("notes") or "").strip()[:5000]
    back_to_review(item, before, by)
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
    db.session.flush()
    item_created(item, now)
    return item


@unit_of_work()
def delete(item: ScheduleItem) -> None:
    """Delete an item; its rule does not plan it again, and its headline goes back to the bank."""
    if item.idea is not None:
        release(item.idea, item)
    delete_item(item)


class ItemError(FieldError):
    """An item change that cannot be made; ``field`` names the form field."""


class ItemRoleError(ItemError):
    """An item change the person's role never allows (the message says whose it is)."""
