"""Results files (visits, leads, customers, revenue per tracking value) and ROI. Pure domain code.

Three CSV shapes are read, recognised by their header row:

* a **Google Analytics 4** report export: ``#`` comment lines (among them
  ``# Start date: 20261101`` and ``# End date: 20261130``), then columns such
  as ``Session source / medium``, ``Session campaign``, ``Session manual ad
  content``, ``Sessions``, ``Key events``, ``Total revenue`` and optionally
  ``Date`` (``20261105``) and ``Ecommerce purchases`` (customers);
* a **Plausible**-style export: ``utm_source``, ``utm_medium``,
  ``utm_campaign``, ``utm_content``, ``visitors``, ``visits`` and a ``date``;
* **our own**: ``date, utm_source, utm_medium, utm_campaign, utm_content,
  visits, leads, customers, revenue``.

A row without a date of its own covers the report's period (GA4's comment
lines, or one given with the file). Byte-order marks, semicolon or tab
delimiters, decimal commas and thousands separators are accepted. Any problem
rejects the whole file, naming the line and the column.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from .tracking import normalise_utm

MAX_ROWS = 200_000
MAX_COUNT = 10**9
MAX_REVENUE = Decimal("1e12")


class ResultsFileError(ValueError):
    """A results file that cannot be imported; nothing was stored."""

    def __init__(self, message: str, line: int | None = None, column: str | None = None) -> None:
        where = ", ".join(
            part
            for part in (f"line {line}" if line else "", f"column {column!r}" if column else "")
            if part
        )
        super().__init__(f"{where}: {message}" if where else message)
        self.line, self.column = line, column


@dataclass(frozen=True)
class Period:
    """The days a result covers, both included."""

    start: date
    end: date


@dataclass(frozen=True)
class ResultRow:
    """One row's figures for one set of tracking values and one period."""

    period: Period
    source: str
    medium: str
    campaign: str
    content: str
    visits: int
    leads: int
    customers: int
    revenue: Decimal

    @property
    def key(self) -> tuple[date, date, str, str, str, str]:
        """What identifies the row: re-importing it replaces, never adds."""
        return (
            self.period.start,
            self.period.end,
            self.source,
            self.medium,
            self.campaign,
            self.content,
        )


@dataclass(frozen=True)
class ResultsFile:
    """A read file: its kind (``ga4``, ``plausible`` or ``simple``) and its rows, merged by key."""

    kind: str
    rows: list[ResultRow]


# Each kind: the columns that may give each field (lower-case header names), first match
# wins; kinds are tried in this order (ours is the most specific).
_KINDS: dict[str, dict[str, tuple[str, ...]]] = {
    "simple": {
        "date": ("date",),
        "source": ("utm_source",),
        "medium": ("utm_medium",),
        "campaign": ("utm_campaign",),
        "content": ("utm_content",),
        "visits": ("visits",),
        "leads": ("leads",),
        "customers": ("customers",),
        "revenue": ("revenue",),
    },
    "ga4": {
        "date": ("date",),
        "source_medium": ("session source / medium", "first user source / medium"),
        "source": ("session source",),
        "medium": ("session medium",),
        "campaign": ("session campaign", "session campaign name"),
        "content": ("session manual ad content", "session manual ad content name"),
        "visits": ("sessions",),
        "leads": ("key events", "conversions"),
        "customers": ("ecommerce purchases", "transactions"),
        "revenue": ("total revenue", "purchase revenue"),
    },
    "plausible": {
        "date": ("date",),
        "source": ("utm_source", "source"),
        "medium": ("utm_medium",),
        "campaign": ("utm_campaign",),
        "content": ("utm_content",),
        "visits": ("visits",),
        "leads": ("conversions", "goal conversions"),
        "customers": (),
        "revenue": ("revenue",),
    },
}
_GA4_PERIOD = re.compile(r"^#\s*(start|end) date:\s*(\d{8})\s*$", re.IGNORECASE)


