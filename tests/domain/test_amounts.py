"""Amounts typed or exported: where a mark is a decimal mark and where it groups thousands."""

from __future__ import annotations

from decimal import Decimal

import pytest

from calendar_app.domain.export_values import parse_amount

MOST = Decimal("999999999999.99")


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("0.125", Decimal("0.12")),  # an eighth, not 125: a group never follows a lone 0
        ("0,125", Decimal("0.12")),
        ("1.250", Decimal("1250")),  # one to three digits, a mark, three digits: thousands
        ("12,500", Decimal("12500")),
        ("1.234.567", Decimal("1234567")),
        ("1,234,567.89", Decimal("1234567.89")),
        ("1.234.567,89", Decimal("1234567.89")),
        ("1234,5", Decimal("1234.50")),
        ("01.234", Decimal("1.23")),
    ],
)
def test_a_mark_groups_thousands_only_between_groups_of_three(text: str, amount) -> None:
    assert parse_amount(text, MOST) == amount


@pytest.mark.parametrize("text", ["7.5.5", "1,2,3", "1.23.456", "12,34,567.5"])
def test_groups_that_are_not_three_digits_are_not_an_amount(text: str) -> None:
    with pytest.raises(ValueError, match="is not an amount"):
        parse_amount(text, MOST)
