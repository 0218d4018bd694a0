"""A LinkedIn Page analytics export of content, one line per day, as numbers per month. Pure.

What the sources say, and what follows from it here:

* A Page admin exports each analytics page (Content, Followers, Visitors…) for a date
  range as an ``.xls`` workbook; saved as CSV, a sheet keeps a line of notes above its
  header. The content sheet has a line per day: ``Date`` (month/day/year, such as
  ``11/05/2026``), then ``Impressions``, ``Unique impressions``, ``Clicks``,
  ``Reactions``, ``Comments`` and ``Reposts`` (``Shares`` in older exports), each
  ``(organic)``, ``(sponsored)`` and ``(total)`` where paid posts count, and an
  ``Engagement rate``. LinkedIn's help names the figures, not the export's headers; the
  headers here are those of the exports themselves, as public readers of these files
  list them.
* LinkedIn's Marketing API documents the same daily figures for a Page's posts
  (Organization Share Statistics: impressions, unique impressions, clicks, likes,
  comments and shares, organic only), and an engagement *rate* that puts clicks,
  reactions, comments and reposts over impressions
  (learn.microsoft.com/linkedin/marketing/community-management/organizations/
  share-statistics; help.dashthis.com/linkedin-pages-metrics-and-dimensions).
  **Engagements** here are therefore reactions + comments + reposts + clicks: the
  count that rate divides. Follows from a post, which LinkedIn's rate also counts, are
  not in the daily sheet.
* A day's reactions or comments may be negative: LinkedIn counts one taken back on the
  day it is taken back (the same help page, citing the API). A day may be below 0; a
  month may not.
* **Reach** is the unique impressions (LinkedIn exports only organic ones), summed over
  the month's days: someone reached on two days counts twice, as the export has no
  unique count for a month. **Impressions** are the total (organic and sponsored),
  else what the file has.
* The Followers export's ``Total followers`` column is the followers *gained* that day
  (sponsored + organic + auto-invited), not the Page's total; LinkedIn's API likewise
  gives gains per day and the total only as a separate figure (Organization Follower
  Statistics). A total cannot be made from gains, so followers stay for the form: that
  export is refused with this reason, and the column is left out (with a note) where it
  comes with content columns.

Days are summed per month; a cell left empty is unknown for that day, and a month with no
known day of a figure leaves it unknown. A day given twice, a day after today and a month
whose engagements come to less than 0 are refused.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from .bounds import MAX_COUNT, check_day
from .errors import Problems
from .metric_values import MetricMonth, first_of_month, read_change, read_count
from .metrics_csv import MetricsFile, MetricsFileError, csv_lines, header_names

# Each figure's columns, in lower case, the first the file has wins: totals before
# organic, today's names before older ones.
COLUMNS: dict[str, tuple[str, ...]] = {
    "impressions": ("impressions (total)", "impressions", "impressions (organic)"),
    "reach": ("unique impressions (organic)", "unique impressions (total)", "unique impressions"),
    "reactions": ("reactions (total)", "reactions", "reactions (organic)"),
    "comments": ("comments (total)", "comments", "comments (organic)"),
    "reposts": (
        "reposts (total)",
        "reposts",
        "reposts (organic)",
        "shares (total)",
        "shares",
        "shares (organic)",
    ),
    "clicks": ("clicks (total)", "clicks", "clicks (organic)"),
}
INTERACTIONS = ("reactions", "comments", "reposts", "clicks")
# The Followers export: followers gained per day, which no column of ours holds.
FOLLOWER_GAINS = ("total followers", "organic followers", "sponsored followers")
FOLLOWERS_NOTE = (
    "LinkedIn's 'Total followers' counts the followers gained each day, not the Page's "
    "total, so it was left out: enter the month's followers in the form."
)


def is_linkedin(header: list[str]) -> bool:
    """Whether lower-case ``header`` is a LinkedIn Page export's: a date and a figure."""
    names = set(header)
    known = {name for names in COLUMNS.values() for name in names} | set(FOLLOWER_GAINS)
    return "date" in names and bool(names & known)


