"""Reminders on a person's own feed and a channel's response-time standard (no fixtures)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendar_app.domain.ical import FeedEvent, event_text
from calendar_app.domain.reminders import (
    ALARM_CHOICES,
    MAX_RESPONSE_HOURS,
    alarm_problems,
    check_alarm,
    check_response_hours,
    response_problems,
    response_standard,
    with_alarm,
)

START = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def event(status: str = "TENTATIVE") -> str:
    return event_text(
        FeedEvent(
            uid="item-1",
            summary="LinkedIn · Post",
            description="Winter riding",
            start=START,
            end=START + timedelta(minutes=30),
            tzid="Europe/Berlin",
            url=None,
            categories=("Post", "LinkedIn"),
            status=status,
            sequence=0,
            created=START,
            last_modified=START,
        )
    )


def parsed(text: str) -> icalendar.Event:
    calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + text
    return icalendar.Calendar.from_ical(calendar + "END:VCALENDAR\r\n").walk("VEVENT")[0]


@pytest.mark.parametrize("minutes", [15, 60, 1440])
def test_an_alarm_rings_the_chosen_time_before_the_event(minutes: int) -> None:
    found = parsed(with_alarm(event(), minutes))
    (alarm,) = found.walk("VALARM")
    assert alarm.decoded("trigger") == -timedelta(minutes=minutes)
    assert str(alarm["action"]) == "DISPLAY" and str(alarm["description"])
    assert str(found["summary"]) == "LinkedIn · Post"  # the event itself is unchanged


@pytest.mark.parametrize("minutes", [None, 0])
def test_no_reminder_leaves_the_event_as_it_is(minutes: int | None) -> None:
    assert with_alarm(event(), minutes) == event()


def test_a_cancelled_event_gets_no_alarm() -> None:
    assert with_alarm(event("CANCELLED"), 60) == event("CANCELLED")


def test_with_alarm_refuses_what_is_not_one_event() -> None:
    with pytest.raises(ValueError, match="one event"):
        with_alarm("BEGIN:VTODO\r\nEND:VTODO\r\n", 15)


@pytest.mark.parametrize(("choice", "stored"), [("0", None), (0, None), ("15", 15),
                                                 (" 60 ", 60), (1440, 1440)])  # fmt: skip
def test_the_offered_choices_are_taken(choice: object, stored: int | None) -> None:
    assert check_alarm(choice) == stored


@pytest.mark.parametrize("choice", ["", "5", "-15", "1 h", "99999999999", "1440.0", None])
def test_other_choices_are_refused_with_the_offered_ones_named(choice: object) -> None:
    with pytest.raises(ValueError, match="15 minutes before, 1 hour before, 1 day before"):
        check_alarm(choice)


@given(st.integers(min_value=1, max_value=MAX_RESPONSE_HOURS))
def test_every_whole_hour_up_to_a_week_is_a_standard(hours: int) -> None:
    assert check_response_hours(str(hours)) == hours == check_response_hours(hours)
    assert response_standard(hours) == f"Answer comments and messages within {hours} h."
    assert response_problems({"response_hours": hours}) == {}


@given(st.integers().filter(lambda n: not 1 <= n <= MAX_RESPONSE_HOURS))
def test_hours_outside_a_week_are_refused(hours: int) -> None:
    with pytest.raises(ValueError, match="from 1 to 168"):
        check_response_hours(str(hours))
    assert "response_hours" in response_problems({"response_hours": hours})


@pytest.mark.parametrize("text", ["four", "4.5", "4 h", "+4", True])
def test_a_standard_that_is_not_whole_hours_is_refused(text: object) -> None:
    with pytest.raises(ValueError, match="whole hours"):
        check_response_hours(text)


@pytest.mark.parametrize("text", ["", "  ", None])
def test_an_empty_standard_is_none(text: object) -> None:
    assert check_response_hours(text) is None
    assert response_standard(None) == ""


def test_restored_rows_take_the_offered_values_and_refuse_others() -> None:
    for minutes in (None, *[m for m in ALARM_CHOICES if m]):
        assert alarm_problems({"feed_alarm_minutes": minutes}) == {}
    for minutes in (0, 5, True, "15"):
        assert "feed_alarm_minutes" in alarm_problems({"feed_alarm_minutes": minutes})
    assert response_problems({"response_hours": None}) == {}
    assert "response_hours" in response_problems({"response_hours": "4"})
