"""Cadence rules in plain words: "Every Mon, Wed and Fri at 09:00" (pure domain code)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from .cadence import Cadence, spread_over_working_days
from .rrules import RRULE_DAYS, WORKING_DAYS, parse_rrule_parts

DAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()


def format_day(day: date) -> str:
    """A date the way people write it: "1 Dec 2026"."""
    return f"{day.day} {day:%b %Y}"


def slot_words(starts: Sequence[datetime], today: date) -> list[str]:
    """Slots' local start times the way a list of next slots says them: "Thu 26 Nov 10:00".

    Once one of them lies outside ``today``'s year, every one says its year
    ("Tue 1 Dec 2026 10:00", "Wed 1 Dec 2027 10:00"), so that no date in the
    list is read in the wrong year.
    """
    with_year = any(start.year != today.year for start in starts)
    day_format = "%b %Y %H:%M" if with_year else "%b %H:%M"
    return [f"{start:%a} {start.day} {start.strftime(day_format)}" for start in starts]


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


_BYDAY = re.compile(r"([+-]?[0-9]{1,2})?(MO|TU|WE|TH|FR|SA|SU)")


def _weekday_words(byday: str, full: bool = False) -> list[str] | None:
    words = []
    for token in byday.split(","):
        match = _BYDAY.fullmatch(token)
        if not match:
            return None
        ordinal, day = match.groups()
        index = RRULE_DAYS.index(day)
        name = DAY_NAMES[index] if full or ordinal else DAY_ABBR[index]
        words.append(f"the {_ordinal(int(ordinal))} {name}" if ordinal else name)
    return words


def _days_phrase(byday: str) -> str | None:
    days = byday.split(",")
    if sorted(days) == sorted(RRULE_DAYS):
        return "day"
    if _is_working_days(byday):
        return "weekday"
    if sorted(days) == ["SA", "SU"]:
        return "weekend day"
    words = _weekday_words(byday)
    return _join_words(words) if words else None


def _every(interval: int, unit: str) -> str:
    return f"Every {unit}" if interval == 1 else f"Every {interval} {unit}s"


@dataclass(frozen=True)
class _Rule:
    """An RRULE's parts, with what the describers look at most."""

    parts: dict[str, str]
    start: date

    @property
    def interval(self) -> int:
        """Every how many periods (INTERVAL, default 1)."""
        return int(self.parts.get("INTERVAL", "1"))

    @property
    def by(self) -> set[str]:
        """The BYxxx parts (what picks the days)."""
        return set(self.parts) - {"FREQ", "INTERVAL", "COUNT", "WKST"}

    def every(self, unit: str) -> str:
        """ "Every week" or "Every 2 weeks"."""
        return _every(self.interval, unit)


def _is_working_days(byday: str) -> bool:
    """Monday to Friday, each once, in any order (a numbered day like 1MO is not)."""
    return sorted(byday.split(",")) == sorted(WORKING_DAYS)


def _daily(rule: _Rule) -> str | None:
    if not rule.by:
        return rule.every("day")
    if rule.by == {"BYDAY"} and rule.interval == 1:
        phrase = _days_phrase(rule.parts["BYDAY"])
        return f"Every {phrase}" if phrase else None
    return None


def _weekly(rule: _Rule) -> str | None:
    if not rule.by <= {"BYDAY"}:
        return None
    phrase = _days_phrase(rule.parts.get("BYDAY", RRULE_DAYS[rule.start.weekday()]))
    if phrase is None or "the " in phrase:
        return None
    return f"Every {phrase}" if rule.interval == 1 else f"{rule.every('week')} on {phrase}"


def _monthly(rule: _Rule) -> str | None:
    parts, by = rule.parts, rule.by
    if not by:
        return f"{rule.every('month')} on day {rule.start.day}{_short_months(rule.start.day)}"
    if by == {"BYMONTHDAY"}:
        days = [int(d) for d in parts["BYMONTHDAY"].split(",")]
        words = [
            "the last day" if d == -1 else f"the {_numeric_ordinal(d)}" if d > 0 else f"day {d}"
            for d in days
        ]
        short = _short_months(days[0]) if len(days) == 1 else ""
        return f"{rule.every('month')} on {_join_words(words)}{short}"
    if by == {"BYDAY"}:
        words = _weekday_words(parts["BYDAY"], full=True)
        if words and all(w.startswith("the ") for w in words):
            return f"{rule.every('month')} on {_join_words(words)}"
        return None
    if by == {"BYDAY", "BYSETPOS"} and "," not in parts["BYSETPOS"]:
        return _monthly_position(rule)
    return None


def _short_months(day: int) -> str:
    """RFC 5545 skips a month without the day (the 31st comes seven months a year): say so."""
    return f" (skipped in months without a {_numeric_ordinal(day)})" if day >= 29 else ""


def _monthly_position(rule: _Rule) -> str | None:
    """ "Every month on the last weekday", "… on the second Tuesday"."""
    position = _ordinal(int(rule.parts["BYSETPOS"]))
    if _is_working_days(rule.parts["BYDAY"]):
        return f"{rule.every('month')} on the {position} weekday"
    words = _weekday_words(rule.parts["BYDAY"], full=True)
    if words and len(words) == 1 and "the " not in words[0]:
        return f"{rule.every('month')} on the {position} {words[0]}"
    return None


def _yearly(rule: _Rule) -> str | None:
    parts, by = rule.parts, rule.by
    if not by:
        return f"{rule.every('year')} on {_day_of_year(rule.start.month, rule.start.day)}"
    if "," in parts.get("BYMONTH", ","):
        return None
    month = MONTH_NAMES[int(parts["BYMONTH"]) - 1]
    if (
        by == {"BYMONTH", "BYDAY", "BYSETPOS"}
        and "," not in parts["BYSETPOS"]
        and _is_working_days(parts["BYDAY"])
    ):
        position = _ordinal(int(parts["BYSETPOS"]))
        return f"{rule.every('year')} on the {position} weekday of {month}"
    if by == {"BYMONTH", "BYMONTHDAY"} and "," not in parts["BYMONTHDAY"]:
        if int(parts["BYMONTHDAY"]) > 0:
            day = _day_of_year(int(parts["BYMONTH"]), int(parts["BYMONTHDAY"]))
            return f"{rule.every('year')} on {day}"
    return None


def _day_of_year(month: int, day: int) -> str:
    """ "15 March"; 29 February says it comes in leap years only (RFC 5545 skips it otherwise)."""
    words = f"{day} {MONTH_NAMES[month - 1]}"
    return words + " (leap years only)" if (month, day) == (2, 29) else words


# One describer per frequency: each says the rule in words, or None for "Custom rule".
_DESCRIBERS: dict[str, Callable[[_Rule], str | None]] = {
    "DAILY": _daily,
    "WEEKLY": _weekly,
    "MONTHLY": _monthly,
    "YEARLY": _yearly,
}


def _describe_recurrence(cadence: Cadence) -> str:
    if cadence.per_week is not None:
        days = _join_words(
            [DAY_ABBR[RRULE_DAYS.index(d)] for d in spread_over_working_days(cadence.per_week)]
        )
        times = "Once a week" if cadence.per_week == 1 else f"{cadence.per_week} times a week"
        return f"{times} ({days})"
    assert cadence.rrule is not None
    parts = parse_rrule_parts(cadence.rrule)
    words = _DESCRIBERS[parts["FREQ"]](_Rule(parts, cadence.starts_on))
    return words or f"Custom rule ({cadence.rrule})"


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
