"""Reading a bulk selection and wording its answer: pure, no fixtures."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendar_app.domain.bulk import (
    MAX_ROW,
    MAX_SELECTED,
    BulkError,
    Pick,
    Refusal,
    counted,
    read_pick,
    read_picks,
    refusal_message,
)

rows = st.integers(1, MAX_ROW)


@given(rows, rows)
def test_a_versioned_pick_reads_back_what_was_written(row_id: int, version: int) -> None:
    assert read_pick(f"{row_id}:{version}") == Pick(row_id, version)


@given(rows)
def test_an_unversioned_pick_is_its_id(row_id: int) -> None:
    assert read_pick(str(row_id), versioned=False) == Pick(row_id)


@pytest.mark.parametrize(
    "text", ["", ":", "7", "7:", ":3", "0:1", "7:0", "x:1", "7:1:2", "²:1", f"{MAX_ROW + 1}:1"]
)
def test_a_versioned_pick_that_cannot_be_read_is_refused(text: str) -> None:
    with pytest.raises(BulkError, match="could not be read"):
        read_pick(text)


@pytest.mark.parametrize("text", ["", "7:1", "0", "-3", "abc"])
def test_an_unversioned_pick_that_cannot_be_read_is_refused(text: str) -> None:
    with pytest.raises(BulkError, match="could not be read"):
        read_pick(text, versioned=False)


def test_an_empty_selection_is_refused_with_a_clear_error() -> None:
    with pytest.raises(BulkError, match="Select at least one") as error:
        read_picks([])
    assert error.value.field == "selected"


def test_at_most_two_hundred_at_once() -> None:
    assert len(read_picks([f"{n}:1" for n in range(1, MAX_SELECTED + 1)])) == MAX_SELECTED
    with pytest.raises(BulkError, match="at most 200"):
        read_picks([f"{n}:1" for n in range(1, MAX_SELECTED + 2)])


@given(st.lists(st.tuples(rows, rows), min_size=1, max_size=50))
def test_each_row_counts_once_in_the_order_sent(pairs: list[tuple[int, int]]) -> None:
    picks = read_picks([f"{row}:{version}" for row, version in pairs])
    assert [pick.row_id for pick in picks] == list(dict.fromkeys(row for row, _ in pairs))


def test_counted_words() -> None:
    assert (counted(1, "item"), counted(4, "item"), counted(0, "idea")) == (
        "1 item",
        "4 items",
        "0 ideas",
    )


def test_the_refusal_names_each_refused_row_grouped_by_reason() -> None:
    message = refusal_message(
        [Refusal("A", "Too late."), Refusal("B", "Stale."), Refusal("C", "Too late.")], 5
    )
    assert message == "Nothing was changed: 3 of 5 could not be. “A”, “C”: Too late. “B”: Stale."
