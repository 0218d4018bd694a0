"""Rules are bounded: end dates work, RFC 5545's limits hold, and planning work stays small.

Property-based tests (hypothesis) check the promises for many rules at once.
"""

from __future__ import annotations

import time as stopwatch
from datetime import UTC, date, datetime, time, timedelta
from unittest.mock import patch
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from calendar_app.domain import cadence as cadence_module
from calendar_app.domain.cadence import (
    Cadence,
    CadenceError,
    check_start,
    next_occurrences,
    normalise_rrule,
    plan_occurrences,
    validate_cadence,
)

UTC_ZONE = ZoneInfo("UTC")
BERLIN = ZoneInfo("Europe/Berlin")


def weekly(rrule: str = "FREQ=WEEKLY;BYDAY=MO", **kw) -> Cadence:
    fields = {"activity": "post", "time_of_day": time(9), "starts_on": date(2026, 11, 23)}
    fields.update(kw)
    return Cadence(rrule=rrule, **fields)


def test_a_rule_with_an_end_date_is_accepted_and_stops_there() -> None:
    cadence = weekly(ends_on=date(2026, 12, 31))
    validate_cadence(cadence)
    days = plan_occurrences(
        cadence, UTC_ZONE, datetime(2026, 11, 1, tzinfo=UTC), datetime(2027, 3, 1, tzinfo=UTC)
    )
    assert [o.day for o in days][-1] == date(2026, 12, 28)
    assert len(days) == 6


def test_an_end_before_the_first_occurrence_says_so() -> None:
    # Starts on a Monday, wants Fridays, ends on Wednesday.
    cadence = weekly("FREQ=WEEKLY;BYDAY=FR", ends_on=date(2026, 11, 25))
    with pytest.raises(CadenceError) as caught:
        validate_cadence(cadence)
    assert caught.value.field == "ends_on"
    assert "between its start and its end" in caught.value.message


@pytest.mark.parametrize(
    ("rrule", "fragment"),
    [
        ("FREQ=DAILY;INTERVAL=0", "INTERVAL=0 is out of range"),
        ("FREQ=DAILY;INTERVAL=-1", "INTERVAL=-1 is out of range"),
        ("FREQ=DAILY;INTERVAL=367", "INTERVAL=367 is out of range"),
        ("FREQ=DAILY;INTERVAL=two", "not a whole number"),
        ("FREQ=WEEKLY;BYDAY=1MO", "needs FREQ=MONTHLY or FREQ=YEARLY"),
        ("FREQ=WEEKLY;BYDAY=+53MO", "needs FREQ=MONTHLY or FREQ=YEARLY"),
        ("FREQ=DAILY;BYDAY=2TU", "needs FREQ=MONTHLY or FREQ=YEARLY"),
        ("FREQ=MONTHLY;BYDAY=6MO", "BYDAY=6 is out of range"),
        ("FREQ=MONTHLY;BYDAY=0MO", "BYDAY=0 is out of range"),
        ("FREQ=YEARLY;BYDAY=54MO", "BYDAY=54 is out of range"),
        ("FREQ=YEARLY;BYWEEKNO=20;BYDAY=1MO", "without BYWEEKNO"),
        ("FREQ=YEARLY;BYMONTH=3;BYDAY=6MO", "BYDAY=6 is out of range"),
        ("FREQ=WEEKLY;BYMONTHDAY=3", "BYMONTHDAY cannot be used with FREQ=WEEKLY"),
        ("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY=32 is out of range"),
        ("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY=0 is out of range"),
        ("FREQ=MONTHLY;BYYEARDAY=100", "BYYEARDAY cannot be used with FREQ=MONTHLY"),
        ("FREQ=MONTHLY;BYWEEKNO=3", "BYWEEKNO cannot be used with FREQ=MONTHLY"),
        ("FREQ=YEARLY;BYMONTH=13", "BYMONTH=13 is out of range"),
        ("FREQ=MONTHLY;BYSETPOS=1", "BYSETPOS needs another BY part"),
        ("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=367", "BYSETPOS=367 is out of range"),
        ("FREQ=WEEKLY;WKST=XX;BYDAY=MO", "WKST=XX is not a day"),
        ("FREQ=DAILY;COUNT=0", "COUNT=0 is out of range"),
    ],
)
def test_rrule_values_outside_rfc_5545_are_refused(rrule: str, fragment: str) -> None:
    with pytest.raises(CadenceError) as caught:
        normalise_rrule(rrule)
    assert caught.value.field == "rrule"
    assert fragment in caught.value.message


