"""The board page's content: posts and videos of a date range, one column per status.

Reads only, in one query whatever the number of items.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from calendar_app.domain.activities import HEADLINE_ACTIVITIES
from calendar_app.domain.board import Column, board_columns
from calendar_app.domain.cadence import local_to_utc, resolve_timezone
from calendar_app.extensions import db
from calendar_app.models import Campaign, Channel, ScheduleItem, Workspace

from .agenda import filtered, items_between


@dataclass
class Board:
    """The days shown (both ends included) and their posts and videos by status."""

    first: date
    last: date
    columns: list[Column[ScheduleItem]]

    @property
    def total(self) -> int:
        """How many cards the board shows."""
        return sum(len(column.cards) for column in self.columns)


def load_board(
    workspace: Workspace,
    first: date,
    last: date,
    channel: Channel | None = None,
    campaign: Campaign | None = None,
) -> Board:
    """Posts and videos from ``first`` to ``last`` (workspace days), of one channel and one
    campaign if given, in time order within each status's column."""
    zone = resolve_timezone(workspace.timezone)
    start = local_to_utc(datetime.combine(first, time()), zone)
    end = local_to_utc(datetime.combine(last + timedelta(days=1), time()), zone)
    query = filtered(items_between(start, end), channel, campaign).where(
        ScheduleItem.activity.in_(HEADLINE_ACTIVITIES)
    )
    items = db.session.scalars(query).unique().all()
    return Board(first, last, board_columns(items))
