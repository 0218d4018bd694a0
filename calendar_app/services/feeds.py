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
from datetime import UTC, date, datetime, timedelta
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import (
    Engine,
    String,
    bindparam,
    cast,
    create_engine,
    event,
    func,
    literal,
    or_,
    select,
)

from calendar_app.domain.channel_kinds import is_slug
from calendar_app.domain.tokens import digest_token
from calendar_app.extensions import db
from calendar_app.models import Channel, FeedRevision, User, Workspace

from . import feed_events
from .feed_events import (
    FeedWindow,
    build_body,
    forget_event_texts,
    store_event_texts,
)
from .feed_revisions import body_scope
from .feed_store import BodyStore
from .planner import get_workspace

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
    return body_scope(channel.id if channel is not None else None)


@dataclass(frozen=True)
class Poll:
    """What a calendar's request needs to know first: the feed's version, its channel, and
    how far the schedule is planned (to extend it once a day before a 200)."""

    version: FeedVersion
    channel_id: int | None
    planned_until: date | None
    timezone: str
    assignee_id: int | None = None  # a personal feed: only this member's items


def _poll_query(by_slug: bool) -> Any:
    """The one query a calendar's request starts with (built once, run with parameters)."""
    digest = bindparam("digest")
    owner = select(User.id).where(
        or_(User.feed_token_digest == digest, User.old_feed_token_digest == digest)
    )
    if by_slug:
        channel_id: Any = (
            select(Channel.id).where(Channel.slug == bindparam("slug")).scalar_subquery()
        )
        scope: Any = literal("channel:") + cast(channel_id, String)
    else:
        channel_id, scope = literal(None), literal("all")
    revision = select(FeedRevision.revision).where(FeedRevision.scope == scope)
    changed = select(FeedRevision.changed_at).where(FeedRevision.scope == scope)
    plan = select(Workspace.planned_until, Workspace.timezone).order_by(Workspace.id).limit(1)
    created = plan.with_only_columns(Workspace.created_at).scalar_subquery()
    return select(
        owner.limit(1).scalar_subquery(),
        channel_id,
        revision.scalar_subquery(),
        func.coalesce(changed.scalar_subquery(), created),  # never changed: since it began
        plan.with_only_columns(Workspace.planned_until).scalar_subquery(),
        plan.with_only_columns(Workspace.timezone).scalar_subquery(),
    )


_POLL = {False: _poll_query(False), True: _poll_query(True)}


_compiled: dict[tuple[str, bool], tuple[str, tuple[str, ...] | None, dict[str, Any]]] = {}


_poll_engines: WeakKeyDictionary[Engine, Engine] = WeakKeyDictionary()


def _poll_engine() -> Engine:
    """Where polls run. On PostgreSQL a small pool of its own, in autocommit and without
    the app pool's ping: one statement needs no BEGIN, ROLLBACK or ``SELECT 1`` (four round
    trips become one). A dropped connection fails that one poll, which the app then
    answers in full, and is replaced. Disposing of the app's engine disposes of this one.
    On SQLite, where none of that costs a round trip, the app's own pool."""
    engine = db.engine
    if engine.dialect.name != "postgresql":
        return engine
    with _lock:
        polls = _poll_engines.get(engine)
        if polls is None:
            polls = create_engine(
                engine.url, isolation_level="AUTOCOMMIT", pool_size=2, max_overflow=4
            )
            _poll_engines[engine] = polls
            event.listen(engine, "engine_disposed", lambda _engine: polls.dispose())
    return polls


def _run_poll(query: Any, params: dict[str, str]) -> tuple:
    """Run the poll with the driver's own cursor: the SQL is compiled once per database
    kind, and a single read needs neither a session nor a transaction."""
    engine = _poll_engine()
    key = (engine.dialect.name, "slug" in params)
    if key not in _compiled:
        compiled = query.compile(dialect=engine.dialect)
        _compiled[key] = (compiled.string, compiled.positiontup, dict(compiled.params))
    sql, order, defaults = _compiled[key]
    values = defaults | params
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute(sql, [values[name] for name in order] if order else values)
        row = cursor.fetchone()
        cursor.close()
    except Exception:
        connection.invalidate()  # never handed out again, whatever went wrong
        raise
    finally:
        connection.close()  # back to the pool
    return tuple(row)


