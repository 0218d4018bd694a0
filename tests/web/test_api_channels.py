"""Channels over the API: read with their rules, made, changed and deleted as the Channels
page does it, each refusal naming the field and changing nothing."""

from __future__ import annotations

import pytest

from calendar_app.extensions import db
from calendar_app.models import Channel, ScheduleItem
from tests.conftest import NOW
from tests.factories import make_channel, make_item, make_rule, make_workspace
from tests.web.api_helpers import bearer, token_for
from tests.web.api_plan_helpers import (
    assert_needs_if_match,
    assert_refused_to_others,
    etag_of,
    field_of,
    send,
)
from tests.web.test_api_auth import problem_of


@pytest.fixture
def blog(app):
    make_workspace()
    channel = make_channel("blog", network="other")
    make_rule(channel)
    return channel


@pytest.fixture
def editor(app) -> str:
    return token_for("editor")


def stored(channel_id: int) -> Channel | None:
    db.session.expire_all()
    return db.session.get(Channel, channel_id)


def test_channels_list_and_one_read_with_rules_and_an_etag(blog, client) -> None:
    auth = bearer(token_for("viewer", "read"))
    listed = client.get("/api/v1/channels", headers=auth).get_json()
    assert [c["slug"] for c in listed] == ["blog"] and listed[0]["rules"][0]["enabled"]
    one = client.get(f"/api/v1/channels/{blog.id}", headers=auth)
    assert one.get_json()["name"] == "Blog" and one.headers["ETag"].startswith('"channel-')
    assert one.get_json()["rules"][0]["channel_id"] == blog.id
    problem_of(client.get("/api/v1/channels/999", headers=auth), 404)


def test_a_channel_is_made_as_the_channels_page_makes_it(blog, client, editor) -> None:
    response = send(client, "POST", "/api/v1/channels", editor, json={"name": "Mastodon Main"})
    assert response.status_code == 201, response.get_data(as_text=True)
    body = response.get_json()
    assert body["slug"] == "mastodon-main" and body["utm_source"] == "mastodon-main"
    assert response.headers["Location"].endswith(f"/api/v1/channels/{body['id']}")
    assert response.headers["ETag"] == etag_of(client, response.headers["Location"], editor)


def test_a_bad_channel_is_refused_naming_the_field_and_nothing_is_made(
    blog, client, editor
) -> None:
    post = send(client, "POST", "/api/v1/channels", editor, json={"name": "Blog"})
    assert field_of(post) == "slug"
    assert field_of(send(client, "POST", "/api/v1/channels", editor, json={"name": "  "})) == (
        "name"
    )
    bad_zone = {"name": "Shop", "timezone": "Mars/Base"}
    assert field_of(send(client, "POST", "/api/v1/channels", editor, json=bad_zone)) == "timezone"
    assert (
        field_of(send(client, "POST", "/api/v1/channels", editor, json={"name": "X", "nam": "x"}))
        == "nam"
    )
    assert db.session.query(Channel).count() == 1


def test_only_a_role_that_changes_channels_may_make_one(blog, client) -> None:
    assert_refused_to_others(
        client, "POST", "/api/v1/channels", {"json": {"name": "X"}}, "contributor"
    )
    assert db.session.query(Channel).count() == 1


def test_a_change_needs_the_current_etag_and_keeps_what_was_not_sent(blog, client, editor) -> None:
    path = f"/api/v1/channels/{blog.id}"
    assert_needs_if_match(client, "PATCH", path, editor, json={"name": "Journal"})
    assert stored(blog.id).name == "Blog"
    tag = etag_of(client, path, editor)
    change = {"name": "Journal", "response_hours": 4, "paused": True}
    response = send(client, "PATCH", path, editor, json=change, if_match=tag)
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert (body["name"], body["slug"], body["response_hours"], body["paused"]) == (
        "Journal", "blog", 4, True,
    )  # fmt: skip
    assert response.headers["ETag"] != tag
    problem_of(send(client, "PATCH", path, editor, json={"name": "Again"}, if_match=tag), 412)


def test_a_refused_change_changes_nothing(blog, client, editor) -> None:
    path = f"/api/v1/channels/{blog.id}"
    tag = etag_of(client, path, editor)
    bad = {"name": "Journal", "network": "myspace", "paused": True}
    assert field_of(send(client, "PATCH", path, editor, json=bad, if_match=tag)) == "network"
    bad_owner = {"owner_id": 4242}
    assert field_of(send(client, "PATCH", path, editor, json=bad_owner, if_match=tag)) == (
        "owner_id"
    )
    channel = stored(blog.id)
    assert (channel.name, channel.network, channel.paused) == ("Blog", "other", False)
    assert_refused_to_others(client, "PATCH", path, {"json": {"paused": True}}, "contributor")
    problem_of(send(client, "PATCH", "/api/v1/channels/999", editor, json={}, if_match="*"), 404)


def test_pausing_removes_untouched_future_slots_as_the_web_does(blog, client, editor) -> None:
    path = f"/api/v1/channels/{blog.id}"
    tag = etag_of(client, path, editor)
    send(client, "PATCH", path, editor, json={"paused": True}, if_match=tag)
    assert db.session.query(ScheduleItem).filter_by(channel_id=blog.id).count() == 0
    tag = etag_of(client, path, editor)
    send(client, "PATCH", path, editor, json={"paused": False}, if_match=tag)
    assert db.session.query(ScheduleItem).filter_by(channel_id=blog.id).count() > 0


def test_a_channel_nobody_worked_on_is_deleted(blog, client, editor) -> None:
    path = f"/api/v1/channels/{blog.id}"
    assert_needs_if_match(client, "DELETE", path, editor)
    assert_refused_to_others(client, "DELETE", path, {}, "contributor")
    response = send(client, "DELETE", path, editor, if_match=etag_of(client, path, editor))
    assert response.status_code == 204 and stored(blog.id) is None
    problem_of(send(client, "DELETE", path, editor, if_match="*"), 404)


def test_a_channel_people_worked_on_stays(blog, client, editor) -> None:
    make_item(blog, NOW, touched_at=NOW)
    path = f"/api/v1/channels/{blog.id}"
    body = problem_of(send(client, "DELETE", path, editor, if_match="*"), 409)
    assert "pause the channel instead" in body["detail"] and stored(blog.id) is not None
