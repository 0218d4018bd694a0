"""Serve calendar feeds cheaply: a data version for ETags, per-event text stored with items,
and finished bodies kept in memory by version.

* ``feed_version`` reads a few counts and modification times in one query:
  any change to items, ideas, channels, rules or the profile changes it, and
  so does the day (the window moves). A 304 needs nothing more.
* ``feed_body`` assembles the body from each item's stored VEVENT text and
  serialises again only the events whose values changed (by fingerprint),
  writing their new text back without touching the item's modification time.
* Finished bodies (plain and gzip) are kept per version in this process.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..feed import calendar_text, event_text, timezone_text
from ..item_links import feed_event
from ..models import CadenceRule, Channel, Idea, ScheduleItem, User, Workspace

MAX_CACHED_BODIES = 16
_bodies: OrderedDict[str, tuple[bytes, bytes]] = OrderedDict()
_lock = threading.Lock()


@dataclass(frozen=True)
class FeedWindow:
    """The part of the schedule a feed shows."""

    start: datetime
    end: datetime

    @classmethod
    def around(cls, now: datetime, past_days: int, future_days: int) -> FeedWindow:
        """From ``past_days`` before today (UTC midnight) to ``future_days`` after it."""
        today = datetime(now.year, now.month, now.day, tzinfo=UTC)
        return cls(today - timedelta(days=past_days), today + timedelta(days=future_days + 1))


@dataclass(frozen=True)
class FeedVersion:
    """The strong ETag and Last-Modified of a feed, known without building it."""

    etag: str
    last_modified: datetime


def feed_version(user: User, channel: Channel | None, window: FeedWindow) -> FeedVersion:
    """The version of the data a feed shows, from one aggregate query."""
    row = db.session.execute(
        select(
            select(func.count()).select_from(ScheduleItem).scalar_subquery(),
            select(func.max(ScheduleItem.updated_at)).scalar_subquery(),
            select(func.coalesce(func.sum(ScheduleItem.sequence), 0)).scalar_subquery(),
            select(func.count()).select_from(Idea).scalar_subquery(),
            select(func.max(Idea.updated_at)).scalar_subquery(),
            select(func.count()).select_from(Channel).scalar_subquery(),
            select(func.max(Channel.updated_at)).scalar_subquery(),
            select(func.count()).select_from(CadenceRule).scalar_subquery(),
            select(func.max(CadenceRule.updated_at)).scalar_subquery(),
            select(func.max(Workspace.updated_at)).scalar_subquery(),
        )
    ).one()
    key = repr((tuple(row), user.id, channel.id if channel else None, window.start, window.end))
    stamps = [v for v in row if isinstance(v, datetime)]
    last_modified = max(
        (s if s.tzinfo else s.replace(tzinfo=UTC) for s in stamps),
        default=datetime(2000, 1, 1, tzinfo=UTC),
    )
    return FeedVersion(
        hashlib.sha256(key.encode()).hexdigest()[:32], last_modified.replace(microsecond=0)
    )


def feed_name(workspace: Workspace, channel: Channel | None) -> str:
    """The calendar's display name."""
    return f"{workspace.name} · {channel.name if channel else 'Editorial calendar'}"


def _freshness(row: Any, workspace_stamp: datetime) -> str:
    """A digest of the modification times an event's text depends on.

    The event shows the item, its idea, channel and rule, and the workspace
    (site URL, time zone); every edit to any of them changes a modification
    time or the item's sequence, so an unchanged digest means unchanged text.
    """
    stamps = (row.updated_at, row.sequence, row.idea_stamp, row.channel_stamp, row.rule_stamp)
    key = "|".join(map(str, (*stamps, workspace_stamp)))
    return hashlib.sha1(key.encode()).hexdigest()


def build_body(workspace: Workspace, channel: Channel | None, window: FeedWindow) -> bytes:
    """Assemble the feed, serialising only the events whose inputs changed since last time.

    One light query reads each item's stored text and modification times; only
    stale items are loaded as objects and serialised, and their text is
    written back without touching their modification time.
    """
    query = (
        select(
            ScheduleItem.id,
            ScheduleItem.updated_at,
            ScheduleItem.sequence,
            ScheduleItem.ical_text,
            ScheduleItem.ical_fingerprint,
            Channel.updated_at.label("channel_stamp"),
            Channel.timezone.label("channel_zone"),
            Idea.updated_at.label("idea_stamp"),
            CadenceRule.updated_at.label("rule_stamp"),
        )
        .join(Channel, ScheduleItem.channel_id == Channel.id)
        .outerjoin(Idea, ScheduleItem.idea_id == Idea.id)
        .outerjoin(CadenceRule, ScheduleItem.rule_id == CadenceRule.id)
        .where(ScheduleItem.starts_at >= window.start, ScheduleItem.starts_at < window.end)
        .order_by(ScheduleItem.starts_at, ScheduleItem.id)
    )
    if channel is not None:
        query = query.where(ScheduleItem.channel_id == channel.id)
    rows = db.session.execute(query).all()
    texts: dict[int, str] = {}
    stale: dict[int, str] = {}
    for row in rows:
        fingerprint = _freshness(row, workspace.updated_at)
        if row.ical_text is not None and row.ical_fingerprint == fingerprint:
            texts[row.id] = row.ical_text
        else:
            stale[row.id] = fingerprint
    if stale:
        _serialise(stale, texts, workspace)
    zones = {workspace.timezone} | {row.channel_zone for row in rows if row.channel_zone}
    first, last = window.start.date() - timedelta(days=1), window.end.date() + timedelta(days=1)
    timezones = [timezone_text(tzid, first, last) for tzid in sorted(zones)]
    events = [texts[row.id] for row in rows]
    return calendar_text(feed_name(workspace, channel), workspace.timezone, timezones, events)


def _serialise(stale: dict[int, str], texts: dict[int, str], workspace: Workspace) -> None:
    """Serialise the stale items' events into ``texts`` and store them with the items."""
    updates = []
    ids = list(stale)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        items = db.session.scalars(
            select(ScheduleItem)
            .options(
                joinedload(ScheduleItem.channel),
                joinedload(ScheduleItem.idea),
                joinedload(ScheduleItem.rule),
            )
            .where(ScheduleItem.id.in_(chunk))
        )
        for item in items:
            texts[item.id] = event_text(feed_event(item, workspace))
            updates.append(
                {
                    "id": item.id,
                    "ical_text": texts[item.id],
                    "ical_fingerprint": stale[item.id],
                    "updated_at": item.updated_at,  # caching is not an edit
                }
            )
    db.session.execute(update(ScheduleItem), updates)
    db.session.commit()


def feed_body(
    version: FeedVersion, workspace: Workspace, channel: Channel | None, window: FeedWindow
) -> tuple[bytes, bytes]:
    """The plain and gzip bodies for ``version``, from memory when this process has them."""
    with _lock:
        cached = _bodies.get(version.etag)
        if cached is not None:
            _bodies.move_to_end(version.etag)
            return cached
    body = build_body(workspace, channel, window)
    packed = (body, gzip.compress(body, compresslevel=6, mtime=0))
    with _lock:
        _bodies[version.etag] = packed
        while len(_bodies) > MAX_CACHED_BODIES:
            _bodies.popitem(last=False)
    return packed


def forget_bodies() -> None:
    """Drop the in-memory bodies (tests and benchmarks start cold with it)."""
    with _lock:
        _bodies.clear()
