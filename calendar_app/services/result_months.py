"""The monthly sums the Results page reads, kept in step with the imported results.

``result_month`` holds, per month, channel and campaign, the sums of ``result_record``.
The unit of work that writes results calls :func:`sum_months` for the months it touched
(a restore: for all); the sums are made in SQL from the stored rows, so they are always
exactly what the rows say, and the page reads a few hundred rows instead of summing a
year of them on every visit.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from sqlalchemy import ColumnElement, Date, cast, delete, func, insert, select

from calendar_app.extensions import db
from calendar_app.models import ResultMonth, ResultRecord


def month_start(column: ColumnElement[date]) -> ColumnElement[date]:
    """The first day of a date column's month, in SQL."""
    if db.session.get_bind().dialect.name == "postgresql":
        return cast(func.date_trunc("month", column), Date)
    return func.date(column, "start of month", type_=Date)


def first_days(days: Iterable[date]) -> set[date]:
    """The months of some days, by their first day."""
    return {day.replace(day=1) for day in days}


def sum_months(months: set[date] | None = None) -> None:
    """Make the sums of these months (by first day; None: all) again from the stored rows.

    Runs inside the caller's unit of work, which commits the rows and their sums together.
    """
    month = month_start(ResultRecord.starts_on)
    sums = select(
        month,
        ResultRecord.channel_id,
        ResultRecord.utm_campaign,
        func.sum(ResultRecord.visits),
        func.sum(ResultRecord.leads),
        func.sum(ResultRecord.customers),
        func.sum(ResultRecord.revenue),
    ).group_by(month, ResultRecord.channel_id, ResultRecord.utm_campaign)
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
