"""A feed's events as text: each item's VEVENT serialised once and kept with the item.

An item's text is stored with a fingerprint of everything it shows (the item, its
headline, channel and rule, the workspace); a feed reuses every text whose
fingerprint still holds and serialises again only the others, so after one change
a year of events costs one serialisation. Texts read are kept in this process's
memory too.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

from sqlalchemy import (
    ColumnElement,
    String,
    and_,
    bindparam,
    case,
    cast,
    func,
    literal,
    select,
    update,
)
from sqlalchemy.exc import OperationalError

from calendar_app.domain import ical, item_links
from calendar_app.domain.ical import calendar_text, event_text, timezone_text
from calendar_app.domain.item_links import feed_event
from calendar_app.domain.owners import short_name
from calendar_app.domain.reminders import with_alarm
from calendar_app.extensions import db
from calendar_app.models import CadenceRule, Campaign, Channel, Idea, ScheduleItem, User, Workspace

from .transaction import unit_of_work


def _rendering() -> str:
    """A digest of the code that writes an event's text: a release that changes how events
    read makes every stored text, body and ETag new, without any change to the data."""
    digest = hashlib.sha256()
    for module in (ical, item_links):
        digest.update(Path(str(module.__file__)).read_bytes())
    return digest.hexdigest()[:12]


RENDERING = _rendering()
MAX_REMEMBERED_EVENTS = 50_000
# Event texts this process has read or made, by item id: (fingerprint, text).
_event_texts: dict[int, tuple[str, str]] = {}


@dataclass(frozen=True)
class FeedWindow:
    """The part of the schedule a feed shows."""

    start: datetime
    end: datetime
    today: datetime  # the UTC midnight the window was drawn around; it moves daily

    @property
    def bounds(self) -> tuple[datetime, datetime]:
        """Where the window starts and ends."""
        return self.start, self.end

    @classmethod
    def around(cls, now: datetime, past_days: int, future_days: int) -> FeedWindow:
        """From ``past_days`` before today (UTC midnight) to ``future_days`` after it."""
        today = datetime(now.year, now.month, now.day, tzinfo=UTC)
        start, end = today - timedelta(days=past_days), today + timedelta(days=future_days + 1)
        return cls(start, end, today)


def forget_event_texts() -> None:
    """Drop the event texts this process keeps in memory."""
    _event_texts.clear()


def feed_name(workspace: Workspace, channel: Channel | None, member: User | None = None) -> str:
    """The calendar's display name."""
    if member is not None:
        return f"{workspace.name} · Work of {short_name(member.email)}"
    return f"{workspace.name} · {channel.name if channel else 'Editorial calendar'}"


def _freshness(workspace: Workspace) -> ColumnElement[str]:
    """The modification times an event's text depends on, as one string, computed in SQL.

    The event shows the item (and its assignee's address, which never changes), its
    idea, channel and rule, and the workspace (site URL, time zone); every edit to any
    of them changes a modification time, the item's sequence or its assignee, so an
    unchanged string means unchanged text.
    """
    parts = [
        cast(ScheduleItem.updated_at, String),
        cast(ScheduleItem.sequence, String),
        func.coalesce(cast(ScheduleItem.assignee_id, String), ""),
        func.coalesce(cast(Idea.updated_at, String), ""),
        cast(Channel.updated_at, String),
        func.coalesce(cast(CadenceRule.updated_at, String), ""),
    ]
    first = f"{RENDERING}|{workspace.updated_at.isoformat()}"
    joined: ColumnElement[str] = literal(first, String)
    for part in parts:
        joined = joined + "|" + part
    return joined


def build_body(
    workspace: Workspace, channel: Channel | None, window: FeedWindow, member: User | None = None
) -> BuiltBody:
    """Assemble the feed (``member``: only the items assigned to them), serialising only the
    events whose inputs changed since last time.

    One query lists the window's items in order with, for each, either the
    fingerprint of its stored text (still fresh) or the freshness string to
    store with a new text. Fresh texts come from this process's memory when it
    has them, else from the database; stale items are serialised again, and their
    new texts come back with the body for the caller to store.
    """
    freshness = _freshness(workspace)
    fresh = and_(ScheduleItem.ical_text.is_not(None), ScheduleItem.ical_fingerprint == freshness)
    query = (
        select(
            ScheduleItem.id,
            Channel.timezone,
            case((fresh, ScheduleItem.ical_fingerprint), else_=None).label("fingerprint"),
            case((fresh, None), else_=freshness).label("freshness"),
        )
        .join(Channel, ScheduleItem.channel_id == Channel.id)
        .outerjoin(Idea, ScheduleItem.idea_id == Idea.id)
        .outerjoin(CadenceRule, ScheduleItem.rule_id == CadenceRule.id)
        .where(ScheduleItem.starts_at >= window.start, ScheduleItem.starts_at < window.end)
        .order_by(ScheduleItem.starts_at, ScheduleItem.id)
    )
    if channel is not None:
        query = query.where(ScheduleItem.channel_id == channel.id)
    if member is not None:
        query = query.where(ScheduleItem.assignee_id == member.id)
    rows = db.session.execute(query).all()
    texts: dict[int, str] = {}
    stale: dict[int, str] = {}
    unknown: dict[int, str] = {}
    zones = {workspace.timezone}
    for item_id, zone, fingerprint, fresh_key in rows:
        if zone:
            zones.add(zone)
        if fingerprint is None:
            stale[item_id] = fresh_key
            continue
        remembered = _event_texts.get(item_id)
        if remembered is not None and remembered[0] == fingerprint:
            texts[item_id] = remembered[1]
        else:
            unknown[item_id] = fingerprint
    if unknown:
        _load_stored(unknown, texts)
    new_texts = _serialise(stale, texts, workspace) if stale else []
    first, last = window.start.date() - timedelta(days=1), window.end.date() + timedelta(days=1)
    timezones = [timezone_text(tzid, first, last) for tzid in sorted(zones)]
    # An item deleted or changed by someone else while this feed was read has no text
    # here: it is left out of this one body (which is then not kept in memory).
    events = [texts[row.id] for row in rows if texts.get(row.id) is not None]
    if member is not None and member.feed_alarm_minutes:
        events = [with_alarm(event, member.feed_alarm_minutes) for event in events]
    name = feed_name(workspace, channel, member)
    body = calendar_text(name, workspace.timezone, timezones, events)
    return BuiltBody(
        body, complete=len(events) == len(rows), new_texts=new_texts, events=len(events)
    )


