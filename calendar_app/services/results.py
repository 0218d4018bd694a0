"""Storing imported results, matched to our items and channels, and summing them up."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import bindparam, func, insert, select, update

from calendar_app.domain.bounds import MAX_AMOUNT, MAX_RATE, check_day
from calendar_app.domain.errors import FieldError
from calendar_app.domain.export_values import parse_amount
from calendar_app.domain.results_files import Period, ResultRow, ResultsFile, read_results
from calendar_app.domain.roi import GOAL_KINDS, GOAL_METRICS, GOAL_PERIODS, MAX_GOALS
from calendar_app.domain.text import single_line_problem
from calendar_app.extensions import db
from calendar_app.models import Channel, ChannelSpend, Goal, ResultRecord, ScheduleItem, Workspace

from .result_months import first_days, sum_months
from .transaction import unit_of_work

CONTENT_LENGTH = 12  # an item's utm_content is the first 12 characters of its uid


@dataclass
class ImportSummary:
    """What an import stored."""

    kind: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    matched_items: int = 0
    matched_channels: int = 0
    unmatched: int = 0

    def text(self) -> str:
        """One line for people."""
        kind = {"ga4": "Google Analytics 4", "plausible": "Plausible", "simple": "results"}
        return (
            f"{kind[self.kind]} file: {self.added} rows added, {self.updated} updated, "
            f"{self.unchanged} unchanged; {self.matched_items} matched a post or video, "
            f"{self.matched_channels} a channel, {self.unmatched} nothing (listed below)."
        )


def import_results(raw: bytes | str, period: Period | None = None) -> ImportSummary:
    """Read a results file, then store it in one short unit of work; re-importing it
    changes nothing.

    The file is read and checked before the unit of work begins, so a large upload
    never holds the write lock while it is parsed. A row replaces the stored figures
    for the same period and tracking values, so a corrected export updates them and
    the same export twice never counts double. Raises ResultsFileError (nothing
    stored) for a malformed file.
    """
    read = read_results(raw, period)
    if not read.rows:
        return ImportSummary(read.kind)
    return _store(read)


# What a stored row holds, compared as plain values (no ORM objects: a year is 100,000 rows).
_STORED = (
    "starts_on",
    "ends_on",
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "utm_content",
    "visits",
    "leads",
    "customers",
    "revenue",
    "item_id",
    "channel_id",
)


@unit_of_work()
def _store(read: ResultsFile) -> ImportSummary:
    """Match the rows to items and channels; insert the new ones and update the changed
    ones, each in one statement."""
    summary = ImportSummary(read.kind)
    items = _items_by_content({row.content for row in read.rows if row.content})
    channels = _channel_finder()
    stored = _stored_rows(read)
    new_rows, changed = [], []
    for row in read.rows:
        item_id, channel_id = items.get(row.content, (None, None))
        if channel_id is None:
            channel_id = channels(row.source, row.medium)
        if item_id is not None:
            summary.matched_items += 1
        elif channel_id is not None:
            summary.matched_channels += 1
        else:
            summary.unmatched += 1
        values = _values(row, item_id, channel_id)
        record_id, before = stored.get(row.key, (None, None))
        if record_id is None:
            new_rows.append(values)
        elif before != values:
            changed.append({"record_id": record_id, **values})
        else:
            summary.unchanged += 1
    summary.added, summary.updated = len(new_rows), len(changed)
    if new_rows:
        # One multi-row INSERT (column defaults such as created_at still apply).
        db.session.execute(insert(ResultRecord), new_rows)
    if changed:
        table = ResultRecord.__table__
        db.session.execute(update(table).where(table.c.id == bindparam("record_id")), changed)
    if new_rows or changed:
        sum_months(first_days(row.period.start for row in read.rows))
    return summary


def _stored_rows(read: ResultsFile) -> dict[tuple, tuple[int, dict[str, object]]]:
    """The stored rows over the file's days, by key: their id and values."""
    first = min(row.period.start for row in read.rows)
    last = max(row.period.start for row in read.rows)
    table = ResultRecord.__table__
    query = select(table.c.id, *(table.c[name] for name in _STORED)).where(
        table.c.starts_on.between(first, last)
    )
    stored = {}
    for record_id, *values in db.session.execute(query):
        stored[tuple(values[:6])] = (record_id, dict(zip(_STORED, values, strict=True)))
    return stored


