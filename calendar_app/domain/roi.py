"""Return on investment, conversion, keep / improve / drop verdicts and goal periods. Pure.

ROI = (return − investment) / investment (source article 000, step 11): the
investment is the team's time at an hourly rate plus other spend; the return is
revenue plus the traffic's value, its visits priced as paid-search clicks
(article 003).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from .text import listed

# The goal kinds of the source articles, what a goal counts, and over which period.
CENT = Decimal("0.01")


def roi(investment: Decimal, gain: Decimal) -> Decimal | None:
    """Return on investment, (gain − investment) / investment, as a percentage; None at zero cost.

    700 spent for 1,160 back gives 65.7 %.
    """
    if investment <= 0:
        return None
    return ((gain - investment) / investment * 100).quantize(Decimal("0.1"))


def conversion(visits: int, leads: int) -> Decimal | None:
    """Leads per 100 visits (one decimal); None without visits."""
    if visits <= 0:
        return None
    return (Decimal(leads) / Decimal(visits) * 100).quantize(Decimal("0.1"))


@dataclass
class Figures:
    """What a channel (or campaign) put in and got back over some time."""

    visits: int = 0
    leads: int = 0
    customers: int = 0
    revenue: Decimal = Decimal(0)
    minutes: int = 0
    spend: Decimal = Decimal(0)

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            self.visits + other.visits,
            self.leads + other.leads,
            self.customers + other.customers,
            self.revenue + other.revenue,
            self.minutes + other.minutes,
            self.spend + other.spend,
        )

    @property
    def hours(self) -> Decimal:
        """Logged time in hours (one decimal)."""
        return (Decimal(self.minutes) / 60).quantize(Decimal("0.1"))

    @property
    def conversion(self) -> Decimal | None:
        """Leads per 100 visits."""
        return conversion(self.visits, self.leads)

    @property
    def cost_missing(self) -> bool:
        """Results came back but no time or spend was recorded: no return can be judged."""
        return (self.visits > 0 or self.leads > 0) and self.minutes == 0 and self.spend == 0

    def cost(self, hourly_rate: Decimal) -> Decimal:
        """The team's time at ``hourly_rate`` plus other spend."""
        if not self.minutes:  # most parts of a report: no division to make
            return self.spend.quantize(CENT)
        return (Decimal(self.minutes) / 60 * hourly_rate + self.spend).quantize(CENT)

    def traffic_value(self, click_value: Decimal) -> Decimal:
        """What the visits would have cost as paid-search clicks."""
        return (self.visits * click_value).quantize(Decimal("0.01"))

    def lead_value(self, value_of_a_lead: Decimal) -> Decimal:
        """What the leads are worth, at the value of one lead."""
        return (self.leads * value_of_a_lead).quantize(Decimal("0.01"))

    def gain(self, click_value: Decimal, value_of_a_lead: Decimal = Decimal(0)) -> Decimal:
        """The return: revenue plus the traffic's value plus the leads' value."""
        return self.revenue + self.traffic_value(click_value) + self.lead_value(value_of_a_lead)

    def roi(
        self, hourly_rate: Decimal, click_value: Decimal, value_of_a_lead: Decimal = Decimal(0)
    ) -> Decimal | None:
        """(return − cost) / cost, in per cent; None without a cost."""
        return roi(self.cost(hourly_rate), self.gain(click_value, value_of_a_lead))


@dataclass(frozen=True)
class Prices:
    """What the report values things at: an hour of the team, a visit, a lead."""

    hourly_rate: Decimal
    click_value: Decimal = Decimal(0)
    lead_value: Decimal = Decimal(0)


@dataclass(frozen=True)
class Summary:
    """Figures with everything derived from them computed once, as the report shows them."""

    visits: int
    leads: int
    conversion: Decimal | None
    customers: int
    revenue: Decimal
    hours: Decimal
    cost: Decimal
    traffic_value: Decimal
    gain: Decimal
    roi: Decimal | None
    lead_value: Decimal = Decimal(0)
    cost_missing: bool = False


def summarise(figures: Figures, prices: Prices) -> Summary:
    """Cost, traffic and lead value, return and ROI of ``figures`` at these prices."""
    return _summary(
        figures,
        figures.cost(prices.hourly_rate),
        figures.traffic_value(prices.click_value),
        figures.lead_value(prices.lead_value),
    )


class Value(NamedTuple):
    """What figures cost and brought at some prices: the part of a summary that adds up."""

    cost: Decimal
    traffic_value: Decimal
    lead_value: Decimal