@dataclass(frozen=True)
class BuiltBody:
    """A feed body, whether every listed event made it in, and the event texts it had to
    serialise again (``item_id``, ``text`` and ``fresh``: what to store with each item)."""

    data: bytes
    complete: bool
    new_texts: list[dict[str, object]]
    events: int = 0


def _remember(item_id: int, fingerprint: str, text: str) -> None:
    if len(_event_texts) >= MAX_REMEMBERED_EVENTS:
        _event_texts.clear()
    _event_texts[item_id] = (fingerprint, text)


def _load_stored(unknown: dict[int, str], texts: dict[int, str]) -> None:
    """Read stored event texts this process does not hold yet."""
    ids = list(unknown)
    for start in range(0, len(ids), 1000):
        chunk = ids[start : start + 1000]
        query = select(ScheduleItem.id, ScheduleItem.ical_text).where(ScheduleItem.id.in_(chunk))
        for item_id, text in db.session.execute(query):
            texts[item_id] = text
            _remember(item_id, unknown[item_id], text)


def _serialise(
    stale: dict[int, str], texts: dict[int, str], workspace: Workspace
) -> list[dict[str, object]]:
    """Serialise the stale items' events into ``texts``; the texts to store with the items.

    Items are read as plain rows (building thousands of ORM objects would cost
    a large share of the serialisation itself); their channels, rules and
    ideas are loaded once each.
    """
    table = ScheduleItem.__table__
    columns = [c for c in table.c if c.name not in ("ical_text", "ical_fingerprint")]
    channels = {c.id: c for c in db.session.scalars(select(Channel))}
    rules = {r.id: r for r in db.session.scalars(select(CadenceRule))}
    # Loaded once: each idea's campaign is then found in the session, without a query.
    campaigns = {c.id: c for c in db.session.scalars(select(Campaign))}
    members = {u.id: u for u in db.session.scalars(select(User))}
    ids = list(stale)
    new_texts: list[dict[str, object]] = []
    for start in range(0, len(ids), 1000):
        chunk = ids[start : start + 1000]
        rows = db.session.execute(select(*columns).where(table.c.id.in_(chunk))).all()
        idea_ids = {row.idea_id for row in rows if row.idea_id is not None}
        ideas = {i.id: i for i in db.session.scalars(select(Idea).where(Idea.id.in_(idea_ids)))}
        for row in rows:
            item = SimpleNamespace(
                **row._mapping,
                channel=channels[row.channel_id],
                rule=rules.get(row.rule_id),
                idea=ideas.get(row.idea_id),
                campaign=campaigns.get(row.campaign_id),
                assignee=members.get(row.assignee_id),
            )
            texts[row.id] = event_text(feed_event(item, workspace))
            _remember(row.id, stale[row.id], texts[row.id])
            new_texts.append({"item_id": row.id, "text": texts[row.id], "fresh": stale[row.id]})
    return new_texts


def store_event_texts(new_texts: list[dict[str, object]], workspace: Workspace) -> None:
    """Keep freshly serialised event texts with their items, for the next feed request.

    It is a cache, not an edit: the items' modification times stay as they are, and
    if the database is busy the texts are simply not kept (the feed is served anyway).
    """
    if not new_texts:
        return
    table = ScheduleItem.__table__
    store = (
        update(table)
        .where(table.c.id == bindparam("item_id"))
        .values(
            ical_text=bindparam("text"),
            ical_fingerprint=bindparam("fresh"),
            updated_at=table.c.updated_at,  # set to itself: kept
        )
    )
    try:
        with unit_of_work(wait=False):
            for start in range(0, len(new_texts), 1000):
                chunk = new_texts[start : start + 1000]
                db.session.execute(store, chunk, execution_options={"feed_visible": False})
    except OperationalError:
        pass
