"""The Results report: per channel and per campaign, month by month, what went in and came back.

Results come from imports (their monthly sums, ``result_month``, kept by each
import), time from the minutes logged on items, money from the hourly rate and
each channel's spend; the traffic's value is its visits at the channel's
paid-search click value. The page reads sums, so it costs the same for a
hundred results or a hundred thousand.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, func, select

from calendar_app.domain.cadence import resolve_timezone
from calendar_app.domain.item_links import campaign_of
from calendar_app.domain.roi import (
    Figures,
    Prices,
    Summary,
    Verdict,
    combine,
    summarise,
    verdict,
)
from calendar_app.domain.tracking import normalise_utm
from calendar_app.extensions import db
from calendar_app.models import (
    Channel,
    ChannelSpend,
    Idea,
    ResultMonth,
    ScheduleItem,
    Workspace,
)

NOT_MATCHED = "Not matched"


@dataclass
class Row:
    """One channel or campaign: its figures per month and over all months.

    ``lines`` holds each month's summary (cost, value, return, ROI), newest first,
    computed once when the report is built; the page and the CSV only read them.
    """

    name: str
    click_value: Decimal = Decimal(0)
    lead_value: Decimal = Decimal(0)
    months: dict[str, Figures] = field(default_factory=dict)
    verdict: Verdict | None = None
    lines: list[tuple[str, Summary]] = field(default_factory=list)
    # A campaign's figures per month and channel: each valued at its channel's prices.
    parts: dict[str, dict[int | None, Figures]] = field(default_factory=dict)

    def add(self, month: str, figures: Figures, channel_id: int | None = None) -> None:
        """Count figures into a month (and, for a campaign, into its channel's part)."""
        self.months[month] = self.months.get(month, Figures()) + figures
        parts = self.parts.setdefault(month, {})
        parts[channel_id] = parts.get(channel_id, Figures()) + figures

    @property
    def total(self) -> Figures:
        """All months together."""
        return sum(self.months.values(), Figures())


@dataclass
class Report:
    """Everything the Results page and its CSV show."""

    hourly_rate: Decimal
    months: list[str]  # newest first
    channels: list[Row]
    campaigns: list[Row]

    def month_totals(self) -> list[tuple[str, Decimal, Decimal]]:
        """(month, cost, return) over the channels, oldest first, for the chart. A channel's
        month without a recorded cost is left out (its return would stand against nothing,
        drawn above a cost of 0), and so are results that matched no channel."""
        cost: dict[str, Decimal] = defaultdict(Decimal)
        gain: dict[str, Decimal] = defaultdict(Decimal)
        for row in self.channels:
            if row.name == NOT_MATCHED:
                continue
            for month, line in row.lines:
                if line.cost_missing:
                    continue
                cost[month] += line.cost
                gain[month] += line.gain
        return [(month, cost[month], gain[month]) for month in sorted(cost)]


def month_of(column: ColumnElement[date]) -> ColumnElement[str]:
    """``YYYY-MM`` of a date column, in SQL (SQLite and PostgreSQL spell it differently)."""
    if db.session.get_bind().dialect.name == "postgresql":
        return func.to_char(column, "YYYY-MM")
    return func.strftime("%Y-%m", column)


def _logged_campaign(
    activity: str, campaign: str, slug: str, idea_campaign: str | None, headline: str | None
) -> str | None:
    """The ``utm_campaign`` an item's link carries, from its columns (None: no valid one)."""
    idea = SimpleNamespace(campaign=idea_campaign, headline=headline) if headline else None
    item = SimpleNamespace(
        campaign=campaign, idea=idea, activity=activity, channel=SimpleNamespace(slug=slug)
    )
    try:
        return normalise_utm(campaign_of(item))
    except ValueError:
        return None


class _Rows:
    """The report's rows as they fill up: one per channel (and "Not matched"), one per
    campaign, each summing figures per month."""

    def __init__(self, lead_value: Decimal) -> None:
        self.channels = {c.id: c for c in db.session.scalars(select(Channel))}
        self.lead_value = lead_value  # the workspace's, for channels without their own
        self.by_channel: dict[int | None, Row] = {}
        self.by_campaign: dict[str, Row] = {}

    def channel(self, channel_id: int | None) -> Row:
        """The row of a channel (None: results that matched no channel)."""
        if channel_id not in self.by_channel:
            channel = self.channels.get(channel_id or 0)
            self.by_channel[channel_id] = (
                Row(channel.name, channel.click_value, _lead_value(channel, self.lead_value))
                if channel
                else Row(NOT_MATCHED, lead_value=self.lead_value)
            )
        return self.by_channel[channel_id]

    def add_results(self) -> None:
        """Imported visits, leads, customers and revenue: the monthly sums kept on import."""
        results = db.session.execute(
            select(
                ResultMonth.channel_id,
                ResultMonth.utm_campaign,
                ResultMonth.month,
                ResultMonth.visits,
                ResultMonth.leads,
                ResultMonth.customers,
                ResultMonth.revenue,
            )
        )
        for channel_id, campaign, first_day, visits, leads, customers, revenue in results:
            when = f"{first_day:%Y-%m}"
            figures = Figures(visits, leads, customers, Decimal(revenue or 0))
            self.channel(channel_id).add(when, figures)
            if campaign:
                self.by_campaign.setdefault(campaign, Row(campaign)).add(when, figures, channel_id)

    def add_logged_time(self, zone: ZoneInfo) -> None:
        """Minutes logged on items, in the month of the item's local date (one query of the
        columns it needs: a year of logged items is no weight)."""
        logged = db.session.execute(
            select(
                ScheduleItem.starts_at,
                ScheduleItem.channel_id,
                ScheduleItem.actual_minutes,
                ScheduleItem.activity,
                ScheduleItem.campaign,
                Channel.slug,
                Idea.campaign,
                Idea.headline,
            )
            .join(Channel, ScheduleItem.channel_id == Channel.id)
            .outerjoin(Idea, ScheduleItem.idea_id == Idea.id)
            .where(ScheduleItem.actual_minutes > 0)
        )
        campaigns: dict[tuple, str | None] = {}
        for starts_at, channel_id, minutes, activity, *named in logged:
            when = f"{starts_at.astimezone(zone):%Y-%m}"
            time_spent = Figures(minutes=minutes or 0)
            self.channel(channel_id).add(when, time_spent)
            key = (activity, *named)
            if key not in campaigns:
                campaigns[key] = _logged_campaign(*key)
            campaign = campaigns[key]
            if campaign in self.by_campaign:
                self.by_campaign[campaign].add(when, time_spent, channel_id)

    def add_spend(self) -> None:
        """Other spend and past hours per channel and month: one aggregate query."""
        month = month_of(ChannelSpend.month)
        spent = select(
            ChannelSpend.channel_id,
            month,
            func.sum(ChannelSpend.amount),
            func.sum(ChannelSpend.hours),
        ).group_by(ChannelSpend.channel_id, month)
        for channel_id, when, amount, hours in db.session.execute(spent):
            minutes = int(Decimal(hours or 0) * 60)
            self.channel(channel_id).add(when, Figures(minutes=minutes, spend=Decimal(amount or 0)))

    def report(self, hourly_rate: Decimal) -> Report:
        """The rows in order, each judged and summarised month by month."""
        months = sorted({m for row in self.by_channel.values() for m in row.months}, reverse=True)
        ordered = sorted(self.by_channel.items(), key=lambda p: (p[0] is None, p[1].name.lower()))
        channel_rows = [row for _id, row in ordered]
        for row in channel_rows:
            with_results = [(m, row.months[m]) for m in sorted(row.months) if row.months[m].visits]
            row.verdict = verdict(with_results, _prices(row, hourly_rate))
        campaigns = sorted(self.by_campaign.values(), key=lambda r: (-r.total.visits, r.name))
        # Only a channel's months can miss a cost: results that matched no channel, and
        # campaigns (whose spend is their channels'), have none to record.
        unmatched = self.by_channel.get(None)
        for row in channel_rows:
            row.lines = _lines(row, hourly_rate, judged=row is not unmatched)
        for row in campaigns:
            row.lines = [
                (month, self._campaign_month(row, month, hourly_rate))
                for month in sorted(row.months, reverse=True)
            ]
        return Report(hourly_rate, months, channel_rows, campaigns)

    def _campaign_month(self, row: Row, month: str, hourly_rate: Decimal) -> Summary:
        """A campaign's month: each channel's part at that channel's prices, added up (its
        other spend is its channels'; no cost is marked missing)."""
        parts = [
            summarise(figures, _prices(self.channel(channel_id), hourly_rate))
            for channel_id, figures in row.parts[month].items()
        ]
        return replace(combine(row.months[month], parts), cost_missing=False)


def _lines(row: Row, hourly_rate: Decimal, judged: bool) -> list[tuple[str, Summary]]:
    """Each month's summary, newest first; a month missing its cost is marked if ``judged``."""
    prices = _prices(row, hourly_rate)
    lines = []
    for month in sorted(row.months, reverse=True):
        summary = summarise(row.months[month], prices)
        lines.append((month, summary if judged else replace(summary, cost_missing=False)))
    return lines


def _lead_value(channel: Channel, workspace_value: Decimal) -> Decimal:
    return channel.lead_value if channel.lead_value is not None else workspace_value


def _prices(row: Row, hourly_rate: Decimal) -> Prices:
    return Prices(hourly_rate, row.click_value, row.lead_value)


def build_report(workspace: Workspace) -> Report:
    """The whole report, from three aggregate queries and the logged items."""
    rows = _Rows(workspace.lead_value)
    rows.add_results()
    rows.add_logged_time(resolve_timezone(workspace.timezone))
    rows.add_spend()
    return rows.report(workspace.hourly_rate)