def read_linkedin(body: str, above: int, today: date, channel: str | None) -> MetricsFile:
    """The export that starts at ``body``'s header (``above`` lines come before it) as
    ``channel``'s numbers per month (None: not chosen, which is refused)."""
    written = header_names(body.split("\n", 1)[0])  # for messages, as the file has them
    header = [name.lower() for name in written]
    columns = {
        figure: next((header.index(name) for name in names if name in header), None)
        for figure, names in COLUMNS.items()
    }
    if all(index is None for index in columns.values()):
        raise MetricsFileError(
            "This is LinkedIn's Followers export: its 'Total followers' are the followers "
            "gained each day, not the Page's total, so there is nothing to store. Import the "
            "Content export, and enter each month's followers in the form.",
            above + 1,
        )
    if channel is None:
        raise MetricsFileError(
            "This is a LinkedIn export, which does not name its channel: choose the channel "
            "it is for."
        )
    if len(set(header)) != len(header):
        raise MetricsFileError("A column name appears twice in the header.", above + 1)
    days = _days(body, above, today, written, columns)
    notes = [FOLLOWERS_NOTE] if any(name in header for name in FOLLOWER_GAINS) else []
    missing = [figure for figure in INTERACTIONS if columns[figure] is None]
    if missing:
        notes.append(
            f"Engagements were left unknown: they add up {', '.join(INTERACTIONS)}, and the "
            f"file has no {' or '.join(missing)} column."
        )
    return MetricsFile("linkedin", _months(days, channel, not missing), tuple(notes))


Day = dict[str, int | None]


def _days(
    body: str, above: int, today: date, header: list[str], columns: dict[str, int | None]
) -> dict[date, Day]:
    """Each day's figures; every wrong cell is named (in the ``header``'s own words)."""
    problems = Problems(MetricsFileError)
    days: dict[date, Day] = {}
    lines: dict[date, int] = {}
    dated = [name.lower() for name in header].index("date")
    for line, values in csv_lines(body, above):
        with problems.check():
            if len(values) != len(header):
                raise MetricsFileError(
                    f"{len(values)} values where the header has {len(header)} columns.", line
                )
            day = _day(values[dated], today, line, header[dated])
            if day in lines:
                raise MetricsFileError(
                    f"{day.isoformat()} is on line {lines[day]} too: give each day once.", line
                )
            lines[day] = line
            days[day] = _figures(values, columns, header, line)
    problems.raise_if_any()
    return days


def _day(text: str, today: date, line: int, column: str) -> date:
    """A line's date: ``11/05/2026`` (month/day/year, as LinkedIn writes it) or
    ``2026-11-05``, not after ``today``."""
    text = text.strip()
    try:
        if "/" in text:
            month, day, year = (int(part) for part in text.split("/"))
            found = check_day(date(year, month, day))
        else:
            found = check_day(date.fromisoformat(text))
    except ValueError:
        raise MetricsFileError(
            f"{text!r} is not a date like 11/05/2026 (month/day/year) or 2026-11-05.",
            line,
            column,
        ) from None
    if found > today:
        raise MetricsFileError(
            f"{found.isoformat()} is in the future (today is {today.isoformat()}).", line, column
        )
    return found


def _figures(
    values: list[str], columns: dict[str, int | None], header: list[str], line: int
) -> Day:
    """A day's figures, None where the cell is empty or the file has no such column."""
    problems = Problems(MetricsFileError)
    figures: Day = {}
    for figure, index in columns.items():
        read = read_change if figure in INTERACTIONS else read_count
        with problems.check():
            try:
                figures[figure] = read(values[index]) if index is not None else None
            except ValueError as exc:
                raise MetricsFileError(str(exc), line, header[index]) from None
    problems.raise_if_any()
    return figures


def _months(days: dict[date, Day], channel: str, engagements: bool) -> list[MetricMonth]:
    """The days summed per month, oldest first."""
    by_month: dict[date, list[Day]] = defaultdict(list)
    for day, figures in days.items():
        by_month[first_of_month(day)].append(figures)
    months = []
    problems = Problems(MetricsFileError)
    for month in sorted(by_month):
        figures = by_month[month]
        with problems.check():
            months.append(
                MetricMonth(
                    channel,
                    month,
                    reach=_total(figures, ("reach",), month),
                    impressions=_total(figures, ("impressions",), month),
                    engagements=_total(figures, INTERACTIONS, month) if engagements else None,
                )
            )
    problems.raise_if_any()
    return months


def _total(days: list[Day], figures: tuple[str, ...], month: date) -> int | None:
    """The known cells of ``figures`` over ``days`` added up; None when none is known."""
    known = [day[figure] for day in days for figure in figures if day[figure] is not None]
    if not known:
        return None
    total = sum(known)
    name = "engagements" if len(figures) > 1 else figures[0]
    if total < 0:
        raise MetricsFileError(f"The {name} of {month:%Y-%m} add up to {total:,}, less than 0.")
    if total > MAX_COUNT:
        raise MetricsFileError(f"The {name} of {month:%Y-%m} add up to more than {MAX_COUNT:,}.")
    return total
