"""Keep, improve or drop: the thresholds, the advice and the rounding a user reads."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from calendar_app.domain.goals import goal_period
from calendar_app.domain.roi import Figures, Prices, Summary, conversion, roi, summarise, verdict

HOURLY_RATE = Decimal(50)
NO_CLICK_VALUE = Decimal(0)
PRICES = Prices(HOURLY_RATE, NO_CLICK_VALUE)


def named(months: list[Figures], first: int = 1) -> list[tuple[str, Figures]]:
    """Months of 2026 in order, from month ``first``."""
    return [(f"2026-{first + n:02d}", figures) for n, figures in enumerate(months)]


def three_months(visits: int, leads: int, revenue: int) -> list[Figures]:
    """Three months of ten hours each: a cost of 500 a month at 50 an hour."""
    return [Figures(visits=visits, leads=leads, revenue=Decimal(revenue), minutes=600)] * 3


def test_an_roi_of_exactly_zero_is_kept() -> None:
    judged = verdict(named(three_months(1000, 2, 500)), PRICES)
    assert judged.action == "keep"
    assert judged.reason == "3 months, 3,000 visits, 6 leads, ROI 0 %: keep."


def test_an_roi_just_below_zero_is_to_improve() -> None:
    judged = verdict(named(three_months(1000, 2, 499)), PRICES)
    assert judged.action == "improve"
    assert "ROI −0.2 %" in judged.reason


def test_an_roi_of_exactly_minus_50_percent_is_to_improve_not_drop() -> None:
    judged = verdict(named(three_months(1000, 2, 250)), PRICES)
    assert (judged.action, judged.role) == ("improve", "traffic driver")
    assert judged.reason == (
        "3 months, 3,000 visits, 6 leads, ROI −50.0 %: improve: "
        "turn more visits into leads (calls to action, landing pages)."
    )


def test_an_roi_just_below_minus_50_percent_is_dropped_after_six_months() -> None:
    judged = verdict(named(three_months(1000, 2, 249) * 2), PRICES)
    assert judged.action == "drop"
    assert "ROI −50.2 %" in judged.reason


@pytest.mark.parametrize(("months", "to_go"), [(3, "3 more months"), (5, "1 more month")])
def test_a_channel_is_not_dropped_before_six_months_of_results(months: int, to_go: str) -> None:
    bad = [Figures(visits=1000, leads=2, revenue=Decimal(100), minutes=600)] * months
    judged = verdict(named(bad), PRICES)
    assert (judged.action, judged.role) == ("improve", "traffic driver")
    assert judged.reason == (
        "3 months, 3,000 visits, 6 leads, ROI −80.0 %: improve: turn more visits into leads "
        f"(calls to action, landing pages); give it {to_go} of results before dropping it "
        "(6 months at least)."
    )


def test_months_without_a_cost_are_named_and_not_judged() -> None:
    paid = Figures(visits=1000, leads=2, revenue=Decimal(5000), minutes=600)
    unpaid = Figures(visits=1000, leads=2, revenue=Decimal(5000))
    judged = verdict(named([paid, unpaid, paid, unpaid], first=7), PRICES)
    assert judged.action == "wait"
    assert judged.reason == (
        "3 months, 3,000 visits, 6 leads, no cost recorded for August 2026 and October 2026: "
        "enter the hours for August 2026 and October 2026 (or log time, or add spend) to judge."
    )
    assert verdict(named([unpaid, paid, paid, paid]), PRICES).action == "keep"  # not judged on


@pytest.mark.parametrize(
    ("figures", "missing"),
    [
        (Figures(visits=1), True),
        (Figures(leads=1), True),
        (Figures(visits=1, minutes=1), False),
        (Figures(visits=1, spend=Decimal("0.01")), False),
        (Figures(), False),  # nothing came back: nothing to judge either
        (Figures(revenue=Decimal(5)), False),
    ],
)
def test_a_month_misses_its_cost_when_results_came_back_without_time_or_spend(
    figures: Figures, missing: bool
) -> None:
    assert figures.cost_missing is missing


def test_leads_are_worth_their_value_in_the_return() -> None:
    month = Figures(visits=100, leads=7, revenue=Decimal(10), minutes=60)
    summary = summarise(month, Prices(HOURLY_RATE, Decimal("0.50"), Decimal("12.50")))
    assert (summary.traffic_value, summary.lead_value, summary.gain) == (
        Decimal("50.00"), Decimal("87.50"), Decimal("147.50"),
    )  # fmt: skip
    assert summary.roi == Decimal("195.0")  # (147.50 − 50) / 50
    assert verdict(named([month] * 3), Prices(HOURLY_RATE)).action == "improve"
    assert verdict(named([month] * 3), Prices(HOURLY_RATE, lead_value=Decimal(10))).action == (
        "keep"
    )


def test_a_lead_generator_to_improve_is_told_to_post_more_of_what_brought_leads() -> None:
    judged = verdict(named(three_months(100, 1, 400)), PRICES)
    assert (judged.action, judged.role) == ("improve", "lead generator")
    assert judged.reason == (
        "3 months, 300 visits, 3 leads, ROI −20.0 %: improve: "
        "post more of what brought the leads, less of the rest."
    )


@pytest.mark.parametrize(
    ("investment", "gain", "percent"),
    [(3, 4, "33.3"), (3, 5, "66.7"), (3, 2, "-33.3"), (700, 1160, "65.7")],
)
def test_roi_is_rounded_to_one_decimal(investment: int, gain: int, percent: str) -> None:
    assert str(roi(Decimal(investment), Decimal(gain))) == percent


@pytest.mark.parametrize(
    ("visits", "leads", "rate"), [(3, 1, "33.3"), (3, 2, "66.7"), (8, 1, "12.5")]
)
def test_conversion_is_leads_per_100_visits_to_one_decimal(visits: int, leads: int, rate) -> None:
    assert str(conversion(visits, leads)) == rate


@pytest.mark.parametrize(
    ("minutes", "hours"), [(0, "0.0"), (90, "1.5"), (100, "1.7"), (600, "10.0")]
)
def test_logged_minutes_show_as_hours_to_one_decimal(minutes: int, hours: str) -> None:
    assert str(Figures(minutes=minutes).hours) == hours


def test_goal_periods_cover_whole_months_quarters_and_years() -> None:
    assert goal_period("month", date(2026, 12, 5)) == (
        date(2026, 12, 1),
        date(2026, 12, 31),
        "December 2026",
    )
    assert goal_period("quarter", date(2026, 11, 23))[:2] == (date(2026, 10, 1), date(2026, 12, 31))
    assert goal_period("quarter", date(2027, 2, 1))[2] == "Q1 2027"
    assert goal_period("year", date(2026, 11, 23))[:2] == (date(2026, 1, 1), date(2026, 12, 31))


@pytest.mark.parametrize(
    ("investment", "gain", "percent"),
    [("1", "2", "100.0"), ("0.50", "1", "100.0"), ("1", "1", "0.0"), ("0", "5", None)],
)
def test_roi_from_the_smallest_cost_up_and_none_without_a_cost(
    investment: str, gain: str, percent: str | None
) -> None:
    result = roi(Decimal(investment), Decimal(gain))
    assert (str(result) if result is not None else None) == percent


@pytest.mark.parametrize(
    ("visits", "leads", "rate"), [(1, 1, "100.0"), (1, 0, "0.0"), (2, 1, "50.0"), (0, 3, None)]
)
def test_conversion_from_a_single_visit_up_and_none_without_visits(
    visits: int, leads: int, rate: str | None
) -> None:
    result = conversion(visits, leads)
    assert (str(result) if result is not None else None) == rate


def test_figures_add_up_month_to_month_in_every_column() -> None:
    october = Figures(visits=10, leads=1, customers=2, revenue=Decimal("5.50"), minutes=30)
    november = Figures(visits=3, leads=4, customers=5, revenue=Decimal(6), minutes=45)
    november.spend = Decimal("12.25")
    assert october + november == Figures(
        visits=13,
        leads=5,
        customers=7,
        revenue=Decimal("11.50"),
        minutes=75,
        spend=Decimal("12.25"),
    )
    assert sum([october, november, october], Figures()).spend == Decimal("12.25")


def test_a_summary_shows_every_figure_of_the_month_as_the_report_does() -> None:
    month = Figures(
        visits=1200,
        leads=18,
        customers=3,
        revenue=Decimal("480.50"),
        minutes=150,
        spend=Decimal(20),
    )
    assert summarise(month, Prices(HOURLY_RATE, Decimal("0.80"))) == Summary(
        visits=1200,
        leads=18,
        conversion=Decimal("1.5"),
        customers=3,
        revenue=Decimal("480.50"),
        hours=Decimal("2.5"),
        cost=Decimal("145.00"),
        traffic_value=Decimal("960.00"),
        gain=Decimal("1440.50"),
        roi=Decimal("893.4"),
    )


def test_a_summary_without_cost_or_visits_has_no_roi_and_no_conversion() -> None:
    summary = summarise(Figures(revenue=Decimal(10)), Prices(HOURLY_RATE, Decimal(1)))
    assert (summary.cost, summary.gain, summary.roi, summary.conversion) == (
        Decimal("0.00"),
        Decimal(10),
        None,
        None,
    )


def test_a_small_positive_roi_is_shown_with_its_plus_sign() -> None:
    judged = verdict(named(three_months(1000, 2, 502)), PRICES)
    assert judged.reason == "3 months, 3,000 visits, 6 leads, ROI +0.4 %: keep."


@pytest.mark.parametrize(("leads", "words"), [(0, "0 leads"), (1, "1 lead"), (2, "2 leads")])
def test_the_number_of_leads_is_said_in_words(leads: int, words: str) -> None:
    months = [Figures(visits=1000, leads=leads, revenue=Decimal(500), minutes=600)]
    months += [Figures(visits=1000, revenue=Decimal(500), minutes=600)] * 2
    judged = verdict(named(months), PRICES)
    assert judged.reason == f"3 months, 3,000 visits, {words}, ROI 0 %: keep."


@pytest.mark.parametrize(
    ("month", "last_day", "name"),
    [
        (1, 31, "January"),
        (2, 28, "February"),
        (4, 30, "April"),
        (6, 30, "June"),
        (11, 30, "November"),
        (12, 31, "December"),
    ],
)
def test_a_monthly_goal_runs_to_the_last_day_of_its_month(
    month: int, last_day: int, name: str
) -> None:
    assert goal_period("month", date(2027, month, 15)) == (
        date(2027, month, 1),
        date(2027, month, last_day),
        f"{name} 2027",
    )


@pytest.mark.parametrize(
    ("month", "first", "last", "label"),
    [
        (1, date(2027, 1, 1), date(2027, 3, 31), "Q1 2027"),
        (5, date(2027, 4, 1), date(2027, 6, 30), "Q2 2027"),
        (9, date(2027, 7, 1), date(2027, 9, 30), "Q3 2027"),
        (10, date(2027, 10, 1), date(2027, 12, 31), "Q4 2027"),
        (12, date(2027, 10, 1), date(2027, 12, 31), "Q4 2027"),
    ],
)
def test_a_quarterly_goal_covers_its_three_months_and_is_named_q1_to_q4(
    month: int, first: date, last: date, label: str
) -> None:
    assert goal_period("quarter", date(2027, month, 2)) == (first, last, label)


def test_a_yearly_goal_is_named_by_its_year() -> None:
    assert goal_period("year", date(2028, 2, 29)) == (date(2028, 1, 1), date(2028, 12, 31), "2028")
