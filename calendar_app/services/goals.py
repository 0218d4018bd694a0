"""Goals and what was spent: each goal's progress in its current period (on results, or on
the channels' awareness and community numbers), and the spend and past hours recorded per
channel."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import ColumnElement, func, select

from calendar_app.domain.goals import GOAL_KINDS, RESULT_METRICS, goal_period
from calendar_app.domain.metric_values import LEVELS
from calendar_app.extensions import db
from calendar_app.models import ChannelMetric, ChannelSpend, Goal, ResultRecord

from .result_months import counted


@dataclass(frozen=True)
class GoalProgress:
    """How far a goal is in its current period."""

    goal: Goal
    label: str
    period_label: str
    actual: Decimal
    percent: int


def goal_progress(goals: list[Goal], today: date) -> list[GoalProgress]:
    """Each goal's total of its metric in the period that contains ``today``."""
    progress = []
    truth = counted()  # a row of another source that the source of truth reports too: once
    for goal in goals:
        first, last, label = goal_period(goal.period, today)
        if goal.metric in RESULT_METRICS:
            actual = _results(goal.metric, first, last, truth)
        elif goal.metric in LEVELS:
            actual = Decimal(_level(goal.metric, first, last))
        else:
            actual = Decimal(_summed(goal.metric, first, last))
        percent = int(actual / goal.target * 100) if goal.target > 0 else 0
        name = f"{GOAL_KINDS.get(goal.kind, goal.kind)}: {goal.target:,.0f} {goal.metric}"
        progress.append(GoalProgress(goal, name, label, actual, percent))
    return progress


def _results(metric: str, first: date, last: date, truth: ColumnElement[bool]) -> Decimal:
    """Visits, leads, customers or revenue of the results from ``first`` to ``last`` that
    count (``truth``)."""
    column = {
        "visits": ResultRecord.visits,
        "leads": ResultRecord.leads,
        "customers": ResultRecord.customers,
        "revenue": ResultRecord.revenue,
    }[metric]
    return Decimal(
        db.session.scalar(
            select(func.coalesce(func.sum(column), 0)).where(
                ResultRecord.starts_on >= first, ResultRecord.starts_on <= last, truth
            )
        )
    )


def _summed(metric: str, first: date, last: date) -> int:
    """A channel number that adds up (reach, impressions, engagements, mentions): its sum
    over every channel and every month from ``first`` to ``last``; unknown months add
    nothing."""
    column = getattr(ChannelMetric, metric)
    return int(
        db.session.scalar(
            select(func.coalesce(func.sum(column), 0)).where(
                ChannelMetric.month >= first, ChannelMetric.month <= last
            )
        )
    )


def _level(metric: str, first: date, last: date) -> int:
    """A level (followers): each channel's latest known month from ``first`` to ``last``,
    added up over the channels."""
    column = getattr(ChannelMetric, metric)
    latest: dict[int, int] = {}
    for channel_id, level in db.session.execute(
        select(ChannelMetric.channel_id, column)
        .where(ChannelMetric.month >= first, ChannelMetric.month <= last, column.is_not(None))
        .order_by(ChannelMetric.month)
    ):
        latest[channel_id] = level
    return sum(latest.values())


def spend_by_channel() -> dict[int, list[ChannelSpend]]:
    """Recorded spend, newest month first, per channel."""
    found: dict[int, list[ChannelSpend]] = defaultdict(list)
    for spend in db.session.scalars(select(ChannelSpend).order_by(ChannelSpend.month.desc())):
        found[spend.channel_id].append(spend)
    return found
