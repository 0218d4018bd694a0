"""Full backups: every table as JSON, restored with the same ids into an empty database.

Users are exported without their password hashes; after a restore each one
sets a password with ``flask users password EMAIL``. Feed token salts and
digests are kept, so calendar subscriptions keep working (a backup made before
tokens were derived, with plain ``feed_token`` values, restores too; only their
digests are stored). Failed logins are not backed up. Pending invitations are left out:
their links are secret, shown once and short-lived, so the owner invites again.
The history is kept; the restore adds one entry of its own, not one per row.
Share links are kept with their digests (their addresses were never stored): the
addresses given out keep working after a restore, and revoked ones stay revoked.
Comment threads and every member's inbox (read or not) are kept as they were.
Personal API tokens are kept the same way: scripts keep working, revoked tokens stay revoked.
Webhook subscriptions are kept with their secrets (receivers keep checking signatures);
their deliveries are not: they are a passing outbox, not something a person made.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Column, Table, func, insert, select, text
from sqlalchemy.exc import SQLAlchemyError

from calendar_app.domain.backup_campaigns import campaigns_from_old_backup
from calendar_app.domain.backup_checks import BackupError, check_row
from calendar_app.domain.backup_media import check_media_row, encode_files, media_files
from calendar_app.domain.backup_rows import (
    check_references,
    check_reruns,
    plain_token_to_digest,
    role_from_old_backup,
    status_from_old_backup,
)
from calendar_app.domain.errors import Problems
from calendar_app.domain.goals import MAX_GOALS
from calendar_app.domain.media import DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS
from calendar_app.extensions import db
from calendar_app.models import (
    ApiToken,
    CadenceRule,
    Campaign,
    CampaignSpend,
    ChangeRecord,
    Channel,
    ChannelMetric,
    ChannelSpend,
    Comment,
    CopyVersion,
    Goal,
    HashtagSet,
    Idea,
    InboxEntry,
    ItemCopy,
    ItemMedia,
    LinkRecord,
    ResultRecord,
    RoutineTick,
    RuleException,
    ScheduleItem,
    ShareLink,
    User,
    WebhookSubscription,
    Workspace,
    campaign_channel,
    share_link_channel,
)

from .actor import current_actor
from .backup_values import dump_value, load_value
from .history import record_restore
from .media_store import MediaStore
from .result_months import sum_months
from .transaction import unit_of_work

BACKUP_FORMAT = "editorial-calendar/backup-v1"
# Parents before children, so that foreign keys hold while restoring.
TABLES: tuple[Table, ...] = tuple(
    getattr(model, "__table__", model)
    for model in (
        Workspace,
        User,
        Channel,
        CadenceRule,
        RuleException,
        Campaign,
        campaign_channel,
        Idea,
        ScheduleItem,
        RoutineTick,
        ItemMedia,
        LinkRecord,
        ResultRecord,
        ChannelSpend,
        ChannelMetric,
        CampaignSpend,
        Goal,
        ItemCopy,
        CopyVersion,
        HashtagSet,
        ShareLink,
        share_link_channel,
        ChangeRecord,
        Comment,
        InboxEntry,
        ApiToken,
        WebhookSubscription,
    )
)
# Password hashes are never exported; digests and cached calendar text are derived again.
LEFT_OUT = {
    "user": {"password_hash"},
    "schedule_item": {"ical_text", "ical_fingerprint"},
}


def _columns(table: Table) -> list[Column[Any]]:
    left_out = LEFT_OUT.get(table.name, set())
    return [c for c in table.columns if c.name not in left_out]


def export_backup(store: MediaStore | None = None) -> dict[str, Any]:
    """Every row of every table, ordered by primary key; with ``store``, the image files
    too (base64 under ``media_files``, by key, when there are any)."""
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in TABLES:
        columns = _columns(table)
        rows = db.session.execute(select(*columns).order_by(*table.primary_key.columns))
        tables[table.name] = [
            {c.name: dump_value(v) for c, v in zip(columns, row, strict=True)} for row in rows
        ]
    document = {"format": BACKUP_FORMAT, "tables": tables}
    keys = [
        k for row in tables["item_media"] for k in (row["storage_key"], row["thumbnail_key"]) if k
    ]
    if store is not None and keys:
        document["media_files"] = encode_files({key: store.open(key) for key in keys})
    return document


def dumps(document: dict[str, Any]) -> str:
    """The one way backups and plans are written: sorted keys, two-space indent, UTF-8."""
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _read_backup(raw: str | bytes) -> dict[str, Any]:
    """A backup file's document, before its rows are read; BackupError if it is none."""
    try:
        document = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise BackupError(f"(file): is not valid JSON ({exc}).") from None
    if not isinstance(document, dict) or document.get("format") != BACKUP_FORMAT:
        raise BackupError(f"format: must be {BACKUP_FORMAT!r}.")
    if not isinstance(document.get("tables"), dict):
        raise BackupError("tables: must be an object of tables.")
    return document


def _load(document: dict[str, Any], limits: tuple[int, int]) -> tuple[dict[str, Any], Any]:
    """Every row and every image file of a backup, checked; BackupError names every problem."""
    loaded = _load_tables(document["tables"])
    return loaded, media_files(document, loaded["item_media"], *limits)


