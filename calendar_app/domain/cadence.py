"""Cadence rules turned into dated occurrences (pure domain code).

A cadence rule says what happens on a channel how often: an activity, a
recurrence (an RFC 5545 RRULE, or "N times per week"), a local time of day, a
duration, a start date and an optional end. This module expands a rule into
occurrences for a window of time, validates rules, and describes them in
plain words. It never reads the clock or the configuration: "now", windows and
time zones are arguments.

Time handling (RFC 5545 §3.3.5 "local time" semantics):

* Occurrences are computed on naive local wall-clock datetimes, so a weekly
  09:00 Europe/Berlin slot stays at 09:00 in summer and in winter.
* The wall-clock time is then resolved in the rule's zone with ``fold=0``.
  For a time that does not exist (the spring-forward gap) this keeps the
  offset from before the transition, which moves the slot forward by the
  length of the gap (02:30 becomes 03:30 in Europe/Berlin).  For an ambiguous
  time (the autumn overlap) ``fold=0`` means its first occurrence.
* Stored and returned instants are aware UTC datetimes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rrule, rrulestr

from .activities import ACTIVITIES, DEFAULT_DURATIONS
from .errors import FieldError

MAX_DURATION_MINUTES = 12 * 60
MAX_PER_WEEK = 5
MAX_COUNT = 10_000
WORKING_DAYS = ("MO", "TU", "WE", "TH", "FR")
RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

_ALLOWED_FREQS = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
_FORBIDDEN_PARTS = {
    "DTSTART": "the start goes in the start date field",
    "BYHOUR": "the time goes in the time-of-day field",
    "BYMINUTE": "the time goes in the time-of-day field",
    "BYSECOND": "the time goes in the time-of-day field",
    "UNTIL": "the end goes in the end date field",
}
_KNOWN_PARTS = {
    "FREQ",
    "INTERVAL",
    "COUNT",
    "WKST",
    "BYDAY",
    "BYMONTHDAY",
    "BYYEARDAY",
    "BYWEEKNO",
    "BYMONTH",
    "BYSETPOS",
}
MAX_INTERVAL = 366
# How far from today a new or changed start date may lie.
START_YEARS_BACK = 1
START_YEARS_AHEAD = 10
# RFC 5545 §3.3.10: the values each BYxxx part may take (zero is never allowed),
# and the frequencies it may be combined with.
_PART_RANGES = {
    "BYMONTHDAY": (-31, 31, ("DAILY", "MONTHLY", "YEARLY")),
    "BYYEARDAY": (-366, 366, ("YEARLY",)),
    "BYWEEKNO": (-53, 53, ("YEARLY",)),
    "BYMONTH": (1, 12, _ALLOWED_FREQS),
    "BYSETPOS": (-366, 366, _ALLOWED_FREQS),
}
_BYDAY_ORDINAL_LIMIT = {"MONTHLY": 5, "YEARLY": 53}
# The Gregorian calendar repeats every 400 years (146,097 days, a whole number
# of weeks), so a rule probed 400*k years later behaves exactly the same.
_CALENDAR_CYCLE_YEARS = 400
_PROBE_YEARS = 5


class CadenceError(FieldError):
    """A cadence rule that cannot be planned; ``field`` names the culprit."""


@dataclass(frozen=True)
class Cadence:
    """What a rule asks for, independent of storage.

    Exactly one of ``rrule`` (an RFC 5545 RRULE value without DTSTART) and
    ``per_week`` (1-5 slots spread over the working days) is set. ``count``
    counts rule occurrences, blackout dates included: like an EXDATE, a
    blackout date removes its occurrence and does not push it later.
    """

    activity: str
    time_of_day: time
    starts_on: date
    rrule: str | None = None
    per_week: int | None = None
    ends_on: date | None = None
    count: int | None = None
    duration_minutes: int | None = None

    @property
    def duration(self) -> timedelta:
        """The slot length: the rule's own duration or the activity default."""
        return timedelta(minutes=self.duration_minutes or DEFAULT_DURATIONS[self.activity])

    @property
    def recurrence(self) -> str:
        """The RRULE this cadence expands, "N per week" included."""
        if self.per_week is not None:
            return "FREQ=WEEKLY;BYDAY=" + ",".join(spread_over_working_days(self.per_week))
        assert self.rrule is not None
        return self.rrule


@dataclass(frozen=True)
class Occurrence:
    """One planned slot: its local date is its identity within the rule."""

    day: date
    start: datetime
    end: datetime


def resolve_timezone(name: str) -> ZoneInfo:
    """Return the IANA zone called ``name`` or raise :class:`CadenceError`."""
    try:
        if not name or name != name.strip():
            raise ValueError
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise CadenceError(
            "timezone", f"Unknown time zone {name!r} (use an IANA name such as Europe/Berlin)."
        ) from None


