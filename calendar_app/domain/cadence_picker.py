"""A cadence picked from a few plain choices instead of typed as an RRULE (pure domain code).

The rule form offers six kinds: ``weekdays`` (every week on the ticked days),
``every_n_weeks`` (on the ticked days, starting the week of a date),
``monthly_day`` (day N or the last day), ``monthly_weekday`` (the first to
fourth, or last, Tuesday…), ``yearly`` (a date) and ``per_week`` (N times a
week, no RRULE). Each is written as the RRULE (RFC 5545 §3.3.10) it stands for
and read back from it, so a rule made with the picker opens in the picker again.

Edge cases, decided:

* A month without the picked day has no slot: RFC 5545 skips invalid dates, so
  "the 31st" comes in seven months a year. The picker says so and offers "the
  last day" (``BYMONTHDAY=-1``) for every month.
* 29 February every year comes in leap years only (the same RFC rule); it is
  accepted and said. 30 February, 31 April and the like never come: refused.
* The fifth weekday of a month is not offered: most months have none. It stays
  possible as an RRULE under "Advanced", which the form opens for such a rule.
* Every N weeks: RFC 5545 counts the weeks from the week of DTSTART (weeks start
  on Monday), and days of that week before DTSTART are not occurrences. The start
  therefore moves back to the week's first ticked day (never later than the date
  given), so "every other Thursday starting the week of Friday 27 November"
  includes Thursday 26 November instead of silently starting a fortnight later.
  Its RRULE always carries INTERVAL, even 1, which tells it apart from weekdays.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import date, time, timedelta
from typing import Any

from .cadence import MAX_PER_WEEK, spread_over_working_days
from .errors import CadenceError
from .rrules import MAX_INTERVAL, RRULE_DAYS, parse_rrule_parts
from .rule_words import MONTH_NAMES

LAST = -1  # the last day of the month, or the last given weekday in it
POSITIONS = (1, 2, 3, 4, LAST)
# The time of day a channel's first rule starts with.
FALLBACK_TIME = time(10, 0)

# The fields each kind reads; the others keep their defaults.
KIND_FIELDS = {
    "weekdays": ("days",),
    "every_n_weeks": ("days", "interval"),
    "monthly_day": ("month_day",),
    "monthly_weekday": ("position", "weekday"),
    "yearly": ("yearly_month", "yearly_day"),
    "per_week": ("per_week",),
}
KINDS = tuple(KIND_FIELDS)


@dataclass(frozen=True)
class PickedCadence:
    """One of the picker's kinds with the fields it reads; the other fields stay empty."""

    kind: str
    days: tuple[str, ...] = ()  # RRULE day codes in week order
    interval: int | None = None  # every N weeks
    month_day: int | None = None  # 1 to 31, or LAST
    position: int | None = None  # 1 to 4, or LAST
    weekday: str | None = None  # an RRULE day code
    yearly_month: int | None = None
    yearly_day: int | None = None
    per_week: int | None = None


def pick(kind: str, values: Mapping[str, Any]) -> PickedCadence:
    """The cadence of ``kind`` from the picker's fields, checked; other kinds' fields are ignored.

    Raises :class:`CadenceError` naming the field at fault: no day ticked, every
    0 weeks, a day of the month that does not exist, a fifth weekday, a date that
    never comes.
    """
    if kind not in KIND_FIELDS:
        raise CadenceError("recurrence", "Choose how often the rule repeats.")
    chosen = {name: values.get(name) for name in KIND_FIELDS[kind]}
    if "days" in chosen:
        chosen["days"] = _week_order(chosen["days"] or ())
    picked = PickedCadence(kind, **chosen)
    _CHECKS[kind](picked)
    return picked


def _week_order(days: Iterable[str]) -> tuple[str, ...]:
    given = set(days)
    unknown = sorted(given - set(RRULE_DAYS))
    if unknown:
        raise CadenceError("days", f"{unknown[0]!r} is not a day such as MO.")
    return tuple(day for day in RRULE_DAYS if day in given)


def _check_days(picked: PickedCadence) -> None:
    if not picked.days:
        raise CadenceError("days", "Tick at least one day.")


def _check_every_n_weeks(picked: PickedCadence) -> None:
    _check_days(picked)
    if picked.interval is None:
        raise CadenceError("interval", f"Say every how many weeks (1 to {MAX_INTERVAL}).")
    if not 1 <= picked.interval <= MAX_INTERVAL:
        raise CadenceError(
            "interval",
            f"Every {picked.interval} weeks cannot be planned: give 1 to {MAX_INTERVAL} weeks.",
        )


