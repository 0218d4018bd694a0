"""Ticking a routine's checklist, and when a routine happens (pure domain rules).

An occurrence of a routine is done when every step of its checklist is ticked;
a step that counts something may carry a whole number. A routine whose day is
a blackout day moves to the next working day instead of being dropped, and the
yearly strategy review falls in the last month of the workspace's fiscal year.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from .bounds import MAX_COUNT
from .cadence import Cadence, Occurrence, local_to_utc, plan_occurrences
from .errors import FieldError
from .routines import ROUTINES
from .rrules import normalise_rrule

YEARLY_REVIEW = "yearly-strategy"

DONE, MISSED, OPEN = "done", "missed", "open"
ROUTINE_ACTIVITY = "routine"
WORKING_DAYS = range(5)  # Monday to Friday, as date.weekday() counts them
NOT_A_COUNT = f"Give the number as a whole number from 0 to {MAX_COUNT:,}, like 12."


class RoutineError(FieldError):
    """A tick that cannot be saved; ``field`` names the step or value at fault."""


def parse_count(text: str | None, field: str = "number") -> int | None:
    """A number typed for a counting step: blank is None, else a whole number 0..10^9."""
    text = (text or "").strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit() and len(text) <= len(str(MAX_COUNT))):
        raise RoutineError(field, NOT_A_COUNT)
    number = int(text)
    if number > MAX_COUNT:
        raise RoutineError(field, NOT_A_COUNT)
    return number


def check_ticks(ticks: Mapping[int, int | None], steps: int, counting: Iterable[int]) -> None:
    """Every ticked step exists in a checklist of ``steps`` steps; only counting steps carry
    a number, and numbers are whole numbers 0..10^9."""
    counts = frozenset(counting)
    for step, number in ticks.items():
        if not 0 <= step < steps:
            raise RoutineError("step", f"This routine has no step {step + 1}.")
        if number is None:
            continue
        if step not in counts:
            raise RoutineError(f"number-{step}", f"Step {step + 1} counts nothing.")
        if not 0 <= number <= MAX_COUNT:
            raise RoutineError(f"number-{step}", NOT_A_COUNT)


def is_done(ticked: int, steps: int) -> bool:
    """Whether every step is ticked (a checklist without steps is never done)."""
    return steps > 0 and ticked >= steps


def occurrence_state(ticked: int, steps: int, ends_at: datetime, now: datetime) -> str:
    """``done`` when every step is ticked, ``missed`` once it ended without, else ``open``."""
    if is_done(ticked, steps):
        return DONE
    return MISSED if ends_at <= now else OPEN


@dataclass(frozen=True)
class RoutineTally:
    """How many routine occurrences of a week are done, missed and still open."""

    done: int = 0
    missed: int = 0
    open: int = 0

    def add(self, state: str) -> RoutineTally:
        """The tally with one more occurrence in ``state``."""
        return RoutineTally(
            self.done + (state == DONE),
            self.missed + (state == MISSED),
            self.open + (state == OPEN),
        )


def yearly_review_rrule(fiscal_year_start: int) -> str:
    """The yearly review: the first working day of the fiscal year's last month.

    A fiscal year starting in January (the default) gives the review in December.
    """
    if not 1 <= fiscal_year_start <= 12:
        raise RoutineError("fiscal_year_start", "Choose a month from January to December.")
    last_month = (fiscal_year_start - 2) % 12 + 1
    return f"FREQ=YEARLY;BYMONTH={last_month};BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1"


def follows_fiscal_year(rrule: str | None, fiscal_year_start: int) -> bool:
    """Whether a yearly review rule still reads as the one ``fiscal_year_start`` gives
    (a rule a person rewrote keeps its own rhythm when the fiscal year moves)."""
    if rrule is None:
        return False
    return normalise_rrule(rrule) == normalise_rrule(yearly_review_rrule(fiscal_year_start))


def routine_rrule(key: str, fiscal_year_start: int) -> str:
    """The rhythm a routine is switched on with: the yearly review follows the fiscal year."""
    if key == YEARLY_REVIEW:
        return yearly_review_rrule(fiscal_year_start)
    return ROUTINES[key].rrule


def next_working_day(day: date, blackout: frozenset[date]) -> date:
    """``day`` itself when it is a working day (Monday to Friday) and not blacked out,
    else the next day that is. Raises ValueError when a whole year is blacked out."""
    for offset in range(366):
        candidate = day + timedelta(days=offset)
        if candidate.weekday() in WORKING_DAYS and candidate not in blackout:
            return candidate
    raise ValueError("No working day within a year: every day is a blackout day.")


def move_off_blackouts(
    occurrences: Iterable[Occurrence], blackout: frozenset[date], tz: ZoneInfo
) -> list[Occurrence]:
    """Routine occurrences with each one on a blackout day moved to the next working day,
    at the same local time; it keeps its occurrence date (its identity within the rule)."""
    moved = []
    for occurrence in occurrences:
        if occurrence.day in blackout:
            local = occurrence.start.astimezone(tz).replace(tzinfo=None)
            to_day = next_working_day(occurrence.day, blackout)
            start = local_to_utc(local + (to_day - occurrence.day), tz)
            occurrence = Occurrence(
                occurrence.day, start, start + (occurrence.end - occurrence.start)
            )
        moved.append(occurrence)
    return moved


def plan_slots(
    cadence: Cadence, tz: ZoneInfo, start: datetime, end: datetime, blackout: frozenset[date]
) -> list[Occurrence]:
    """A rule's occurrences in ``[start, end)``: a routine's blackout days move to the next
    working day, any other activity's are dropped."""
    if cadence.activity != ROUTINE_ACTIVITY:
        return plan_occurrences(cadence, tz, start, end, blackout)
    return move_off_blackouts(plan_occurrences(cadence, tz, start, end), blackout, tz)


def read_ticks(
    ticked: Sequence[str], numbers: Mapping[int, str], steps: int, counting: Iterable[int]
) -> dict[int, int | None]:
    """A checklist form read: the ticked steps (their indexes as sent) with the number typed
    for each counting step. A step that does not exist, a number that is not a whole number
    0..10^9, or a number for a step left unticked raise :class:`RoutineError`."""
    chosen: set[int] = set()
    for text in ticked:
        text = text.strip()
        if not (text.isascii() and text.isdigit() and len(text) <= 3 and int(text) < steps):
            raise RoutineError("step", f"This routine has no step {text!r}; nothing was saved.")
        chosen.add(int(text))
    ticks: dict[int, int | None] = dict.fromkeys(sorted(chosen))
    for step in counting:
        number = parse_count(numbers.get(step), f"number-{step}")
        if number is not None and step not in chosen:
            raise RoutineError(f"number-{step}", f"Tick step {step + 1} too, or clear its number.")
        if step in chosen:
            ticks[step] = number
    return ticks
