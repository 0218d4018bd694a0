"""Cadence rules expand into exact occurrences, in the right time zone, and read in plain words."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from calendar_app.domain.cadence import (
    Cadence,
    CadenceError,
    local_to_utc,
    next_occurrences,
    plan_occurrences,
    resolve_timezone,
    spread_over_working_days,
    validate_cadence,
)
from calendar_app.domain.rule_words import describe_cadence

BERLIN = ZoneInfo("Europe/Berlin")
UTC_ZONE = ZoneInfo("UTC")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def local_days(
    cadence: Cadence, start: date, end: date, tz: ZoneInfo = UTC_ZONE, **kw
) -> list[str]:
    """The local dates of the occurrences between two UTC midnights."""
    window = plan_occurrences(
        cadence, tz, datetime.combine(start, time(), UTC), datetime.combine(end, time(), UTC), **kw
    )
    return [o.day.isoformat() for o in window]


def rule(rrule: str | None = None, **kw) -> Cadence:
    values = {"activity": "post", "time_of_day": time(9), "starts_on": date(2026, 11, 23)}
    values.update(kw)
    return Cadence(rrule=rrule, **values)


@pytest.mark.parametrize(
    ("rrule", "expected"),
    [
        ("FREQ=DAILY", ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27"]),
        ("FREQ=DAILY;INTERVAL=2", ["2026-11-23", "2026-11-25", "2026-11-27"]),
        (
            "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
            ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27"],
        ),
        ("FREQ=WEEKLY;BYDAY=MO,WE,FR", ["2026-11-23", "2026-11-25", "2026-11-27"]),
        ("FREQ=WEEKLY;BYDAY=TH", ["2026-11-26"]),
        ("FREQ=WEEKLY", ["2026-11-23"]),
        ("FREQ=WEEKLY;BYDAY=SA,SU", []),
    ],
)
def test_daily_and_weekly_rules_give_exact_days(rrule: str, expected: list[str]) -> None:
    assert local_days(rule(rrule), date(2026, 11, 23), date(2026, 11, 28)) == expected


@pytest.mark.parametrize(
    ("rrule", "end", "expected"),
    [
        (
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
            date(2027, 1, 1),
            ["2026-11-26", "2026-12-10", "2026-12-24"],
        ),
        # Year end: a weekly Thursday runs straight from 2026 into 2027.
        (
            "FREQ=WEEKLY;BYDAY=TH",
            date(2027, 1, 15),
            [
                "2026-11-26",
                "2026-12-03",
                "2026-12-10",
                "2026-12-17",
                "2026-12-24",
                "2026-12-31",
                "2027-01-07",
                "2027-01-14",
            ],
        ),
        (
            "FREQ=MONTHLY;BYDAY=-1FR",
            date(2027, 3, 1),
            ["2026-11-27", "2026-12-25", "2027-01-29", "2027-02-26"],
        ),
        (
            "FREQ=MONTHLY;BYDAY=FR;BYSETPOS=-1",
            date(2027, 3, 1),
            ["2026-11-27", "2026-12-25", "2027-01-29", "2027-02-26"],
        ),
        ("FREQ=MONTHLY;BYDAY=1MO", date(2027, 3, 1), ["2026-12-07", "2027-01-04", "2027-02-01"]),
        # Month ends: day 31 skips short months, -1 is always the last day.
        (
            "FREQ=MONTHLY;BYMONTHDAY=31",
            date(2027, 5, 1),
            ["2026-12-31", "2027-01-31", "2027-03-31"],
        ),
        (
            "FREQ=MONTHLY;BYMONTHDAY=-1",
            date(2027, 3, 1),
            ["2026-11-30", "2026-12-31", "2027-01-31", "2027-02-28"],
        ),
        (
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1",
            date(2027, 3, 1),
            ["2026-12-01", "2027-01-01", "2027-02-01"],
        ),
        (
            "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=1",
            date(2028, 12, 2),
            ["2026-12-01", "2027-12-01", "2028-12-01"],
        ),
        # Leap days: only in leap years.
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", date(2033, 1, 1), ["2028-02-29", "2032-02-29"]),
        ("FREQ=MONTHLY;BYMONTHDAY=-1;BYMONTH=2", date(2029, 1, 1), ["2027-02-28", "2028-02-29"]),
    ],
)
def test_monthly_yearly_and_edge_rules_give_exact_days(
    rrule: str, end: date, expected: list[str]
) -> None:
    assert local_days(rule(rrule), date(2026, 11, 23), end) == expected


@pytest.mark.parametrize(
    ("per_week", "weekdays"),
    [
        (1, ["WE"]),
        (2, ["TU", "TH"]),
        (3, ["MO", "WE", "FR"]),
        (4, ["MO", "TU", "TH", "FR"]),
        (5, ["MO", "TU", "WE", "TH", "FR"]),
    ],
)
def test_times_per_week_spread_evenly_over_working_days(per_week: int, weekdays: list[str]) -> None:
    assert list(spread_over_working_days(per_week)) == weekdays


def test_three_posts_a_week_land_on_monday_wednesday_friday_every_week() -> None:
    days = local_days(rule(per_week=3), date(2026, 11, 23), date(2026, 12, 7))
    assert days == [
        "2026-11-23",
        "2026-11-25",
        "2026-11-27",
        "2026-11-30",
        "2026-12-02",
        "2026-12-04",
    ]


def test_end_date_is_inclusive() -> None:
    cadence = rule("FREQ=WEEKLY;BYDAY=MO", ends_on=date(2026, 12, 7))
    assert local_days(cadence, date(2026, 11, 1), date(2027, 1, 1)) == [
        "2026-11-23",
        "2026-11-30",
        "2026-12-07",
    ]


def test_count_stops_after_that_many_occurrences() -> None:
    cadence = rule("FREQ=DAILY", count=3)
    assert local_days(cadence, date(2026, 11, 1), date(2027, 1, 1)) == [
        "2026-11-23",
        "2026-11-24",
        "2026-11-25",
    ]


def test_blackout_dates_get_nothing_and_do_not_push_the_count() -> None:
    cadence = rule("FREQ=DAILY", count=3)
    days = local_days(
        cadence, date(2026, 11, 1), date(2027, 1, 1), blackout_dates=[date(2026, 11, 24)]
    )
    assert days == ["2026-11-23", "2026-11-25"]


def test_blackout_dates_are_local_dates() -> None:
    # 00:30 in Berlin on 24 Nov is still 23 Nov in UTC; the blackout is the local date.
    # The window ends at UTC midnight of 26 Nov, which is 01:00 on 26 Nov in Berlin.
    cadence = rule("FREQ=DAILY", time_of_day=time(0, 30))
    days = local_days(
        cadence, date(2026, 11, 23), date(2026, 11, 26), BERLIN, blackout_dates=[date(2026, 11, 24)]
    )
    assert days == ["2026-11-25", "2026-11-26"]


def test_a_weekly_berlin_slot_keeps_its_wall_clock_time_across_both_dst_switches() -> None:
    cadence = rule("FREQ=WEEKLY;BYDAY=MO", starts_on=date(2026, 3, 16))
    starts = [
        o.start for o in plan_occurrences(cadence, BERLIN, utc(2026, 3, 16), utc(2026, 11, 3))
    ]
    by_day = {s.astimezone(BERLIN).date(): s for s in starts}
    assert all(s.astimezone(BERLIN).time() == time(9) for s in starts)
    assert by_day[date(2026, 3, 23)] == utc(2026, 3, 23, 8)  # CET, UTC+1
    assert by_day[date(2026, 3, 30)] == utc(2026, 3, 30, 7)  # CEST, UTC+2
    assert by_day[date(2026, 10, 19)] == utc(2026, 10, 19, 7)  # CEST
    assert by_day[date(2026, 10, 26)] == utc(2026, 10, 26, 8)  # CET again


@pytest.mark.parametrize(
    ("local", "expected_utc", "shown"),
    [
        # 02:30 does not exist on 29 Mar 2026 in Berlin: it moves forward by the hour gap.
        (datetime(2026, 3, 29, 2, 30), utc(2026, 3, 29, 1, 30), "03:30"),
        # 02:30 happens twice on 25 Oct 2026: the first one (still CEST) is meant.
        (datetime(2026, 10, 25, 2, 30), utc(2026, 10, 25, 0, 30), "02:30"),
        (datetime(2026, 3, 28, 2, 30), utc(2026, 3, 28, 1, 30), "02:30"),
        (datetime(2026, 3, 30, 2, 30), utc(2026, 3, 30, 0, 30), "02:30"),
    ],
)
def test_nonexistent_and_ambiguous_local_times(
    local: datetime, expected_utc: datetime, shown: str
) -> None:
    resolved = local_to_utc(local, BERLIN)
    assert resolved == expected_utc
    assert f"{resolved.astimezone(BERLIN):%H:%M}" == shown


def test_a_daily_slot_in_the_spring_gap_is_planned_an_hour_later_that_day_only() -> None:
    cadence = rule("FREQ=DAILY", starts_on=date(2026, 3, 27), time_of_day=time(2, 30))
    found = plan_occurrences(cadence, BERLIN, utc(2026, 3, 27), utc(2026, 3, 31))
    assert [o.start for o in found] == [
        utc(2026, 3, 27, 1, 30),
        utc(2026, 3, 28, 1, 30),
        utc(2026, 3, 29, 1, 30),
        utc(2026, 3, 30, 0, 30),
    ]
    assert [o.day for o in found] == [date(2026, 3, d) for d in (27, 28, 29, 30)]


def test_a_channel_in_kolkata_uses_its_half_hour_offset() -> None:
    cadence = rule("FREQ=WEEKLY;BYDAY=TU", time_of_day=time(10, 0), duration_minutes=45)
    found = plan_occurrences(cadence, ZoneInfo("Asia/Kolkata"), utc(2026, 11, 23), utc(2026, 12, 2))
    assert [(o.start, o.end) for o in found] == [
        (utc(2026, 11, 24, 4, 30), utc(2026, 11, 24, 5, 15)),
        (utc(2026, 12, 1, 4, 30), utc(2026, 12, 1, 5, 15)),
    ]


@pytest.mark.parametrize(
    ("activity", "minutes"),
    [("post", 30), ("video", 120), ("reply", 30), ("listening", 15), ("routine", 30)],
)
def test_default_durations_by_activity(activity: str, minutes: int) -> None:
    (first,) = plan_occurrences(
        rule("FREQ=DAILY", activity=activity), UTC_ZONE, utc(2026, 11, 23), utc(2026, 11, 24)
    )
    assert (first.end - first.start).total_seconds() == minutes * 60


def test_the_window_is_half_open_and_exact() -> None:
    cadence = rule("FREQ=DAILY")
    found = plan_occurrences(cadence, UTC_ZONE, utc(2026, 11, 24, 9), utc(2026, 11, 26, 9))
    assert [o.day for o in found] == [date(2026, 11, 24), date(2026, 11, 25)]


def test_next_occurrences_start_after_now() -> None:
    found = next_occurrences(
        rule("FREQ=WEEKLY;BYDAY=MO,WE,FR"), UTC_ZONE, utc(2026, 11, 23, 12), limit=3
    )
    assert [o.day for o in found] == [date(2026, 11, 25), date(2026, 11, 27), date(2026, 11, 30)]


@pytest.mark.parametrize(
    ("cadence", "words"),
    [
        (rule("FREQ=WEEKLY;BYDAY=MO,WE,FR"), "Every Mon, Wed and Fri at 09:00"),
        (rule("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", time_of_day=time(10)), "Every weekday at 10:00"),
        (rule("FREQ=DAILY", time_of_day=time(16)), "Every day at 16:00"),
        (rule("FREQ=WEEKLY;BYDAY=TH", time_of_day=time(15)), "Every Thu at 15:00"),
        (rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"), "Every 2 weeks on Thu at 09:00"),
        (rule("FREQ=MONTHLY;BYDAY=-1FR"), "Every month on the last Friday at 09:00"),
        (rule("FREQ=MONTHLY;BYDAY=FR;BYSETPOS=-1"), "Every month on the last Friday at 09:00"),
        (rule("FREQ=MONTHLY;BYMONTHDAY=1,15"), "Every month on the 1st and the 15th at 09:00"),
        (rule("FREQ=YEARLY"), "Every year on 23 November at 09:00"),
        (
            rule("FREQ=YEARLY;BYMONTH=12;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1"),
            "Every year on the first weekday of December at 09:00",
        ),
        (rule(per_week=3), "3 times a week (Mon, Wed and Fri) at 09:00"),
        (rule(per_week=1), "Once a week (Wed) at 09:00"),
        (rule("FREQ=DAILY", count=10), "Every day at 09:00, 10 times"),
        (
            rule("FREQ=WEEKLY;BYDAY=MO", ends_on=date(2027, 3, 1)),
            "Every Mon at 09:00, until 1 Mar 2027",
        ),
        (rule("FREQ=YEARLY;BYWEEKNO=20"), "Custom rule (FREQ=YEARLY;BYWEEKNO=20) at 09:00"),
    ],
)
def test_rules_in_plain_words(cadence: Cadence, words: str) -> None:
    assert describe_cadence(cadence) == words


@pytest.mark.parametrize(
    ("recurrence", "words"),
    [
        ("FREQ=DAILY;BYDAY=SA,SU", "Every weekend day"),
        ("FREQ=DAILY;BYDAY=TU,TH", "Every Tue and Thu"),
        ("FREQ=DAILY;INTERVAL=3", "Every 3 days"),
        ("FREQ=DAILY;INTERVAL=2;BYDAY=MO", "Custom rule (FREQ=DAILY;INTERVAL=2;BYDAY=MO)"),
        ("FREQ=WEEKLY", "Every Mon"),  # the start's weekday (Mon 23 Nov 2026)
        ("FREQ=WEEKLY;INTERVAL=3", "Every 3 weeks on Mon"),
        ("FREQ=WEEKLY;BYDAY=SU,SA", "Every weekend day"),
        ("FREQ=WEEKLY;BYMONTH=3", "Custom rule (FREQ=WEEKLY;BYMONTH=3)"),
        ("FREQ=MONTHLY", "Every month on day 23"),
        ("FREQ=MONTHLY;INTERVAL=2", "Every 2 months on day 23"),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", "Every month on the last day"),
        ("FREQ=MONTHLY;BYMONTHDAY=22", "Every month on the 22nd"),
        ("FREQ=MONTHLY;BYDAY=1MO,3MO", "Every month on the first Monday and the third Monday"),
        ("FREQ=MONTHLY;BYDAY=-2WE", "Every month on the second to last Wednesday"),
        ("FREQ=MONTHLY;BYDAY=MO", "Custom rule (FREQ=MONTHLY;BYDAY=MO)"),
        ("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "Every month on the last weekday"),
        ("FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2", "Every month on the second Tuesday"),
        (
            "FREQ=MONTHLY;BYDAY=TU,WE;BYSETPOS=2",
            "Custom rule (FREQ=MONTHLY;BYDAY=TU,WE;BYSETPOS=2)",
        ),
        ("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15", "Every year on 15 March"),
        ("FREQ=YEARLY;INTERVAL=2;BYMONTH=3;BYMONTHDAY=15", "Every 2 years on 15 March"),
        (
            "FREQ=YEARLY;BYMONTH=3,4;BYMONTHDAY=15",
            "Custom rule (FREQ=YEARLY;BYMONTH=3,4;BYMONTHDAY=15)",
        ),
        (
            "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=-1",
            "Custom rule (FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=-1)",
        ),
        ("FREQ=YEARLY;INTERVAL=4", "Every 4 years on 23 November"),
        (
            "FREQ=YEARLY;BYMONTH=12;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
            "Every year on the last weekday of December",
        ),
        ("FREQ=YEARLY;BYMONTH=6", "Custom rule (FREQ=YEARLY;BYMONTH=6)"),
        # A numbered day picked by position: valid, and said as it is (it used to fail).
        ("FREQ=MONTHLY;BYDAY=1MO;BYSETPOS=1", "Custom rule (FREQ=MONTHLY;BYDAY=1MO;BYSETPOS=1)"),
        (
            "FREQ=YEARLY;BYMONTH=3;BYDAY=1MO;BYSETPOS=1",
            "Custom rule (FREQ=YEARLY;BYMONTH=3;BYDAY=1MO;BYSETPOS=1)",
        ),
    ],
)
def test_every_frequency_in_plain_words(recurrence: str, words: str) -> None:
    assert describe_cadence(rule(recurrence)) == f"{words} at 09:00"


@pytest.mark.parametrize(
    ("cadence", "field", "fragment"),
    [
        (rule("FREQ=SOMETIMES"), "rrule", "FREQ=SOMETIMES is not supported"),
        (rule("BYDAY=MO"), "rrule", "FREQ is missing"),
        (rule("FREQ=WEEKLY;BYDAY=XX"), "rrule", "not a day such as MO"),
        (rule("FREQ=WEEKLY;FOO=1"), "rrule", "FOO is not an RRULE part"),
        (rule("FREQ=HOURLY"), "rrule", "not supported"),
        (rule("FREQ=DAILY;BYHOUR=9"), "rrule", "time-of-day"),
        (rule("FREQ=DAILY;UNTIL=20270101"), "rrule", "end date field"),
        (rule("FREQ=DAILY;DTSTART=20270101"), "rrule", "start date field"),
        (rule("FREQ=DAILY\nBEGIN:VEVENT"), "rrule", "single line"),
        (rule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"), "rrule", "no occurrence"),
        (rule(""), "rrule", "empty"),
        (rule(per_week=6), "per_week", "between 1 and 5"),
        (rule(per_week=0), "per_week", "between 1 and 5"),
        (rule("FREQ=DAILY", ends_on=date(2026, 1, 1)), "ends_on", "before the start"),
        (rule("FREQ=DAILY", ends_on=date(2027, 1, 1), count=3), "count", "not both"),
        (rule("FREQ=DAILY;COUNT=3", count=3), "ends_on", "given twice"),
        (rule("FREQ=DAILY", duration_minutes=0), "duration_minutes", "between 1"),
        (rule("FREQ=DAILY", activity="dance"), "activity", "Unknown activity"),
        (Cadence("post", time(9), date(2026, 1, 1)), "rrule", "either an RRULE"),
    ],
)
def test_invalid_rules_are_refused_naming_the_field(
    cadence: Cadence, field: str, fragment: str
) -> None:
    with pytest.raises(CadenceError) as caught:
        validate_cadence(cadence)
    assert caught.value.field == field
    assert fragment in caught.value.message


@pytest.mark.parametrize("name", ["Mars/Olympus", "", "europe/berlin ", "../etc/passwd"])
def test_unknown_time_zones_are_refused(name: str) -> None:
    with pytest.raises(CadenceError, match="Unknown time zone"):
        resolve_timezone(name)


def test_lowercase_rrules_are_accepted_and_normalised() -> None:
    from calendar_app.domain.cadence import normalise_rrule

    assert normalise_rrule("rrule:freq=weekly;byday=mo,fr") == "FREQ=WEEKLY;BYDAY=MO,FR"