def _check_monthly_day(picked: PickedCadence) -> None:
    if picked.month_day is None or not (picked.month_day == LAST or 1 <= picked.month_day <= 31):
        raise CadenceError("month_day", "Choose a day of the month: 1 to 31, or the last day.")


def _check_monthly_weekday(picked: PickedCadence) -> None:
    if picked.position not in POSITIONS:
        raise CadenceError(
            "position",
            "Choose the first, second, third, fourth or last; a fifth weekday is not in every "
            "month (write an RRULE under Advanced for it).",
        )
    if picked.weekday not in RRULE_DAYS:
        raise CadenceError("weekday", "Choose a day of the week.")


def _check_yearly(picked: PickedCadence) -> None:
    month, day = picked.yearly_month, picked.yearly_day
    if month is None or not 1 <= month <= 12:
        raise CadenceError("yearly_month", "Choose a month.")
    longest = monthrange(2028, month)[1]  # 2028 is a leap year: 29 February exists
    if day is None or not 1 <= day <= longest:
        raise CadenceError(
            "yearly_day",
            f"{MONTH_NAMES[month - 1]} has {longest} days: choose a day from 1 to {longest}.",
        )


def _check_per_week(picked: PickedCadence) -> None:
    if not picked.per_week:
        raise CadenceError("per_week", f"Say how many times per week (1 to {MAX_PER_WEEK}).")
    spread_over_working_days(picked.per_week)


_CHECKS = {
    "weekdays": _check_days,
    "every_n_weeks": _check_every_n_weeks,
    "monthly_day": _check_monthly_day,
    "monthly_weekday": _check_monthly_weekday,
    "yearly": _check_yearly,
    "per_week": _check_per_week,
}


def picked_rrule(picked: PickedCadence) -> str | None:
    """The normalised RRULE ``picked`` stands for; None for N times a week."""
    days = ",".join(picked.days)
    if picked.kind == "weekdays":
        return "FREQ=DAILY" if len(picked.days) == 7 else f"FREQ=WEEKLY;BYDAY={days}"
    if picked.kind == "every_n_weeks":
        return f"FREQ=WEEKLY;BYDAY={days};INTERVAL={picked.interval}"
    if picked.kind == "monthly_day":
        return f"FREQ=MONTHLY;BYMONTHDAY={picked.month_day}"
    if picked.kind == "monthly_weekday":
        return f"FREQ=MONTHLY;BYDAY={picked.position}{picked.weekday}"
    if picked.kind == "yearly":
        return f"FREQ=YEARLY;BYMONTH={picked.yearly_month};BYMONTHDAY={picked.yearly_day}"
    return None


def picked_start(picked: PickedCadence, day: date) -> date:
    """The start date to store for ``picked`` given ``day`` from the form.

    Every N weeks starts the week of ``day``: the start moves back to that week's
    first ticked day when ``day`` lies after it, so that day is the first slot.
    Other kinds start on ``day``.
    """
    if picked.kind != "every_n_weeks":
        return day
    monday = day - timedelta(days=day.weekday())
    first = monday + timedelta(days=RRULE_DAYS.index(picked.days[0]))
    return min(day, first)


def picked_from_rule(
    rrule: str | None, per_week: int | None, starts_on: date
) -> PickedCadence | None:
    """The picker's view of a stored rule, or None when only an RRULE can say it.

    Besides the picker's own RRULEs this reads the shapes that mean the same:
    ``FREQ=DAILY`` with or without plain days, a rule without days that takes
    them from its start (``FREQ=WEEKLY``, ``FREQ=MONTHLY``, ``FREQ=YEARLY``), and
    ``BYDAY=TU;BYSETPOS=2`` for ``BYDAY=2TU``. An every-N-weeks rule whose start
    lies after a ticked day of its week is left to the RRULE: the picker would
    move its start.
    """
    if rrule is None:
        return PickedCadence("per_week", per_week=per_week) if per_week else None
    try:
        parts = parse_rrule_parts(rrule)
        picked = _READERS[parts.pop("FREQ", "")](parts, starts_on)
    except (CadenceError, KeyError, ValueError):
        return None
    if picked is None or picked_start(picked, starts_on) != starts_on:
        return None
    try:
        return pick(picked.kind, _values(picked))
    except CadenceError:
        return None


