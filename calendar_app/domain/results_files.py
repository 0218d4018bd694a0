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
lines, or one given with the file), which may run past today (this month so far)
but not start after it; a row's own date lies within it and not after today
(:mod:`.result_days`). Byte-order marks, semicolon or tab delimiters, decimal
commas and thousands separators are accepted. Any problem rejects the whole
file; every wrong line and cell is named (line and column), up to twenty, so the
file is fixed in one go.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from .bounds import MAX_AMOUNT, MAX_COUNT, check_day
from .errors import LocatedFileError, Problems
from .export_columns import is_total, recognise
from .export_values import (
    export_amount,
    export_count,
    export_day,
    export_delimiter,
    export_text,
    tracking_value,
)
from .result_days import Period, row_day

MAX_ROWS = 200_000
T = TypeVar("T")


class ResultsFileError(LocatedFileError):
    """A results file that cannot be imported; nothing was stored. ``line`` and ``column``
    locate the first problem; ``problems`` lists them all."""


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


_GA4_PERIOD = re.compile(r"^#\s*(start|end) date:\s*(\d{8})\s*$", re.IGNORECASE)


def read_results(raw: bytes | str, period: Period | None = None, *, today: date) -> ResultsFile:
    """Read a results file; ``period`` is used for rows that carry no date of their own
    (a GA4 export's own period comes first). ``today`` is the latest day a row may have."""
    try:
        text = export_text(raw)
    except ValueError as exc:
        raise ResultsFileError(str(exc)) from None
    lines = text.splitlines()
    comments: list[str] = []
    first = 0
    while first < len(lines) and (lines[first].startswith("#") or not lines[first].strip()):
        comments.append(lines[first])
        first += 1
    if first == len(lines):
        raise ResultsFileError("The file has no header row.")
    report_period = _ga4_period(comments, today) or _begun(period, today)
    body = "\n".join(lines[first:])
    delimiter = export_delimiter(lines[first])
    reader = csv.reader(io.StringIO(body), delimiter=delimiter, strict=True)
    problems = Problems(ResultsFileError)
    try:
        header = [name.strip().lower() for name in next(reader)]
        kind, columns = _recognise(header, first + 1)
        layout = _Layout(header, columns)
        merged: dict[tuple, ResultRow] = {}
        for values in reader:
            line = first + reader.line_num  # the record's last line, counted in the file
            if not any(value.strip() for value in values):
                continue
            if len(merged) >= MAX_ROWS:
                raise ResultsFileError(f"More than {MAX_ROWS:,} rows.", line)
            row = _row(values, layout, report_period, today, line, problems)
            if row is not None:
                earlier = merged.get(row.key)
                with problems.check():
                    merged[row.key] = row if earlier is None else _add(earlier, row, line)
    except csv.Error as exc:
        problems.errors.append(
            ResultsFileError(f"This is not readable CSV ({exc}).", first + reader.line_num)
        )
    problems.raise_if_any()
    return ResultsFile(kind, list(merged.values()))


class _Layout:
    """Where each field is in a line of the file, and its column's name for messages."""

    def __init__(self, header: list[str], columns: dict[str, str | None]) -> None:
        self.width = len(header)
        self.names = columns
        self.index = {f: header.index(name) if name else None for f, name in columns.items()}

    def cell(self, values: list[str], field: str) -> str:
        """The field's text on this line ("" when the file has no such column)."""
        index = self.index.get(field)
        return values[index].strip() if index is not None else ""


def _ga4_period(comments: Iterable[str], today: date) -> Period | None:
    """The period of a GA4 export's ``# Start date:`` and ``# End date:`` lines, checked
    (and begun by ``today``)."""
    found: dict[str, tuple[date, int]] = {}  # the day and its line
    for number, comment in enumerate(comments, start=1):
        match = _GA4_PERIOD.match(comment.strip())
        if match:
            try:
                found[match.group(1).lower()] = (export_day(match.group(2)), number)
            except ValueError as exc:
                raise ResultsFileError(str(exc), number) from None
    if "start" in found and "end" in found:
        (start, line), (end, _) = found["start"], found["end"]
        return _begun(checked_period(start, end), today, line)
    return None