@pytest.mark.parametrize(
    ("rrule", "normalised"),
    [
        ("FREQ=DAILY;INTERVAL=1", "FREQ=DAILY;INTERVAL=1"),
        ("FREQ=DAILY;INTERVAL=366", "FREQ=DAILY;INTERVAL=366"),
        ("FREQ=MONTHLY;BYDAY=5MO", "FREQ=MONTHLY;BYDAY=5MO"),
        ("FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;BYDAY=-1FR"),
        ("FREQ=MONTHLY;BYDAY=+2TU", "FREQ=MONTHLY;BYDAY=+2TU"),
        ("FREQ=YEARLY;BYDAY=20MO", "FREQ=YEARLY;BYDAY=20MO"),
        ("FREQ=YEARLY;BYDAY=-53SU", "FREQ=YEARLY;BYDAY=-53SU"),
        ("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", "FREQ=MONTHLY;BYMONTHDAY=-1"),
        ("FREQ=DAILY;BYMONTHDAY=1,15", "FREQ=DAILY;BYMONTHDAY=1,15"),
        ("FREQ=YEARLY;BYYEARDAY=-366,100", "FREQ=YEARLY;BYYEARDAY=-366,100"),
        ("FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO", "FREQ=YEARLY;BYDAY=MO;BYWEEKNO=53"),
        (
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
        ),
        (
            "FREQ=WEEKLY;WKST=SU;INTERVAL=2;BYDAY=SU,MO",
            "FREQ=WEEKLY;BYDAY=SU,MO;INTERVAL=2;WKST=SU",
        ),
        ("FREQ=DAILY;COUNT=10000", "FREQ=DAILY;COUNT=10000"),
        ("WKST=MO;byday=mo ; Freq=Weekly", "FREQ=WEEKLY;BYDAY=MO;WKST=MO"),
    ],
)
def test_rrules_within_rfc_5545_are_accepted(rrule: str, normalised: str) -> None:
    assert normalise_rrule(rrule) == normalised
    validate_cadence(weekly(normalised, starts_on=date(2026, 1, 1)))


@pytest.mark.parametrize(
    ("starts_on", "ok"),
    [
        (date(2025, 11, 23), True),
        (date(2025, 11, 22), False),
        (date(2036, 11, 23), True),
        (date(2036, 11, 24), False),
        (date(1, 1, 1), False),
        (date(9999, 12, 31), False),
    ],
)
def test_new_start_dates_lie_within_a_year_back_and_ten_ahead(starts_on: date, ok: bool) -> None:
    if ok:
        check_start(starts_on, date(2026, 11, 23))
    else:
        with pytest.raises(CadenceError, match="between 23 Nov 2025 and 23 Nov 2036"):
            check_start(starts_on, date(2026, 11, 23))


def test_a_leap_day_today_still_gives_a_window() -> None:
    today = date(2024, 2, 29)
    check_start(date(2023, 2, 28), today)
    check_start(date(2034, 2, 28), today)
    for outside in (date(2023, 2, 27), date(2034, 3, 1)):
        with pytest.raises(CadenceError, match="between 28 Feb 2023 and 28 Feb 2034"):
            check_start(outside, today)


def test_a_rule_that_started_long_ago_plans_as_fast_as_a_new_one() -> None:
    old = weekly("FREQ=DAILY", starts_on=date(1, 1, 1))
    window = (datetime(2026, 11, 23, tzinfo=UTC), datetime(2027, 2, 23, tzinfo=UTC))
    began = stopwatch.perf_counter()
    days = plan_occurrences(old, BERLIN, *window)
    elapsed = stopwatch.perf_counter() - began
    assert len(days) == 92
    # Not a timing assertion on the product: walking two thousand years of days
    # takes seconds, the fast-forwarded walk a few milliseconds.
    assert elapsed < 1.0


# --- Properties -------------------------------------------------------------------------

FREQS = st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"])
DAYS = st.sampled_from(["MO", "TU", "WE", "TH", "FR", "SA", "SU"])


@st.composite
def rrules(draw: st.DrawFn) -> str:
    freq = draw(FREQS)
    parts = [f"FREQ={freq}"]
    if draw(st.booleans()):
        parts.append(f"INTERVAL={draw(st.integers(1, 5))}")
    if freq in ("DAILY", "WEEKLY") and draw(st.booleans()):
        parts.append("BYDAY=" + ",".join(sorted(set(draw(st.lists(DAYS, min_size=1))))))
    if freq == "MONTHLY":
        choice = draw(st.sampled_from(["none", "monthday", "nth"]))
        if choice == "monthday":
            parts.append(f"BYMONTHDAY={draw(st.sampled_from([1, 10, 28, -1]))}")
        elif choice == "nth":
            parts.append(f"BYDAY={draw(st.sampled_from([1, 2, -1]))}{draw(DAYS)}")
    if freq == "YEARLY" and draw(st.booleans()):
        parts.append(f"BYMONTH={draw(st.integers(1, 12))}")
    return ";".join(parts)