def local_to_utc(local: datetime, tz: ZoneInfo) -> datetime:
    """Resolve a naive wall-clock time in ``tz`` to an aware UTC instant.

    A nonexistent time (spring-forward gap) moves forward by the gap; an
    ambiguous time (autumn overlap) means its first occurrence.
    """
    return local.replace(tzinfo=tz, fold=0).astimezone(UTC)


def spread_over_working_days(per_week: int) -> tuple[str, ...]:
    """Spread ``per_week`` slots evenly over Monday to Friday.

    Slot ``i`` lands on working day ``floor((i + 0.5) * 5 / n)``, which gives
    Wed for 1, Tue/Thu for 2, Mon/Wed/Fri for 3, Mon/Tue/Thu/Fri for 4.
    """
    if not 1 <= per_week <= MAX_PER_WEEK:
        raise CadenceError(
            "per_week",
            f"Times per week must be between 1 and {MAX_PER_WEEK} (one slot per working day); "
            "use an RRULE for more.",
        )
    n = len(WORKING_DAYS)
    return tuple(WORKING_DAYS[int((i + 0.5) * n / per_week)] for i in range(per_week))


def parse_rrule_parts(text: str) -> dict[str, str]:
    """Split an RRULE value into upper-case ``NAME: value`` parts (RFC 5545 §3.3.10)."""
    body = text.strip()
    if body.upper().startswith("RRULE:"):
        body = body[len("RRULE:") :]
    parts: dict[str, str] = {}
    for chunk in body.split(";"):
        if not chunk.strip():
            continue
        name, sep, value = chunk.partition("=")
        name = name.strip().upper()
        if not sep or not value.strip():
            raise CadenceError("rrule", f"{chunk.strip()!r} is not NAME=VALUE.")
        if name in parts:
            raise CadenceError("rrule", f"{name} is given twice.")
        parts[name] = value.strip().upper()
    return parts


def normalise_rrule(text: str) -> str:
    """Check that ``text`` is an RRULE we can plan and return it normalised.

    Rejects what cannot be planned with a clear message: unknown parts,
    DTSTART (the start date is its own field), sub-daily frequencies and
    BYHOUR/BYMINUTE/BYSECOND (one rule makes at most one slot a day, at its
    time of day), and anything dateutil cannot read.
    """
    if not text or not text.strip():
        raise CadenceError("rrule", "The recurrence rule is empty.")
    if "\n" in text or "\r" in text:
        raise CadenceError("rrule", "The recurrence rule must be a single line.")
    parts = parse_rrule_parts(text)
    for name in parts:
        if name in _FORBIDDEN_PARTS:
            raise CadenceError("rrule", f"{name} is not allowed here: {_FORBIDDEN_PARTS[name]}.")
        if name not in _KNOWN_PARTS:
            raise CadenceError("rrule", f"{name} is not an RRULE part.")
    freq = parts.get("FREQ")
    if freq is None:
        raise CadenceError("rrule", "FREQ is missing (for example FREQ=WEEKLY;BYDAY=MO).")
    if freq not in _ALLOWED_FREQS:
        raise CadenceError(
            "rrule", f"FREQ={freq} is not supported; use DAILY, WEEKLY, MONTHLY or YEARLY."
        )
    _check_values(parts)
    ordered = ["FREQ"] + sorted(name for name in parts if name != "FREQ")
    normalised = ";".join(f"{name}={parts[name]}" for name in ordered)
    try:
        rrulestr(normalised, dtstart=datetime(2000, 1, 3, 9, 0))
    except (ValueError, TypeError, IndexError, KeyError) as exc:
        raise CadenceError("rrule", f"{normalised!r} is not a valid RRULE: {exc}.") from None
    return normalised


def _whole_number(name: str, text: str, low: int, high: int, *, zero: bool = False) -> int:
    try:
        if not text.lstrip("+-").isdigit():
            raise ValueError
        value = int(text)
    except ValueError:
        raise CadenceError("rrule", f"{name}={text} is not a whole number.") from None
    if not low <= value <= high or (value == 0 and not zero):
        raise CadenceError(
            "rrule", f"{name}={text} is out of range: use {low} to {high}, without 0."
        )
    return value


