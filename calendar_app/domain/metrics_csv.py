"""What both kinds of metrics file share: the error naming a line and column, the file as
read, and its header and lines as CSV. Pure domain code."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

from .errors import LocatedFileError
from .export_values import export_delimiter
from .metric_values import MetricMonth

MAX_LINES = 20_000  # ten years of daily lines, or of 150 channels' months: a metrics file is small


class MetricsFileError(LocatedFileError):
    """A metrics file that cannot be imported; nothing was stored. ``problems`` lists every
    problem, each naming its line and column."""


@dataclass(frozen=True)
class MetricsFile:
    """A read file: its kind (``ours`` or ``linkedin``), its months sorted by channel and
    month, and notes on what it left out."""

    kind: str
    months: list[MetricMonth]
    notes: tuple[str, ...] = ()


def header_names(line: str) -> list[str]:
    """A header line's names as written, stripped (read as CSV, so quoted names work); none
    for a line that is not CSV."""
    try:
        names = next(csv.reader([line], delimiter=export_delimiter(line)), [])
    except csv.Error:
        return []
    return [name.strip() for name in names]


def csv_lines(body: str, above: int) -> Iterator[tuple[int, list[str]]]:
    """Each non-empty record after the header that starts ``body``, with its line in the file
    (``above`` lines come before the header); MetricsFileError for unreadable CSV or more
    than :data:`MAX_LINES` lines."""
    reader = csv.reader(
        io.StringIO(body), delimiter=export_delimiter(body.split("\n", 1)[0]), strict=True
    )
    try:
        next(reader)
        for values in reader:
            line = above + reader.line_num
            if reader.line_num > MAX_LINES + 1:
                raise MetricsFileError(f"More than {MAX_LINES:,} lines.", line)
            if any(value.strip() for value in values):
                yield line, values
    except csv.Error as exc:
        raise MetricsFileError(
            f"This is not readable CSV ({exc}).", above + reader.line_num
        ) from None
