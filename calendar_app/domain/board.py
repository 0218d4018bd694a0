"""The board: posts and videos of a date range in one column per status (pure domain code).

The columns come from the posts' statuses (:data:`POST_STATUSES`), in their order, so a
new list of statuses changes the board without touching this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Generic, Protocol, TypeVar

from .activities import STATUS_MARKS
from .capacity import week_start
from .errors import FieldError
from .workflow import POST_STATUSES

# The longest range the board shows at once: about three months.
MAX_BOARD_DAYS = 93
# The weeks shown when no range is given: this one and the next three.
DEFAULT_WEEKS = 4
# Statuses whose column starts folded away (work that will not happen).
FOLDED_STATUSES = ("skipped",)


class BoardError(FieldError):
    """A board range or filter that cannot be shown; ``field`` names the address parameter."""


class HasStatus(Protocol):
    """What a card needs for the board to place it."""

    status: str


Card = TypeVar("Card", bound=HasStatus)


@dataclass
class Column(Generic[Card]):
    """One status and its cards, in the order they were given."""

    status: str
    sign: str
    word: str
    folded: bool
    cards: list[Card] = field(default_factory=list)


def default_range(today: date) -> tuple[date, date]:
    """This week (from Monday) and the next three, both ends included."""
    first = week_start(today)
    return first, first + timedelta(days=7 * DEFAULT_WEEKS - 1)


def _day(text: str, name: str, label: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise BoardError(name, f"Give the {label} date as YYYY-MM-DD, like 2026-12-07.") from None


def board_range(first: str | None, last: str | None, today: date) -> tuple[date, date]:
    """The days ``?from=`` and ``?to=`` name, both ends included.

    A missing or empty end takes the default range's; an end that is no date, a ``to``
    before ``from`` and a range over :data:`MAX_BOARD_DAYS` days raise BoardError.
    """
    start, end = default_range(today)
    if first and first.strip():
        start = _day(first, "from", "first")
        if not (last and last.strip()):
            end = start + timedelta(days=7 * DEFAULT_WEEKS - 1)
    if last and last.strip():
        end = _day(last, "to", "last")
    if end < start:
        raise BoardError("to", "The last day comes before the first; swap them.")
    if (end - start).days + 1 > MAX_BOARD_DAYS:
        raise BoardError("to", f"Show at most {MAX_BOARD_DAYS} days at once.")
    return start, end


def board_columns(
    cards: Iterable[Card], statuses: Sequence[str] = POST_STATUSES
) -> list[Column[Card]]:
    """One column per status in ``statuses`` order, each with its cards in the given order.

    A card whose status is not in ``statuses`` gets a column of its own after the others,
    so no card is ever left off the board.
    """
    columns: dict[str, Column[Card]] = {status: _column(status) for status in statuses}
    for card in cards:
        columns.setdefault(card.status, _column(card.status)).cards.append(card)
    return list(columns.values())


def _column(status: str) -> Column[Card]:
    sign, word = STATUS_MARKS.get(status, ("", status.capitalize()))
    return Column(status, sign, word, status in FOLDED_STATUSES)
