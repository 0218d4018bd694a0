"""Storing imported results, matched to our items and channels, and summing them up."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from ..extensions import db
from ..models import Channel, ResultRecord, ScheduleItem
from ..results import Period, ResultRow, conversion, read_results

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
    """Read and store a results file in one transaction; re-importing it changes nothing.

    A row replaces the stored figures for the same period and tracking values, so a
    corrected export updates them and the same export twice never counts double.
    Raises ResultsFileError (nothing stored) for a malformed file.
    """
    read = read_results(raw, period)
    summary = ImportSummary(read.kind)
    if not read.rows:
        return summary
    items = _items_by_content({row.content for row in read.rows if row.content})
    channels = _channel_finder()
    first = min(row.period.start for row in read.rows)
    last = max(row.period.start for row in read.rows)
    stored = {
        _key(record): record
        for record in db.session.scalars(
            select(ResultRecord).where(ResultRecord.starts_on.between(first, last))
        )
    }
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
        record = stored.get(row.key)
        if record is None:
            db.session.add(ResultRecord(**values))
            summary.added += 1
        elif any(getattr(record, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(record, name, value)
            summary.updated += 1
        else:
            summary.unchanged += 1
    db.session.commit()
    return summary


def _key(record: ResultRecord) -> tuple[date, date, str, str, str, str]:
    return (
        record.starts_on,
        record.ends_on,
        record.utm_source,
        record.utm_medium,
        record.utm_campaign,
        record.utm_content,
    )


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


@dataclass
class Totals:
    """Figures summed over some result rows."""

    visits: int = 0
    leads: int = 0
    customers: int = 0
    revenue: Decimal = Decimal(0)

    def add(self, record: ResultRecord) -> None:
        """Count one more row in."""
        self.visits += record.visits
        self.leads += record.leads
        self.customers += record.customers
        self.revenue += record.revenue

    @property
    def conversion(self) -> Decimal | None:
        """Leads per 100 visits."""
        return conversion(self.visits, self.leads)


@dataclass
class ChannelResults:
    """One channel's (or the unmatched rows') figures, month by month."""

    name: str
    months: dict[str, Totals] = field(default_factory=dict)
    total: Totals = field(default_factory=Totals)


def results_by_channel() -> tuple[list[str], list[ChannelResults]]:
    """The months that have results (newest first) and each channel's figures per month.

    Rows that matched nothing come last, as "Not matched".
    """
    channels = {c.id: c.name for c in db.session.scalars(select(Channel))}
    grouped: dict[int | None, ChannelResults] = {}
    months: set[str] = set()
    for record in db.session.scalars(select(ResultRecord).order_by(ResultRecord.starts_on)):
        month = f"{record.starts_on:%Y-%m}"
        months.add(month)
        name = channels.get(record.channel_id, "Not matched") if record.channel_id else None
        entry = grouped.setdefault(record.channel_id, ChannelResults(name or "Not matched"))
        entry.months.setdefault(month, Totals()).add(record)
        entry.total.add(record)
    ordered = sorted(grouped.items(), key=lambda pair: (pair[0] is None, pair[1].name.lower()))
    return sorted(months, reverse=True), [entry for _key, entry in ordered]


def unmatched_rows(limit: int = 200) -> Sequence[ResultRecord]:
    """Rows that matched neither an item nor a channel, most visits first."""
    return db.session.scalars(
        select(ResultRecord)
        .where(ResultRecord.item_id.is_(None), ResultRecord.channel_id.is_(None))
        .order_by(ResultRecord.visits.desc(), ResultRecord.id)
        .limit(limit)
    ).all()
