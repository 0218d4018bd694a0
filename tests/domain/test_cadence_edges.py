"""Cadence behaviours a user would notice: finished rules stay finished, bounds hold, UTC out."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from calendar_app.domain.cadence import (
    Cadence,
    CadenceError,
    next_occurrences,
    normalise_rrule,
    plan_occurrences,
    resolve_timezone,
    validate_cadence,
)

BERLIN = ZoneInfo("Europe/Berlin")
UTC_ZONE = ZoneInfo("UTC")
TODAY = date(2026, 11, 23)  # the app's pinned "today" (tests/conftest.py)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def rule(rrule: str | None = "FREQ=DAILY", **kw) -> Cadence:
    values = {"activity": "post", "time_of_day": time(9), "starts_on": TODAY}
    values.update(kw)
    return Cadence(rrule=rrule, **values)


def a_year_of_planning_from(day: date, cadence: Cadence, tz: ZoneInfo = BERLIN) -> list:
    start = datetime.combine(day, time(), UTC)
    return plan_occurrences(cadence, tz, start, start + timedelta(days=366))


# --- 1. A finished rule stays finished ---------------------------------------------------


@pytest.mark.parametrize(
    ("cadence", "last_day", "planning_days"),
    [
        # Five daily posts in March 2020: nothing more the day after, or in 2026.
        (
            rule(starts_on=date(2020, 3, 2), count=5),
            date(2020, 3, 6),
            [TODAY, date(2020, 3, 7)],
        ),
        # Five daily posts that ended 300 days ago: today, and when the schedule is
        # extended 200 days later (by then the start is more than 400 days back).
        (
            rule(starts_on=TODAY - timedelta(days=304), count=5),
            TODAY - timedelta(days=300),
            [TODAY, TODAY + timedelta(days=200)],
        ),
        # The same with the count written in the RRULE.
        (
            rule("FREQ=DAILY;COUNT=5", starts_on=date(2020, 3, 2)),
            date(2020, 3, 6),
            [TODAY, date(2020, 3, 7)],
        ),
    ],
    ids=["count-from-2020", "count-ended-300-days-ago", "count-in-the-rrule"],
)
def test_a_finished_counted_rule_never_plans_again(
    cadence: Cadence, last_day: date, planning_days: list[date]
) -> None:
    planned = a_year_of_planning_from(cadence.starts_on, cadence)
    assert [o.day for o in planned] == [last_day - timedelta(days=n) for n in range(4, -1, -1)]
    for day in planning_days:
        assert a_year_of_planning_from(day, cadence) == [], day


FREQS = st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"])
DAYS = st.sampled_from(["MO", "TU", "WE", "TH", "FR", "SA", "SU"])


@st.composite
def recurrences(draw: st.DrawFn) -> str:
    """Open-ended RRULEs of every frequency, with and without the parts dateutil defaults."""
    freq = draw(FREQS)
    parts = [f"FREQ={freq}"]
    if draw(st.booleans()):
        parts.append(f"INTERVAL={draw(st.integers(1, 4))}")
    if freq in ("DAILY", "WEEKLY") and draw(st.booleans()):
        parts.append("BYDAY=" + ",".join(sorted(set(draw(st.lists(DAYS, min_size=1))))))
    if freq in ("MONTHLY", "YEARLY"):
        choice = draw(st.sampled_from(["none", "monthday", "nth"]))
        if choice == "monthday":
            parts.append(f"BYMONTHDAY={draw(st.sampled_from([1, 15, 28, -1]))}")
        elif choice == "nth":
            parts.append(f"BYDAY={draw(st.sampled_from([1, 2, -1]))}{draw(DAYS)}")
    if freq == "YEARLY" and draw(st.booleans()):
        parts.append(f"BYMONTH={draw(st.integers(1, 12))}")
    return ";".join(parts)


LONG_AGO = st.dates(date(1900, 1, 1), date(2025, 12, 31))
TIMES = st.sampled_from([time(0, 30), time(9), time(23, 45)])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    recurrence=recurrences(),
    starts_on=LONG_AGO,
    at=TIMES,
    count=st.integers(1, 40),
    in_the_rrule=st.booleans(),
    days_after_the_end=st.integers(2, 40_000),
)
def test_a_rule_whose_count_ran_out_long_ago_plans_nothing_new_whenever_planned(
    recurrence: str,
    starts_on: date,
    at: time,
    count: int,
    in_the_rrule: bool,
    days_after_the_end: int,
) -> None:
    if in_the_rrule:
        cadence = rule(f"{recurrence};COUNT={count}", starts_on=starts_on, time_of_day=at)
    else:
        cadence = rule(recurrence, starts_on=starts_on, time_of_day=at, count=count)
    try:
        validate_cadence(cadence)
    except CadenceError:
        assume(False)  # a rule that never occurs (say 30 February) has no end to speak of
    # The rule's last occurrence, straight from the RFC 5545 expansion.
    start = datetime.combine(starts_on, at)
    last = list(rrulestr(f"{recurrence};COUNT={count}", dtstart=start))[-1]
    assert a_year_of_planning_from(last.date() + timedelta(days=days_after_the_end), cadence) == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    recurrence=recurrences(),
    starts_on=LONG_AGO,
    at=TIMES,
    length=st.integers(0, 3_000),
    days_after_the_end=st.integers(2, 40_000),
)
def test_a_rule_whose_end_date_passed_long_ago_plans_nothing_new_whenever_planned(
    recurrence: str, starts_on: date, at: time, length: int, days_after_the_end: int
) -> None:
    ends_on = starts_on + timedelta(days=length)
    cadence = rule(recurrence, starts_on=starts_on, time_of_day=at, ends_on=ends_on)
    assert a_year_of_planning_from(ends_on + timedelta(days=days_after_the_end), cadence) == []


# --- 2. Time zones, the next occurrences, RRULE spelling, bounds -----------------------


@pytest.mark.parametrize("name", ["Europe/Berlin", "Asia/Kolkata", "America/Argentina/Salta"])
def test_a_valid_time_zone_resolves_to_that_zone(name: str) -> None:
    assert resolve_timezone(name) == ZoneInfo(name)


def test_the_next_five_slots_in_berlin_skip_blackout_dates_and_come_in_utc() -> None:
    cadence = rule(time_of_day=time(8, 30))
    found = next_occurrences(
        cadence, BERLIN, utc(2026, 11, 23, 7, 31), blackout_dates=[date(2026, 11, 25)]
    )
    # 08:30 in Berlin (CET) is 07:30 UTC: a minute past it, the next slot is the 24th's.
    assert [o.day for o in found] == [date(2026, 11, d) for d in (24, 26, 27, 28, 29)]
    assert [o.start for o in found] == [utc(2026, 11, d, 7, 30) for d in (24, 26, 27, 28, 29)]


def test_an_empty_part_between_two_semicolons_is_ignored() -> None:
    normalised = normalise_rrule("FREQ=WEEKLY;;BYDAY=MO")
    assert normalised == "FREQ=WEEKLY;BYDAY=MO"
    cadence = rule(normalised)  # rules are stored normalised
    validate_cadence(cadence)
    days = [o.day for o in a_year_of_planning_from(TODAY, cadence)][:3]
    assert days == [date(2026, 11, 23), date(2026, 11, 30), date(2026, 12, 7)]


@pytest.mark.parametrize(
    ("rrule", "fragment"),
    [
        ("FREQ=WEEKLY;BYDAY=MO,1TU", "BYDAY=1TU: a numbered day (like 1MO) needs FREQ=MONTHLY"),
        ("FREQ=MONTHLY;BYDAY=MO,6TU", "BYDAY=6 is out of range"),
    ],
)
def test_a_numbered_day_after_a_plain_one_is_still_checked(rrule: str, fragment: str) -> None:
    with pytest.raises(CadenceError) as caught:
        normalise_rrule(rrule)
    assert fragment in caught.value.message


@pytest.mark.parametrize("byday", ["MO,1TU", "1TU,MO", "MO,1MO", "TU,-1FR"])
def test_plain_and_numbered_days_together_are_refused_with_a_way_out(byday: str) -> None:
    # RFC 5545 means their union (every Monday and the first Tuesday); dateutil would plan
    # only days that are both, so such a rule is refused instead of planned wrong.
    with pytest.raises(CadenceError, match="mixes plain days .* make two rules") as caught:
        normalise_rrule(f"FREQ=MONTHLY;BYDAY={byday}")
    assert caught.value.field == "rrule"


def test_numbered_days_alone_and_plain_days_alone_are_still_accepted() -> None:
    assert normalise_rrule("FREQ=MONTHLY;BYDAY=1MO,3TU") == "FREQ=MONTHLY;BYDAY=1MO,3TU"
    assert normalise_rrule("FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=1") == (
        "FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=1"
    )


@pytest.mark.parametrize(
    "cadence",
    [
        rule(count=1),
        rule(count=10_000),
        rule("FREQ=DAILY;COUNT=1"),
        rule(duration_minutes=1),
        rule(duration_minutes=720),
    ],
)
def test_counts_and_durations_at_their_limits_are_accepted(cadence: Cadence) -> None:
    validate_cadence(cadence)


@pytest.mark.parametrize(
    ("cadence", "field", "fragment"),
    [
        (rule(count=0), "count", "between 1 and 10000"),
        (rule(count=10_001), "count", "between 1 and 10000"),
        (rule("FREQ=DAILY;COUNT=10001"), "rrule", "COUNT=10001 is out of range"),
        (rule(duration_minutes=721), "duration_minutes", "between 1 and 720 minutes"),
    ],
)
def test_counts_and_durations_just_past_their_limits_are_refused(
    cadence: Cadence, field: str, fragment: str
) -> None:
    with pytest.raises(CadenceError) as caught:
        validate_cadence(cadence)
    assert caught.value.field == field
    assert fragment in caught.value.message


@pytest.mark.parametrize("minutes", [1, 720])
def test_a_slot_lasts_its_duration_to_the_minute(minutes: int) -> None:
    (slot,) = plan_occurrences(
        rule(duration_minutes=minutes), UTC_ZONE, utc(2026, 11, 23), utc(2026, 11, 24)
    )
    assert slot.end - slot.start == timedelta(minutes=minutes)


_PLAN_IN_KOLKATA = """
import json
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo
from calendar_app.domain.cadence import Cadence, local_to_utc, next_occurrences, plan_occurrences