def _begun(period: Period | None, today: date, line: int | None = None) -> Period | None:
    """``period``, unless it starts after ``today``: a report of days still to come. It may
    end after today, a month so far (importing the whole month later replaces its rows)."""
    if period is not None and period.start > today:
        raise ResultsFileError(
            f"The report's period starts on {period.start.isoformat()}, "
            f"after today ({today.isoformat()}).",
            line,
        )
    return period


def checked_period(start: date, end: date) -> Period:
    """The days from ``start`` to ``end``; ResultsFileError unless both lie within the
    years results can have and the end is not before the start."""
    try:
        check_day(start)
        check_day(end)
    except ValueError as exc:
        raise ResultsFileError(f"The period: {exc}") from None
    if end < start:
        raise ResultsFileError(
            f"The period ends ({end.isoformat()}) before it starts ({start.isoformat()})."
        )
    return Period(start, end)


def given_period(start: date | None, end: date | None) -> Period | None:
    """The period a file is said to cover when both days are given (checked as by
    :func:`checked_period`); None otherwise: the rows' own dates, or the file's, count."""
    return checked_period(start, end) if start and end else None


def _recognise(header: list[str], line: int) -> tuple[str, dict[str, str | None]]:
    """The file's kind and which column gives each field; ``line`` is the header's line."""
    if not header or not any(header):
        raise ResultsFileError("The header row is empty.", line)
    try:
        return recognise(header)
    except ValueError as exc:
        raise ResultsFileError(str(exc)) from None


def _row(
    values: list[str],
    layout: _Layout,
    period: Period | None,
    today: date,
    line: int,
    problems: Problems[ResultsFileError],
) -> ResultRow | None:
    """A data line's figures: None for a totals line, or for one with wrong cells (each
    wrong cell is noted; a date outside ``period`` or after ``today`` is wrong). Called
    for every line of files of 100,000 lines and more."""
    if len(values) != layout.width:
        problems.note(
            ResultsFileError(
                f"{len(values)} values where the header has {layout.width} columns.", line
            )
        )
        return None
    if is_total(values):
        return None
    wrong = len(problems.errors)
    row_period = period
    if day_text := layout.cell(values, "date"):
        try:
            day = row_day(day_text, period, today)
            row_period = Period(day, day)
        except ValueError as exc:
            problems.note(ResultsFileError(str(exc), line, layout.names["date"]))
    elif period is None:
        problems.note(
            ResultsFileError(
                "No date: add a date column, or give the period the report covers.", line
            )
        )
    figures: dict[str, Any] = {}
    for field, read in _FIGURES:
        try:
            figures[field] = read(layout.cell(values, field))
        except ValueError as exc:
            problems.note(ResultsFileError(str(exc), line, layout.names[field]))
    if len(problems.errors) > wrong or row_period is None:
        return None
    if layout.index.get("source_medium") is not None:
        source, _, medium = layout.cell(values, "source_medium").partition("/")
    else:
        source, medium = layout.cell(values, "source"), layout.cell(values, "medium")
    return ResultRow(
        period=row_period,
        source=tracking_value(source),
        medium=tracking_value(medium),
        campaign=tracking_value(layout.cell(values, "campaign")),
        content=tracking_value(layout.cell(values, "content")),
        **figures,
    )


_FIGURES: tuple[tuple[str, Callable[[str], Any]], ...] = (
    ("visits", export_count),
    ("leads", export_count),
    ("customers", export_count),
    ("revenue", export_amount),
)


def _add(first: ResultRow, second: ResultRow, line: int) -> ResultRow:
    """Two rows for the same day and tracking values, added up (within the same limits)."""
    added = ResultRow(
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
    for name, limit in (("visits", MAX_COUNT), ("leads", MAX_COUNT), ("customers", MAX_COUNT)):
        if getattr(added, name) > limit:
            raise ResultsFileError(
                f"{name} of the rows for the same day and tracking values add up to more "
                f"than {limit:,}.",
                line,
            )
    if added.revenue > MAX_AMOUNT:
        raise ResultsFileError(
            "revenue of the rows for the same day and tracking values adds up to more than "
            f"{MAX_AMOUNT:,}.",
            line,
        )
    return added
