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
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, func, select

from calendar_app.domain.cadence import resolve_timezone
from calendar_app.domain.roi import (
    Figures,
    Prices,
    Summary,
    Verdict,
    combine,
    summarise,
    value_of,
    verdict,
)
from calendar_app.extensions import db
from calendar_app.models import (
    Campaign,
    CampaignSpend,
    Channel,
    ChannelSpend,
    Idea,
    ResultMonth,
    ScheduleItem,
    Workspace,
)

from .campaigns import effective_campaign

NOT_MATCHED = "Not matched"
NO_CAMPAIGN = "No campaign"
OWN_SPEND = -1  # the part of a campaign's month that is its own spend, not a channel's


@dataclass
class Row:
    """One channel or campaign: its figures per month and over all months.

    ``lines`` holds each month's summary (cost, value, return, ROI), newest first,
    computed once when the report is built; the page and the CSV only read them.
    """

    name: str
    click_value: Decimal = Decimal(0)
    lead_value: Decimal = Decimal(0)
    token: str = ""  # a campaign's utm_campaign
    colour: str = ""  # a campaign's colour
    months: dict[str, Figures] = field(default_factory=dict)
    verdict: Verdict | None = None
    lines: list[tuple[str, Summary]] = field(default_factory=list)
    overall: Summary | None = None  # a campaign's months together
    # A campaign's figures per month and channel: each valued at its channel's prices.
    parts: dict[str, dict[int | None, Figures]] = field(default_factory=dict)

    keeps_parts: bool = False  # a campaign's row: its months split by channel
    # The running sum of all months (the page asks for it often).
    total: Figures = field(default_factory=Figures)

    def add(self, month: str, figures: Figures, channel_id: int | None = None) -> None:
        """Count figures into a month (and, for a campaign, into its channel's part)."""
        self.months[month] = self.months.get(month, Figures()) + figures
        self.total = self.total + figures
        if self.keeps_parts:
            parts = self.parts.setdefault(month, {})
            parts[channel_id] = parts.get(channel_id, Figures()) + figures


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


class _Rows:
    """The report's rows as they fill up: one per channel (and "Not matched"), one per
    campaign (and "No campaign"), each summing figures per month. Every result and every
    logged minute lands in exactly one channel row and one campaign row."""

    def __init__(self, lead_value: Decimal) -> None:
        self.channels = {c.id: c for c in db.session.scalars(select(Channel))}
        self.lead_value = lead_value  # the workspace's, for channels without their own
        self.by_channel: dict[int | None, Row] = {}
        self.campaigns = {c.id: c for c in db.session.scalars(select(Campaign))}
        self.tokens = {c.token: c.id for c in self.campaigns.values()}
        self.by_campaign: dict[int | None, Row] = {}
        self.prices: dict[int | None, Prices] = {}

    def campaign(self, campaign_id: int | None) -> Row:
        """The row of a campaign (None: results and time of no campaign)."""
        if campaign_id not in self.by_campaign:
            campaign = self.campaigns.get(campaign_id or 0)
            self.by_campaign[campaign_id] = (
                Row(campaign.name, token=campaign.token, colour=campaign.colour, keeps_parts=True)
                if campaign
                else Row(NO_CAMPAIGN, keeps_parts=True)
            )
        return self.by_campaign[campaign_id]

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
            self.campaign(self.tokens.get(campaign)).add(when, figures, channel_id)

    def add_logged_time(self, zone: ZoneInfo) -> None:
        """Minutes logged on items, in the month of the item's local date (one query of the
        columns it needs: a year of logged items is no weight)."""
        logged = db.session.execute(
            select(
                ScheduleItem.starts_at,
                ScheduleItem.channel_id,
                ScheduleItem.actual_minutes,
                effective_campaign(),
            )
            .outerjoin(Idea, ScheduleItem.idea_id == Idea.id)
            .where(ScheduleItem.actual_minutes > 0)
        )
        for starts_at, channel_id, minutes, campaign_id in logged:
            when = f"{starts_at.astimezone(zone):%Y-%m}"
            time_spent = Figures(minutes=minutes or 0)
            self.channel(channel_id).add(when, time_spent)
            self.campaign(campaign_id).add(when, time_spent, channel_id)

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

    def add_campaign_spend(self) -> None:
        """What was spent on each campaign per month (its own part, at no channel's prices)."""
        month = month_of(CampaignSpend.month)
        spent = select(CampaignSpend.campaign_id, month, func.sum(CampaignSpend.amount)).group_by(
            CampaignSpend.campaign_id, month
        )
        for campaign_id, when, amount in db.session.execute(spent):
            self.campaign(campaign_id).add(when, Figures(spend=Decimal(amount or 0)), OWN_SPEND)

    def report(self, hourly_rate: Decimal) -> Report:
        """The rows in order, each judged and summarised month by month."""
        months = sorted({m for row in self.by_channel.values() for m in row.months}, reverse=True)
        ordered = sorted(self.by_channel.items(), key=lambda p: (p[0] is None, p[1].name.lower()))
        channel_rows = [row for _id, row in ordered]
        for row in channel_rows:
            with_results = [(m, row.months[m]) for m in sorted(row.months) if row.months[m].visits]
            row.verdict = verdict(with_results, _prices(row, hourly_rate))
        campaigns = sorted(
            self.by_campaign.values(),
            key=lambda r: (r.name == NO_CAMPAIGN and not r.token, -r.total.visits, r.name),
        )
        # Only a channel's months can miss a cost: results that matched no channel, and
        # campaigns (whose cost is their posts' time and their own spend), have none.
        unmatched = self.by_channel.get(None)
        for row in channel_rows:
            row.lines = _lines(row, hourly_rate, judged=row is not unmatched)
        for row in campaigns:
            row.lines = [
                (month, self._campaign_month(row, month, hourly_rate))
                for month in sorted(row.months, reverse=True)
            ]
            overall = combine(row.total, [line for _month, line in row.lines])
            row.overall = replace(overall, cost_missing=False)
        return Report(hourly_rate, months, channel_rows, campaigns)

    def _campaign_month(self, row: Row, month: str, hourly_rate: Decimal) -> Summary:
        """A campaign's month: each channel's part at that channel's prices, added up (its
        other spend is its channels'; no cost is marked missing)."""
        parts = [
            value_of(figures, self._prices_of(channel_id, hourly_rate))
            for channel_id, figures in row.parts[month].items()
        ]
        return replace(combine(row.months[month], parts), cost_missing=False)

    def _prices_of(self, channel_id: int | None, hourly_rate: Decimal) -> Prices:
        """A channel's prices; a campaign's own spend, or results of no channel, value
        visits at nothing and leads at the workspace's value (each made once)."""
        if channel_id not in self.prices:
            channel = self.channels.get(channel_id or 0)
            self.prices[channel_id] = (
                Prices(hourly_rate, channel.click_value, _lead_value(channel, self.lead_value))
                if channel is not None
                else Prices(hourly_rate, Decimal(0), self.lead_value)
            )
        return self.prices[channel_id]


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
    """The whole report, from four aggregate queries and the logged items."""
    rows = _Rows(workspace.lead_value)
    rows.add_results()
    rows.add_logged_time(resolve_timezone(workspace.timezone))
    rows.add_spend()
    rows.add_campaign_spend()
    return rows.report(workspace.hourly_rate)
