"""Every change a feed shows raises that feed's revision, in the same transaction.

The session notes which feeds a flush or a bulk statement touches (``all``, and
``channel:<id>`` for the channel of each changed item); the unit of work raises
those revisions just before it commits. A feed then knows whether it changed from
one lookup by primary key, however large the schedule.

What a feed shows: every change to an item (its event carries the item's modification
time as LAST-MODIFIED, so a logged time or a version changes it too; only the cached
event text does not); a headline's text, target URL and campaign; a channel's name,
tracking values, zone and response-time standard; a person's reminder, on their own
feed (versioned with ``all``); a rule's label and routine; the workspace's name, zone and
site. Other changes (a channel's click value, a rule's cadence before it is planned)
change nothing.

The headline bank has a revision of its own (``bank``), raised when a headline is
reworded or deleted: the near-duplicate check keeps the bank it searches in memory
until then (it finds new headlines by their ids). A new headline changes no feed:
no item shows it yet. The imported results have one too (``results``): an import
written in several steps learns from it whether anyone else wrote results between
two of its steps.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect, select, update
from sqlalchemy.orm import ORMExecuteState, Session

from calendar_app.models import (
    CadenceRule,
    Channel,
    FeedRevision,
    Idea,
    ScheduleItem,
    User,
    Workspace,
    utcnow,
)

EVERYTHING = "*"
BANK = "bank"
# Not a feed either: the imported results, raised by each chunk an import writes.
RESULTS = "results"
NOT_FEEDS = frozenset({BANK, RESULTS})
# Not a feed: someone's feed addresses came or went (an account, a token reset).
ADDRESSES = "addresses"
_PENDING = "feed_scopes"
# The attributes of each table that a calendar event shows.
VISIBLE: dict[type, frozenset[str]] = {
    ScheduleItem: frozenset(column.key for column in ScheduleItem.__mapper__.column_attrs).union(
        {"idea", "channel", "rule", "campaign"}
    )
    - {"ical_text", "ical_fingerprint", "created_at", "updated_at"},
    Idea: frozenset({"headline", "target_url", "campaign_id", "campaign"}),
    Channel: frozenset({"name", "slug", "utm_source", "utm_medium", "timezone", "response_hours"}),
    CadenceRule: frozenset({"label", "routine_key", "channel_id", "channel"}),
    Workspace: frozenset({"name", "timezone", "site_url"}),
}
_BY_TABLE = {model.__table__.name: model for model in VISIBLE}


def channel_scope(channel_id: int) -> str:
    """The scope of one channel's feed."""
    return f"channel:{channel_id}"


def body_scope(channel_id: int | None, assignee_id: int | None = None) -> str:
    """Whose body it is: one person's items (versioned by the revision of everything, which
    every change to an item raises), one channel's, or everything."""
    if assignee_id is not None:
        return f"mine:{assignee_id}"
    return "all" if channel_id is None else channel_scope(channel_id)


def mark_changed(session: Session, *scopes: str) -> None:
    """Note that the feeds of these scopes change in this transaction."""
    session.info.setdefault(_PENDING, set()).update(scopes)


def forget_changes(session: Session) -> None:
    """The transaction was rolled back: nothing changed."""
    session.info.pop(_PENDING, None)


def _scopes_of(obj: Any, changed: bool) -> set[str]:
    """The feeds a new, changed or deleted object touches (nothing if only unseen fields)."""
    if not changed:
        state = inspect(obj)
        names = VISIBLE[type(obj)]
        if not any(state.attrs[name].history.has_changes() for name in names):
            return set()
    if isinstance(obj, ScheduleItem):
        scopes = {"all"}
        history = inspect(obj).attrs.channel_id.history
        for channel_id in (obj.channel_id, *history.deleted):
            if channel_id is not None:
                scopes.add(channel_scope(channel_id))
        if obj.channel_id is None and obj.channel is not None and obj.channel.id is not None:
            scopes.add(channel_scope(obj.channel.id))
        return scopes
    if isinstance(obj, Channel) and obj.id is not None:
        return {"all", channel_scope(obj.id)}
    return {EVERYTHING}  # a new channel too: its feed's revision is made with the others'


def _changed(obj: Any, attribute: str) -> bool:
    return inspect(obj).attrs[attribute].history.has_changes()


def _idea_scopes(idea: Idea, new: bool, deleted: bool) -> set[str]:
    """A new headline changes nothing yet (the bank's reader counts headlines); a deleted or
    reworded one changes the bank and the feeds of the items that show it."""
    if new:
        return set()
    if deleted or _changed(idea, "headline"):
        return {EVERYTHING}  # the bank included
    return _scopes_of(idea, changed=False)


@event.listens_for(Session, "before_flush")
def _note_flush(session: Session, _context: Any, _instances: Any) -> None:
    scopes: set[str] = set()
    for obj in (*session.new, *session.deleted, *session.dirty):
        if isinstance(obj, User):
            if obj in session.new or obj in session.deleted or _changed(obj, "feed_salt"):
                scopes.add(ADDRESSES)
            elif _changed(obj, "feed_alarm_minutes"):
                scopes.add("all")  # their own feed is versioned by the revision of everything
        elif isinstance(obj, Idea):
            scopes |= _idea_scopes(obj, obj in session.new, obj in session.deleted)
        elif type(obj) in VISIBLE:
            scopes |= _scopes_of(obj, changed=obj in session.new or obj in session.deleted)
    if scopes:
        mark_changed(session, *scopes)


@event.listens_for(Session, "do_orm_execute")
def _note_bulk(state: ORMExecuteState) -> None:
    """INSERT, UPDATE and DELETE statements on a shown table change every feed; a statement
    run with ``feed_visible=False`` (the item's version, the event text cache) none."""
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    if state.execution_options.get("feed_visible") is False:
        return
    table = getattr(state.statement, "table", None)
    if getattr(table, "name", None) in _BY_TABLE:
        mark_changed(state.session, EVERYTHING)


def raise_revisions(session: Session) -> bool:
    """Raise the revision of every scope noted as changed (called once per unit of work);
    whether any feed or feed address changed."""
    scopes = session.info.pop(_PENDING, None)
    if not scopes:
        return False
    feeds_changed = bool(scopes - NOT_FEEDS)
    scopes = scopes - {ADDRESSES}
    if not scopes:
        return feeds_changed
    known = set(session.scalars(select(FeedRevision.scope)))
    if EVERYTHING in scopes:  # every feed, including channels whose feed never changed yet
        channels = {channel_scope(id_) for id_ in session.scalars(select(Channel.id))}
        scopes = (scopes - {EVERYTHING}) | known | channels | {"all"} | NOT_FEEDS
    now = utcnow()
    if scopes & known:
        session.execute(
            update(FeedRevision)
            .where(FeedRevision.scope.in_(scopes & known))
            .values(revision=FeedRevision.revision + 1, changed_at=now),
            execution_options={"feed_visible": False},
        )
    session.add_all(FeedRevision(scope=s, revision=1, changed_at=now) for s in scopes - known)
    return feeds_changed
