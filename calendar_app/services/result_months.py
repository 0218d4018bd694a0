"""The monthly sums the Results page reads, kept in step with the imported results.

``result_month`` holds, per month, channel and campaign, the sums of the rows of
``result_record`` that count. The unit of work that writes results calls
:func:`sum_months` for the months it touched (a restore, or a new source of truth: for
all); the sums are made in SQL from the stored rows, so they are always exactly what the
rows say, and the page reads a few hundred rows instead of summing a year of them on
every visit.

Which rows count: a GA4 export and a Plausible export of the same traffic would count it
twice. A row counts unless it comes from another source than the workspace's source of
truth and a row of that source has the same tracking values over an overlapping period.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from sqlalchemy import (
    ColumnElement,
    Date,
    and_,
    cast,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    true,
)
from sqlalchemy.orm import aliased

from calendar_app.extensions import db
from calendar_app.models import ResultMonth, ResultRecord, Workspace


def month_start(column: ColumnElement[date]) -> ColumnElement[date]:
    """The first day of a date column's month, in SQL."""
    if db.session.get_bind().dialect.name == "postgresql":
        return cast(func.date_trunc("month", column), Date)
    return func.date(column, "start of month", type_=Date)


def first_days(days: Iterable[date]) -> set[date]:
    """The months of some days, by their first day."""
    return {day.replace(day=1) for day in days}


def source_of_truth() -> str:
    """The workspace's analytics source of truth (GA4 without a workspace)."""
    chosen = db.session.scalar(select(Workspace.analytics_source).order_by(Workspace.id))
    return chosen or "ga4"


def overlapped(chosen: str) -> ColumnElement[bool]:
    """Rows of another source that the source of truth also reports: the same tracking
    values over an overlapping period."""
    truth = aliased(ResultRecord)
    return and_(
        ResultRecord.source != chosen,
        exists().where(
            truth.source == chosen,
            truth.utm_content == ResultRecord.utm_content,
            truth.utm_source == ResultRecord.utm_source,
            truth.utm_medium == ResultRecord.utm_medium,
            truth.utm_campaign == ResultRecord.utm_campaign,
            truth.starts_on <= ResultRecord.ends_on,
            truth.ends_on >= ResultRecord.starts_on,
        ),
    )


def _sources_overlap(chosen: str) -> bool:
    """Whether rows of the source of truth and of another source are stored at all (else
    every row counts, and no row needs to be compared)."""
    sources = set(db.session.scalars(select(ResultRecord.source).distinct()))
    return chosen in sources and len(sources) > 1


def counted(chosen: str | None = None) -> ColumnElement[bool]:
    """The rows that count (see the module's description)."""
    chosen = chosen or source_of_truth()
    if not _sources_overlap(chosen):
        return true()  # one source, or none of the truth's rows: every row counts
    return or_(ResultRecord.source == chosen, ~overlapped(chosen))


def not_counted() -> dict[str, int]:
    """How many rows of each other source overlap the source of truth's (not counted)."""
    chosen = source_of_truth()
    if not _sources_overlap(chosen):
        return {}
    found = db.session.execute(
        select(ResultRecord.source, func.count())
        .where(overlapped(chosen))
        .group_by(ResultRecord.source)
    )
    return {source: count for source, count in found}


def sum_months(months: set[date] | None = None) -> None:
    """Make the sums of these months (by first day; None: all) again from the rows that
    count.

    Runs inside the caller's unit of work, which commits the rows and their sums together.
    """
    month = month_start(ResultRecord.starts_on)
    sums = (
        select(
            month,
            ResultRecord.channel_id,
            ResultRecord.utm_campaign,
            func.sum(ResultRecord.visits),
            func.sum(ResultRecord.leads),
            func.sum(ResultRecord.customers),
            func.sum(ResultRecord.revenue),
        )
        .where(counted())
        .group_by(month, ResultRecord.channel_id, ResultRecord.utm_campaign)
    )
    stale = delete(ResultMonth)
    if months is not None:
        if not months:
            return
        after = (max(months) + timedelta(days=31)).replace(day=1)
        span = ResultRecord.starts_on >= min(months), ResultRecord.starts_on < after
        sums = sums.where(*span).having(month.in_(months))
        stale = stale.where(ResultMonth.month.in_(months))
    db.session.execute(stale)
    columns = ("month", "channel_id", "utm_campaign", "visits", "leads", "customers", "revenue")
    db.session.execute(insert(ResultMonth).from_select(columns, sums))


def overlapping_months(first: date, last: date) -> set[date]:
    """The months of the stored rows whose period overlaps ``first`` to ``last``: a new row
    of the source of truth can change whether they count."""
    month = month_start(ResultRecord.starts_on)
    query = select(month).where(ResultRecord.starts_on <= last, ResultRecord.ends_on >= first)
    return set(db.session.scalars(query.distinct()))
