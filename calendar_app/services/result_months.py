"""The monthly sums the Results page reads, kept in step with the imported results.

``result_month`` holds, per month, channel and campaign, the sums of the rows of
``result_record`` that count. The unit of work that writes results calls
:func:`sum_months` for the months it touched (a restore, or a new source of truth: for
all); the sums are made in SQL from the stored rows, so they are always exactly what the
rows say, and the page reads a few hundred rows instead of summing a year of them on
every visit.

Which rows count: a GA4 export and a Plausible export of the same traffic would count it
twice. The sources are ranked, the workspace's source of truth first, then GA4,
Plausible, our own files and imports of unknown source; a row is left out when a row of
a source ranked higher has the same tracking values over its whole period. A row only
partly covered still counts (the figures of part of a period cannot be told apart), and
the Results page says how many such rows there are.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    case,
    cast,
    delete,
    exists,
    func,
    insert,
    select,
    true,
)
from sqlalchemy.orm import aliased

from calendar_app.domain.goals import SOURCE_ORDER
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


def _rank(source: Any, chosen: str) -> ColumnElement[int]:
    """A source's rank, in SQL: the source of truth first, then the others in a fixed order."""
    order = [chosen, *(name for name in SOURCE_ORDER if name != chosen)]
    return case({name: number for number, name in enumerate(order)}, value=source, else_=99)


def hidden(chosen: str, *, whole: bool = True) -> ColumnElement[bool]:
    """Rows that a source ranked higher reports too: a row of it with the same tracking
    values over the row's whole period (``whole=False``: over any part of it)."""
    better = aliased(ResultRecord)
    if whole:
        span = (better.starts_on <= ResultRecord.starts_on, better.ends_on >= ResultRecord.ends_on)
    else:
        span = (better.starts_on <= ResultRecord.ends_on, better.ends_on >= ResultRecord.starts_on)
    return exists().where(
        better.utm_content == ResultRecord.utm_content,
        better.utm_source == ResultRecord.utm_source,
        better.utm_medium == ResultRecord.utm_medium,
        better.utm_campaign == ResultRecord.utm_campaign,
        _rank(better.source, chosen) < _rank(ResultRecord.source, chosen),
        *span,
    )


def _sources_overlap() -> bool:
    """Whether rows of two sources are stored at all (else every row counts, and no row
    needs to be compared)."""
    return len(set(db.session.scalars(select(ResultRecord.source).distinct()))) > 1


def counted(chosen: str | None = None) -> ColumnElement[bool]:
    """The rows that count (see the module's description)."""
    return counted_by(counting_rule(chosen))


def counting_rule(chosen: str | None = None) -> str | None:
    """Which rows count, as a value a built query can be kept by: None when rows of one
    source only are stored (all count), else the source of truth."""
    if not _sources_overlap():
        return None
    return chosen or source_of_truth()


def counted_by(rule: str | None) -> ColumnElement[bool]:
    """The rows that count under :func:`counting_rule`'s answer."""
    return true() if rule is None else ~hidden(rule)


def not_counted() -> tuple[dict[str, int], dict[str, int]]:
    """Per source, how many rows are left out (a source ranked higher covers them), and how
    many are counted although a higher one covers part of their period (counted twice
    there: the figures of a part of a period cannot be told)."""
    if not _sources_overlap():
        return {}, {}
    chosen = source_of_truth()
    left_out = db.session.execute(
        select(ResultRecord.source, func.count())
        .where(hidden(chosen))
        .group_by(ResultRecord.source)
    )
    partly = db.session.execute(
        select(ResultRecord.source, func.count())
        .where(hidden(chosen, whole=False), ~hidden(chosen))
        .group_by(ResultRecord.source)
    )
    return dict(left_out.all()), dict(partly.all())


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
