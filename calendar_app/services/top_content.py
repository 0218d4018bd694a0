"""What worked: each post's results, the best posts of a period, and results by topic.

A post's results are the rows that matched it by ``utm_content`` (and that count: see
:mod:`.result_months`). Each table is one aggregate query over the period's rows, so it
costs the same for a hundred posts or ten thousand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, func, select

from calendar_app.domain.roi import Figures
from calendar_app.domain.topics import TopicLine, best_templates
from calendar_app.extensions import db
from calendar_app.models import Channel, Idea, ResultRecord, ScheduleItem

from .result_months import counted

SORTS = ("visits", "leads", "customers", "revenue", "conversion", "date")
TOP_POSTS = 50


@dataclass(frozen=True)
class PostLine:
    """One post (or video) and what came back from its tracked link."""

    item_id: int
    starts_at: datetime
    channel: str
    activity: str
    headline: str | None
    figures: Figures


def result_sums() -> tuple[Any, ...]:
    """Visits, leads, customers and revenue summed, labelled by their names."""
    return (
        func.sum(ResultRecord.visits).label("visits"),
        func.sum(ResultRecord.leads).label("leads"),
        func.sum(ResultRecord.customers).label("customers"),
        func.sum(ResultRecord.revenue).label("revenue"),
    )


def figures_of(visits: Any, leads: Any, customers: Any, revenue: Any) -> Figures:
    """Summed figures as read back (None where no row was summed)."""
    return Figures(int(visits or 0), int(leads or 0), int(customers or 0), Decimal(revenue or 0))


def post_results(item_id: int) -> Figures | None:
    """What came back from one post's tracked link, over all time (None: nothing yet)."""
    row = db.session.execute(
        select(func.count(), *result_sums()).where(ResultRecord.item_id == item_id, counted())
    ).one()
    return figures_of(*row[1:]) if row[0] else None


def _in_period(query: Select[Any], first: date, last: date) -> Select[Any]:
    return query.where(ResultRecord.starts_on >= first, ResultRecord.starts_on <= last, counted())


def period_totals(first: date, last: date) -> Figures:
    """Every counted result dated ``first`` to ``last`` (both included), summed."""
    return figures_of(*db.session.execute(_in_period(select(*result_sums()), first, last)).one())


def top_posts(
    first: date, last: date, channel_id: int | None = None, sort: str = "visits"
) -> list[PostLine]:
    """The posts with the most of ``sort`` over results dated ``first`` to ``last`` (both
    included), best first; ``channel_id`` keeps one channel's."""
    sums = result_sums()
    by_post = _in_period(
        select(ResultRecord.item_id, *sums).where(ResultRecord.item_id.is_not(None)), first, last
    ).group_by(ResultRecord.item_id)
    if channel_id is not None:
        by_post = by_post.join(ScheduleItem, ScheduleItem.id == ResultRecord.item_id).where(
            ScheduleItem.channel_id == channel_id
        )
    totals = by_post.subquery()
    if sort == "date":
        order = ScheduleItem.starts_at.desc()
    elif sort == "conversion":
        order = (totals.c.leads * 1.0 / func.nullif(totals.c.visits, 0)).desc()
    else:
        order = totals.c[sort if sort in SORTS else "visits"].desc()
    query = (
        select(
            ScheduleItem.id,
            ScheduleItem.starts_at,
            Channel.name,
            ScheduleItem.activity,
            Idea.headline,
            totals.c.visits,
            totals.c.leads,
            totals.c.customers,
            totals.c.revenue,
        )
        .join(ScheduleItem, ScheduleItem.id == totals.c.item_id)
        .join(Channel, Channel.id == ScheduleItem.channel_id)
        .outerjoin(Idea, Idea.id == ScheduleItem.idea_id)
        .order_by(order.nulls_last(), ScheduleItem.starts_at.desc(), ScheduleItem.id)
        .limit(TOP_POSTS)
    )
    return [
        PostLine(item_id, starts_at, channel, activity, headline, figures_of(*sums_))
        for item_id, starts_at, channel, activity, headline, *sums_ in db.session.execute(query)
    ]


def topic_lines(first: date, last: date, channel_id: int | None = None) -> list[TopicLine]:
    """Results per topic template, purpose and activity of the posts they came from (one
    channel's, or all), with the number of posts: one query."""
    sums = result_sums()
    per_post = (
        _in_period(select(ResultRecord.item_id, *sums), first, last)
        .where(ResultRecord.item_id.is_not(None))
        .group_by(ResultRecord.item_id)
        .subquery()
    )
    query = (
        select(
            Idea.template_key,
            Idea.purpose,
            ScheduleItem.activity,
            func.count(),
            func.sum(per_post.c.visits),
            func.sum(per_post.c.leads),
            func.sum(per_post.c.customers),
            func.sum(per_post.c.revenue),
        )
        .join(ScheduleItem, ScheduleItem.id == per_post.c.item_id)
        .outerjoin(Idea, Idea.id == ScheduleItem.idea_id)
        .group_by(Idea.template_key, Idea.purpose, ScheduleItem.activity)
    )
    if channel_id is not None:
        query = query.where(ScheduleItem.channel_id == channel_id)
    return [
        TopicLine(template, purpose, activity, posts, figures_of(*sums_))
        for template, purpose, activity, posts, *sums_ in db.session.execute(query)
    ]


def best_template_keys(today: date, days: int = 365) -> list[str]:
    """The topic templates whose posts brought the most visits per post over the last
    ``days`` (the Ideas page marks their ideas and can list them first)."""
    return best_templates(topic_lines(today - timedelta(days=days - 1), today))
