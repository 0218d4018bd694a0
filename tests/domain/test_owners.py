"""A member's short name, and one person's work sorted into overdue, this week and later."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from calendar_app.domain.owners import short_name, sort_work

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
WEEK_ENDS = datetime(2026, 11, 29, 23, 0, tzinfo=UTC)


@dataclass
class Item:
    starts_at: datetime
    status: str = "draft"


def test_short_name_is_the_address_before_the_at_sign() -> None:
    assert short_name("ana.lima@shop.example") == "ana.lima"
    assert short_name("odd@name@shop.example") == "odd@name"


def test_short_name_keeps_an_address_without_a_name() -> None:
    assert short_name("@shop.example") == "@shop.example"
    assert short_name("nobody") == "nobody"


@given(st.text(min_size=1))
def test_short_name_is_never_empty_and_part_of_the_address(text: str) -> None:
    name = short_name(text)
    assert name and name in text


def test_late_items_not_done_are_overdue_and_done_ones_are_left_out() -> None:
    late = Item(NOW - timedelta(days=2))
    late_ready = Item(NOW - timedelta(hours=1), "approved")
    done = [Item(NOW - timedelta(days=1), status) for status in ("published", "skipped", "done")]
    work = sort_work([late_ready, *done, late], NOW, WEEK_ENDS)
    assert work.overdue == [late, late_ready]
    assert work.this_week == work.later == []


def test_the_rest_is_this_week_or_later_by_start() -> None:
    now_item = Item(NOW)
    sunday = Item(WEEK_ENDS - timedelta(minutes=1), "published")
    monday = Item(WEEK_ENDS)
    later = Item(WEEK_ENDS + timedelta(days=30))
    work = sort_work([later, monday, sunday, now_item], NOW, WEEK_ENDS)
    assert work.overdue == []
    assert work.this_week == [now_item, sunday]
    assert work.later == [monday, later]


@given(
    st.lists(
        st.tuples(st.integers(-2000, 2000), st.sampled_from(["planned", "ready", "published"]))
    )
)
def test_every_item_not_done_in_the_past_is_listed_once_in_start_order(rows) -> None:
    items = [Item(NOW + timedelta(hours=hours), status) for hours, status in rows]
    work = sort_work(items, NOW, WEEK_ENDS)
    listed = work.overdue + work.this_week + work.later
    assert [i.starts_at for i in listed] == sorted(i.starts_at for i in listed)
    kept = [i for i in items if i.starts_at >= NOW or i.status != "published"]
    assert sorted(map(id, listed)) == sorted(map(id, kept))
