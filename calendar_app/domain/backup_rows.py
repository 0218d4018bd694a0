"""What a backup's rows must satisfy together, beyond each row's own values: a row naming
a row of another table finds it in the backup, a rerun points to an original; and rows
written by older versions brought up to date (a plain feed token becomes its digest).
Pure domain code."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .backup_checks import BackupError
from .errors import Problems
from .tokens import digest_token
from .workflow import role_from_before, status_from_before


def _fail(where: str, key: str, message: str) -> BackupError:
    return BackupError(f"{where}.{key}: {message}")


def check_reruns(items: Sequence[tuple[str, dict[str, Any]]]) -> None:
    """Each rerun (``recycled_from_id``) points to another item of the backup, and to an
    original: never to a rerun (the app always links a rerun to the first original).

    ``items`` are the schedule items' rows, each with where it is in the file.
    """
    linked = {row["id"]: row.get("recycled_from_id") for _where, row in items}
    problems = Problems(BackupError)
    for where, row in items:
        target = row.get("recycled_from_id")
        if target is None:
            continue
        with problems.check():
            if target == row["id"]:
                raise _fail(where, "recycled_from_id", "is the item itself.")
            if target not in linked:
                raise _fail(where, "recycled_from_id", f"item {target} is not in the backup.")
            if linked[target] is not None:
                raise _fail(
                    where,
                    "recycled_from_id",
                    f"item {target} is a rerun itself: point to its original, {linked[target]}.",
                )
    problems.raise_if_any()


# Rows that name a row of another table, which must be in the backup: parents come first.
REFERENCES = {
    "channel": {"owner_id": "user"},
    "schedule_item": {"assignee_id": "user"},
    "channel_metric": {"channel_id": "channel"},
    "routine_tick": {"item_id": "schedule_item", "ticked_by_id": "user"},
    "item_copy": {"item_id": "schedule_item", "saved_by_id": "user"},
    "copy_version": {"item_id": "schedule_item", "saved_by_id": "user"},
    "hashtag_set": {"channel_id": "channel"},
    "item_media": {"item_id": "schedule_item", "created_by_id": "user"},
    "change_record": {"actor_id": "user"},
    "comment": {
        "item_id": "schedule_item",
        "idea_id": "idea",
        "author_id": "user",
        "resolved_by_id": "user",
    },
    "inbox_entry": {
        "user_id": "user",
        "item_id": "schedule_item",
        "idea_id": "idea",
        "comment_id": "comment",
        "actor_id": "user",
    },
    "webhook_subscription": {"created_by_id": "user"},
}


def check_references(
    table: str, row: dict[str, Any], where: str, loaded: dict[str, list[dict[str, Any]]]
) -> None:
    """Raise :class:`BackupError` when ``row`` names a row the backup does not have."""
    for key, parent in REFERENCES.get(table, {}).items():
        if row.get(key) is not None and row[key] not in {p["id"] for p in loaded[parent]}:
            raise BackupError(f"{where}.{key}: {row[key]} is not the id of a {parent} here.")


def plain_token_to_digest(row: Any) -> Any:
    """A user row from a backup that still held the plain feed token: keep only its digest."""
    if isinstance(row, dict) and isinstance(row.get("feed_token"), str):
        token = row["feed_token"]
        row = {key: value for key, value in row.items() if key != "feed_token"}
        row["feed_token_digest"] = digest_token(token)
    return row


def role_from_old_backup(row: Any) -> Any:
    """A user row from a backup made before roles: the owner stays owner, others edit."""
    if isinstance(row, dict) and "role" not in row:
        row = {**row, "role": role_from_before(row.get("is_owner") is True)}
    return row


def status_from_old_backup(row: Any) -> Any:
    """An item row from a backup made before the workflow: planned and ready are mapped
    the way the migration maps them (posts: draft, approved; tasks: to do, done)."""
    if isinstance(row, dict) and isinstance(row.get("status"), str):
        if isinstance(row.get("activity"), str):
            row = {**row, "status": status_from_before(row["activity"], row["status"])}
    return row
