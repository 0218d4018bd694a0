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

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import islice
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rrule, rrulestr

from .activities import ACTIVITIES, DEFAULT_DURATIONS
from .errors import CadenceError
from .rrules import MAX_COUNT, RRULE_DAYS, WORKING_DAYS, normalise_rrule, parse_rrule_parts

MAX_DURATION_MINUTES = 12 * 60
MAX_PER_WEEK = 5
# How far from today a new or changed start date may lie.
START_YEARS_BACK = 1
START_YEARS_AHEAD = 10
# The Gregorian calendar repeats every 400 years (146,097 days, a whole number
# of weeks), so a rule probed 400*k years later behaves exactly the same.
_CALENDAR_CYCLE_YEARS = 400
_PROBE_YEARS = 5


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
    _check_recurrence(cadence)
    _check_end(cadence)
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


def _check_recurrence(cadence: Cadence) -> None:
    """Exactly one of an RRULE and N per week, valid, and an RRULE's COUNT not given twice."""
    if (cadence.rrule is None) == (cadence.per_week is None):
        raise CadenceError("rrule", "Give either an RRULE or a number of times per week.")
    if cadence.per_week is not None:
        spread_over_working_days(cadence.per_week)
        return
    assert cadence.rrule is not None
    parts = parse_rrule_parts(normalise_rrule(cadence.rrule))
    if "COUNT" in parts and (cadence.count or cadence.ends_on):
        raise CadenceError("ends_on", "The end is given twice: in the RRULE and in its own field.")


def _check_end(cadence: Cadence) -> None:
    """An end date or a count (not both), the date not before the start."""
    if cadence.ends_on is not None and cadence.count is not None:
        raise CadenceError("count", "Give an end date or a count, not both.")
    if cadence.ends_on is not None and cadence.ends_on < cadence.starts_on:
        raise CadenceError("ends_on", "The end date is before the start date.")
    if cadence.count is not None and not 1 <= cadence.count <= MAX_COUNT:
        raise CadenceError("count", f"The count must be between 1 and {MAX_COUNT}.")


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
    return list(_occurrences(cadence, tz, start, end, frozenset(blackout_dates)))


def _occurrences(
    cadence: Cadence, tz: ZoneInfo, start: datetime, end: datetime, blackout: frozenset[date]
) -> Iterator[Occurrence]:
    """The occurrences in ``[start, end)``, in order, computed one at a time."""
    # Iterate a day wider than the window in local time, then cut exactly.
    local_from = start.astimezone(tz).replace(tzinfo=None) - timedelta(days=1)
    local_to = end.astimezone(tz).replace(tzinfo=None) + timedelta(days=1)
    recurrence, dtstart = _fast_forward(cadence, local_from)
    rule = _build_rrule(cadence, dtstart, recurrence=recurrence)
    duration = cadence.duration
    for local in rule.xafter(local_from, inc=True):
        if local > local_to:
            return
        if local.date() in blackout:
            continue
        begins = local_to_utc(local, tz)
        if start <= begins < end:
            yield Occurrence(local.date(), begins, begins + duration)


def next_occurrences(
    cadence: Cadence,
    tz: ZoneInfo,
    now: datetime,
    limit: int = 5,
    blackout_dates: Iterable[date] = (),
) -> list[Occurrence]:
    """The next ``limit`` occurrences after ``now`` (within about two years); only as many
    are computed as are shown."""
    window = _occurrences(cadence, tz, now, now + timedelta(days=750), frozenset(blackout_dates))
    return list(islice(window, limit))
