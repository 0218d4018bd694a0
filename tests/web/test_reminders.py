"""Reminders on a person's own feed (chosen on the Subscribe page) and a channel's
response-time standard (set on the channel, said by its reply-time blocks)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from calendar_app.extensions import db
from calendar_app.models import Channel, User
from calendar_app.services import feeds as service
from calendar_app.services import planner
from tests.conftest import NOW
from tests.factories import feed_token, make_channel, make_item, make_user
from tests.web.test_feed import events
from tests.web.test_workflow import log_in


@pytest.fixture
def owner_feeds(logged_in):
    """The owner's items on two days and their feed addresses."""
    service.forget_bodies()
    owner = db.session.scalars(select(User).where(User.email == "owner@example.com")).one()
    channel = make_channel("linkedin", name="LinkedIn", response_hours=4)
    post = make_item(channel, NOW + timedelta(days=1), assignee=owner)
    reply = make_item(channel, NOW + timedelta(days=2), activity="reply", assignee=owner)
    planner.keep_planned_ahead(NOW)
    token = feed_token(owner)
    return {
        "owner": owner,
        "items": (post, reply),
        "mine": f"/feeds/{token}/mine.ics",
        "team": f"/feeds/{token}.ics",
    }


def alarms(body: bytes) -> list[timedelta]:
    return [alarm.decoded("trigger") for e in events(body) for alarm in e.walk("VALARM")]


def test_the_subscribe_page_offers_the_reminder_of_my_own_feed(logged_in, owner_feeds) -> None:
    page = logged_in.get("/subscribe").get_data(as_text=True)
    assert 'action="/subscribe/reminder"' in page
    for words in ("No reminder", "15 minutes before", "1 hour before", "1 day before"):
        assert words in page
    assert '<option selected value="0">No reminder</option>' in page


def test_a_chosen_reminder_rings_before_each_of_my_items_and_only_in_my_feed(
    app, logged_in, owner_feeds
) -> None:
    feeds = app.test_client()
    before = feeds.get(owner_feeds["mine"])
    assert alarms(before.get_data()) == []
    answer = logged_in.post("/subscribe/reminder", data={"alarm": "60"}, follow_redirects=True)
    assert "Your own feed now rings 1 hour before each of your items." in answer.get_data(
        as_text=True
    )
    assert '<option selected value="60">1 hour before</option>' in answer.get_data(as_text=True)
    after = feeds.get(owner_feeds["mine"])
    assert after.headers["ETag"] != before.headers["ETag"]  # calendar apps fetch it again
    assert alarms(after.get_data()) == [timedelta(hours=-1)] * 2
    assert (
        feeds.get(
            owner_feeds["mine"], headers={"If-None-Match": before.headers["ETag"]}
        ).status_code
        == 200
    )
    assert alarms(feeds.get(owner_feeds["team"]).get_data()) == []  # the team's never ring

    logged_in.post("/subscribe/reminder", data={"alarm": "0"})
    assert alarms(feeds.get(owner_feeds["mine"]).get_data()) == []
    assert db.session.get(User, owner_feeds["owner"].id).feed_alarm_minutes is None


@pytest.mark.parametrize("choice", ["5", "one hour", "", "-60"])
def test_a_reminder_not_offered_is_refused_and_changes_nothing(
    app, logged_in, owner_feeds, choice
) -> None:
    logged_in.post("/subscribe/reminder", data={"alarm": "15"})
    feeds = app.test_client()
    etag = feeds.get(owner_feeds["mine"]).headers["ETag"]
    answer = logged_in.post("/subscribe/reminder", data={"alarm": choice}, follow_redirects=True)
    assert answer.status_code == 200
    assert "Choose one of: No reminder, 15 minutes before" in answer.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, owner_feeds["owner"].id).feed_alarm_minutes == 15
    assert feeds.get(owner_feeds["mine"]).headers["ETag"] == etag


def test_a_viewer_may_choose_their_own_reminder_and_reset_their_feed(app, logged_in) -> None:
    viewer = make_user("viewer@example.com", role="viewer")
    client = log_in(app, viewer)
    assert client.post("/subscribe/reminder", data={"alarm": "1440"}).status_code == 302
    assert db.session.get(User, viewer.id).feed_alarm_minutes == 1440
    old = feed_token(viewer)
    assert client.post("/subscribe/reset").status_code == 302
    assert feed_token(db.session.get(User, viewer.id)) != old


def test_reply_blocks_carry_the_channels_response_standard(app, logged_in, owner_feeds) -> None:
    post, reply = owner_feeds["items"]
    body = app.test_client().get(owner_feeds["team"]).get_data()
    described = {str(e["uid"]).split("@")[0]: str(e["description"]) for e in events(body)}
    assert "Answer comments and messages within 4 h." in described[reply.uid]
    assert "Answer comments" not in described[post.uid]  # posts are not answered
    week = logged_in.get("/week?start=2026-11-23").get_data(as_text=True)
    assert week.count("Answer within 4 h") == 1
    item_page = logged_in.get(f"/items/{reply.id}").get_data(as_text=True)
    assert "Answer comments and messages within 4 h." in item_page


def test_changing_the_standard_refreshes_the_reply_blocks_in_the_feed(
    app, logged_in, owner_feeds
) -> None:
    feeds = app.test_client()
    feeds.get(owner_feeds["team"])
    channel = db.session.scalar(select(Channel))
    answer = logged_in.post(
        f"/channels/{channel.id}/edit",
        data={"name": "LinkedIn", "slug": "linkedin", "response_hours": "2", "timezone": ""},
    )
    assert answer.status_code == 302
    body = feeds.get(owner_feeds["team"]).get_data()
    assert b"within 2 h" in body.replace(b"\r\n ", b"") and b"within 4 h" not in body


def test_the_channel_form_saves_an_empty_standard_as_none(logged_in) -> None:
    logged_in.post("/channels/new", data={"name": "Blog", "response_hours": "8"})
    channel = db.session.scalar(select(Channel))
    assert channel.response_hours == 8
    page = logged_in.get(f"/channels/{channel.id}/edit").get_data(as_text=True)
    assert 'name="response_hours"' in page and 'value="8"' in page
    logged_in.post(
        f"/channels/{channel.id}/edit", data={"name": "Blog", "response_hours": "", "timezone": ""}
    )
    db.session.expire_all()
    assert db.session.scalar(select(Channel)).response_hours is None


@pytest.mark.parametrize("hours", ["0", "169", "four", "2.5", "-1"])
def test_a_standard_outside_a_week_of_whole_hours_is_refused(logged_in, hours) -> None:
    answer = logged_in.post("/channels/new", data={"name": "Blog", "response_hours": hours})
    assert answer.status_code == 200
    assert "whole hours, from 1 to 168" in answer.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Channel)) == 0


def test_the_results_page_shows_each_channels_standard(logged_in) -> None:
    make_channel("linkedin", name="LinkedIn", response_hours=4)
    make_channel("blog", name="Blog")
    page = logged_in.get("/results/").get_data(as_text=True)
    assert "<strong>LinkedIn</strong> answers within 4 h." in page
    assert "<strong>Blog</strong> answers" not in page


def test_the_results_page_says_nothing_of_standards_when_there_are_none(logged_in) -> None:
    make_channel("blog", name="Blog")
    assert 'id="response-standards"' not in logged_in.get("/results/").get_data(as_text=True)
