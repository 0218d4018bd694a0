"""Numbers, amounts and tracking values as analytics exports and spreadsheets write them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendar_app.domain.export_values import export_amount, export_count, tracking_value


@pytest.mark.parametrize(
    "text", ["", "  ", "(not set)", "(None)", " (direct) ", "!!!", "日本語", "--"]
)
def test_placeholders_and_values_with_nothing_trackable_become_empty(text: str) -> None:
    assert tracking_value(text) == ""


@pytest.mark.parametrize(
    ("text", "value"), [("LinkedIn", "linkedin"), (" Café Post ", "cafe-post")]
)
def test_tracking_values_are_written_our_way(text: str, value: str) -> None:
    assert tracking_value(text) == value


@pytest.mark.parametrize("text", ["1,234.567,89", "1.234,567.89", "1.2.3,4.5", "12,34.5,6"])
def test_an_amount_with_its_marks_in_a_muddled_order_is_refused(text: str) -> None:
    with pytest.raises(ValueError) as caught:
        export_amount(text)
    assert str(caught.value) == f"{text!r} is not an amount."


def grouped(whole: int, separator: str) -> str:
    return f"{whole:,}".replace(",", separator)


@given(
    cents=st.integers(0, 10**14 - 1),  # up to the largest amount a column holds
    style=st.sampled_from([(",", "."), (".", ","), (" ", ","), ("\u00a0", "."), ("'", ".")]),
)
def test_an_amount_reads_back_in_any_common_spreadsheet_style(
    cents: int, style: tuple[str, str]
) -> None:
    thousands, decimal = style
    text = f"{grouped(cents // 100, thousands)}{decimal}{cents % 100:02d}"
    assert export_amount(text) == Decimal(cents) / 100


@given(
    number=st.integers(0, 10**9),
    separator=st.sampled_from([",", ".", " ", "\u00a0", "\u202f", "'", ""]),
)
def test_a_count_reads_back_with_any_thousands_separator(number: int, separator: str) -> None:
    assert export_count(grouped(number, separator)) == number
