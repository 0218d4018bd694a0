"""Cadence rules in plain words: "Every Mon, Wed and Fri at 09:00" (pure domain code)."""

from __future__ import annotations

import re
from datetime import date

from .cadence import RRULE_DAYS, WORKING_DAYS, Cadence, parse_rrule_parts, spread_over_working_days

DAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()


def format_day(day: date) -> str:
    """A date the way people write it: "1 Dec 2026"."""
    return f"{day.day} {day:%b %Y}"


def _join_words(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _ordinal(n: int) -> str:
    if n == -1:
        return "last"
    if n < 0:
        return f"{_ordinal(-n)} to last"
    names = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}
    return names.get(n, _numeric_ordinal(n))


def _numeric_ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_BYDAY = re.compile(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")


def _weekday_words(byday: str, full: bool = False) -> list[str] | None:
    words = []
    for token in byday.split(","):
        match = _BYDAY.match(token)
        if not match:
            return None
        ordinal, day = match.groups()
        index = RRULE_DAYS.index(day)
        name = DAY_NAMES[index] if full or ordinal else DAY_ABBR[index]
        words.append(f"the {_ordinal(int(ordinal))} {name}" if ordinal else name)
    return words


def _days_phrase(byday: str) -> str | None:
    days = [d for d in byday.split(",")]
    if sorted(days, key=RRULE_DAYS.index) == list(WORKING_DAYS):
        return "weekday"
    if sorted(days, key=RRULE_DAYS.index) == ["SA", "SU"]:
        return "weekend day"
    words = _weekday_words(byday)
    return _join_words(words) if words else None


def _every(interval: int, unit: str) -> str:
    return f"Every {unit}" if interval == 1 else f"Every {interval} {unit}s"


def _describe_recurrence(cadence: Cadence) -> str:
    if cadence.per_week is not None:
        days = _join_words(
            [DAY_ABBR[RRULE_DAYS.index(d)] for d in spread_over_working_days(cadence.per_week)]
        )
        times = "Once a week" if cadence.per_week == 1 else f"{cadence.per_week} times a week"
        return f"{times} ({days})"
    assert cadence.rrule is not None
    parts = parse_rrule_parts(cadence.rrule)
    freq = parts["FREQ"]
    interval = int(parts.get("INTERVAL", "1"))
    simple = set(parts) - {"FREQ", "INTERVAL", "COUNT", "WKST"}
    start = cadence.starts_on
    if freq == "DAILY" and not simple:
        return _every(interval, "day")
    if freq == "DAILY" and simple == {"BYDAY"} and interval == 1:
        phrase = _days_phrase(parts["BYDAY"])
        if phrase in ("weekday", "weekend day"):
            return f"Every {phrase}"
        if phrase:
            return f"Every {phrase}"
    if freq == "WEEKLY" and simple <= {"BYDAY"}:
        byday = parts.get("BYDAY", RRULE_DAYS[start.weekday()])
        phrase = _days_phrase(byday)
        if phrase is not None and "the " not in phrase:
            if interval == 1:
                return f"Every {phrase}"
            return f"{_every(interval, 'week')} on {phrase}"
    if freq == "MONTHLY":
        if not simple:
            return f"{_every(interval, 'month')} on day {start.day}"
        if simple == {"BYMONTHDAY"}:
            days = [int(d) for d in parts["BYMONTHDAY"].split(",")]
            words = [
                "the last day" if d == -1 else f"the {_numeric_ordinal(d)}" if d > 0 else f"day {d}"
                for d in days
            ]
            return f"{_every(interval, 'month')} on {_join_words(words)}"
        if simple == {"BYDAY"}:
            words = _weekday_words(parts["BYDAY"], full=True)
            if words and all(w.startswith("the ") for w in words):
                return f"{_every(interval, 'month')} on {_join_words(words)}"
        if simple == {"BYDAY", "BYSETPOS"} and "," not in parts["BYSETPOS"]:
            position = _ordinal(int(parts["BYSETPOS"]))
            byday = parts["BYDAY"]
            if sorted(byday.split(","), key=RRULE_DAYS.index) == list(WORKING_DAYS):
                return f"{_every(interval, 'month')} on the {position} weekday"
            words = _weekday_words(byday, full=True)
            if words and len(words) == 1 and "the " not in words[0]:
                return f"{_every(interval, 'month')} on the {position} {words[0]}"
    if (
        freq == "YEARLY"
        and simple == {"BYMONTH", "BYDAY", "BYSETPOS"}
        and "," not in parts["BYMONTH"] + parts["BYSETPOS"]
        and sorted(parts["BYDAY"].split(","), key=RRULE_DAYS.index) == list(WORKING_DAYS)
    ):
        month = MONTH_NAMES[int(parts["BYMONTH"]) - 1]
        position = _ordinal(int(parts["BYSETPOS"]))
        return f"{_every(interval, 'year')} on the {position} weekday of {month}"
    if freq == "YEARLY" and not simple:
        return f"{_every(interval, 'year')} on {start.day} {MONTH_NAMES[start.month - 1]}"
    if freq == "YEARLY" and simple == {"BYMONTH", "BYMONTHDAY"} and "," not in parts["BYMONTH"]:
        month = MONTH_NAMES[int(parts["BYMONTH"]) - 1]
        if "," not in parts["BYMONTHDAY"] and int(parts["BYMONTHDAY"]) > 0:
            return f"{_every(interval, 'year')} on {int(parts['BYMONTHDAY'])} {month}"
    return f"Custom rule ({cadence.rrule})"


def describe_cadence(cadence: Cadence) -> str:
    """Say what ``cadence`` does in plain words: "Every Mon, Wed and Fri at 09:00"."""
    text = f"{_describe_recurrence(cadence)} at {cadence.time_of_day:%H:%M}"
    parts = parse_rrule_parts(cadence.rrule) if cadence.rrule else {}
    count = cadence.count or (int(parts["COUNT"]) if "COUNT" in parts else None)
    if cadence.ends_on is not None:
        text += f", until {format_day(cadence.ends_on)}"
    if count is not None:
        text += ", once" if count == 1 else f", {count} times"
    return text