def _check_values(parts: dict[str, str]) -> None:
    """Each part's values within RFC 5545's bounds, and only with a frequency it suits."""
    freq = parts["FREQ"]
    if "INTERVAL" in parts:
        _whole_number("INTERVAL", parts["INTERVAL"], 1, MAX_INTERVAL)
    if "COUNT" in parts:
        _whole_number("COUNT", parts["COUNT"], 1, MAX_COUNT)
    if "WKST" in parts and parts["WKST"] not in RRULE_DAYS:
        raise CadenceError("rrule", f"WKST={parts['WKST']} is not a day such as MO.")
    for name, (low, high, freqs) in _PART_RANGES.items():
        if name not in parts:
            continue
        if freq not in freqs:
            raise CadenceError("rrule", f"{name} cannot be used with FREQ={freq}.")
        for value in parts[name].split(","):
            _whole_number(name, value, low, high)
    for value in parts.get("BYDAY", "").split(",") if "BYDAY" in parts else ():
        day, ordinal = value[-2:], value[:-2]
        if day not in RRULE_DAYS:
            raise CadenceError("rrule", f"BYDAY={value} is not a day such as MO or 2TU.")
        if not ordinal:
            continue
        limit = _BYDAY_ORDINAL_LIMIT.get(freq)
        if limit is None or (freq == "YEARLY" and "BYWEEKNO" in parts):
            raise CadenceError(
                "rrule",
                f"BYDAY={value}: a numbered day (like 1MO) needs FREQ=MONTHLY or FREQ=YEARLY "
                "without BYWEEKNO.",
            )
        if "BYMONTH" in parts and freq == "YEARLY":
            limit = 5
        _whole_number("BYDAY", ordinal, -limit, limit)
    if "BYSETPOS" in parts and not any(n.startswith("BY") and n != "BYSETPOS" for n in parts):
        raise CadenceError("rrule", "BYSETPOS needs another BY part to pick from.")


def check_start(starts_on: date, today: date) -> None:
    """A new or changed start date must lie within a year back and ten years ahead."""
    earliest = _years_later(today, -START_YEARS_BACK)
    latest = _years_later(today, START_YEARS_AHEAD)
    if not earliest <= starts_on <= latest:
        raise CadenceError(
            "starts_on",
            f"The start date must be between {earliest:%d %b %Y} and {latest:%d %b %Y}.",
        )


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def validate_cadence(cadence: Cadence) -> None:
    """Raise :class:`CadenceError` naming the field if ``cadence`` cannot be planned."""
    if cadence.activity not in ACTIVITIES:
        raise CadenceError(
            "activity",
            f"Unknown activity {cadence.activity!r}; use one of {', '.join(ACTIVITIES)}.",
        )
    if (cadence.rrule is None) == (cadence.per_week is None):
        raise CadenceError("rrule", "Give either an RRULE or a number of times per week.")
    if cadence.per_week is not None:
        spread_over_working_days(cadence.per_week)
    else:
        assert cadence.rrule is not None
        parts = parse_rrule_parts(normalise_rrule(cadence.rrule))
        if "COUNT" in parts and (cadence.count or cadence.ends_on):
            raise CadenceError(
                "ends_on", "The end is given twice: in the RRULE and in its own field."
            )
    if cadence.ends_on is not None and cadence.count is not None:
        raise CadenceError("count", "Give an end date or a count, not both.")
    if cadence.ends_on is not None and cadence.ends_on < cadence.starts_on:
        raise CadenceError("ends_on", "The end date is before the start date.")
    if cadence.count is not None and not 1 <= cadence.count <= MAX_COUNT:
        raise CadenceError("count", f"The count must be between 1 and {MAX_COUNT}.")
    if cadence.duration_minutes is not None and not (
        1 <= cadence.duration_minutes <= MAX_DURATION_MINUTES
    ):
        raise CadenceError(
            "duration_minutes",
            f"The duration must be between 1 and {MAX_DURATION_MINUTES} minutes.",
        )
    if not _occurs_within_probe(cadence):
        if cadence.ends_on is not None:
            raise CadenceError(
                "ends_on",
                "This rule has no occurrence between its start and its end.",
            )
        raise CadenceError(
            "rrule", f"This rule has no occurrence in the {_PROBE_YEARS} years after its start."
        )


def _build_rrule(
    cadence: Cadence,
    dtstart: datetime,
    *,
    recurrence: str | None = None,
    ends_on: date | None = None,
) -> rrule:
    rule = rrulestr(recurrence or cadence.recurrence, dtstart=dtstart)
    assert isinstance(rule, rrule)
    ends_on = ends_on or cadence.ends_on
    if cadence.count is not None:
        rule = rule.replace(count=cadence.count)
    elif ends_on is not None:
        rule = rule.replace(until=datetime.combine(ends_on, time.max))
    return rule


