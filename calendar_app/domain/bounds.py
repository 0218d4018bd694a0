"""The limits of every number and date the app stores: one definition for the forms, the
imports, the backups and the column types, so that whatever one accepts the others can
store and restore. Pure domain data.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

# An INTEGER column holds up to 2**31 - 1 on SQLite and PostgreSQL alike.
MAX_INTEGER = 2**31 - 1
# Visits, leads or customers of one results row (duplicate rows added up included).
MAX_COUNT = 10**9
# Amounts in NUMERIC(14, 2) columns: revenue, other spend, goal targets and baselines.
AMOUNT_DIGITS = 14
MAX_AMOUNT = Decimal("999999999999.99")
# Rates in NUMERIC(10, 2) columns: the hourly rate and a channel's click value.
RATE_DIGITS = 10
MAX_RATE = Decimal("99999999.99")
# Minutes logged on one item.
MAX_LOGGED_MINUTES = 24 * 60
# Past hours of one channel in one month, in a NUMERIC(5, 1) column.
MAX_MONTH_HOURS = Decimal("9999.9")
# Results and spend are dated within these years.
EARLIEST_DAY = date(2000, 1, 1)
LATEST_DAY = date(2099, 12, 31)


def largest(digits: int, places: int = 2) -> Decimal:
    """The largest amount a NUMERIC(digits, places) column holds: 10**(digits-places) - 0.01."""
    return Decimal(10) ** (digits - places) - Decimal(1).scaleb(-places)


def check_day(day: date) -> date:
    """``day`` if it lies within the years results can have, else ValueError."""
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise ValueError(
            f"{day.isoformat()} is outside the years {EARLIEST_DAY.year} to {LATEST_DAY.year}."
        )
    return day
