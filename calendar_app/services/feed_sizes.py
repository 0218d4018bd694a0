"""How large a feed is, told without building it (for the Subscribe page)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from calendar_app.extensions import db
from calendar_app.models import Channel, ScheduleItem

from .feed_events import FeedWindow
from .feed_revisions import body_scope
from .feed_store import BodyStore

# A calendar event of ours is about this long when no feed was built yet to tell.
BYTES_PER_EVENT = 560


@dataclass(frozen=True)
class FeedSize:
    """How many events a feed shows and about how many bytes they take (exact when the body
    for the current version was built already)."""

    events: int
    size: int
    exact: bool


def feed_size(
    etag: str,
    channel: Channel | None,
    window: FeedWindow,
    store: BodyStore,
    assignee_id: int | None = None,
) -> FeedSize:
    """The feed's number of events (one count) and its size, without building it."""
    query = select(func.count()).where(
        ScheduleItem.starts_at >= window.start, ScheduleItem.starts_at < window.end
    )
    if channel is not None:
        query = query.where(ScheduleItem.channel_id == channel.id)
    if assignee_id is not None:
        query = query.where(ScheduleItem.assignee_id == assignee_id)
    events = db.session.scalar(query) or 0
    built = store.current(body_scope(channel.id if channel else None, assignee_id))
    if built is not None and built.etag == etag:
        return FeedSize(events, built.size, exact=True)
    per_event = built.size // built.events if built is not None and built.events else 0
    return FeedSize(events, events * (per_event or BYTES_PER_EVENT), exact=False)
