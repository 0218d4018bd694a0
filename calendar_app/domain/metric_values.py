"""A channel's awareness and community numbers for a month, and how people write them. Pure.

Seven numbers, each a whole number from 0 up, or unknown (None: an empty field or cell,
never the same as 0). Followers is a level, how many follow the channel at the month's
end (or on its last day known); the others are what the month brought, and add up over
months and channels. The source articles measure awareness by reach and community by
engagement and mentions (article 004); a mention is positive, negative or neither, so
the positive and negative ones together are never more than all mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .bounds import EARLIEST_DAY, LATEST_DAY, MAX_COUNT

METRICS = (
    "followers",
    "reach",
    "impressions",
    "engagements",
    "mentions",
    "positive_mentions",
    "negative_mentions",
)
LABELS = {
    "followers": "Followers",
    "reach": "Reach",
    "impressions": "Impressions",
    "engagements": "Engagements",
    "mentions": "Mentions",
    "positive_mentions": "Positive mentions",
    "negative_mentions": "Negative mentions",
}
# A level at the month's end; every other number is summed over months and channels.
LEVELS = ("followers",)

# 1234, or 1,234 / 1.234 / 1 234 / 1'234 with the same mark between groups of three.
_COUNT = re.compile(r"[0-9]+|[1-9][0-9]{0,2}([,. '\u00a0\u202f])[0-9]{3}(?:\1[0-9]{3})*")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")


@dataclass(frozen=True)
class MetricMonth:
    """One channel's numbers for one month (``channel`` is its slug; ``month`` its first day)."""

    channel: str
    month: date
    followers: int | None = None
    reach: int | None = None
    impressions: int | None = None
    engagements: int | None = None
    mentions: int | None = None
    positive_mentions: int | None = None
    negative_mentions: int | None = None

    def numbers(self) -> dict[str, int | None]:
        """The seven numbers by name, None where unknown."""
        return {name: getattr(self, name) for name in METRICS}


def read_count(text: str) -> int | None:
    """A number of people or times as a person or a spreadsheet writes it (``1234``,
    ``1,234``, ``1.234``, ``1 234``): None when empty; ValueError for a negative number, a
    fraction (``2.5``), anything else or more than :data:`~.bounds.MAX_COUNT`."""
    text = text.strip()
    if not text:
        return None
    if text.startswith(("-", "−")) and _COUNT.fullmatch(text[1:].strip()):
        raise ValueError(f"{text!r} is negative: give 0 or more (or leave it empty if unknown).")
    if not _COUNT.fullmatch(text):
        raise ValueError(f"{text!r} is not a whole number like 1234.")
    number = int(re.sub(r"[^0-9]", "", text))
    if number > MAX_COUNT:
        raise ValueError(f"{text!r} is more than {MAX_COUNT:,}.")
    return number


def read_change(text: str) -> int | None:
    """A day's change that may be negative (``-2``: two reactions taken back), else as
    :func:`read_count`."""
    text = text.strip()
    if text[:1] in ("-", "−"):
        number = read_count(text[1:])
        return None if number is None else -number
    return read_count(text)


def read_month(text: str) -> date:
    """``2026-11`` as its first day, within the years results can have; else ValueError."""
    text = text.strip()
    match = _MONTH.fullmatch(text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"{text!r} is not a month like 2026-11.")
    month = date(int(match.group(1)), int(match.group(2)), 1)
    if not EARLIEST_DAY <= month <= LATEST_DAY:
        raise ValueError(f"{text} is outside the years {EARLIEST_DAY.year} to {LATEST_DAY.year}.")
    return month


def first_of_month(day: date) -> date:
    """The first day of ``day``'s month."""
    return day.replace(day=1)


def future_month_problem(month: date, today: date) -> str | None:
    """Why ``month`` cannot have numbers yet (it starts after ``today``'s month), or None.
    This month is fine: its numbers so far, replaced when the month is over."""
    if month > first_of_month(today):
        return f"{month:%Y-%m} is in the future (this month is {today:%Y-%m})."
    return None


def mentions_problem(numbers: dict[str, int | None]) -> str | None:
    """Why positive and negative mentions cannot be part of the mentions, or None (also
    when the mentions are unknown: nothing to compare with)."""
    mentions = numbers.get("mentions")
    positive = numbers.get("positive_mentions") or 0
    negative = numbers.get("negative_mentions") or 0
    if mentions is not None and positive + negative > mentions:
        return (
            f"Positive and negative mentions ({positive:,} + {negative:,}) add up to more than "
            f"the mentions ({mentions:,})."
        )
    return None
