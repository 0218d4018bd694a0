"""The history: every change to an item, its copy, a rule or a channel, recorded centrally.

A session listener looks at what each flush writes and records, in the same
transaction, one :class:`ChangeRecord` per changed field a person would care about
(see :mod:`calendar_app.domain.history`), as the current actor's
(:mod:`calendar_app.services.actor`). A change that is rolled back leaves no history;
a save that changes nothing records nothing. The planner's own work on items nobody
touched (a year of slots made, moved or removed by a re-plan) is not recorded: only
what it does to items people worked on; nor are the untouched slots a rule's deletion
takes with it. Rows the planner inserts in bulk, and rows a
restore inserts, pass no listener; a restore records one entry for itself.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, func, insert, inspect, select
from sqlalchemy.orm import Session

from calendar_app import clock
from calendar_app.domain.history import FIELDS, change_of, shown
from calendar_app.extensions import db
from calendar_app.models import (
    CadenceRule,
    Campaign,
    ChangeRecord,
    Channel,
    ItemCopy,
    RuleException,
    ScheduleItem,
    User,
    Workspace,
)

from .actor import PLANNER, Actor, current_actor

PAGE_SIZE = 100
KINDS: dict[type, str] = {ScheduleItem: "item", ItemCopy: "item", CadenceRule: "rule",
                          Channel: "channel"}  # fmt: skip
NAMED = {"assignee_id": User, "owner_id": User, "campaign_id": Campaign}


# Each model's recorded attributes, and the field each is recorded as.
ATTRIBUTES: dict[type, dict[str, str]] = {
    ScheduleItem: {f: f for f in FIELDS["item"] if not f.startswith("copy_")},
    ItemCopy: {f.removeprefix("copy_"): f for f in FIELDS["item"] if f.startswith("copy_")},
    CadenceRule: {f: f for f in FIELDS["rule"]},
    Channel: {f: f for f in FIELDS["channel"]},
}


def _keep(_target: object, value: object, _old: object, _initiator: object) -> object:
    return value


# A recorded attribute's old value is loaded before it is replaced, so "before" is known.
for _model, _attributes in ATTRIBUTES.items():
    for _name in _attributes:
        event.listen(getattr(_model, _name), "set", _keep, active_history=True)


@event.listens_for(Session, "after_flush")
def record_changes(session: Session, _context: object) -> None:
    """Write the history of what this flush changed, in its transaction."""
    rows = [(row, "new") for row in session.new]
    rows += [(row, "dirty") for row in session.dirty]
    rows += [(row, "deleted") for row in session.deleted]
    tracked = [(row, how) for row, how in rows if type(row) in KINDS]
    if not tracked:
        return
    recorder = _Recorder(session, current_actor())
    recorder.skipped = {
        (row.rule_id, row.occurrence_date) for row in session.new if isinstance(row, RuleException)
    }
    for row, how in tracked:
        recorder.note(row, how)
    if recorder.records:
        session.connection().execute(insert(ChangeRecord.__table__), recorder.records)


class _Recorder:
    """The history rows of one flush."""

    def __init__(self, session: Session, actor: Actor) -> None:
        self.session = session
        self.actor = actor
        self.at = clock.now()
        self.zone = session.connection().scalar(select(Workspace.timezone).limit(1)) or "UTC"
        self.records: list[dict[str, Any]] = []
        self.skipped: set[tuple[int, Any]] = set()  # rule occurrences a person deleted now

    def note(self, row: Any, how: str) -> None:
        """Record what happened to ``row`` (made, changed or deleted)."""
        item = row.item if isinstance(row, ItemCopy) else row
        if isinstance(item, ScheduleItem) and not self._worth_it(item, how):
            return
        if isinstance(row, ItemCopy):
            if how != "deleted":
                self._fields(row, how == "new")
        elif how == "new":
            self._add(row, "created", "", self._subject(row))
        elif how == "deleted":
            self._add(row, "deleted", self._subject(row), "")
        else:
            self._fields(row, False)

    def _worth_it(self, item: ScheduleItem, how: str) -> bool:
        """The planner's work on an item nobody touched is not history, nor are the
        untouched slots that go with their rule (the rule's deletion is recorded); an
        item a person deleted on its own is."""
        if item.touched_at is not None:
            return True
        if how == "deleted" and item.rule_id is not None:
            return (item.rule_id, item.occurrence_date) in self.skipped
        return self.actor != PLANNER

    def _fields(self, row: Any, new: bool) -> None:
        state = inspect(row)
        for name, field in ATTRIBUTES[type(row)].items():
            history = state.attrs[name].history
            if not history.has_changes():
                continue
            old = None if new or not history.deleted else history.deleted[0]
            value = history.added[0] if history.added else None
            before, after = self._shown(field, old), self._shown(field, value)
            if change := change_of(field, before, after):
                self._add(row, change.field, change.before, change.after)

    def _shown(self, field: str, value: object) -> str:
        names = {}
        model = NAMED.get(field)
        if model is not None and isinstance(value, int):
            found = self.session.get(model, value)
            names[value] = (found.email if isinstance(found, User) else found.name) if found else ""
        return shown(field, value, self.zone, names)

    def _subject(self, row: Any) -> str:
        if isinstance(row, ItemCopy):
            row = row.item
        if isinstance(row, Channel):
            return row.name
        if isinstance(row, CadenceRule):
            return row.label or shown("activity", row.activity, self.zone)
        channel = self.session.get(Channel, row.channel_id)
        when = shown("starts_at", row.starts_at, self.zone)
        return f"{channel.name if channel else ''}, {when}"[:200]

    def _add(self, row: Any, field: str, before: str, after: str) -> None:
        entity = row.item_id if isinstance(row, ItemCopy) else row.id
        self.records.append(
            {
                "at": self.at,
                "kind": KINDS[type(row)],
                "entity_id": entity,
                "subject": self._subject(row),
                "field": field,
                "before": before,
                "after": after,
                "actor_id": self.actor.user_id,
                "actor_label": self.actor.label[:254],
            }
        )


def record_restore(actor: Actor, tables: dict[str, int]) -> None:
    """One entry for a restore from a backup (the restored rows record nothing)."""
    rows = sum(tables.values())
    db.session.execute(
        insert(ChangeRecord.__table__),
        [
            {
                "at": clock.now(),
                "kind": "workspace",
                "entity_id": None,
                "subject": "",
                "field": "restored",
                "before": "",
                "after": f"{rows:,} rows",
                "actor_id": actor.user_id,
                "actor_label": actor.label[:254],
            }
        ],
    )


def item_history(item: ScheduleItem) -> list[ChangeRecord]:
    """Every recorded change of an item and its copy, newest first."""
    query = select(ChangeRecord).where(
        ChangeRecord.kind == "item", ChangeRecord.entity_id == item.id
    )
    return list(db.session.scalars(query.order_by(ChangeRecord.at.desc(), ChangeRecord.id.desc())))


def recent_activity(person_id: int | None = None, page: int = 1) -> tuple[list[ChangeRecord], bool]:
    """A page of the workspace's changes, newest first, of one member or everyone's; and
    whether there is an older page."""
    query = select(ChangeRecord)
    if person_id is not None:
        query = query.where(ChangeRecord.actor_id == person_id)
    query = query.order_by(ChangeRecord.at.desc(), ChangeRecord.id.desc())
    rows = list(db.session.scalars(query.offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1)))
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE


def people_in_history() -> list[tuple[int, str]]:
    """The members who changed something, by address, for the filter."""
    query = (
        select(User.id, User.email)
        .where(User.id.in_(select(ChangeRecord.actor_id)))
        .order_by(func.lower(User.email))
    )
    return [(person_id, email) for person_id, email in db.session.execute(query)]
