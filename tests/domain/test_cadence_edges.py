"""Cadence behaviours a user would notice: finished rules stay finished, bounds hold, UTC out."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time as clock
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from calendar_app.domain.cadence import (
    Cadence,
    CadenceError,
    check_start,
    local_to_utc,
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


# --- 3. What a user reads when a rule is refused, and rules far from today -------------


@pytest.mark.parametrize(
    ("cadence", "field", "message"),
    [
        (
            rule(None, per_week=6),
            "per_week",
            "Times per week must be between 1 and 5 (one slot per working day); "
            "use an RRULE for more.",
        ),
        (
            rule(activity="dance"),
            "activity",
            "Unknown activity 'dance'; use one of post, video, reply, listening, routine.",
        ),
        (
            Cadence("post", time(9), TODAY),
            "rrule",
            "Give either an RRULE or a number of times per week.",
        ),
        (
            Cadence("post", time(9), TODAY, rrule="FREQ=DAILY", per_week=2),
            "rrule",
            "Give either an RRULE or a number of times per week.",
        ),
        (
            rule("FREQ=DAILY;COUNT=3", ends_on=TODAY + timedelta(days=9)),
            "ends_on",
            "The end is given twice: in the RRULE and in its own field.",
        ),
        (
            rule(ends_on=TODAY + timedelta(days=9), count=3),
            "count",
            "Give an end date or a count, not both.",
        ),
        (
            rule(ends_on=TODAY - timedelta(days=1)),
            "ends_on",
            "The end date is before the start date.",
        ),
        (
            rule("FREQ=WEEKLY;BYDAY=FR", ends_on=TODAY + timedelta(days=2)),
            "ends_on",
            "This rule has no occurrence between its start and its end.",
        ),
        (
            rule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"),
            "rrule",
            "This rule has no occurrence in the 5 years after its start.",
        ),
    ],
)
def test_a_refused_rule_says_exactly_what_to_change(
    cadence: Cadence, field: str, message: str
) -> None:
    with pytest.raises(CadenceError) as caught:
        validate_cadence(cadence)
    assert (caught.value.field, caught.value.message) == (field, message)


@pytest.mark.parametrize("name", ["Mars/Olympus", "", " Europe/Berlin", "Europe/Berlin\n"])
def test_an_unknown_time_zone_is_blamed_on_the_time_zone_field(name: str) -> None:
    with pytest.raises(CadenceError) as caught:
        resolve_timezone(name)
    assert caught.value.field == "timezone"
    assert caught.value.message == (
        f"Unknown time zone {name!r} (use an IANA name such as Europe/Berlin)."
    )


def test_a_start_date_too_far_off_is_blamed_on_the_start_date_field() -> None:
    with pytest.raises(CadenceError) as caught:
        check_start(date(2040, 1, 1), TODAY)
    assert caught.value.field == "starts_on"
    assert caught.value.message == "The start date must be between 23 Nov 2025 and 23 Nov 2036."


@pytest.mark.parametrize(
    "rrule", ["FREQ=DAILY", "FREQ=YEARLY", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"]
)
@pytest.mark.parametrize("ends_on", [date(2399, 12, 31), date(2400, 1, 1), date(9999, 12, 31)])
def test_an_end_date_centuries_away_is_accepted(rrule: str, ends_on: date) -> None:
    cadence = rule(rrule, ends_on=ends_on)
    validate_cadence(cadence)
    assert next_occurrences(cadence, UTC_ZONE, utc(2026, 11, 23), limit=1)


@pytest.mark.parametrize(
    ("cadence", "window", "days"),
    [
        # Every day of ISO week 20, whatever the weekday the rule started on.
        (
            rule("FREQ=YEARLY;BYWEEKNO=20", starts_on=date(2010, 5, 17)),
            (date(2026, 5, 1), date(2026, 6, 1)),
            [date(2026, 5, d) for d in range(11, 18)],
        ),
        # The 100th day of the year: 9 April in a leap year.
        (
            rule("FREQ=YEARLY;BYYEARDAY=100", starts_on=date(2010, 4, 10)),
            (date(2026, 1, 1), date(2029, 1, 1)),
            [date(2026, 4, 10), date(2027, 4, 10), date(2028, 4, 9)],
        ),
        # Monthly from a 31st: only the months that have one.
        (
            rule("FREQ=MONTHLY", starts_on=date(2020, 1, 31)),
            (date(2026, 5, 15), date(2026, 9, 1)),
            [date(2026, 5, 31), date(2026, 7, 31), date(2026, 8, 31)],
        ),
    ],
    ids=["week-number", "day-of-year", "monthly-on-the-31st"],
)
def test_rules_started_years_ago_keep_their_days(
    cadence: Cadence, window: tuple[date, date], days: list[date]
) -> None:
    start, end = (datetime.combine(day, time(), UTC) for day in window)
    assert [o.day for o in plan_occurrences(cadence, UTC_ZONE, start, end)] == days


@pytest.mark.parametrize(
    ("now", "days"),
    [
        # Exactly 750 days before the third 1 January: it lies beyond the horizon.
        (utc(2026, 12, 13, 9), [date(2027, 1, 1), date(2028, 1, 1)]),
        (utc(2026, 12, 13, 9, 1), [date(2027, 1, 1), date(2028, 1, 1), date(2029, 1, 1)]),
    ],
)
def test_the_next_occurrences_look_750_days_ahead(now: datetime, days: list[date]) -> None:
    yearly = rule("FREQ=YEARLY", starts_on=date(2026, 1, 1))
    assert [o.day for o in next_occurrences(yearly, UTC_ZONE, now)] == days


def test_the_second_of_two_identical_autumn_hours_still_means_the_first() -> None:
    second_half_hour = datetime(2026, 10, 25, 2, 30, fold=1)
    assert local_to_utc(second_half_hour, BERLIN) == utc(2026, 10, 25, 0, 30)


@contextmanager
def machine_time_zone(posix_tz: str) -> Iterator[None]:
    """The process's local time zone set to ``posix_tz`` for the block."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = posix_tz
    clock.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        clock.tzset()


# POSIX zone strings (the sign is inverted): they need no zone files on the machine.
PLUS_14, MINUS_11 = "<+14>-14", "<-11>11"


@pytest.mark.parametrize(
    ("channel", "machine"),
    [("Pacific/Pago_Pago", PLUS_14), ("Pacific/Kiritimati", MINUS_11), ("Europe/Berlin", PLUS_14)],
)
def test_a_slot_is_found_in_a_one_minute_window_whatever_the_machines_time_zone(
    channel: str, machine: str
) -> None:
    zone = ZoneInfo(channel)
    cadence = rule(time_of_day=time(9, 30))
    slot = local_to_utc(datetime(2026, 11, 25, 9, 30), zone)
    with machine_time_zone(machine):
        found = plan_occurrences(cadence, zone, slot, slot + timedelta(minutes=1))
    assert [o.day for o in found] == [date(2026, 11, 25)]
    assert [(str(o.start), str(o.end)) for o in found] == [
        (str(slot), str(slot + timedelta(minutes=30)))
    ]
    assert found[0].start.utcoffset() == timedelta(0)
