"""Keep, improve or drop: the thresholds, the advice and the rounding a user reads."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from calendar_app.domain.roi import Figures, conversion, goal_period, roi, verdict

HOURLY_RATE = Decimal(50)
NO_CLICK_VALUE = Decimal(0)


def three_months(visits: int, leads: int, revenue: int) -> list[Figures]:
    """Three months of ten hours each: a cost of 500 a month at 50 an hour."""
    return [Figures(visits=visits, leads=leads, revenue=Decimal(revenue), minutes=600)] * 3


def test_an_roi_of_exactly_zero_is_kept() -> None:
    judged = verdict(three_months(1000, 2, 500), HOURLY_RATE, NO_CLICK_VALUE)
    assert judged.action == "keep"
    assert judged.reason == "3 months, 3,000 visits, 6 leads, ROI 0 %: keep."


def test_an_roi_just_below_zero_is_to_improve() -> None:
    judged = verdict(three_months(1000, 2, 499), HOURLY_RATE, NO_CLICK_VALUE)
    assert judged.action == "improve"
    assert "ROI −0.2 %" in judged.reason


def test_an_roi_of_exactly_minus_50_percent_is_to_improve_not_drop() -> None:
    judged = verdict(three_months(1000, 2, 250), HOURLY_RATE, NO_CLICK_VALUE)
    assert (judged.action, judged.role) == ("improve", "traffic driver")
    assert judged.reason == (
        "3 months, 3,000 visits, 6 leads, ROI −50.0 %: improve: "
        "turn more visits into leads (calls to action, landing pages)."
    )


def test_an_roi_just_below_minus_50_percent_is_dropped() -> None:
    judged = verdict(three_months(1000, 2, 249), HOURLY_RATE, NO_CLICK_VALUE)
    assert judged.action == "drop"
    assert "ROI −50.2 %" in judged.reason


def test_a_lead_generator_to_improve_is_told_to_post_more_of_what_brought_leads() -> None:
    judged = verdict(three_months(100, 1, 400), HOURLY_RATE, NO_CLICK_VALUE)
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
