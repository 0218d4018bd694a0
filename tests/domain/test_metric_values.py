"""The numbers of a channel's month: whole counts from 0 up, or unknown; months; mentions."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendar_app.domain.metric_values import (
    future_month_problem,
    mentions_problem,
    read_change,
    read_count,
    read_month,
)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("", None),
        ("  ", None),
        ("0", 0),
        ("1234", 1234),
        ("1,234", 1234),
        ("1.234", 1234),
        ("1 234 567", 1234567),
        ("1\u202f234", 1234),
        ("12'500", 12500),
        ("1000000000", 10**9),
    ],
)
def test_a_count_is_read_as_people_and_spreadsheets_write_it(text: str, number: int) -> None:
    assert read_count(text) == number


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-5", "'-5' is negative: give 0 or more"),
        ("−1,200", "'−1,200' is negative"),
        ("2.5", "'2.5' is not a whole number"),
        ("1,23", "'1,23' is not a whole number"),
        ("1,234.567", "is not a whole number"),
        ("1,234 567", "is not a whole number"),  # two different marks
        ("12e3", "is not a whole number"),
        ("\uff11\uff12", "is not a whole number"),  # full-width digits
        ("many", "is not a whole number"),
        ("1000000001", "is more than 1,000,000,000"),
    ],
)
def test_a_count_that_is_not_a_whole_number_from_0_is_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        read_count(text)


def test_a_days_change_may_be_negative() -> None:
    assert [read_change(t) for t in ("-2", "3", "", "-1,200")] == [-2, 3, None, -1200]
    with pytest.raises(ValueError, match="not a whole number"):
        read_change("-x")


@given(st.integers(0, 10**9), st.sampled_from(["", ",", ".", " ", "\u00a0"]))
def test_any_count_written_with_thousands_separators_reads_back(number: int, mark: str) -> None:
    written = f"{number:,}".replace(",", mark)
    assert read_count(written) == number


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("2026-11", date(2026, 11, 1)),
        (" 2000-01 ", date(2000, 1, 1)),
        ("2099-12", date(2099, 12, 1)),
    ],
)
def test_a_month_is_its_first_day(text: str, month: date) -> None:
    assert read_month(text) == month


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-13", "is not a month like 2026-11"),
        ("2026-00", "is not a month like 2026-11"),
        ("2026-1", "is not a month like 2026-11"),
        ("2026-11-01", "is not a month like 2026-11"),
        ("11/2026", "is not a month like 2026-11"),
        ("", "is not a month like 2026-11"),
        ("1999-12", "outside the years 2000 to 2099"),
        ("2100-01", "outside the years 2000 to 2099"),
    ],
)
def test_a_month_not_written_like_2026_11_is_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        read_month(text)


@pytest.mark.parametrize(
    ("month", "today", "problem"),
    [
        (date(2026, 11, 1), date(2026, 11, 1), None),  # this month so far
        (date(2026, 11, 1), date(2026, 11, 30), None),
        (
            date(2026, 12, 1),
            date(2026, 11, 30),
            "2026-12 is in the future (this month is 2026-11).",
        ),
        (date(2027, 1, 1), date(2026, 12, 31), "2027-01 is in the future (this month is 2026-12)."),
        (date(2026, 12, 1), date(2027, 1, 1), None),
    ],
)
def test_a_month_after_this_one_is_in_the_future(month, today, problem) -> None:
    assert future_month_problem(month, today) == problem


@pytest.mark.parametrize(
    ("numbers", "refused"),
    [
        ({"mentions": 10, "positive_mentions": 6, "negative_mentions": 4}, False),
        ({"mentions": 10, "positive_mentions": 6, "negative_mentions": 5}, True),
        ({"mentions": 10, "positive_mentions": 11}, True),
        ({"mentions": 0, "positive_mentions": None, "negative_mentions": 0}, False),
        ({"mentions": None, "positive_mentions": 6, "negative_mentions": 5}, False),  # unknown
        ({}, False),
    ],
)
def test_positive_and_negative_mentions_are_part_of_the_mentions(numbers, refused) -> None:
    problem = mentions_problem(numbers)
    assert (problem is not None) == refused
    if refused:
        assert "add up to more than the mentions (10)" in problem
