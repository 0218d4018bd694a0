"""Full backups: every table as JSON, restored with the same ids into an empty database.

Users are exported without their password hashes; after a restore each one
sets a password with ``flask users password EMAIL``. Feed token salts and
digests are kept, so calendar subscriptions keep working (a backup made before
tokens were derived, with plain ``feed_token`` values, restores too; only their
digests are stored). Failed logins are not backed up. Pending invitations are left out:
their links are secret, shown once and short-lived, so the owner invites again.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Column, Table, func, insert, select, text
from sqlalchemy.exc import SQLAlchemyError

from calendar_app.domain.backup_campaigns import campaigns_from_old_backup
from calendar_app.domain.backup_checks import BackupError, check_row
from calendar_app.domain.backup_rows import (
    check_references,
    check_reruns,
    plain_token_to_digest,
    role_from_old_backup,
    status_from_old_backup,
)
from calendar_app.domain.errors import Problems
from calendar_app.domain.goals import MAX_GOALS
from calendar_app.extensions import db
from calendar_app.models import (
    CadenceRule,
    Campaign,
    CampaignSpend,
    Channel,
    ChannelMetric,
    ChannelSpend,
    Goal,
    Idea,
    LinkRecord,
    ResultRecord,
    RoutineTick,
    RuleException,
    ScheduleItem,
    User,
    Workspace,
    campaign_channel,
)

from .backup_values import dump_value, load_value
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
        LinkRecord,
        ResultRecord,
        ChannelSpend,
        ChannelMetric,
        CampaignSpend,
        Goal,
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


def export_backup() -> dict[str, Any]:
    """Every row of every table, ordered by primary key."""
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in TABLES:
        columns = _columns(table)
        rows = db.session.execute(select(*columns).order_by(*table.primary_key.columns))
        tables[table.name] = [
            {c.name: dump_value(v) for c, v in zip(columns, row, strict=True)} for row in rows
        ]
    return {"format": BACKUP_FORMAT, "tables": tables}


def dumps(document: dict[str, Any]) -> str:
    """The one way backups and plans are written: sorted keys, two-space indent, UTF-8."""
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _read_backup(raw: str | bytes) -> dict[str, Any]:
    """The tables of a backup file, before their rows are read; BackupError if it is none."""
    try:
        document = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise BackupError(f"(file): is not valid JSON ({exc}).") from None
    if not isinstance(document, dict) or document.get("format") != BACKUP_FORMAT:
        raise BackupError(f"format: must be {BACKUP_FORMAT!r}.")
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise BackupError("tables: must be an object of tables.")
    return tables


def check_backup(raw: str | bytes) -> dict[str, int]:
    """Rows per table of a backup that a restore would accept; BackupError names every
    problem. Reads only the file: nothing is stored or compared with the database."""
    loaded = _load_tables(_read_backup(raw))
    return {name: len(rows) for name, rows in loaded.items()}


def import_backup(raw: str | bytes) -> dict[str, int]:
    """Restore a backup into an empty database; rows per table. All or nothing."""
    tables = _read_backup(raw)
    if any(db.session.scalar(select(func.count()).select_from(t)) for t in TABLES):
        raise BackupError("The database is not empty; restore a backup into a new database.")
    loaded = _load_tables(tables)
    try:
        with unit_of_work():
            for table in TABLES:
                if loaded[table.name]:
                    db.session.execute(insert(table), _in_order(table, loaded))
            _reset_sequences()
            sum_months()  # the Results page's monthly sums are derived, not backed up
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", exc)).splitlines()[0]
        raise BackupError(f"The backup does not fit together: {reason}") from None
    return {name: len(rows) for name, rows in loaded.items()}


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
        if table.name == "user" and isinstance(rows, list):
            rows = [role_from_old_backup(plain_token_to_digest(row)) for row in rows]
        elif table.name == "schedule_item" and isinstance(rows, list):
            rows = [status_from_old_backup(row) for row in rows]
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
