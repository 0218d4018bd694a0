"""How a backup writes each stored value as JSON, and reads it back checked against its
column's type (whole numbers in range, amounts, aware times, lengths...)."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import JSON, Boolean, Column, Date, Float, Integer, Numeric, String, Time

from calendar_app.domain.backup_checks import BackupError
from calendar_app.domain.bounds import largest
from calendar_app.models import UTCDateTime


def dump_value(value: Any) -> Any:
    """A stored value as JSON: dates and times in ISO 8601, amounts as strings."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def load_value(column: Column[Any], value: Any, where: str) -> Any:
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
