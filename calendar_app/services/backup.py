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
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    Float,
    Integer,
    Numeric,
    String,
    Table,
    Time,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.exc import SQLAlchemyError

from calendar_app.domain.backup_checks import (
    BackupError,
    check_references,
    check_row,
    plain_token_to_digest,
)
from calendar_app.domain.bounds import largest
from calendar_app.domain.errors import Problems
from calendar_app.domain.roi import MAX_GOALS
from calendar_app.extensions import db
from calendar_app.models import (
    CadenceRule,
    Channel,
    ChannelMetric,
    ChannelSpend,
    Goal,
    Idea,
    LinkRecord,
    ResultRecord,
    RuleException,
    ScheduleItem,
    User,
    UTCDateTime,
    Workspace,
)

from .result_months import sum_months
from .transaction import unit_of_work

BACKUP_FORMAT = "editorial-calendar/backup-v1"
# Parents before children, so that foreign keys hold while restoring.
MODELS = (
    Workspace,
    User,
    Channel,
    CadenceRule,
    RuleException,
    Idea,
    ScheduleItem,
    LinkRecord,
    ResultRecord,
    ChannelSpend,
    ChannelMetric,
    Goal,
)
# Password hashes are never exported; digests and cached calendar text are derived again.
LEFT_OUT = {
    "user": {"password_hash"},
    "schedule_item": {"ical_text", "ical_fingerprint"},
}


def _dump_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _load_value(column: Column[Any], value: Any, where: str) -> Any:
    """A JSON value checked against its column's type and converted to it."""
    if value is None:
        if not column.nullable and not column.primary_key:
            raise BackupError(f"{where}: must not be empty.")
        return None
    read = next((read for kinds, read in _READERS if isinstance(column.type, kinds)), None)
    try:
        return read(value, column.type) if read else value
    except ValueError as exc:
        raise BackupError(f"{where}: {exc}") from None


def _boolean(value: Any, _kind: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be true or false.")
    return value


def _integer(value: Any, _kind: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("must be a whole number.")
    if not -(2**31) <= value < 2**31:
        raise ValueError(f"{value} is out of range.")
    return value


def _number(value: Any, _kind: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("must be a number.")
    return value


def _amount(value: Any, kind: Any) -> Decimal:
    """An amount as a string (or whole number), from 0 to what its NUMERIC column holds."""
    problem = ValueError(f'{value!r} is not an amount like "12.50".')
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise problem
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise problem from None
    if not amount.is_finite() or amount < 0:
        raise problem
    amount = amount.quantize(Decimal(1).scaleb(-kind.scale))
    maximum = largest(kind.precision, kind.scale)
    if amount > maximum:
        raise ValueError(f"{value!r} is more than {maximum:,}.")
    return amount


def _strings(value: Any, _kind: Any) -> list[str]:
    if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        raise ValueError("must be a list of strings.")
    return value


def _text(value: Any, kind: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("must be a string.")
    if isinstance(kind, String) and kind.length and len(value) > kind.length:
        raise ValueError(f"is longer than {kind.length} characters.")
    return value


def _parsed(parse: Any) -> Any:
    """A reader for ISO text: ``parse`` it, naming the column type if it is not valid."""

    def read(value: Any, kind: Any) -> Any:
        text = _text(value, kind)
        try:
            return parse(text)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{value!r} is not a valid {kind} ({exc}).") from None

    return read


def _aware(text: str) -> datetime:
    parsed = datetime.fromisoformat(text)
    if parsed.tzinfo is None:
        raise ValueError("no UTC offset")
    return parsed


# The first entry whose type the column has reads its values (Float before Numeric).
_READERS: tuple[tuple[type | tuple[type, ...], Any], ...] = (
    (Boolean, _boolean),
    (Integer, _integer),
    (Float, _number),
    (Numeric, _amount),
    (JSON, _strings),
    (UTCDateTime, _parsed(_aware)),
    (Date, _parsed(date.fromisoformat)),
    (Time, _parsed(time.fromisoformat)),
    (String, _text),
)


def _columns(table: Table) -> list[Column[Any]]:
    left_out = LEFT_OUT.get(table.name, set())
    return [c for c in table.columns if c.name not in left_out]


def export_backup() -> dict[str, Any]:
    """Every row of every table, ordered by primary key."""
    tables: dict[str, list[dict[str, Any]]] = {}
    for model in MODELS:
        table = model.__table__
        columns = _columns(table)
        rows = db.session.execute(select(*columns).order_by(*table.primary_key.columns))
        tables[table.name] = [
            {c.name: _dump_value(v) for c, v in zip(columns, row, strict=True)} for row in rows
        ]
    return {"format": BACKUP_FORMAT, "tables": tables}


def dumps(document: dict[str, Any]) -> str:
    """The one way backups and plans are written: sorted keys, two-space indent, UTF-8."""
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def import_backup(raw: str | bytes) -> dict[str, int]:
    """Restore a backup into an empty database; rows per table. All or nothing."""
    try:
        document = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise BackupError(f"(file): is not valid JSON ({exc}).") from None
    if not isinstance(document, dict) or document.get("format") != BACKUP_FORMAT:
        raise BackupError(f"format: must be {BACKUP_FORMAT!r}.")
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise BackupError("tables: must be an object of tables.")
    if any(db.session.scalar(select(func.count()).select_from(m)) for m in MODELS):
        raise BackupError("The database is not empty; restore a backup into a new database.")
    loaded = _load_tables(tables)
    try:
        with unit_of_work():
            for model in MODELS:
                if loaded[model.__tablename__]:
                    db.session.execute(insert(model.__table__), loaded[model.__tablename__])
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
    for model in MODELS:
        table = model.__table__
        rows: Any = tables.get(table.name, [])
        with problems.check():
            if not isinstance(rows, list):
                raise BackupError(f"tables.{table.name}: must be a list.")
        if table.name == "user" and isinstance(rows, list):
            rows = [plain_token_to_digest(row) for row in rows]
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
                loaded[table.name].append(values)
    problems.raise_if_any()
    return loaded


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
        return _load_value(column, row[column.name], where)
    if column.default is not None and column.default.is_scalar:
        return column.default.arg
    if column.nullable:
        return None
    raise BackupError(f"{where}: is missing.")


def _reset_sequences() -> None:
    """After inserting explicit ids, PostgreSQL's id sequences must continue after them."""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    for model in MODELS:
        table = model.__table__
        if "id" not in table.columns:
            continue
        db.session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                f'COALESCE((SELECT MAX(id) FROM "{table.name}"), 0) + 1, false)'
            )
        )
