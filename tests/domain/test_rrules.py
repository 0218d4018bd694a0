"""RRULE text as people type it: how it is split, and the exact message when it is refused."""

from __future__ import annotations

import pytest

from calendar_app.domain.errors import CadenceError
from calendar_app.domain.rrules import normalise_rrule, parse_rrule_parts


def test_a_value_keeps_everything_after_the_first_equals_sign() -> None:
    assert parse_rrule_parts("freq=weekly;x-note=a=b") == {"FREQ": "WEEKLY", "X-NOTE": "A=B"}


@pytest.mark.parametrize(
    ("rrule", "message"),
    [
        ("", "The recurrence rule is empty."),
        ("   ", "The recurrence rule is empty."),
        ("FREQ=DAILY\nBYDAY=MO", "The recurrence rule must be a single line."),
        ("FREQ=DAILY\rBYDAY=MO", "The recurrence rule must be a single line."),
        ("FREQ=DAILY;BYDAY", "'BYDAY' is not NAME=VALUE."),
        ("FREQ=DAILY;BYDAY=", "'BYDAY=' is not NAME=VALUE."),
        ("FREQ=DAILY;BYDAY= ;", "'BYDAY=' is not NAME=VALUE."),
        ("FREQ=DAILY;freq=weekly", "FREQ is given twice."),
        ("BYDAY=MO", "FREQ is missing (for example FREQ=WEEKLY;BYDAY=MO)."),
        ("FREQ=MONTHLY;BYMONTHDAY=1=2", "BYMONTHDAY=1=2 is not a whole number."),
        ("FREQ=MONTHLY;BYSETPOS=1", "BYSETPOS needs another BY part to pick from."),
        (
            "FREQ=YEARLY;BYWEEKNO=20;BYDAY=1MO",
            "BYDAY=1MO: a numbered day (like 1MO) needs FREQ=MONTHLY or FREQ=YEARLY "
            "without BYWEEKNO.",
        ),
        (
            "FREQ=MONTHLY;BYDAY=1TU,MO,2WE",
            "BYDAY=1TU,MO,2WE mixes plain days (MO) with numbered days (1TU); "
            "make two rules, one for each.",
        ),
    ],
)
def test_a_refused_rrule_says_exactly_what_is_wrong(rrule: str, message: str) -> None:
    with pytest.raises(CadenceError) as caught:
        normalise_rrule(rrule)
    assert (caught.value.field, caught.value.message) == ("rrule", message)


def test_a_day_the_calendar_library_cannot_read_is_refused_naming_the_rule() -> None:
    # An ordinal in Arabic-Indic digits passes the range check but is no RRULE day.
    with pytest.raises(CadenceError) as caught:
        normalise_rrule("FREQ=MONTHLY;BYDAY=\u0663MO")
    assert caught.value.field == "rrule"
    assert "\u0663" in caught.value.message


@pytest.mark.parametrize(
    "rrule",
    ["FREQ=MONTHLY;BYMONTHDAY=\u0663", "FREQ=DAILY;INTERVAL=\u0662", "FREQ=DAILY;COUNT=\uff15"],
)
def test_numbers_in_other_scripts_are_refused(rrule: str) -> None:
    with pytest.raises(CadenceError, match="is not a whole number") as caught:
        normalise_rrule(rrule)
    assert caught.value.field == "rrule"
