"""What the history records of a change, and how it shows it (pure domain code).

Only fields a person would care about are recorded: an item's status, time,
assignee, notes, link, campaign and whether it left its rule; its copy; a rule's
rhythm, time and dates; a channel's name, owner and settings. Values are stored
as people read them: dates in the workspace's zone, status words, names rather
than ids. Copy and notes are kept whole and shown as a word diff.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from .activities import ACTIVITY_LABELS
from .cadence import resolve_timezone
from .workflow import Change, status_word, word_diff

# Each kind of row's recorded fields and their labels ("copy_" fields are an item's copy).
FIELDS: dict[str, dict[str, str]] = {
    "item": {
        "status": "Status",
        "starts_at": "Time",
        "assignee_id": "Assigned to",
        "notes": "Notes",
        "destination_url": "Link",
        "campaign_id": "Campaign",
        "evergreen": "Evergreen",
        "off_rule": "Off its rule",
        "copy_title": "Title",
        "copy_body": "Text",
        "copy_outline": "Outline",
    },
    "rule": {
        "activity": "Activity",
        "label": "Name",
        "rrule": "Rhythm",
        "per_week": "Times a week",
        "time_of_day": "Time of day",
        "duration_minutes": "Minutes",
        "starts_on": "Starts",
        "ends_on": "Ends",
        "count": "Times in all",
        "enabled": "On",
    },
    "channel": {
        "name": "Name",
        "paused": "Paused",
        "owner_id": "Owner",
        "requires_approval": "Posts need approval",
        "network": "Network",
        "own_limit": "Length limit",
        "colour": "Colour",
        "timezone": "Time zone",
    },
}
# What is shown as a word diff rather than before → after.
LONG_FIELDS = frozenset({"notes", "copy_body", "copy_outline"})
# Events rather than fields: made, deleted, restored from a backup.
EVENTS = {"created": "Created", "deleted": "Deleted", "restored": "Restored from a backup"}
# The most of a long text kept (a copy's body may be 100,000 characters).
MAX_KEPT = 20_000
KIND_LABELS = {"item": "Item", "rule": "Rule", "channel": "Channel", "workspace": "Workspace"}


@dataclass(frozen=True)
class FieldChange:
    """One recorded change of one field, as stored: values already in words."""

    field: str
    before: str
    after: str


def recorded_fields(kind: str) -> tuple[str, ...]:
    """The fields of ``kind`` whose changes are recorded."""
    return tuple(FIELDS.get(kind, {}))


def field_label(kind: str, field: str) -> str:
    """What a field or event is called on the history pages."""
    return EVENTS.get(field) or FIELDS.get(kind, {}).get(field, field)


def is_long(field: str) -> bool:
    """Whether the field is a text shown as a word diff."""
    return field in LONG_FIELDS


def shown(field: str, value: object, zone: str, names: dict[int, str] | None = None) -> str:
    """A value as people read it: instants in ``zone``, status words, ``names`` for ids."""
    if value is None or value == "":
        return ""
    if field.endswith("_id") and isinstance(value, int):
        return (names or {}).get(value, f"#{value}")
    if field == "status":
        return status_word(str(value))
    if field == "activity":
        return ACTIVITY_LABELS.get(str(value), str(value))
    return _plain(value, zone)


def _plain(value: object, zone: str) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.astimezone(resolve_timezone(zone)).strftime("%a %d %b %Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%a %d %b %Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, Decimal):
        return format(value, "f")
    text = str(value)
    return text[:MAX_KEPT]


def change_of(field: str, before: str, after: str) -> FieldChange | None:
    """The change to record, or None when nothing a person would see changed."""
    if before == after:
        return None
    if is_long(field) and before.split() == after.split():
        return None  # whitespace alone
    return FieldChange(field, before, after)


def diff_of(before: str, after: str) -> list[Change]:
    """A long text's change as words removed and added (the reviewer's diff)."""
    return word_diff(before, after)


@dataclass(frozen=True)
class ShownChange:
    """A recorded change as the history pages show it: an event (made, deleted, restored)
    with its value, a long text as a word diff, or a short field's before → after."""

    label: str
    before: str
    after: str
    event: bool = False
    diff: tuple[Change, ...] | None = None


def shown_change(kind: str, field: str, before: str, after: str) -> ShownChange:
    """How the history shows one recorded change."""
    label = field_label(kind, field)
    if field in EVENTS:
        return ShownChange(label, before, after, event=True)
    if is_long(field):
        return ShownChange(label, before, after, diff=tuple(diff_of(before, after)))
    return ShownChange(label, before, after)


def record_problems(row: dict[str, object]) -> dict[str, str]:
    """What a history row of a backup may not hold, by field: an unknown kind or field,
    a text longer than the history keeps."""
    problems: dict[str, str] = {}
    kind, field = row.get("kind"), row.get("field")
    if kind not in KIND_LABELS:
        problems["kind"] = f"must be one of {', '.join(sorted(KIND_LABELS))}."
    elif field not in EVENTS and field not in FIELDS.get(str(kind), {}):
        problems["field"] = f"{field!r} is not something the history records."
    for key in ("before", "after"):
        if len(str(row.get(key) or "")) > MAX_KEPT:
            problems[key] = f"may be at most {MAX_KEPT:,} characters."
    return problems