def read_results(raw: bytes | str, period: Period | None = None) -> ResultsFile:
    """Read a results file; ``period`` is used for rows that carry no date of their own."""
    text = _decode(raw)
    lines = text.splitlines()
    comments: list[str] = []
    first = 0
    while first < len(lines) and (lines[first].startswith("#") or not lines[first].strip()):
        comments.append(lines[first])
        first += 1
    if first == len(lines):
        raise ResultsFileError("The file has no header row.")
    report_period = _ga4_period(comments) or period
    body = "\n".join(lines[first:])
    delimiter = _delimiter(lines[first])
    reader = csv.reader(io.StringIO(body), delimiter=delimiter, strict=True)
    try:
        header = [name.strip().lower() for name in next(reader)]
        kind, columns = _recognise(header, first + 1)
        merged: dict[tuple, ResultRow] = {}
        for offset, values in enumerate(reader):
            line = first + 2 + offset
            if not any(value.strip() for value in values):
                continue
            if len(merged) >= MAX_ROWS:
                raise ResultsFileError(f"More than {MAX_ROWS:,} rows.", line)
            if len(values) != len(header):
                raise ResultsFileError(
                    f"{len(values)} values where the header has {len(header)} columns.", line
                )
            cells = dict(zip(header, values, strict=True))
            if _is_total(cells):
                continue
            row = _row(cells, columns, report_period, line, delimiter)
            earlier = merged.get(row.key)
            merged[row.key] = row if earlier is None else _add(earlier, row)
    except csv.Error as exc:
        raise ResultsFileError(f"This is not readable CSV ({exc}).", reader.line_num) from None
    return ResultsFile(kind, list(merged.values()))


def _decode(raw: bytes | str) -> str:
    """UTF-8 (with or without a byte-order mark), or UTF-16 when the bytes say so."""
    if isinstance(raw, str):
        return raw.lstrip("\ufeff")
    try:
        text = raw.decode(_encoding_of(raw))
    except UnicodeDecodeError:
        text = "\x00"
    if "\x00" in text:
        raise ResultsFileError("The file is not UTF-8 text (export it as CSV).")
    return text.lstrip("\ufeff")


def _encoding_of(raw: bytes) -> str:
    """UTF-16 if the file starts with its byte-order mark, or with an ASCII character
    followed (little-endian) or preceded (big-endian) by a zero byte; else UTF-8."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    if len(raw) >= 2 and raw[0] != 0 and raw[1] == 0:
        return "utf-16-le"
    if len(raw) >= 2 and raw[0] == 0 and raw[1] != 0:
        return "utf-16-be"
    return "utf-8-sig"


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def _ga4_period(comments: Iterable[str]) -> Period | None:
    found: dict[str, date] = {}
    for comment in comments:
        match = _GA4_PERIOD.match(comment.strip())
        if match:
            digits = match.group(2)
            try:
                found[match.group(1).lower()] = date(
                    int(digits[:4]), int(digits[4:6]), int(digits[6:])
                )
            except ValueError:
                raise ResultsFileError(f"{comment.strip()!r} is not a date.") from None
    if "start" in found and "end" in found:
        return Period(found["start"], found["end"])
    return None


def _recognise(header: list[str], line: int) -> tuple[str, dict[str, str | None]]:
    """The file's kind and which column gives each field; ``line`` is the header's line."""
    if not header or not any(header):
        raise ResultsFileError("The header row is empty.", line)
    if len(set(header)) != len(header):
        raise ResultsFileError("A column name appears twice in the header.")
    for kind, fields in _KINDS.items():
        columns = {
            field: next((name for name in names if name in header), None)
            for field, names in fields.items()
        }
        has_source = columns.get("source_medium") or columns.get("source")
        if has_source and columns["visits"]:
            if kind == "simple" and not all(columns[f] for f in ("leads", "customers", "revenue")):
                continue
            return kind, columns
    raise ResultsFileError(
        "Unknown columns: expected a GA4 export (Session source / medium, Sessions…), "
        "a Plausible export (utm_source, visits…) or date, utm_source, utm_medium, "
        "utm_campaign, utm_content, visits, leads, customers, revenue."
    )


def _is_total(cells: dict[str, str]) -> bool:
    """GA4 and spreadsheets end with a totals row; it repeats the rows above."""
    first = next(iter(cells.values()), "").strip().lower()
    return first in ("total", "totals", "grand total")


def _row(
    cells: dict[str, str],
    columns: dict[str, str | None],
    period: Period | None,
    line: int,
    delimiter: str,
) -> ResultRow:
    def cell(field: str) -> str:
        name = columns.get(field)
        return cells[name].strip() if name else ""

    day_column = columns.get("date")
    if day_column and cell("date"):
        day = _day(cell("date"), line, day_column)
        row_period = Period(day, day)
    elif period is not None:
        row_period = period
    else:
        raise ResultsFileError(
            "No date: add a date column, or give the period the report covers.", line
        )
    if columns.get("source_medium"):
        source, _, medium = cell("source_medium").partition("/")
    else:
        source, medium = cell("source"), cell("medium")
    return ResultRow(
        period=row_period,
        source=_tracking(source),
        medium=_tracking(medium),
        campaign=_tracking(cell("campaign")),
        content=_tracking(cell("content")),
        visits=_count(cell("visits"), line, columns.get("visits")),
        leads=_count(cell("leads"), line, columns.get("leads")),
        customers=_count(cell("customers"), line, columns.get("customers")),
        revenue=_amount(cell("revenue"), line, columns.get("revenue"), delimiter),
    )


def _tracking(value: str) -> str:
    """Tracking values written our way; GA4's placeholders become empty."""
    value = value.strip()
    if value.lower() in ("", "(not set)", "(none)", "(direct)", "(organic)", "(referral)"):
        return ""
    try:
        return normalise_utm(value)
    except ValueError:
        return ""


