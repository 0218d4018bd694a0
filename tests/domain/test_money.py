"""Amounts in the workspace's currency, written as its locale writes numbers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendar_app.domain.money import (
    LOCALES,
    amount,
    check_currency,
    check_locale,
    locale_name,
    money,
    symbol,
    whole,
)


@pytest.mark.parametrize(
    ("currency", "locale", "written"),
    [
        ("EUR", "en", "€1,234.50"),
        ("EUR", "de", "1.234,50\u00a0€"),
        ("USD", "en_US", "$1,234.50"),
        ("PLN", "pl", "1\u00a0234,50\u00a0zł"),
        ("CHF", "de_CH", "CHF\u00a01'234.50"),
    ],
)
def test_an_amount_is_written_with_its_currency_as_the_locale_writes_it(
    currency: str, locale: str, written: str
) -> None:
    assert money(Decimal("1234.5"), currency, locale) == written


def test_table_cells_have_two_decimals_and_goals_none() -> None:
    assert amount(Decimal("98765.4"), "de") == "98.765,40"
    assert whole(Decimal("98765.4"), "en") == "98,765"
    assert symbol("GBP", "en_GB") == "£"


@pytest.mark.parametrize("code", ["EUR", "eur", " usd ", "JPY"])
def test_any_iso_currency_code_is_accepted_in_capitals(code: str) -> None:
    assert check_currency(code) == code.strip().upper()


@pytest.mark.parametrize("code", ["", "XYZ", "EURO", "€"])
def test_anything_else_is_not_a_currency(code: str) -> None:
    with pytest.raises(ValueError, match="is not a currency code like EUR or USD"):
        check_currency(code)


def test_only_the_offered_locales_are_accepted() -> None:
    assert check_locale("pl") == "pl"
    with pytest.raises(ValueError, match="Choose how numbers are written from the list."):
        check_locale("tlh")


def test_each_offered_locale_is_named_in_its_own_language_with_an_example() -> None:
    assert locale_name("de") == "Deutsch (1.234,50)"
    assert len({locale_name(code) for code in LOCALES}) == len(LOCALES)


@given(st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2))
def test_an_amount_written_in_english_reads_back_as_itself(value: Decimal) -> None:
    assert Decimal(amount(value, "en").replace(",", "")) == value


@given(
    st.decimals(min_value=-(10**8), max_value=10**8, places=3, allow_nan=False),
    st.sampled_from(LOCALES),
)
def test_table_amounts_are_written_exactly_as_babel_writes_them(value: Decimal, locale) -> None:
    from babel.numbers import format_decimal

    if locale == "de_CH":  # Babel groups a carry to a million wrongly there (1000'000.00)
        assert amount(value, locale) == amount(value, "en").replace(",", "'")
        return
    assert amount(value, locale) == format_decimal(value, format="#,##0.00", locale=locale)
    assert whole(value, locale) == format_decimal(value, format="#,##0", locale=locale)


@pytest.mark.parametrize(
    ("currency", "written", "decimals"),
    [("JPY", "¥1,235", 0), ("EUR", "€1,234.56", 2), ("KWD", "KWD1,234.56", 2)],
)
def test_amounts_have_their_currencys_decimals_but_never_more_than_are_stored(
    currency: str, written: str, decimals: int
) -> None:
    from calendar_app.domain.money import places

    assert money(Decimal("1234.56"), currency, "en") == written
    assert places(currency) == decimals
    assert amount(Decimal("1234.56"), "en", places(currency)) == written.lstrip("¥€KWD")
