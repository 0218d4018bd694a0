"""The board's content: posts and videos of a range by status, filtered, in one query."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from calendar_app.extensions import db
from calendar_app.services.board import load_board
from tests.factories import make_campaign, make_channel, make_idea, make_item, make_workspace
from tests.queries import count_statements

MONDAY = datetime(2026, 11, 23, 9, tzinfo=UTC)
FIRST, LAST = date(2026, 11, 23), date(2026, 12, 20)


def cards(board) -> dict[str, list[int]]:
    return {column.status: [item.id for item in column.cards] for column in board.columns}


def test_posts_and_videos_of_the_range_go_to_their_status_column_in_time_order(app) -> None:
    workspace = make_workspace()
    blog = make_channel("blog")
    later = make_item(blog, MONDAY + timedelta(days=2), status="approved")
    sooner = make_item(blog, MONDAY, "video", status="approved")
    planned = make_item(blog, MONDAY + timedelta(days=1))
    make_item(blog, MONDAY, "reply")  # reply time is no card
    make_item(blog, MONDAY - timedelta(days=1))  # Sunday before the range
    make_item(blog, datetime(2026, 12, 20, 23, 30, tzinfo=UTC))  # 00:30 on 21 Dec in Berlin
    last_evening = make_item(blog, datetime(2026, 12, 20, 22, 0, tzinfo=UTC), status="skipped")
    board = load_board(workspace, FIRST, LAST)
    assert cards(board) == {
        "draft": [planned.id],
        "in_review": [],
        "approved": [sooner.id, later.id],
        "scheduled": [],
        "published": [],
        "skipped": [last_evening.id],  # 23:00 on the last day, Berlin time
    }
    assert board.total == 4


def test_the_channel_and_campaign_filters_narrow_the_cards(app) -> None:
    workspace = make_workspace()
    blog, video = make_channel("blog"), make_channel("youtube")
    campaign = make_campaign("Winter push", [blog, video])
    own = make_item(blog, MONDAY, campaign=campaign)
    by_headline = make_item(video, MONDAY, idea=make_idea("Ride on ice", campaign=campaign))
    other = make_item(blog, MONDAY + timedelta(days=1))
    assert board_ids(load_board(workspace, FIRST, LAST, blog)) == {own.id, other.id}
    assert board_ids(load_board(workspace, FIRST, LAST, campaign=campaign)) == {
        own.id,
        by_headline.id,
    }
    assert board_ids(load_board(workspace, FIRST, LAST, blog, campaign)) == {own.id}
    assert board_ids(load_board(workspace, FIRST, LAST)) == {own.id, by_headline.id, other.id}


def board_ids(board) -> set[int]:
    return {item.id for column in board.columns for item in column.cards}


def test_the_board_takes_the_same_number_of_queries_for_two_or_forty_cards(app) -> None:
    workspace = make_workspace()
    channels = [make_channel(f"channel-{n}") for n in range(4)]
    campaign = make_campaign("Winter push", channels)

    def add(first: int, count: int) -> None:
        for n in range(first, first + count):
            idea = make_idea(f"Headline {n}", campaign=campaign if n % 2 else None)
            make_item(channels[n % 4], MONDAY + timedelta(hours=n), idea=idea)

    def read() -> None:
        board = load_board(workspace, FIRST, LAST)
        for column in board.columns:
            for item in column.cards:
                _ = (item.channel.name, item.idea and item.idea.campaign, item.campaign)

    add(0, 2)
    few = count_statements(read)
    add(2, 38)
    db.session.expire_all()
    assert count_statements(read) == few
