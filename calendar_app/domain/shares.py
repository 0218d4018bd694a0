"""Share links: a read-only view of the plan for someone outside the team. Pure.

A share link is a secret address; the database keeps only its digest
(:mod:`.tokens`). It shows every channel or the chosen ones, with or without
the items' notes, until it is revoked or, if it has one, until its last day
has passed. The viewer picks a month (``YYYY-MM``).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from .errors import FieldError
from .text import label_problem

MAX_LABEL = 120
# A link may run for a year at most: a forgotten one then dies of old age.
MAX_LIFETIME_DAYS = 365
# Months the share page can show: prev/next links never run off the calendar.
FIRST_YEAR, LAST_YEAR = 2000, 2999
_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}")


class ShareError(FieldError):
    """A share link that cannot be made as asked; ``field`` names the form field."""


def check_label(label: str) -> str:
    """The label without surrounding spaces: required, one line, at most 120 characters."""
    label = label.strip()
    if problem := label_problem(label, "Give the link a label, such as who it is for.", MAX_LABEL):
        raise ShareError("label", problem)
    return label


def check_last_day(last_day: date | None, today: date) -> None:
    """A link's last day is today or later, and at most a year ahead (None: no end)."""
    if last_day is None:
        return
    if last_day < today:
        raise ShareError("expires_on", "The last day has passed; pick today or a later day.")
    latest = today + timedelta(days=MAX_LIFETIME_DAYS)
    if last_day > latest:
        raise ShareError(
            "expires_on", f"A link works for a year at most: pick {latest.isoformat()} or earlier."
        )


def is_live(revoked_at: datetime | None, expires_at: datetime | None, now: datetime) -> bool:
    """Whether a link still opens: not revoked, and its end (if any) not reached."""
    return revoked_at is None and (expires_at is None or now < expires_at)


def parse_month(value: str | None, today: date) -> date:
    """The first day of the month ``YYYY-MM`` names; today's month when none is given.

    >>> parse_month("2026-12", date(2026, 11, 23))
    datetime.date(2026, 12, 1)
    """
    if not value:
        return today.replace(day=1)
    value = value.strip()
    if not _MONTH.fullmatch(value):
        raise ShareError("month", f"{value[:20]!r} is not a month: write it as YYYY-MM.")
    year, month = int(value[:4]), int(value[5:])
    if not 1 <= month <= 12:
        raise ShareError("month", f"{value!r} is not a month: months run from 01 to 12.")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ShareError("month", f"Pick a month between {FIRST_YEAR} and {LAST_YEAR}.")
    return date(year, month, 1)


def month_text(first: date) -> str:
    """The ``YYYY-MM`` form of a month (the inverse of :func:`parse_month`)."""
    return f"{first.year:04d}-{first.month:02d}"


def step_month(first: date, direction: int) -> date | None:
    """The first day of the month before (-1) or after (+1); None past the years shown."""
    index = first.year * 12 + first.month - 1 + direction
    year, month = divmod(index, 12)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    return date(year, month + 1, 1)
