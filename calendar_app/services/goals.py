"""Goals and what was spent: each goal's progress in its current period, and the spend and
past hours recorded per channel."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from calendar_app.domain.roi import GOAL_KINDS, goal_period
from calendar_app.extensions import db
from calendar_app.models import ChannelSpend, Goal, ResultRecord

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
        column = {
            "visits": ResultRecord.visits,
            "leads": ResultRecord.leads,
            "customers": ResultRecord.customers,
            "revenue": ResultRecord.revenue,
        }[goal.metric]
        actual = Decimal(
            db.session.scalar(
                select(func.coalesce(func.sum(column), 0)).where(
                    ResultRecord.starts_on >= first, ResultRecord.starts_on <= last, truth
                )
            )
        )
        percent = int(actual / goal.target * 100) if goal.target > 0 else 0
        name = f"{GOAL_KINDS.get(goal.kind, goal.kind)}: {goal.target:,.0f} {goal.metric}"
        progress.append(GoalProgress(goal, name, label, actual, percent))
    return progress


def spend_by_channel() -> dict[int, list[ChannelSpend]]:
    """Recorded spend, newest month first, per channel."""
    found: dict[int, list[ChannelSpend]] = defaultdict(list)
    for spend in db.session.scalars(select(ChannelSpend).order_by(ChannelSpend.month.desc())):
        found[spend.channel_id].append(spend)
    return found
