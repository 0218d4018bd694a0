"""Rows a new export replaces: the same source's rows over a period the export reports
again in other periods (October so far, then all of October; one row for the month, then
a row per day). Kept apart, each row of the same source would count its visits again.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from calendar_app.domain.result_days import Period, covered, overlaps
from calendar_app.domain.results_files import ResultsFile, ResultsFileError
from calendar_app.extensions import db
from calendar_app.models import ResultRecord

from .result_months import overlapping_months, sum_months


def superseded(read: ResultsFile) -> list[ResultRecord]:
    """Stored rows of the file's source whose period the file reports again in other
    periods (October so far, then all of October): the file's rows replace them. A stored
    period the file covers only in part cannot be replaced: ResultsFileError."""
    periods: dict[tuple[str, ...], list[Period]] = defaultdict(list)
    for row in read.rows:
        periods[_tracking(row.source, row.medium, row.campaign, row.content)].append(row.period)
    first = min(row.period.start for row in read.rows)
    last = max(row.period.end for row in read.rows)
    keys = {
        (row.period.start, row.period.end, *_tracking(*row.key[2:]), read.kind) for row in read.rows
    }
    stored = db.session.scalars(
        select(ResultRecord).where(
            ResultRecord.source == read.kind,
            ResultRecord.starts_on <= last,
            ResultRecord.ends_on >= first,
        )
    )
    replaced = []
    for record in stored:
        own = periods.get(_tracking_of(record), [])
        if (record.starts_on, record.ends_on, *_tracking_of(record), record.source) in keys:
            continue  # the same period again: updated in place
        if not overlaps(own, record.starts_on, record.ends_on):
            continue
        if not covered(own, record.starts_on, record.ends_on):
            raise ResultsFileError(_part_of(record))
        replaced.append(record)
    return replaced


def _tracking(*values: str) -> tuple[str, ...]:
    """Tracking values as they are stored (100 characters at most)."""
    return tuple(value[:100] for value in values)


def _tracking_of(record: ResultRecord) -> tuple[str, ...]:
    return (record.utm_source, record.utm_medium, record.utm_campaign, record.utm_content)


def _part_of(record: ResultRecord) -> str:
    tracking = " / ".join(
        value or "(none)"
        for value in (record.utm_source, record.utm_medium, record.utm_campaign, record.utm_content)
    )
    return (
        f"The file reports part of {record.starts_on.isoformat()} to "
        f"{record.ends_on.isoformat()} for {tracking}, a period already imported as a whole "
        "from the same source: import a file that covers that whole period."
    )


def delete_rows(records: list[ResultRecord]) -> None:
    """Delete replaced rows and make their months' sums again."""
    if not records:
        return
    for record in records:
        db.session.delete(record)
    db.session.flush()
    months = set()
    for record in records:
        months |= overlapping_months(record.starts_on, record.ends_on)
    sum_months(months)
