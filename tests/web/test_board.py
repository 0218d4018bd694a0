"""The Board page: columns by status, its range and filters, and the form that moves a card."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from calendar_app.extensions import db
from calendar_app.models import ScheduleItem
from tests.factories import make_campaign, make_channel, make_idea, make_item
from tests.queries import count_queries

MONDAY = datetime(2026, 11, 23, 9, tzinfo=UTC)


@pytest.fixture
def board(logged_in):
    """A LinkedIn post with a headline and campaign, a blog post without, and reply time."""
    linkedin, blog = make_channel("linkedin", name="LinkedIn"), make_channel("blog", name="Blog")
    campaign = make_campaign("Winter push", [linkedin])
    make_item(linkedin, MONDAY, idea=make_idea("Ride <b>on</b> ice"), campaign=campaign)
    make_item(blog, MONDAY + timedelta(days=1), status="approved")
    make_item(blog, MONDAY, "reply")
    return logged_in


def post(channel: str) -> ScheduleItem:
    return db.session.scalars(
        db.select(ScheduleItem)
        .join(ScheduleItem.channel)
        .where(ScheduleItem.activity == "post", ScheduleItem.channel.has(slug=channel))
    ).one()


def column(page: str, status: str) -> str:
    return re.search(rf'<section class="board-column status-{status}".*?</section>', page, re.S)[0]


def test_the_board_shows_each_post_in_its_status_column_with_counts(board) -> None:
    page = board.get("/board").get_data(as_text=True)
    assert "Board: 23 Nov – 20 Dec 2026" in page
    planned, ready = column(page, "draft"), column(page, "approved")
    assert 'Draft <span class="board-count">(1)</span>' in planned
    assert "Ride &lt;b&gt;on&lt;/b&gt; ice" in planned and "<b>on</b>" not in page
    assert "LinkedIn · Post" in planned and "Campaign: Winter push" in planned
    assert "Mon 23 Nov, 10:00" in planned  # Berlin time
    assert f'href="/items/{post("linkedin").id}"' in planned
    assert "No headline yet" in ready and 'Approved <span class="board-count">(1)</span>' in ready
    assert "Reply time" not in page
    assert "(0)" in column(page, "published") and "<details>" in column(page, "skipped")
    # two cards, the bulk action bar and the log-out button
    assert page.count('name="csrf_token"') == 4


def test_the_board_is_in_the_navigation_and_linked_from_the_calendar_and_week(board) -> None:
    assert 'href="/board"' in board.get("/board").get_data(as_text=True)
    week = board.get("/week?start=2026-12-02").get_data(as_text=True)
    assert 'href="/board?from=2026-11-30&amp;to=2026-12-06">This week by status' in week
    calendar = board.get("/calendar?view=week&start=2026-12-02&channel=blog")
    assert (
        'href="/board?channel=blog&amp;from=2026-11-30&amp;to=2026-12-06">These days by status'
    ) in calendar.get_data(as_text=True)
    month = board.get("/calendar?start=2026-12-02").get_data(as_text=True)
    assert 'href="/board?from=2026-11-30&amp;to=2027-01-03"' in month  # 35 days: in reach


def test_the_board_needs_a_login(client) -> None:
    assert client.get("/board").status_code == 302
    assert client.post("/board/items/1/status").status_code == 302


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("from=soon", "Give the first date as YYYY-MM-DD"),
        ("from=2026-12-01&to=2027-06-01", "Show at most 93 days at once."),
        ("from=2026-12-05&to=2026-12-01", "The last day comes before the first"),
        ("channel=nope", "There is no channel &#39;nope&#39;; showing every channel."),
        ("campaign=999", "There is no campaign &#39;999&#39;; showing every campaign."),
    ],
)
def test_a_bad_range_or_filter_is_named_and_the_default_board_shown(board, query, message) -> None:
    answer = board.get(f"/board?{query}")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 400 and message in page and 'role="alert"' in page
    assert "Ride &lt;b&gt;on&lt;/b&gt; ice" in page  # the default board, unfiltered


def test_a_good_range_and_filters_are_kept(board) -> None:
    answer = board.get("/board?from=2026-11-24&to=2026-11-24&channel=blog")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200 and 'role="alert"' not in page
    assert "Board: 24 Nov – 24 Nov 2026" in page and "Ride" not in page
    assert "No headline yet" in page
    only = board.get("/board?campaign=1").get_data(as_text=True)
    assert "Ride &lt;b&gt;on&lt;/b&gt; ice" in only and "No headline yet" not in only


def test_moving_a_card_changes_its_status_touches_it_and_keeps_the_board_filters(board) -> None:
    item = post("linkedin")
    version, sequence = item.version, item.sequence
    answer = board.post(
        f"/board/items/{item.id}/status",
        data={
            "status": "approved",
            "version": version,
            "channel": "linkedin",
            "from": "2026-11-23",
        },
    )
    assert answer.status_code == 302
    assert answer.location == f"/board?from=2026-11-23&channel=linkedin#card-{item.id}"
    db.session.expire_all()
    item = post("linkedin")
    assert (item.status, item.version, item.sequence) == ("approved", version + 1, sequence + 1)
    assert item.touched_at is not None
    page = board.get("/board?channel=linkedin").get_data(as_text=True)
    assert "Moved to approved." in page and "Ride" in column(page, "approved")


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"status": "approved", "version": "SEEN"}, "Someone else changed this item"),
        ({"status": "lost", "version": "CURRENT"}, "Unknown status &#39;lost&#39;."),
        ({"status": "approved"}, "That form was incomplete; reload the board"),
        ({"status": "approved", "version": "-3"}, "That form was incomplete; reload the board"),
    ],
)
def test_a_stale_or_unknown_move_is_refused_and_changes_nothing(board, form, message) -> None:
    item = post("linkedin")
    seen = item.version
    board.post(f"/board/items/{item.id}/status", data={"status": "draft", "version": seen})
    db.session.expire_all()
    item = post("linkedin")
    before = (item.status, item.version, item.sequence, item.touched_at)
    versions = {"SEEN": str(seen), "CURRENT": str(item.version)}
    data = {**form, "version": versions.get(form.get("version"), form.get("version", ""))}
    answer = board.post(f"/board/items/{item.id}/status", data=data, follow_redirects=True)
    assert answer.status_code == 200 and message in answer.get_data(as_text=True)
    db.session.expire_all()
    item = post("linkedin")
    assert (item.status, item.version, item.sequence, item.touched_at) == before


def test_moving_a_card_that_is_gone_is_a_404(board) -> None:
    answer = board.post("/board/items/999/status", data={"status": "approved", "version": "1"})
    assert answer.status_code == 404


def test_the_board_takes_the_same_number_of_queries_for_few_or_many_cards(board) -> None:
    board.get("/board")  # the day's first visit extends the schedule
    few = count_queries(board, "/board")
    blog = make_channel("news", name="News")
    for n in range(30):
        make_item(blog, MONDAY + timedelta(hours=n), idea=make_idea(f"Headline {n}"))
    assert count_queries(board, "/board") == few