def _values(picked: PickedCadence) -> dict[str, Any]:
    return {f.name: getattr(picked, f.name) for f in fields(picked)}


def _plain_days(byday: str) -> tuple[str, ...] | None:
    days = byday.split(",")
    if not all(day in RRULE_DAYS for day in days) or len(set(days)) < len(days):
        return None
    return _week_order(days)


def _read_daily(parts: dict[str, str], starts_on: date) -> PickedCadence | None:
    days = _plain_days(parts.pop("BYDAY", ",".join(RRULE_DAYS)))
    return PickedCadence("weekdays", days=days) if days and not parts else None


def _read_weekly(parts: dict[str, str], starts_on: date) -> PickedCadence | None:
    days = _plain_days(parts.pop("BYDAY", RRULE_DAYS[starts_on.weekday()]))
    interval = parts.pop("INTERVAL", None)
    if days is None or parts:
        return None
    if interval is None:
        return PickedCadence("weekdays", days=days)
    return PickedCadence("every_n_weeks", days=days, interval=int(interval))


_NUMBERED_DAY = re.compile(r"([+-]?[0-9])(MO|TU|WE|TH|FR|SA|SU)")


def _read_monthly(parts: dict[str, str], starts_on: date) -> PickedCadence | None:
    if set(parts) <= {"BYMONTHDAY"}:
        return PickedCadence("monthly_day", month_day=int(parts.get("BYMONTHDAY", starts_on.day)))
    byday = parts["BYDAY"]
    if set(parts) == {"BYDAY", "BYSETPOS"} and byday in RRULE_DAYS:
        byday = parts["BYSETPOS"] + byday  # the nth of one plain day is the nth such day
    elif set(parts) != {"BYDAY"}:
        return None
    match = _NUMBERED_DAY.fullmatch(byday)
    if match is None:
        return None
    return PickedCadence("monthly_weekday", position=int(match[1]), weekday=match[2])


def _read_yearly(parts: dict[str, str], starts_on: date) -> PickedCadence | None:
    if not parts:
        return PickedCadence("yearly", yearly_month=starts_on.month, yearly_day=starts_on.day)
    if set(parts) != {"BYMONTH", "BYMONTHDAY"}:
        return None
    return PickedCadence(
        "yearly", yearly_month=int(parts["BYMONTH"]), yearly_day=int(parts["BYMONTHDAY"])
    )


_READERS = {
    "DAILY": _read_daily,
    "WEEKLY": _read_weekly,
    "MONTHLY": _read_monthly,
    "YEARLY": _read_yearly,
}


def rrule_to_store(picked: PickedCadence, starts_on: date, stored: str | None) -> str | None:
    """The RRULE to save for ``picked``: the stored text when it still says the same.

    A rule that was ``FREQ=DAILY`` stays so when only its time or label changes,
    so a plan file that names it by its RRULE still finds it.
    """
    if stored is not None and picked_from_rule(stored, None, starts_on) == picked:
        return stored
    return picked_rrule(picked)


def picker_values(picked: PickedCadence | None, starts_on: date) -> dict[str, Any]:
    """Every picker field for the form: ``picked``'s own, the others taken from ``starts_on``.

    ``recurrence`` is the kind, or ``"rrule"`` when the picker cannot show the rule.
    """
    defaults = {
        "recurrence": "weekdays",
        "days": [],
        "interval": 2,
        "month_day": starts_on.day,
        "position": min((starts_on.day - 1) // 7 + 1, 4),
        "weekday": RRULE_DAYS[starts_on.weekday()],
        "yearly_month": starts_on.month,
        "yearly_day": starts_on.day,
        "per_week": None,
    }
    if picked is None:
        return {**defaults, "recurrence": "rrule"}
    own = {name: getattr(picked, name) for name in KIND_FIELDS[picked.kind]}
    if "days" in own:
        own["days"] = list(picked.days)
    return {**defaults, **own, "recurrence": picked.kind}


def usual_time(times: Iterable[time]) -> time:
    """A channel's usual time of day: the most common among its rules' times (the earliest of
    equally common ones), 10:00 for a channel without rules."""
    counts = Counter(times)
    if not counts:
        return FALLBACK_TIME
    return min(counts, key=lambda at: (-counts[at], at))
