"""The board's date range and its columns: pure rules, no fixtures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendar_app.domain.board import (
    MAX_BOARD_DAYS,
    BoardError,
    board_columns,
    board_range,
    default_range,
)
from calendar_app.domain.workflow import POST_STATUSES

TODAY = date(2026, 11, 25)  # a Wednesday


@dataclass
class Card:
    status: str
    name: str = ""


def test_the_default_is_this_week_from_monday_and_the_next_three() -> None:
    assert default_range(TODAY) == (date(2026, 11, 23), date(2026, 12, 20))
    assert board_range(None, None, TODAY) == default_range(TODAY)
    assert board_range("", "  ", TODAY) == default_range(TODAY)


def test_a_range_given_is_kept_and_one_end_alone_takes_four_weeks() -> None:
    assert board_range("2026-12-01", "2026-12-03", TODAY) == (date(2026, 12, 1), date(2026, 12, 3))
    assert board_range("2026-12-01", None, TODAY) == (date(2026, 12, 1), date(2026, 12, 28))
    assert board_range(None, "2026-12-01", TODAY) == (date(2026, 11, 23), date(2026, 12, 1))
    one_day = board_range("2026-12-01", "2026-12-01", TODAY)
    assert one_day == (date(2026, 12, 1), date(2026, 12, 1))


@pytest.mark.parametrize(
    ("first", "last", "field", "words"),
    [
        ("yesterday", None, "from", "first date as YYYY-MM-DD"),
        ("2026-12-01", "2026-13-01", "to", "last date as YYYY-MM-DD"),
        ("2026-12-05", "2026-12-01", "to", "comes before the first"),
        ("2026-12-01", "2027-03-04", "to", "at most 93 days"),
    ],
)
def test_bad_dates_and_long_ranges_are_refused_with_a_reason(first, last, field, words) -> None:
    with pytest.raises(BoardError) as refused:
        board_range(first, last, TODAY)
    assert refused.value.field == field and words in refused.value.message


def test_exactly_93_days_is_still_accepted() -> None:
    first, last = board_range("2026-12-01", "2027-03-03", TODAY)
    assert (last - first).days + 1 == MAX_BOARD_DAYS


@given(st.dates(date(2000, 1, 1), date(2100, 1, 1)), st.integers(-200, 200))
def test_any_range_is_either_refused_or_between_one_and_93_days(start, length) -> None:
    last = start + timedelta(days=length)
    try:
        first, end = board_range(start.isoformat(), last.isoformat(), TODAY)
    except BoardError:
        assert length < 0 or length + 1 > MAX_BOARD_DAYS
    else:
        assert (first, end) == (start, last) and 1 <= (end - first).days + 1 <= MAX_BOARD_DAYS


def test_one_column_per_status_in_order_with_cards_in_the_order_given() -> None:
    cards = [Card("approved", "a"), Card("draft", "b"), Card("approved", "c")]
    columns = board_columns(cards)
    assert [column.status for column in columns] == list(POST_STATUSES)
    by_status = {column.status: [card.name for card in column.cards] for column in columns}
    assert by_status["approved"] == ["a", "c"] and by_status["draft"] == ["b"]
    assert by_status["published"] == []
    assert [column.word for column in columns][:3] == ["Draft", "In review", "Approved"]
    assert [column.folded for column in columns] == [s == "skipped" for s in POST_STATUSES]


def test_other_statuses_make_other_columns_and_no_card_is_lost() -> None:
    statuses = ("draft", "in review", "approved", "scheduled", "published")
    columns = board_columns([Card("in review"), Card("lost"), Card("draft")], statuses)
    assert [column.status for column in columns] == [*statuses, "lost"]
    assert columns[1].word == "In review" and columns[-1].word == "Lost"
    assert sum(len(column.cards) for column in columns) == 3


@given(st.lists(st.sampled_from([*POST_STATUSES, "other"]), max_size=30))
def test_every_card_lands_in_the_column_of_its_status(statuses) -> None:
    columns = board_columns([Card(status, str(n)) for n, status in enumerate(statuses)])
    placed = [(card.status, column.status) for column in columns for card in column.cards]
    assert len(placed) == len(statuses) and all(a == b for a, b in placed)