def value_of(figures: Figures, prices: Prices) -> Value:
    """Figures' cost, traffic value and lead value at ``prices`` (as :func:`summarise` has
    them, without the rest of a summary: a campaign's month sums a few of these)."""
    return Value(
        figures.cost(prices.hourly_rate),
        figures.traffic_value(prices.click_value),
        figures.lead_value(prices.lead_value),
    )


def combine(total: Figures, summaries: Sequence[Summary | Value]) -> Summary:
    """The summary of ``total`` made of parts valued at their own prices (a campaign over
    two channels: each channel's visits at that channel's click value, its time at cost)."""
    return _summary(
        total,
        sum((s.cost for s in summaries), Decimal("0.00")),
        sum((s.traffic_value for s in summaries), Decimal("0.00")),
        sum((s.lead_value for s in summaries), Decimal("0.00")),
    )


def _summary(
    figures: Figures, cost: Decimal, traffic_value: Decimal, lead_value: Decimal
) -> Summary:
    gain = figures.revenue + traffic_value + lead_value
    return Summary(
        visits=figures.visits,
        leads=figures.leads,
        conversion=figures.conversion,
        customers=figures.customers,
        revenue=figures.revenue,
        hours=figures.hours,
        cost=cost,
        traffic_value=traffic_value,
        gain=gain,
        roi=roi(cost, gain),
        lead_value=lead_value,
        cost_missing=figures.cost_missing,
    )


@dataclass(frozen=True)
class Verdict:
    """Keep, improve or drop a channel, and why, in words."""

    action: str  # "keep", "improve", "drop" or "wait" (not enough data)
    role: str  # "traffic driver" or "lead generator"
    reason: str


MIN_MONTHS = 3
# The source article: persist six to twelve months with a network before dropping it.
MONTHS_BEFORE_DROP = 6
LEAD_GENERATOR_CONVERSION = Decimal(1)  # leads per 100 visits from which a channel generates leads


def verdict(months: list[tuple[str, Figures]], prices: Prices) -> Verdict:
    """Judge a channel on its last three months with results.

    ``months`` are ``("YYYY-MM", figures)`` of the months with results, oldest first.
    No verdict while one of those months has no cost recorded; no "drop" before
    six months of results (the worst until then is "improve", with the months to go).
    """
    judged = months[-MIN_MONTHS:]
    total = sum((figures for _month, figures in judged), Figures())
    rate = total.conversion
    role = (
        "lead generator"
        if rate is not None and rate >= LEAD_GENERATOR_CONVERSION
        else "traffic driver"
    )
    if len(months) < MIN_MONTHS:
        return Verdict(
            "wait",
            role,
            f"{len(months)} month{'s' * (len(months) != 1)} of results: not enough data "
            f"(judge after {MIN_MONTHS}).",
        )
    leads = f"{total.leads:,} lead{'s' * (total.leads != 1)}"
    visits = f"{total.visits:,} visit{'s' * (total.visits != 1)}"
    facts = f"{MIN_MONTHS} months, {visits}, {leads}"
    missing = [month_name(month) for month, figures in judged if figures.cost_missing]
    if missing:
        names = listed(missing)
        return Verdict(
            "wait", role, f"{facts}, no cost recorded for {names}: enter the hours for {names} "
            "(or log time, or add spend) to judge."
        )  # fmt: skip
    value = total.roi(prices.hourly_rate, prices.click_value, prices.lead_value)
    if value is None:  # a cost recorded that comes to nothing (a rate of 0)
        return Verdict("wait", role, f"{facts}, no cost: set the hourly rate to judge.")
    facts += f", ROI {_signed(value)} %"
    if value >= 0:
        return Verdict("keep", role, f"{facts}: keep.")
    advice = (
        "turn more visits into leads (calls to action, landing pages)"
        if role == "traffic driver"
        else "post more of what brought the leads, less of the rest"
    )
    if value >= -50:
        return Verdict("improve", role, f"{facts}: improve: {advice}.")
    to_go = MONTHS_BEFORE_DROP - len(months)
    if to_go > 0:
        months_to_go = f"{to_go} more month{'s' * (to_go != 1)}"
        return Verdict(
            "improve", role, f"{facts}: improve: {advice}; give it {months_to_go} of results "
            f"before dropping it ({MONTHS_BEFORE_DROP} months at least)."
        )  # fmt: skip
    return Verdict("drop", role, f"{facts}: drop or cut to one post a week.")


def month_name(month: str) -> str:
    """``2026-09`` as ``September 2026``."""
    year, number = month.split("-")
    return f"{date(int(year), int(number), 1):%B %Y}"


def _signed(value: Decimal) -> str:
    return f"+{value}" if value > 0 else f"−{-value}" if value < 0 else "0"