def _day(value: str, line: int, column: str) -> date:
    text = value.strip()
    try:
        if re.fullmatch(r"\d{8}", text):
            return date(int(text[:4]), int(text[4:6]), int(text[6:]))
        return date.fromisoformat(text)
    except ValueError:
        raise ResultsFileError(f"{value!r} is not a date like 2026-11-05.", line, column) from None


def _count(value: str, line: int, column: str | None) -> int:
    if not value:
        return 0
    text = re.sub(r"[\s\u00a0\u202f',.]", "", value)
    if not text.isascii() or not text.isdigit():
        raise ResultsFileError(f"{value!r} is not a whole number.", line, column)
    number = int(text)
    if number > MAX_COUNT:
        raise ResultsFileError(f"{value!r} is too large.", line, column)
    return number


def _amount(value: str, line: int, column: str | None, delimiter: str) -> Decimal:
    """An amount such as 1,234.50, 1.234,50, 1234,5 or €1 234."""
    if not value:
        return Decimal(0)
    text = re.sub(r"[\s\u00a0\u202f'€$£]", "", value)
    if "," in text and "." in text:
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
    elif text.count(",") == 1 and not re.search(r",\d{3}$", text):
        decimal_mark = ","
    elif text.count(".") == 1 and not re.search(r"\.\d{3}$", text):
        decimal_mark = "."
    else:
        decimal_mark = ""  # only thousands separators (1,234 / 1.234.567)
    thousands = {",", "."} - {decimal_mark}
    for mark in thousands:
        text = text.replace(mark, "")
    if decimal_mark:
        text = text.replace(decimal_mark, ".")
    try:
        if not re.fullmatch(r"\d+(\.\d+)?", text):
            raise InvalidOperation
        amount = Decimal(text).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise ResultsFileError(f"{value!r} is not an amount.", line, column) from None
    if amount > MAX_REVENUE:
        raise ResultsFileError(f"{value!r} is too large.", line, column)
    return amount


def _add(first: ResultRow, second: ResultRow) -> ResultRow:
    return ResultRow(
        period=first.period,
        source=first.source,
        medium=first.medium,
        campaign=first.campaign,
        content=first.content,
        visits=first.visits + second.visits,
        leads=first.leads + second.leads,
        customers=first.customers + second.customers,
        revenue=first.revenue + second.revenue,
    )