def five_years_from(day: date) -> tuple[datetime, datetime]:
    """From ``day`` to the end of the fifth year after it (the years count whole)."""
    return datetime.combine(day, time(), UTC), datetime(day.year + 6, 1, 1, tzinfo=UTC)


starts = st.dates(date(2025, 11, 23), date(2027, 6, 1))
times = st.sampled_from([time(0, 30), time(2, 30), time(9), time(23, 45)])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rrule=rrules(), starts_on=starts, length=st.integers(0, 800), at=times)
def test_any_valid_rule_with_an_end_date_validates_and_stops_on_or_before_it(
    rrule: str, starts_on: date, length: int, at: time
) -> None:
    ends_on = starts_on + timedelta(days=length)
    cadence = weekly(rrule, starts_on=starts_on, ends_on=ends_on, time_of_day=at)
    open_ended = weekly(rrule, starts_on=starts_on, time_of_day=at)
    window = (datetime(2025, 1, 1, tzinfo=UTC), datetime(2030, 1, 1, tzinfo=UTC))
    expected = [o for o in plan_occurrences(open_ended, BERLIN, *window) if o.day <= ends_on]
    if not expected:
        with pytest.raises(CadenceError):
            validate_cadence(cadence)
        return
    validate_cadence(cadence)
    assert plan_occurrences(cadence, BERLIN, *window) == expected


@settings(max_examples=100, deadline=None)
@given(
    rrule=rrules(),
    starts_on=starts,
    count=st.integers(1, 60),
    blackout=st.sets(st.dates(date(2025, 11, 23), date(2029, 12, 31)), max_size=30),
)
# 29 February every fifth year from 2027: first in 2032, within the five years counted whole.
@example(
    rrule="FREQ=YEARLY;INTERVAL=5;BYMONTH=2", starts_on=date(2027, 1, 29), count=1, blackout=set()
)
def test_a_count_gives_exactly_that_many_minus_blackout_dates(
    rrule: str, starts_on: date, count: int, blackout: set[date]
) -> None:
    cadence = weekly(rrule, starts_on=starts_on, count=count)
    # Refused exactly when the rule never occurs in the five years after its start (Feb 29
    # every other year from an odd one): no other refusal passes.
    open_ended = weekly(rrule, starts_on=starts_on)
    if not plan_occurrences(open_ended, UTC_ZONE, *five_years_from(starts_on)):
        with pytest.raises(CadenceError, match="no occurrence in the 5 years"):
            validate_cadence(cadence)
        return
    validate_cadence(cadence)
    window = (datetime(2025, 1, 1, tzinfo=UTC), datetime(9000, 1, 1, tzinfo=UTC))
    everything = plan_occurrences(cadence, UTC_ZONE, *window)
    assert len(everything) == count
    kept = plan_occurrences(cadence, UTC_ZONE, *window, blackout_dates=blackout)
    assert len(kept) == count - len({o.day for o in everything} & blackout)


@settings(max_examples=200, deadline=None)
@given(
    rrule=rrules(),
    starts_on=st.dates(date(1990, 1, 1), date(2024, 1, 1)),
    window_from=st.dates(date(2025, 1, 1), date(2040, 1, 1)),
    at=times,
)
def test_fast_forwarding_an_old_rule_changes_no_occurrence(
    rrule: str, starts_on: date, window_from: date, at: time
) -> None:
    cadence = weekly(rrule, starts_on=starts_on, time_of_day=at)
    start = datetime.combine(window_from, time(), UTC)
    window = (start, start + timedelta(days=120))
    fast = plan_occurrences(cadence, BERLIN, *window)
    walk_from_the_start = patch.object(
        cadence_module,
        "_fast_forward",
        lambda c, _: (c.recurrence, datetime.combine(c.starts_on, c.time_of_day)),
    )
    with walk_from_the_start:
        slow = plan_occurrences(cadence, BERLIN, *window)
    assert fast == slow


@settings(max_examples=150, deadline=None)
@given(
    rrule=rrules(),
    starts_on=starts,
    now=st.datetimes(datetime(2025, 1, 1), datetime(2030, 1, 1), timezones=st.just(UTC)),
    limit=st.integers(1, 5),
    blackout=st.sets(st.dates(date(2025, 1, 1), date(2031, 12, 31)), max_size=20),
)
def test_the_next_occurrences_are_the_first_of_the_planned_window(
    rrule: str, starts_on: date, now: datetime, limit: int, blackout: set[date]
) -> None:
    cadence = weekly(rrule, starts_on=starts_on)
    window = plan_occurrences(cadence, BERLIN, now, now + timedelta(days=750), blackout)
    assert next_occurrences(cadence, BERLIN, now, limit, blackout) == window[:limit]