berlin = ZoneInfo("Europe/Berlin")
weekly = Cadence("post", time(9), date(2026, 11, 23), rrule="FREQ=WEEKLY;BYDAY=MO")
now = datetime(2026, 11, 23, 6, tzinfo=UTC)
found = plan_occurrences(weekly, berlin, now, datetime(2026, 12, 1, tzinfo=UTC))
found += next_occurrences(weekly, berlin, now, limit=1)
stamps = [(o.start, o.end) for o in found] + [(local_to_utc(datetime(2026, 7, 1, 9), berlin),)]
print(json.dumps([[str(s), s.tzname()] for pair in stamps for s in pair]))
"""


def test_returned_times_are_utc_whatever_the_machines_time_zone() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _PLAN_IN_KOLKATA],
        env={**os.environ, "TZ": "Asia/Kolkata"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout) == [
        ["2026-11-23 08:00:00+00:00", "UTC"],
        ["2026-11-23 08:30:00+00:00", "UTC"],
        ["2026-11-30 08:00:00+00:00", "UTC"],
        ["2026-11-30 08:30:00+00:00", "UTC"],
        ["2026-11-23 08:00:00+00:00", "UTC"],
        ["2026-11-23 08:30:00+00:00", "UTC"],
        ["2026-07-01 07:00:00+00:00", "UTC"],
    ]