def poll(token: str, slug: str | None, window: FeedWindow, *, mine: bool = False) -> Poll | None:
    """The version of the feed a token and a channel slug ask for (``mine``: the token's
    member's items alone), or None when the token or the channel is unknown: one query,
    so that a 304 costs one round trip."""
    if not token or len(token) > 100:
        return None
    if slug is not None and not is_slug(slug):
        return None  # no channel has it (and PostgreSQL refuses a NUL in a parameter)
    params = {"digest": digest_token(token)} | ({"slug": slug} if slug is not None else {})
    row = _run_poll(_POLL[slug is not None], params)
    user_id, found_channel, number, changed, planned_until, zone = row
    if user_id is None or zone is None or (slug is not None and found_channel is None):
        return None
    if isinstance(planned_until, str):  # SQLite gives a scalar subquery's DATE back as text
        planned_until = date.fromisoformat(planned_until)
    assignee_id = user_id if mine else None
    version = _version(body_scope(found_channel, assignee_id), number or 0, changed, window)
    return Poll(version, found_channel, planned_until, zone, assignee_id)


def _version(scope: str, number: int, changed: Any, window: FeedWindow) -> FeedVersion:
    """The version's ETag names the code that writes events, the revision, the moment it
    was raised (to the microsecond: a database restored or made again counts from 1
    again, and must not meet the bodies of the old one in memory, on disk or in a
    calendar's cache) and the window."""
    if isinstance(changed, str):  # SQLite gives a scalar subquery's DATETIME back as text
        changed = datetime.fromisoformat(changed)
    if changed is None:
        changed = datetime(2000, 1, 1, tzinfo=UTC)
    elif changed.tzinfo is None:
        changed = changed.replace(tzinfo=UTC)
    changed = changed.astimezone(UTC)
    times = (t.isoformat() for t in (changed, *window.bounds))
    key = ":".join((feed_events.RENDERING, scope, str(number), *times))
    # The window moves every day: a client that polls by date gets the new day's feed.
    changed = max(changed, window.today)
    etag = hashlib.sha256(key.encode()).hexdigest()[:32]
    # HTTP dates count whole seconds: the version is dated by the end of the second of its
    # change, and that date is only given out once that second is over (see poll_headers),
    # so a later change always has a later date.
    return FeedVersion(etag, changed.replace(microsecond=0) + timedelta(seconds=1))


def feed_version(
    channel: Channel | None, window: FeedWindow, assignee_id: int | None = None
) -> FeedVersion:
    """The version of what a feed shows: its revision (one lookup by key) and its window."""
    revision = db.session.get(FeedRevision, feed_scope(channel))
    scope = body_scope(channel.id if channel else None, assignee_id)
    if revision is None:  # never changed: the version of this database since it began
        workspace = get_workspace()
        return _version(scope, 0, workspace.created_at if workspace else None, window)
    return _version(scope, revision.revision, revision.changed_at, window)


def feed_body(
    version: FeedVersion,
    channel_id: int | None,
    window: FeedWindow,
    store: BodyStore,
    *,
    gzipped: bool = False,
    assignee_id: int | None = None,
) -> bytes:
    """The body for ``version`` (gzip-compressed if asked; ``assignee_id``: that member's
    items alone).

    From this process's memory, else from the body another worker stored for the same
    version, else built (only the changed events serialised again) and stored for all.
    Only a build reads the workspace, the channel and the member.
    """
    scope = body_scope(channel_id, assignee_id)
    body = _remembered_body(version.etag) or store.read(scope, version.etag)
    if body is None:
        workspace = get_workspace()
        channel = db.session.get(Channel, channel_id) if channel_id is not None else None
        member = db.session.get(User, assignee_id) if assignee_id is not None else None
        found = (channel.id if channel else None, member.id if member else None)
        if workspace is None or found != (channel_id, assignee_id):
            raise LookupError("The feed's workspace, channel or member is gone.")
        built = build_body(workspace, channel, window, member)
        store_event_texts(built.new_texts, workspace)
        body = {"plain": built.data}
        if not built.complete:  # a body missing events deleted meanwhile is served, not kept
            return _compressed(body) if gzipped else body["plain"]
        store.write(scope, version.etag, built.data, built.events)
    _remember_body(version.etag, body)
    if gzipped and "gzip" not in body:  # compressed once, when a client first asks
        store.write_gzip(scope, version.etag, _compressed(body))
    return body["gzip" if gzipped else "plain"]


def remembered_body(version: FeedVersion, *, gzipped: bool = False) -> bytes | None:
    """The body of ``version`` if this process holds it in memory already (else None)."""
    body = _remembered_body(version.etag)
    return None if body is None else body.get("gzip" if gzipped else "plain")


def _compressed(body: dict[str, bytes]) -> bytes:
    body["gzip"] = gzip.compress(body["plain"], compresslevel=6, mtime=0)
    return body["gzip"]


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


def forget_bodies() -> None:
    """Drop the in-memory bodies and event texts (tests and benchmarks start cold with it)."""
    with _lock:
        _bodies.clear()
    forget_event_texts()
