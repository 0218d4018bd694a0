"""Serve calendar feeds cheaply: a revision per feed for ETags, per-event text stored with
items, and finished bodies shared by every worker.

* ``feed_version`` reads the feed's revision (one lookup by key; the services raise it
  with every change the feed shows, see :mod:`.feed_revisions`) and its window, which
  moves with the day. A 304 needs nothing more.
* ``feed_body`` serves the body of a version from this process's memory, else from the
  body another worker stored (plain and gzip), else builds it: from each item's stored
  VEVENT text, serialising again only the events whose inputs changed, and stores the
  body for everyone. ``store_event_texts``, called from ``feed_body`` alone, writes the
  new event texts back without touching the items' modification times.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import (
    delete,
    func,
    select,
)
from sqlalchemy.exc import IntegrityError, OperationalError

from calendar_app.extensions import db
from calendar_app.models import (
    Channel,
    FeedBody,
    FeedRevision,
    ScheduleItem,
    Workspace,
)

from .feed_events import FeedWindow, build_body, forget_event_texts, store_event_texts
from .feed_revisions import channel_scope
from .transaction import unit_of_work

MAX_CACHED_BODIES = 16
_bodies: OrderedDict[str, dict[str, bytes]] = OrderedDict()
_lock = threading.Lock()


@dataclass(frozen=True)
class FeedVersion:
    """The strong ETag and Last-Modified of a feed, known without building it."""

    etag: str
    last_modified: datetime


def feed_scope(channel: Channel | None) -> str:
    """The revision scope of a feed: everything, or one channel."""
    return channel_scope(channel.id) if channel is not None else "all"


def feed_version(channel: Channel | None, window: FeedWindow) -> FeedVersion:
    """The version of what a feed shows: its revision (one lookup by key) and its window."""
    scope = feed_scope(channel)
    revision = db.session.get(FeedRevision, scope)
    number = revision.revision if revision is not None else 0
    changed = revision.changed_at if revision is not None else datetime(2000, 1, 1, tzinfo=UTC)
    key = f"{scope}:{number}:{window.start.isoformat()}:{window.end.isoformat()}"
    return FeedVersion(
        hashlib.sha256(key.encode()).hexdigest()[:32], changed.replace(microsecond=0)
    )


def feed_body(
    version: FeedVersion,
    workspace: Workspace,
    channel: Channel | None,
    window: FeedWindow,
    *,
    gzipped: bool = False,
) -> bytes:
    """The body for ``version`` (gzip-compressed if asked).

    From this process's memory, else from the body another worker stored for the same
    version, else built (only the changed events serialised again) and stored for all.
    """
    body = _remembered_body(version.etag) or _stored_body(channel, version.etag)
    if body is None:
        built = build_body(workspace, channel, window)
        store_event_texts(built.new_texts, workspace)
        body = {"plain": built.data, "gzip": gzip.compress(built.data, compresslevel=6, mtime=0)}
        if built.complete:  # a body missing events deleted meanwhile is served, not kept
            _store_body(channel, version.etag, body, built.events)
            _remember_body(version.etag, body)
    return body["gzip" if gzipped else "plain"]


def _remembered_body(etag: str) -> dict[str, bytes] | None:
    with _lock:
        body = _bodies.get(etag)
        if body is not None:
            _bodies.move_to_end(etag)
    return body


def _remember_body(etag: str, body: dict[str, bytes]) -> None:
    with _lock:
        _bodies[etag] = body
        while len(_bodies) > MAX_CACHED_BODIES:
            _bodies.popitem(last=False)


def _stored_body(channel: Channel | None, etag: str) -> dict[str, bytes] | None:
    """The body another worker built for this version, if any (then kept in memory too)."""
    row = db.session.execute(
        select(FeedBody.plain, FeedBody.gzip).where(
            FeedBody.scope == feed_scope(channel), FeedBody.etag == etag
        )
    ).first()
    if row is None:
        return None
    body = {"plain": bytes(row.plain), "gzip": bytes(row.gzip)}
    _remember_body(etag, body)
    return body


def _store_body(channel: Channel | None, etag: str, body: dict[str, bytes], events: int) -> None:
    """Keep a built body for every worker (a cache: skipped when the database is busy)."""
    scope = feed_scope(channel)
    try:
        with unit_of_work(wait=False):
            db.session.execute(delete(FeedBody).where(FeedBody.scope == scope))
            db.session.add(
                FeedBody(
                    scope=scope, etag=etag, plain=body["plain"], gzip=body["gzip"], events=events
                )
            )
    except (OperationalError, IntegrityError):
        pass


# A calendar event of ours is about this long when no feed was built yet to tell.
BYTES_PER_EVENT = 560


@dataclass(frozen=True)
class FeedSize:
    """How many events a feed shows and about how many bytes they take (exact when the body
    for the current version was built already)."""

    events: int
    size: int
    exact: bool


def feed_size(version: FeedVersion, channel: Channel | None, window: FeedWindow) -> FeedSize:
    """The feed's number of events (one count) and its size, without building it."""
    query = select(func.count()).where(
        ScheduleItem.starts_at >= window.start, ScheduleItem.starts_at < window.end
    )
    if channel is not None:
        query = query.where(ScheduleItem.channel_id == channel.id)
    events = db.session.scalar(query) or 0
    built = db.session.execute(
        select(FeedBody.etag, FeedBody.events, func.length(FeedBody.plain)).where(
            FeedBody.scope == feed_scope(channel)
        )
    ).first()
    if built is not None and built.etag == version.etag:
        return FeedSize(events, built[2], exact=True)
    per_event = built[2] // built.events if built is not None and built.events else BYTES_PER_EVENT
    return FeedSize(events, events * per_event, exact=False)


def forget_bodies() -> None:
    """Drop the in-memory bodies and event texts (tests and benchmarks start cold with it)."""
    with _lock:
        _bodies.clear()
    forget_event_texts()
