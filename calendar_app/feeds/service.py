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


def build_body(workspace: Workspace, channel: Channel | None, window: FeedWindow) -> bytes:
    """Assemble the feed, serialising only events whose values changed since last time."""
    query = (
        select(ScheduleItem)
        .options(
            joinedload(ScheduleItem.channel),
            joinedload(ScheduleItem.idea),
            joinedload(ScheduleItem.rule),
        )
        .where(ScheduleItem.starts_at >= window.start, ScheduleItem.starts_at < window.end)
        .order_by(ScheduleItem.starts_at, ScheduleItem.id)
    )
    if channel is not None:
        query = query.where(ScheduleItem.channel_id == channel.id)
    texts, stale, zones = [], [], {workspace.timezone}
    for item in db.session.scalars(query):
        event = feed_event(item, workspace)
        zones.add(event.tzid)
        fingerprint = event.fingerprint()
        if item.ical_fingerprint != fingerprint or item.ical_text is None:
            text = event_text(event)
            stale.append(
                {
                    "id": item.id,
                    "ical_text": text,
                    "ical_fingerprint": fingerprint,
                    "updated_at": item.updated_at,
                }
            )
        else:
            text = item.ical_text
        texts.append(text)
    if stale:
        # updated_at is written back unchanged: caching is not an edit.
        db.session.execute(update(ScheduleItem), stale)
        db.session.commit()
    first, last = window.start.date() - timedelta(days=1), window.end.date() + timedelta(days=1)
    timezones = [timezone_text(tzid, first, last) for tzid in sorted(zones)]
    return calendar_text(feed_name(workspace, channel), workspace.timezone, timezones, texts)


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
