"""Bulk actions: reading a selection of rows and wording what happened to it.

A page sends each selected item as ``<id>:<version>`` (an idea, which has no version,
as ``<id>``). Whether a change is allowed stays with the single-item rules; this
module only reads the selection and words the all-or-nothing answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .errors import FieldError

MAX_SELECTED = 200
# What can be done to many items at once (the week's and the board's action bar).
ITEM_ACTIONS = (
    ("move", "Move to the day"),
    ("assign", "Assign to"),
    ("status", "Set status"),
    ("archive", "Archive (skip)"),
)
MAX_ROW = 2**31 - 1  # what a database INTEGER column holds
EMPTY = "Select at least one first."
TOO_MANY = f"Select at most {MAX_SELECTED} at once."
BAD_PICK = "The selection could not be read; reload the page and select again."


class BulkError(FieldError):
    """A bulk action refused as a whole; nothing was changed."""

    def __init__(self, message: str) -> None:
        super().__init__("selected", message)


@dataclass(frozen=True)
class Pick:
    """One selected row: its id, and the version the page showed (None: not versioned)."""

    row_id: int
    version: int | None = None


@dataclass(frozen=True)
class Refusal:
    """One selected row a single-item rule refused, named the way a person knows it."""

    name: str
    reason: str


def _number(text: str) -> int | None:
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ROW else None


def read_pick(text: str, versioned: bool = True) -> Pick:
    """``"12:3"`` gives Pick(12, 3); ``"12"`` gives Pick(12) when not ``versioned``."""
    row, colon, seen = text.strip().partition(":")
    row_id = _number(row)
    version = _number(seen) if colon else None
    if row_id is None or (versioned != bool(colon)) or (colon and version is None):
        raise BulkError(BAD_PICK)
    return Pick(row_id, version)


def read_picks(values: Sequence[str], versioned: bool = True) -> list[Pick]:
    """The selection a form sent, each row once, in the order sent; BulkError when it is
    empty, larger than :data:`MAX_SELECTED` or not readable."""
    if not values:
        raise BulkError(EMPTY)
    if len(values) > MAX_SELECTED:
        raise BulkError(TOO_MANY)
    picks: dict[int, Pick] = {}
    for value in values:
        pick = read_pick(value, versioned)
        picks.setdefault(pick.row_id, pick)
    return list(picks.values())


def counted(number: int, noun: str) -> str:
    """``"1 item"``, ``"4 items"``."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def refusal_message(refusals: Iterable[Refusal], total: int) -> str:
    """Nothing changed, and why: each refused row by name, grouped by reason."""
    by_reason: dict[str, list[str]] = {}
    for refusal in refusals:
        by_reason.setdefault(refusal.reason, []).append(f"“{refusal.name}”")
    refused = sum(len(names) for names in by_reason.values())
    parts = [f"{', '.join(names)}: {reason}" for reason, names in by_reason.items()]
    return f"Nothing was changed: {refused} of {total} could not be. " + " ".join(parts)
