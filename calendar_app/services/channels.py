"""Saving channels and rules, each change re-planning the schedule in the same transaction."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from calendar_app.domain.cadence import (
    Cadence,
    CadenceError,
    check_start,
    normalise_rrule,
    resolve_timezone,
    validate_cadence,
)
from calendar_app.domain.cadence_picker import pick, picked_start, rrule_to_store
from calendar_app.domain.campaigns import next_colour
from calendar_app.domain.capacity import Slot, WeekLoad, week_start, weekly_load
from calendar_app.domain.channel_fields import ChannelError, channel_fields
from calendar_app.domain.routine_ticks import routine_rrule
from calendar_app.domain.routines import ROUTINES, ROUTINES_CHANNEL_NAME, ROUTINES_CHANNEL_SLUG
from calendar_app.extensions import db
from calendar_app.models import CadenceRule, Channel, ScheduleItem, Workspace

from .owners import NOT_A_MEMBER, OwnerError, set_channel_owner
from .planner import delete_rule, replan
from .transaction import unit_of_work
from .webhooks import rule_changed


def unused_colour() -> str:
    """The first palette colour no channel has yet (the least used once all are taken)."""
    return next_colour(list(db.session.scalars(select(Channel.colour))))


@unit_of_work()
def save_channel(
    channel: Channel | None, values: dict[str, Any], workspace: Workspace, now: datetime
) -> Channel:
    """Create or update a channel from form values; re-plan if its time zone changed.

    A new owner (``owner_id``) gets the channel's untouched future items."""
    fields = channel_fields(values)
    slug = fields["slug"]
    clash = db.session.scalar(select(Channel).where(Channel.slug == slug))
    if clash is not None and clash is not channel:
        raise ChannelError("slug", f"Another channel already uses the slug {slug!r}.")
    if channel is None:
        channel = Channel(**{"colour": unused_colour(), **fields})
        db.session.add(channel)
    else:
        if channel.name != fields["name"]:
            raise_future_sequences(channel, now)
        for key, value in fields.items():
            setattr(channel, key, value)
    try:
        db.session.flush()
    except IntegrityError:
        # Another channel took this slug at the same moment.
        raise ChannelError("slug", f"Another channel already uses the slug {slug!r}.") from None
    if "owner_id" in values:
        _change_owner(channel, values["owner_id"], now)
    replan(channel.rules, workspace, now)
    return channel


def _change_owner(channel: Channel, chosen: Any, now: datetime) -> None:
    """Give the channel the owner chosen on its form ("" or None: nobody), if it changed."""
    text = str(chosen or "").strip()
    if text and not (text.isascii() and text.isdigit() and len(text) <= 9):
        raise ChannelError("owner_id", NOT_A_MEMBER)
    owner_id = int(text) if text else None
    if owner_id != channel.owner_id:
        try:
            set_channel_owner(channel, owner_id, now)
        except OwnerError as exc:
            raise ChannelError(exc.field, exc.message) from None


def raise_future_sequences(channel: Channel, now: datetime) -> None:
    """A renamed channel changes its events' SUMMARY, so calendars must see a new SEQUENCE."""
    db.session.execute(
        update(ScheduleItem)
        .where(ScheduleItem.channel_id == channel.id, ScheduleItem.starts_at > now)
        .values(sequence=ScheduleItem.sequence + 1)
    )


@unit_of_work()
def set_paused(channel: Channel, paused: bool, workspace: Workspace, now: datetime) -> None:
    """Pause (no new slots, untouched future ones removed) or resume a channel."""
    channel.paused = paused
    replan(channel.rules, workspace, now)


@unit_of_work()
def delete_channel(channel: Channel) -> None:
    """Delete a channel with its rules and items, unless people worked on any of its items."""
    touched = db.session.scalar(
        select(func.count())
        .select_from(ScheduleItem)
        .where(ScheduleItem.channel_id == channel.id, ScheduleItem.touched_at.is_not(None))
    )
    if touched:
        raise ChannelError(
            "channel",
            f"{channel.name} has {touched} items people worked on; pause the channel instead, "
            "or delete those items first.",
        )
    db.session.delete(channel)


def cadence_from_form(
    values: dict[str, Any], today: date, stored: Cadence | None = None
) -> Cadence:
    """The cadence a rule form describes, checked; ChannelError names the field at fault.

    ``recurrence`` is one of the picker's kinds, or ``rrule`` for the RRULE typed
    under Advanced. A new or changed start date must lie near ``today``; a rule
    keeps its old one (every N weeks may move it back to the first ticked day of
    its week, see :func:`picked_start`).
    """
    try:
        rrule, per_week, starts_on = _recurrence(values, stored)
        cadence = Cadence(
            activity=values["activity"],
            time_of_day=values["time_of_day"],
            starts_on=starts_on,
            rrule=rrule,
            per_week=per_week,
            ends_on=values.get("ends_on"),
            count=values.get("count"),
            duration_minutes=values.get("duration_minutes"),
        )
        if values["starts_on"] != (stored.starts_on if stored else None):
            check_start(values["starts_on"], today)
        validate_cadence(cadence)
    except CadenceError as exc:
        raise ChannelError(exc.field, exc.message) from None
    return cadence


