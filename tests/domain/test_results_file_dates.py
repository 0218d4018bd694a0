"""Results files: a row's own date lies within the report's period and not after today."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendar_app.domain.results_files import Period, ResultsFileError, read_results

SAMPLES = Path(__file__).parents[2] / "docs" / "samples"
TODAY = date(2026, 11, 23)
NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))
OURS = "date,utm_source,utm_medium,utm_campaign,utm_content,visits,leads,customers,revenue\n"
PLAUSIBLE = "date;utm_source;utm_medium;utm_campaign;utm_content;visitors;visits\n"
GA4_NOVEMBER = "# Start date: 20261101\n# End date: 20261130\n"
GA4 = "Date,Session source / medium,Session campaign,Sessions,Key events\n"


def ours(day: date) -> str:
    return f"{day.isoformat()},blog,blog,x,,1,0,0,0\n"


def plausible(day: date) -> str:
    return f"{day.isoformat()};blog;blog;x;;1;1\n"


def ga4(day: date) -> str:
    return f"{day:%Y%m%d},blog / blog,x,1,0\n"


def problems_of(raw: str, period: Period | None = None, today: date = TODAY) -> list[str]:
    with pytest.raises(ResultsFileError) as caught:
        read_results(raw, period, today=today)
    return caught.value.problems


FORMATS = [(OURS, ours), (PLAUSIBLE, plausible), (GA4, ga4)]
FORMAT_IDS = ["ours", "plausible", "ga4"]


@pytest.mark.parametrize(("header", "row"), FORMATS, ids=FORMAT_IDS)
def test_a_row_dated_tomorrow_is_refused_naming_its_line_and_column(header, row) -> None:
    raw = header + row(TODAY) + row(TODAY + timedelta(days=1))
    with pytest.raises(ResultsFileError) as caught:
        read_results(raw, today=TODAY)
    assert caught.value.problems == [
        "line 3, column 'date': 2026-11-24 is in the future (today is 2026-11-23)."
    ]
    assert (caught.value.line, caught.value.column) == (3, "date")


@pytest.mark.parametrize(("header", "row"), FORMATS, ids=FORMAT_IDS)
def test_a_row_dated_today_is_accepted(header, row) -> None:
    (read,) = read_results(header + row(TODAY), today=TODAY).rows
    assert read.period == Period(TODAY, TODAY)


@pytest.mark.parametrize(
    "day", [date(2026, 10, 31), date(2026, 12, 1)], ids=["the-day-before", "the-day-after"]
)
def test_a_ga4_row_outside_the_exports_start_and_end_date_is_refused(day: date) -> None:
    raw = GA4_NOVEMBER + GA4 + ga4(date(2026, 11, 5)) + ga4(day)  # rows on lines 4 and 5
    assert problems_of(raw, today=date(2026, 12, 31)) == [
        f"line 5, column 'date': {day.isoformat()} is outside the report's period "
        "2026-11-01 to 2026-11-30."
    ]


def test_ga4_rows_on_the_first_and_the_last_day_of_the_period_are_accepted() -> None:
    raw = GA4_NOVEMBER + GA4 + ga4(date(2026, 11, 1)) + ga4(date(2026, 11, 30))
    read = read_results(raw, today=date(2026, 11, 30))
    assert [row.period.start for row in read.rows] == [date(2026, 11, 1), date(2026, 11, 30)]


@pytest.mark.parametrize(("header", "row"), FORMATS[:2], ids=FORMAT_IDS[:2])
def test_a_row_outside_the_period_given_with_the_file_is_refused(header, row) -> None:
    # The person said the file covers November: a row of another month contradicts it.
    raw = header + row(date(2026, 10, 31)) + row(date(2026, 11, 1)) + row(date(2026, 11, 20))
    assert problems_of(raw, NOVEMBER) == [
        "line 2, column 'date': 2026-10-31 is outside the report's period 2026-11-01 to 2026-11-30."
    ]
    october = Period(date(2026, 10, 1), date(2026, 10, 31))
    assert problems_of(raw, october) == [
        "line 3, column 'date': 2026-11-01 is outside the report's period "
        "2026-10-01 to 2026-10-31.",
        "line 4, column 'date': 2026-11-20 is outside the report's period "
        "2026-10-01 to 2026-10-31.",
    ]


def test_rows_on_the_first_and_the_last_day_of_the_period_given_are_accepted() -> None:
    raw = OURS + ours(date(2026, 11, 1)) + ours(date(2026, 11, 30))
    read = read_results(raw, NOVEMBER, today=date(2026, 11, 30))
    assert [row.period.start for row in read.rows] == [date(2026, 11, 1), date(2026, 11, 30)]


def test_the_exports_own_period_comes_before_the_one_given_with_it() -> None:
    raw = GA4_NOVEMBER + GA4 + ga4(date(2026, 11, 5))
    october = Period(date(2026, 10, 1), date(2026, 10, 31))
    assert read_results(raw, october, today=TODAY).rows[0].period.start == date(2026, 11, 5)


def test_a_row_both_outside_the_period_and_in_the_future_is_named_once() -> None:
    raw = GA4_NOVEMBER + GA4 + ga4(date(2026, 12, 3))
    assert problems_of(raw) == [
        "line 4, column 'date': 2026-12-03 is outside the report's period 2026-11-01 to 2026-11-30."
    ]


def test_every_refused_row_is_named_in_file_order_with_the_other_problems() -> None:
    raw = (
        OURS
        + ours(date(2026, 11, 24))
        + "2026-11-02,blog,blog,x,,many,0,0,0\n"
        + ours(date(2026, 10, 31))
        + "2027-01-01,blog,blog,x,,lots,0,0,0\n"
        + ours(date(2026, 11, 23))
    )
    assert problems_of(raw, NOVEMBER) == [
        "line 2, column 'date': 2026-11-24 is in the future (today is 2026-11-23).",
        "line 3, column 'visits': 'many' is not a whole number.",
        "line 4, column 'date': 2026-10-31 is outside the report's period "
        "2026-11-01 to 2026-11-30.",
        "line 5, column 'date': 2027-01-01 is outside the report's period "
        "2026-11-01 to 2026-11-30.",
        "line 5, column 'visits': 'lots' is not a whole number.",
    ]


def test_a_file_of_future_rows_stops_after_twenty_problems() -> None:
    raw = OURS + "".join(ours(TODAY + timedelta(days=n)) for n in range(1, 40))
    problems = problems_of(raw)
    assert len(problems) == 21 and problems[-1] == "Stopped after 20 problems; fix these first."
    assert problems[0].startswith("line 2, column 'date': 2026-11-24 is in the future")


def test_a_period_running_past_today_is_accepted_for_rows_without_a_date() -> None:
    # This month so far: importing the whole month later replaces the row.
    read = read_results((SAMPLES / "ga4-traffic-acquisition.csv").read_bytes(), today=TODAY)
    assert {row.period for row in read.rows} == {NOVEMBER}
    raw = "utm_source,utm_medium,utm_campaign,utm_content,visitors,visits\nblog,blog,,,3,4\n"
    assert read_results(raw, NOVEMBER, today=date(2026, 11, 1)).rows[0].period == NOVEMBER


def test_a_ga4_period_that_starts_after_today_is_refused_on_its_start_date_line() -> None:
    raw = "# Traffic acquisition\n" + GA4_NOVEMBER + "Session source / medium,Sessions\nx / y,3\n"
    with pytest.raises(ResultsFileError) as caught:
        read_results(raw, today=date(2026, 10, 31))
    assert str(caught.value) == (
        "line 2: The report's period starts on 2026-11-01, after today (2026-10-31)."
    )


def test_a_period_given_with_the_file_that_starts_after_today_is_refused() -> None:
    raw = "utm_source,utm_medium,utm_campaign,utm_content,visitors,visits\nblog,blog,,,3,4\n"
    assert problems_of(raw, NOVEMBER, today=date(2026, 10, 31)) == [
        "The report's period starts on 2026-11-01, after today (2026-10-31)."
    ]


def test_the_bundled_samples_are_read_on_the_day_the_tests_run() -> None:
    for name in ("ga4-traffic-acquisition.csv", "plausible-utm.csv", "results.csv"):
        assert read_results((SAMPLES / name).read_bytes(), today=TODAY).rows


days = st.dates(date(2000, 1, 1), date(2099, 12, 31))


@given(start=days, length=st.integers(0, 400), day=days, after_today=st.integers(-400, 400))
def test_a_rows_date_is_accepted_exactly_when_it_is_in_the_period_and_not_after_today(
    start: date, length: int, day: date, after_today: int
) -> None:
    end = min(start + timedelta(days=length), date(2099, 12, 31))
    period = Period(start, end)
    today = max(day + timedelta(days=after_today), start)  # a period that has begun
    raw = OURS + ours(day)
    if start <= day <= end and day <= today:
        assert read_results(raw, period, today=today).rows[0].period == Period(day, day)
    else:
        (problem,) = problems_of(raw, period, today)
        assert problem.startswith(f"line 2, column 'date': {day.isoformat()} is ")
        outside = not start <= day <= end
        assert ("outside the report's period" in problem) == outside
        assert ("in the future" in problem) == (not outside)