def _occurs_within_probe(cadence: Cadence) -> bool:
    # A contradictory rule (say BYMONTH=2;BYMONTHDAY=30) makes dateutil walk
    # to year 9999 before giving up, which takes seconds. Probing an identical
    # calendar near the end of time bounds that walk to a few centuries; the
    # end date moves by the same whole number of calendar cycles.
    start = datetime.combine(cadence.starts_on, cadence.time_of_day)
    last_probe_year = 9999 - _PROBE_YEARS
    shift = (last_probe_year - start.year) // _CALENDAR_CYCLE_YEARS * _CALENDAR_CYCLE_YEARS
    probe_start = start.replace(year=start.year + shift)
    probe_end = None
    if cadence.ends_on is not None and cadence.ends_on.year + shift <= 9999:
        probe_end = cadence.ends_on.replace(year=cadence.ends_on.year + shift)
    # An end beyond year 9999 lies more than the probe's years after the start: no limit.
    rule = _build_rrule(cadence, probe_start, ends_on=probe_end)
    if cadence.ends_on is not None and probe_end is None:
        rule = rule.replace(until=None)
    first = rule.after(probe_start, inc=True)
    return first is not None and first.year - probe_start.year <= _PROBE_YEARS


def _fast_forward(cadence: Cadence, local_from: datetime) -> tuple[str, datetime]:
    """A recurrence and start that give the same occurrences from ``local_from`` on.

    dateutil walks from a rule's start, so a rule that began years ago would
    cost more on every planning pass. Without a count, the defaults dateutil
    takes from the start (weekday, day of month, month) are made explicit and
    the start moves forward by whole intervals, keeping the rule's phase.
    """
    dtstart = datetime.combine(cadence.starts_on, cadence.time_of_day)
    if cadence.count is not None or local_from - dtstart < timedelta(days=400):
        return cadence.recurrence, dtstart
    parts = parse_rrule_parts(cadence.recurrence)
    if "COUNT" in parts:
        return cadence.recurrence, dtstart
    freq, interval = parts["FREQ"], int(parts.get("INTERVAL", "1"))
    if not any(p in parts for p in ("BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY")):
        if freq == "WEEKLY":
            parts["BYDAY"] = RRULE_DAYS[dtstart.weekday()]
        elif freq == "MONTHLY":
            parts["BYMONTHDAY"] = str(dtstart.day)
        elif freq == "YEARLY":
            parts.setdefault("BYMONTH", str(dtstart.month))
            parts["BYMONTHDAY"] = str(dtstart.day)
    if freq == "DAILY":
        steps = (local_from - dtstart).days // interval - 1
        start = dtstart + timedelta(days=steps * interval)
    elif freq == "WEEKLY":
        steps = (local_from - dtstart).days // 7 // interval - 1
        start = dtstart + timedelta(weeks=steps * interval)
    elif freq == "MONTHLY":
        months = (local_from.year - dtstart.year) * 12 + local_from.month - dtstart.month
        index = dtstart.year * 12 + dtstart.month - 1 + (months // interval - 1) * interval
        start = dtstart.replace(year=index // 12, month=index % 12 + 1, day=1)
    else:
        years = (local_from.year - dtstart.year) // interval - 1
        start = dtstart.replace(year=dtstart.year + years * interval, month=1, day=1)
    start = max(start, dtstart)
    return ";".join(f"{name}={value}" for name, value in parts.items()), start


def plan_occurrences(
    cadence: Cadence,
    tz: ZoneInfo,
    start: datetime,
    end: datetime,
    blackout_dates: Iterable[date] = (),
) -> list[Occurrence]:
    """Expand ``cadence`` into the occurrences that start in ``[start, end)``.

    ``start`` and ``end`` are aware instants. Local dates in
    ``blackout_dates`` get no occurrence. The cadence must be valid.
    """
    blackout = frozenset(blackout_dates)
    # Iterate a day wider than the window in local time, then cut exactly.
    local_from = start.astimezone(tz).replace(tzinfo=None) - timedelta(days=1)
    local_to = end.astimezone(tz).replace(tzinfo=None) + timedelta(days=1)
    recurrence, dtstart = _fast_forward(cadence, local_from)
    rule = _build_rrule(cadence, dtstart, recurrence=recurrence)
    duration = cadence.duration
    occurrences = []
    for local in rule.between(local_from, local_to, inc=True):
        if local.date() in blackout:
            continue
        begins = local_to_utc(local, tz)
        if start <= begins < end:
            occurrences.append(Occurrence(local.date(), begins, begins + duration))
    return occurrences


def next_occurrences(
    cadence: Cadence,
    tz: ZoneInfo,
    now: datetime,
    limit: int = 5,
    blackout_dates: Iterable[date] = (),
) -> list[Occurrence]:
    """The next ``limit`` occurrences after ``now`` (within about two years)."""
    found = plan_occurrences(cadence, tz, now, now + timedelta(days=750), blackout_dates)
    return found[:limit]
