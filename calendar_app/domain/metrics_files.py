"""Files of awareness and community numbers per channel and month. Pure domain code.

Two kinds, recognised by their header row:

* **ours**: ``channel,month,followers,reach,impressions,engagements,mentions,
  positive_mentions,negative_mentions``: the channel's slug, the month as ``2026-11``,
  then the numbers (:mod:`.metric_values`); an empty cell is unknown. Only ``channel``
  and ``month`` are required; a column the file leaves out is unknown on every line,
  and a column it does not know is refused (a misspelt ``folowers`` is never dropped
  silently).
* a **LinkedIn Page analytics** export of content, one line per day, summed per month
  (:mod:`.linkedin_export`); the file does not name the channel, so the caller gives it.

Commas, semicolons or tabs, a byte-order mark, UTF-8 or UTF-16 (as :mod:`.export_values`
reads results files). A month after ``today``'s, a day after ``today``, a channel slug
that is not one of ours and a channel and month given twice are refused. Any problem
refuses the whole file; every wrong line and cell is named, up to twenty.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from .errors import Problems
from .export_values import export_text
from .linkedin_export import is_linkedin, read_linkedin
from .metric_values import (
    METRICS,
    MetricMonth,
    future_month_problem,
    mentions_problem,
    read_count,
    read_month,
)
from .metrics_csv import MetricsFile, MetricsFileError, csv_lines, header_names

OURS = ("channel", "month", *METRICS)
HEADER_SEARCH = 5  # a network's export may start with a note above its header


def read_metrics(
    raw: bytes | str, *, today: date, channels: Collection[str], channel: str | None = None
) -> MetricsFile:
    """Read a metrics file of either kind. ``channels`` are the slugs of our channels;
    ``channel`` is the one a network's export is for (the file does not say)."""
    try:
        text = export_text(raw)
    except ValueError as exc:
        raise MetricsFileError(str(exc)) from None
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        raise MetricsFileError("The file is empty.")
    first = next(number for number, line in enumerate(lines) if line.strip())
    for number in range(first, min(first + HEADER_SEARCH, len(lines))):
        header = [name.lower() for name in header_names(lines[number])]
        body = "\n".join(lines[number:])
        if "channel" in header and "month" in header:
            return _some(_read_ours(body, number, today, channels))
        if is_linkedin(header):
            return _some(read_linkedin(body, number, today, channel))
    raise MetricsFileError(
        "Unknown columns: expected our metrics file (channel, month, followers, reach, "
        "impressions, engagements, mentions, positive_mentions, negative_mentions) or a "
        "LinkedIn Page export of content (Date, Impressions, Unique impressions, Reactions, "
        "Comments, Reposts, Clicks).",
        first + 1,
    )


def _some(read: MetricsFile) -> MetricsFile:
    """``read``, unless it has no line under its header."""
    if not read.months:
        raise MetricsFileError("The file has a header but no lines under it: nothing to import.")
    return read


def _read_ours(body: str, above: int, today: date, channels: Collection[str]) -> MetricsFile:
    """Our format: a line per channel and month."""
    header = [name.lower() for name in header_names(body.split("\n", 1)[0])]
    problems = Problems(MetricsFileError)
    for name in header:
        with problems.check():
            if name not in OURS:
                raise MetricsFileError(
                    f"is not a column of the metrics file ({', '.join(OURS)}).", above + 1, name
                )
    if len(set(header)) != len(header):
        problems.note(MetricsFileError("A column name appears twice in the header.", above + 1))
    problems.raise_if_any()
    found: dict[tuple[str, date], tuple[int, MetricMonth]] = {}
    for line, values in csv_lines(body, above):
        with problems.check():
            if len(values) != len(header):
                raise MetricsFileError(
                    f"{len(values)} values where the header has {len(header)} columns.", line
                )
            month = _our_line(dict(zip(header, values, strict=True)), line, today, channels)
            key = (month.channel, month.month)
            if key in found:
                raise MetricsFileError(
                    f"{month.channel} {month.month:%Y-%m} is on line {found[key][0]} too: "
                    "give each channel and month once.",
                    line,
                )
            found[key] = (line, month)
    problems.raise_if_any()
    return MetricsFile("ours", sorted((m for _line, m in found.values()), key=_order))


def _our_line(
    cells: dict[str, str], line: int, today: date, channels: Collection[str]
) -> MetricMonth:
    """A line of our format; every wrong cell of it is named at once."""
    problems = Problems(MetricsFileError)
    slug = cells.get("channel", "").strip()
    with problems.check():
        if not slug:
            raise MetricsFileError("No channel: give the channel's slug.", line, "channel")
        if slug not in channels:
            raise MetricsFileError(
                f"{slug!r} is not the slug of one of our channels.", line, "channel"
            )
    month = date.min  # until read
    with problems.check():
        try:
            month = read_month(cells.get("month", ""))
        except ValueError as exc:
            raise MetricsFileError(str(exc), line, "month") from None
        if problem := future_month_problem(month, today):
            raise MetricsFileError(problem, line, "month")
    numbers: dict[str, int | None] = {}
    for name in METRICS:
        with problems.check():
            try:
                numbers[name] = read_count(cells.get(name, ""))
            except ValueError as exc:
                raise MetricsFileError(str(exc), line, name) from None
    with problems.check():
        if len(numbers) == len(METRICS) and (problem := mentions_problem(numbers)):
            raise MetricsFileError(problem, line, "positive_mentions")
    problems.raise_if_any()
    return MetricMonth(slug, month, **numbers)


def _order(month: MetricMonth) -> tuple[str, date]:
    return (month.channel, month.month)