def _recurrence(
    values: dict[str, Any], stored: Cadence | None
) -> tuple[str | None, int | None, date]:
    """The RRULE or times per week, and the start date, that the form's chosen kind says.

    A picked recurrence that means what the stored RRULE means keeps its text.
    """
    if values.get("recurrence") == "rrule":
        return normalise_rrule(values.get("rrule") or ""), None, values["starts_on"]
    picked = pick(values.get("recurrence") or "", values)
    starts_on = picked_start(picked, values["starts_on"])
    rrule = rrule_to_store(picked, starts_on, stored.rrule if stored else None)
    return rrule, picked.per_week, starts_on


@unit_of_work()
def save_rule(
    rule: CadenceRule | None,
    channel: Channel,
    cadence: Cadence,
    label: str,
    workspace: Workspace,
    now: datetime,
) -> CadenceRule:
    """Create or change a rule and re-plan its untouched future items."""
    change = "updated" if rule is not None else "created"
    if rule is None:
        rule = CadenceRule(channel=channel)
        db.session.add(rule)
    rule.activity = cadence.activity
    rule.rrule, rule.per_week = cadence.rrule, cadence.per_week
    rule.time_of_day, rule.duration_minutes = cadence.time_of_day, cadence.duration_minutes
    rule.starts_on, rule.ends_on, rule.count = cadence.starts_on, cadence.ends_on, cadence.count
    rule.label = label.strip()
    db.session.flush()
    replan([rule], workspace, now)
    rule_changed(rule, change, now)
    return rule


@unit_of_work()
def set_enabled(rule: CadenceRule, enabled: bool, workspace: Workspace, now: datetime) -> None:
    """Switch a rule on or off (off removes its untouched future items)."""
    rule.enabled = enabled
    replan([rule], workspace, now)
    rule_changed(rule, "enabled" if enabled else "disabled", now)


@unit_of_work()
def remove_rule(rule: CadenceRule, now: datetime) -> None:
    """Delete a rule, keeping the items people worked on as one-offs."""
    rule_changed(rule, "deleted", now)
    delete_rule(rule, now)


@unit_of_work()
def switch_routine(
    key: str, on: bool, workspace: Workspace, today: date, now: datetime
) -> CadenceRule | None:
    """Switch a ready-made routine on (creating its rule on the Routines channel) or off."""
    routine = ROUTINES[key]
    rule = db.session.scalar(select(CadenceRule).where(CadenceRule.routine_key == key))
    if rule is None:
        if not on:
            return None
        channel = db.session.scalar(select(Channel).where(Channel.slug == ROUTINES_CHANNEL_SLUG))
        if channel is None:
            channel = Channel(
                name=ROUTINES_CHANNEL_NAME,
                slug=ROUTINES_CHANNEL_SLUG,
                utm_source=ROUTINES_CHANNEL_SLUG,
                utm_medium="internal",
                colour=unused_colour(),
            )
            db.session.add(channel)
        rule = CadenceRule(
            channel=channel,
            activity="routine",
            rrule=routine_rrule(key, workspace.fiscal_year_start),
            time_of_day=routine.time_of_day,
            duration_minutes=routine.duration_minutes,
            starts_on=today,
            routine_key=key,
            label=routine.name,
        )
        db.session.add(rule)
        db.session.flush()
    rule.enabled = on
    replan([rule], workspace, now)
    return rule


def capacity(workspace: Workspace, today: date, weeks: int = 4) -> list[WeekLoad]:
    """Planned hours for the next ``weeks`` weeks, per channel and in total."""
    tz = resolve_timezone(workspace.timezone)
    first = week_start(today)
    mondays = [first + timedelta(weeks=n) for n in range(weeks)]
    start = datetime.combine(first, datetime.min.time(), tz)
    end = start + timedelta(weeks=weeks, days=1)
    rows = db.session.execute(
        select(Channel.slug, ScheduleItem.starts_at, ScheduleItem.ends_at)
        .join(Channel, ScheduleItem.channel_id == Channel.id)
        .where(
            ScheduleItem.starts_at >= start,
            ScheduleItem.starts_at < end,
            ScheduleItem.status != "skipped",
        )
    )
    return weekly_load((Slot(slug, s, e) for slug, s, e in rows), tz, mondays)
