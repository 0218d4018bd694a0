"""A share link's label, last day, whether it still opens, and the month its page shows."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendar_app.domain.shares import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_LABEL,
    ShareError,
    check_label,
    check_last_day,
    is_live,
    month_text,
    parse_month,
    step_month,
)

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 6, tzinfo=UTC)


def test_a_label_is_kept_without_its_surrounding_spaces() -> None:
    assert check_label("  Client review  ") == "Client review"
    assert check_label("x" * MAX_LABEL) == "x" * MAX_LABEL


@pytest.mark.parametrize(
    ("label", "fragment"),
    [
        ("", "Give the link a label"),
        ("   ", "Give the link a label"),
        ("x" * (MAX_LABEL + 1), "at most 120"),
        ("Client\nreview", "single line"),
    ],
)
def test_a_label_that_is_empty_too_long_or_broken_is_refused(label: str, fragment: str) -> None:
    with pytest.raises(ShareError, match=fragment) as caught:
        check_label(label)
    assert caught.value.field == "label"


def test_the_last_day_runs_from_today_to_a_year_ahead_or_is_not_given() -> None:
    for day in (None, TODAY, TODAY + timedelta(days=365)):
        check_last_day(day, TODAY)
    with pytest.raises(ShareError, match="has passed"):
        check_last_day(TODAY - timedelta(days=1), TODAY)
    with pytest.raises(ShareError, match="a year at most: pick 2027-11-23 or earlier"):
        check_last_day(TODAY + timedelta(days=366), TODAY)


def test_a_link_is_live_until_revoked_or_until_its_end() -> None:
    assert is_live(None, None, NOW)
    assert is_live(None, NOW + timedelta(seconds=1), NOW)
    assert not is_live(None, NOW, NOW)  # the end itself is past it
    assert not is_live(NOW - timedelta(days=1), None, NOW)
    assert not is_live(NOW, NOW + timedelta(days=3), NOW)


def test_no_month_means_this_month() -> None:
    assert parse_month(None, TODAY) == date(2026, 11, 1)
    assert parse_month("", TODAY) == date(2026, 11, 1)
    assert parse_month(" 2027-01 ", TODAY) == date(2027, 1, 1)


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("2026-13", "months run from 01 to 12"),
        ("2026-00", "months run from 01 to 12"),
        ("2026-1", "write it as YYYY-MM"),
        ("december", "write it as YYYY-MM"),
        ("2026-12-01", "write it as YYYY-MM"),
        ("１２３４-１２", "write it as YYYY-MM"),  # digits of another script
        ("1999-12", "between 2000 and 2999"),
        ("3000-01", "between 2000 and 2999"),
    ],
)
def test_a_month_that_is_not_one_is_refused_with_how_to_write_it(value, fragment) -> None:
    with pytest.raises(ShareError, match=fragment):
        parse_month(value, TODAY)


MONTHS = st.builds(date, st.integers(FIRST_YEAR, LAST_YEAR), st.integers(1, 12), st.just(1))


@given(MONTHS)
def test_a_month_written_out_reads_back_the_same(month: date) -> None:
    assert parse_month(month_text(month), TODAY) == month


@given(MONTHS, st.sampled_from([-1, 1]))
def test_the_month_before_and_after_are_neighbours_within_the_years_shown(month, direction):
    stepped = step_month(month, direction)
    if stepped is None:
        assert (month.year, month.month) in ((FIRST_YEAR, 1), (LAST_YEAR, 12))
        return
    assert stepped.day == 1 and step_month(stepped, -direction) == month
    assert (stepped - month).days * direction in range(28, 32)
