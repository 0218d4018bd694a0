"""Storing imported results, matched to our items and channels, and summing them up."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from calendar_app.domain.bounds import MAX_AMOUNT, MAX_MONTH_HOURS, MAX_RATE, check_day
from calendar_app.domain.errors import FieldError
from calendar_app.domain.export_values import parse_amount
from calendar_app.domain.goals import GOAL_KINDS, GOAL_PERIODS, MAX_GOALS, goal_metric_problem
from calendar_app.domain.text import single_line_problem
from calendar_app.extensions import db
from calendar_app.models import Channel, ChannelSpend, Goal, ResultRecord, Workspace

from .result_months import counted
from .transaction import unit_of_work


def unmatched_rows(limit: int = 200) -> Sequence[ResultRecord]:
    """Rows that matched neither an item nor a channel (and count), most visits first."""
    return db.session.scalars(
        select(ResultRecord)
        .where(ResultRecord.item_id.is_(None), ResultRecord.channel_id.is_(None), counted())
        .order_by(ResultRecord.visits.desc(), ResultRecord.id)
        .limit(limit)
    ).all()


class CostError(FieldError):
    """A cost, value or goal that cannot be saved; ``field`` names the form field."""


def money(text: str | None, field: str, maximum: Decimal = MAX_AMOUNT) -> Decimal:
    """An amount typed by a person, read as the results files are read (12.50, 12,50,
    1,234.50, 1.234,50); from 0 to ``maximum``, what its column can hold."""
    cleaned = (text or "").strip()
    if cleaned.startswith("-"):
        raise CostError(field, f"Give an amount from 0 up to {maximum:,}.")
    try:
        return parse_amount(cleaned, maximum)
    except ValueError:
        if re.fullmatch(r"[0-9.,\s]+", cleaned):
            raise CostError(field, f"Give an amount from 0 up to {maximum:,}.") from None
        raise CostError(field, f"{text!r} is not an amount like 12.50.") from None


@unit_of_work()
def save_rates(workspace: Workspace, values: dict[str, str]) -> None:
    """The hourly rate, the value of a lead, and each channel's click value and own value of
    a lead (``click-<id>``, ``lead-<id>``: empty for the workspace's); all or none."""
    rate = _kept(values, "hourly_rate", workspace.hourly_rate)
    lead_value = _kept(values, "lead_value", workspace.lead_value)
    clicks, leads = {}, {}
    for channel in db.session.scalars(select(Channel)):
        click, lead = f"click-{channel.id}", f"lead-{channel.id}"
        if click in values:
            clicks[channel] = money(values[click], click, MAX_RATE)
        if lead in values:
            typed = values[lead].strip()
            leads[channel] = money(typed, lead, MAX_RATE) if typed else None
    workspace.hourly_rate, workspace.lead_value = rate, lead_value
    for channel, value in clicks.items():
        channel.click_value = value
    for channel, own in leads.items():
        channel.lead_value = own


def _kept(values: dict[str, str], field: str, stored: Decimal) -> Decimal:
    """A rate typed in the form, or the stored one when the form does not send it."""
    return money(values[field], field, MAX_RATE) if field in values else stored


@unit_of_work()
def record_spend(
    channel: Channel | None, month_text: str, amount_text: str, note: str, hours_text: str = ""
) -> None:
    """Set a channel's other spend and past hours for a month; a field left empty keeps
    what the month had (0 for a new month)."""
    if channel is None:
        raise CostError("channel_id", "Choose a channel.")
    first = spend_month(month_text)
    if not amount_text.strip() and not hours_text.strip():
        raise CostError("amount", "Give an amount, the hours spent, or both.")
    amount = money(amount_text, "amount") if amount_text.strip() else None
    hours = past_hours(hours_text) if hours_text.strip() else None
    check_spend_note(note)
    spend = db.session.scalar(
        select(ChannelSpend).where(
            ChannelSpend.channel_id == channel.id, ChannelSpend.month == first
        )
    )
    if spend is None:
        spend = ChannelSpend(channel=channel, month=first)
        db.session.add(spend)
    # A field left empty keeps what the month had: entering its hours keeps its spend.
    if amount is not None:
        spend.amount = amount
    if hours is not None:
        spend.hours = hours
    spend.amount = spend.amount or Decimal(0)
    spend.hours = spend.hours or Decimal(0)
    if note.strip():
        spend.note = note.strip()


def spend_month(text: str) -> date:
    """The first day of a month typed as ``2026-11`` (a month of spend, a channel's or a
    campaign's); CostError otherwise."""
    try:
        return check_day(date.fromisoformat(f"{text.strip()}-01"))
    except ValueError:
        raise CostError("month", "Give the month like 2026-11 (from 2000 to 2099).") from None


def check_spend_note(note: str) -> None:
    """A spend's note is one line of at most 200 characters; CostError otherwise."""
    problem = single_line_problem(note)
    if problem or len(note) > 200:
        raise CostError("note", f"The note {problem or 'is longer than 200 characters.'}")


def past_hours(text: str) -> Decimal:
    """Hours typed by a person (``12``, ``7.5``, ``7,5``): 0 to 9,999.9, one decimal at
    most (``7.55`` is refused rather than rounded)."""
    message = f"Give the hours from 0 to {MAX_MONTH_HOURS:,}, like 7.5 (one decimal)."
    try:
        hours = money(text or "0", "hours", MAX_MONTH_HOURS)
    except CostError:
        raise CostError("hours", message) from None
    if hours != hours.quantize(Decimal("0.1")):
        raise CostError("hours", message)
    return hours.quantize(Decimal("0.1"))


@unit_of_work()
def add_goal(values: dict[str, str]) -> Goal:
    """A new goal (at most two)."""
    if db.session.scalar(select(func.count()).select_from(Goal)) >= MAX_GOALS:
        raise CostError("kind", f"At most {MAX_GOALS} goals: focus wins. Remove one first.")
    kind, metric, period = values.get("kind"), values.get("metric"), values.get("period")
    if kind not in GOAL_KINDS:
        raise CostError("kind", "Choose what the goal is about.")
    if problem := goal_metric_problem(kind, metric or ""):
        raise CostError("metric", problem)
    if period not in GOAL_PERIODS:
        raise CostError("period", "Choose a month, a quarter or a year.")
    target = money(values.get("target"), "target")
    if target <= 0:
        raise CostError("target", "The target must be more than 0.")
    goal = Goal(
        kind=kind,
        metric=metric,
        period=period,
        target=target,
        baseline=money(values.get("baseline"), "baseline"),
    )
    db.session.add(goal)
    return goal


@unit_of_work()
def remove_goal(goal: Goal) -> None:
    """Forget a goal."""
    db.session.delete(goal)