def check_backup(
    raw: str | bytes, limits: tuple[int, int] = (DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS)
) -> dict[str, int]:
    """Rows per table of a backup that a restore would accept; BackupError names every
    problem. Reads only the file: nothing is stored or compared with the database."""
    loaded, _ = _load(_read_backup(raw), limits)
    return {name: len(rows) for name, rows in loaded.items()}


def import_backup(
    raw: str | bytes,
    store: MediaStore | None = None,
    limits: tuple[int, int] = (DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS),
) -> dict[str, int]:
    """Restore a backup into an empty database, its image files into ``store``; rows per
    table. All or nothing: everything is checked before anything is written."""
    document = _read_backup(raw)
    if any(db.session.scalar(select(func.count()).select_from(t)) for t in TABLES):
        raise BackupError("The database is not empty; restore a backup into a new database.")
    loaded, files = _load(document, limits)
    if files and store is None:
        raise BackupError("media_files: this restore has nowhere to put image files.")
    try:
        with unit_of_work():
            for table in TABLES:
                if loaded[table.name]:
                    db.session.execute(insert(table), _in_order(table, loaded))
            _reset_sequences()
            record_restore(current_actor(), {name: len(rows) for name, rows in loaded.items()})
            sum_months()  # the Results page's monthly sums are derived, not backed up
            _restore_files(store, files)
    except SQLAlchemyError as exc:
        _forget_files(store, files)
        reason = str(getattr(exc, "orig", exc)).splitlines()[0]
        raise BackupError(f"The backup does not fit together: {reason}") from None
    except BaseException:
        _forget_files(store, files)
        raise
    return {name: len(rows) for name, rows in loaded.items()}


def _restore_files(store: MediaStore | None, files: dict[str, bytes]) -> None:
    for key, data in files.items():
        store.save(key, data)  # type: ignore[union-attr]


def _forget_files(store: MediaStore | None, files: dict[str, bytes]) -> None:
    for key in files if store is not None else ():
        store.delete(key)  # type: ignore[union-attr]


def _load_tables(tables: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows read and checked, parents first; BackupError names every problem."""
    problems = Problems(BackupError)
    loaded: dict[str, list[dict[str, Any]]] = {}
    tables = campaigns_from_old_backup(tables)
    items: list[tuple[str, dict[str, Any]]] = []  # schedule items, with where they are
    for table in TABLES:
        rows: Any = tables.get(table.name, [])
        with problems.check():
            if not isinstance(rows, list):
                raise BackupError(f"tables.{table.name}: must be a list.")
        rows = _from_older_backup(table.name, rows)
        loaded[table.name] = []
        with problems.check():
            if table.name == "goal" and isinstance(rows, list) and len(rows) > MAX_GOALS:
                raise BackupError(f"tables.goal: at most {MAX_GOALS} goals, not {len(rows)}.")
        for i, row in enumerate(rows if isinstance(rows, list) else []):
            where = f"tables.{table.name}[{i}]"
            with problems.check():
                values = _load_row(table, row, where, problems)
                if values is None:
                    continue
                check_row(table.name, values, where)
                if table.name == "item_media":
                    check_media_row(values, where)
                check_references(table.name, values, where, loaded)
                if table.name == "user":
                    values["password_hash"] = ""
                elif table.name == "schedule_item":
                    items.append((where, values))
                loaded[table.name].append(values)
    with problems.check():
        check_reruns(items)
    problems.raise_if_any()
    return loaded


def _from_older_backup(table: str, rows: Any) -> Any:
    """Rows as this version writes them: feed tokens as digests, roles and statuses renamed."""
    if not isinstance(rows, list):
        return rows
    if table == "user":
        return [role_from_old_backup(plain_token_to_digest(row)) for row in rows]
    if table == "schedule_item":
        return [status_from_old_backup(row) for row in rows]
    return rows


def _in_order(table: Table, loaded: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """A table's rows in an order its foreign keys hold in: original posts before reruns."""
    rows = loaded[table.name]
    if table.name == "schedule_item":
        return sorted(rows, key=lambda row: row["recycled_from_id"] is not None)
    return rows


def _load_row(
    table: Table, row: Any, where: str, problems: Problems[BackupError]
) -> dict[str, Any] | None:
    """A row's values converted to their columns' types; None if any value is bad (every
    bad value is noted)."""
    if not isinstance(row, dict):
        raise BackupError(f"{where}: must be an object.")
    before = len(problems.errors)
    loaded = {}
    for column in _columns(table):
        with problems.check():
            loaded[column.name] = _column_value(column, row, f"{where}.{column.name}")
    return None if len(problems.errors) > before else loaded


def _column_value(column: Column[Any], row: dict[str, Any], where: str) -> Any:
    """The row's value for ``column``, or its default when the backup leaves it out."""
    if column.name in row:
        return load_value(column, row[column.name], where)
    if column.default is not None and column.default.is_scalar:
        return column.default.arg
    if column.nullable:
        return None
    raise BackupError(f"{where}: is missing.")


def _reset_sequences() -> None:
    """After inserting explicit ids, PostgreSQL's id sequences must continue after them."""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        if "id" not in table.columns:
            continue
        db.session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                f'COALESCE((SELECT MAX(id) FROM "{table.name}"), 0) + 1, false)'
            )
        )
