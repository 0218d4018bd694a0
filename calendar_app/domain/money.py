"""Amounts as people read them: the workspace's currency, written the way its locale writes
numbers (Babel's CLDR data: ``1,234.50 €`` is ``1.234,50 €`` in German). Pure."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from babel import Locale
from babel.numbers import (
    format_currency,
    format_decimal,
    get_currency_name,
    get_currency_precision,
    get_currency_symbol,
    list_currencies,
)

# The locales offered for writing numbers: their names come from Babel.
LOCALES = (
    "en", "en_GB", "en_US", "de", "de_CH", "fr", "es", "it", "nl", "pl", "pt", "pt_BR",
    "sv", "da", "nb", "fi", "cs", "hu",
)  # fmt: skip
# The currencies offered first; any ISO 4217 code Babel knows is accepted.
COMMON_CURRENCIES = (
    "EUR", "USD", "GBP", "CHF", "PLN", "SEK", "NOK", "DKK", "CZK", "HUF", "CAD", "AUD",
    "BRL", "JPY",
)  # fmt: skip
AMOUNT_PATTERN = "#,##0.00"


def check_currency(code: str) -> str:
    """``code`` in capitals if it is a currency (ISO 4217), else ValueError."""
    upper = code.strip().upper()
    if upper not in list_currencies():
        raise ValueError(f"{code!r} is not a currency code like EUR or USD.")
    return upper


def check_locale(identifier: str) -> str:
    """``identifier`` if it is one of the offered locales, else ValueError."""
    if identifier not in LOCALES:
        raise ValueError("Choose how numbers are written from the list.")
    return identifier


def locale_name(identifier: str) -> str:
    """A locale's name in its own language, with an example amount: ``Deutsch (1.234,50)``."""
    locale = Locale.parse(identifier)
    example = format_decimal(Decimal("1234.50"), format=AMOUNT_PATTERN, locale=identifier)
    return f"{locale.get_display_name(locale)} ({example})"


def places(currency: str) -> int:
    """The decimals amounts in ``currency`` are written with: its own (0 for yen), at most
    the two that amounts are stored with."""
    return min(get_currency_precision(currency), 2)


def money(amount: Decimal, currency: str, locale: str) -> str:
    """An amount with its currency: ``€1,234.50``, ``1.234,50 €``, ``¥1,235``."""
    own_digits = places(currency) < 2  # else the pattern's two, not a currency's three or four
    return format_currency(amount, currency, locale=locale, currency_digits=own_digits)


@cache
def _separators(locale: str) -> dict[int, str]:
    """The locale's group and decimal signs, as a translation of Python's ``,`` and ``.``."""
    symbols = Locale.parse(locale).number_symbols["latn"]
    return {ord(","): symbols["group"], ord("."): symbols["decimal"]}


def amount(value: Decimal, locale: str, decimals: int = 2) -> str:
    """A number with ``decimals`` decimals, grouped as the locale groups them (a table
    cell): what Babel writes for ``#,##0.00``, made by Python's own formatting with the
    locale's signs (a results table writes thousands of them)."""
    return f"{value:,.{decimals}f}".translate(_separators(locale))


def whole(value: Decimal, locale: str) -> str:
    """A number without decimals, grouped (a goal's target or progress)."""
    return f"{value:,.0f}".translate(_separators(locale))


def symbol(currency: str, locale: str) -> str:
    """The currency's sign in the locale: ``€``, ``$``, ``zł``."""
    return get_currency_symbol(currency, locale=locale)


def currency_name(code: str) -> str:
    """A currency's English name: ``Polish Zloty``."""
    return get_currency_name(code, locale="en")