def _values(row: ResultRow, item_id: int | None, channel_id: int | None) -> dict[str, object]:
    return {
        "starts_on": row.period.start,
        "ends_on": row.period.end,
        "utm_source": row.source[:100],
        "utm_medium": row.medium[:100],
        "utm_campaign": row.campaign[:100],
        "utm_content": row.content[:100],
        "visits": row.visits,
        "leads": row.leads,
        "customers": row.customers,
        "revenue": row.revenue,
        "item_id": item_id,
        "channel_id": channel_id,
    }


def _items_by_content(contents: set[str]) -> dict[str, tuple[int, int]]:
    """Items whose link carries one of these ``utm_content`` values: (item id, channel id)."""
    found: dict[str, tuple[int, int]] = {}
    wanted = [c for c in contents if len(c) == CONTENT_LENGTH]
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        prefix = func.substr(ScheduleItem.uid, 1, CONTENT_LENGTH)
        query = select(prefix, ScheduleItem.id, ScheduleItem.channel_id).where(prefix.in_(chunk))
        for content, item_id, channel_id in db.session.execute(query):
            found[content] = (item_id, channel_id)
    return found


def _channel_finder() -> Callable[[str, str], int | None]:
    """Find a channel by source and medium, else by a source only one channel uses."""
    rows = db.session.execute(select(Channel.id, Channel.utm_source, Channel.utm_medium)).all()
    exact = {(source, medium): channel_id for channel_id, source, medium in rows}
    by_source: dict[str, list[int]] = defaultdict(list)
    for channel_id, source, _medium in rows:
        by_source[source].append(channel_id)

    def find(source: str, medium: str) -> int | None:
        if (source, medium) in exact:
            return exact[(source, medium)]
        candidates = by_source.get(source, [])
        return candidates[0] if len(candidates) == 1 else None

    return find


def unmatched_rows(limit: int = 200) -> Sequence[ResultRecord]:
    """Rows that matched neither an item nor a channel, most visits first."""
    return db.session.scalars(
        select(ResultRecord)
        .where(ResultRecord.item_id.is_(None), ResultRecord.channel_id.is_(None))
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
    """The hourly rate and each channel's click value (``click-<id>`` fields), all or none."""
    rate = money(values.get("hourly_rate"), "hourly_rate", MAX_RATE)
    clicks = {}
    for channel in db.session.scalars(select(Channel)):
        key = f"click-{channel.id}"
        if key in values:
            clicks[channel] = money(values[key], key, MAX_RATE)
    workspace.hourly_rate = rate
    for channel, value in clicks.items():
        channel.click_value = value


@unit_of_work()
def record_spend(channel: Channel | None, month_text: str, amount_text: str, note: str) -> None:
    """Set a channel's other spend for a month (replacing what that month had)."""
    if channel is None:
        raise CostError("channel_id", "Choose a channel.")
    try:
        first = check_day(date.fromisoformat(f"{month_text.strip()}-01"))
    except ValueError:
        raise CostError("month", "Give the month like 2026-11 (from 2000 to 2099).") from None
    amount = money(amount_text, "amount")
    problem = single_line_problem(note)
    if problem or len(note) > 200:
        raise CostError("note", f"The note {problem or 'is longer than 200 characters.'}")
    spend = db.session.scalar(
        select(ChannelSpend).where(
            ChannelSpend.channel_id == channel.id, ChannelSpend.month == first
        )
    )
    if spend is None:
        spend = ChannelSpend(channel=channel, month=first)
        db.session.add(spend)
    spend.amount, spend.note = amount, note.strip()


@unit_of_work()
def add_goal(values: dict[str, str]) -> Goal:
    """A new goal (at most two)."""
    if db.session.scalar(select(func.count()).select_from(Goal)) >= MAX_GOALS:
        raise CostError("kind", f"At most {MAX_GOALS} goals: focus wins. Remove one first.")
    kind, metric, period = values.get("kind"), values.get("metric"), values.get("period")
    if kind not in GOAL_KINDS:
        raise CostError("kind", "Choose what the goal is about.")
    if metric not in GOAL_METRICS:
        raise CostError("metric", "Choose what to count: visits, leads, customers or revenue.")
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
