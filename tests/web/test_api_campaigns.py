"""Campaigns over the API: read one by one, made, changed and removed as the Campaigns
page does it, each refusal naming the field and changing nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from calendar_app.extensions import db
from calendar_app.models import Campaign, ScheduleItem
from tests.conftest import NOW
from tests.factories import make_campaign, make_channel, make_item, make_workspace
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
def push(app):
    make_workspace()
    make_channel("blog")
    return make_campaign("Winter push")


@pytest.fixture
def editor(app) -> str:
    return token_for("editor")


def stored(campaign_id: int) -> Campaign | None:
    db.session.expire_all()
    return db.session.get(Campaign, campaign_id)


def test_campaigns_are_listed_and_read_with_an_etag(push, client) -> None:
    auth = bearer(token_for("viewer", "read"))
    listed = client.get("/api/v1/campaigns", headers=auth).get_json()
    assert [(c["name"], c["token"]) for c in listed] == [("Winter push", "winter-push")]
    one = client.get(f"/api/v1/campaigns/{push.id}", headers=auth)
    assert one.get_json()["channel_ids"] == [push.channels[0].id]
    assert one.headers["ETag"].startswith(f'"campaign-{push.id}-v')
    problem_of(client.get("/api/v1/campaigns/999", headers=auth), 404)


def test_a_campaign_is_made_with_its_token_from_its_name(push, client, editor) -> None:
    body = {"name": "Spring sale", "channel_ids": [push.channels[0].id], "ends_on": "2027-04-30"}
    response = send(client, "POST", "/api/v1/campaigns", editor, json=body)
    assert response.status_code == 201, response.get_data(as_text=True)
    made = response.get_json()
    assert (made["token"], made["ends_on"], made["goal"]) == ("spring-sale", "2027-04-30", "")
    assert made["colour"] and made["colour"] != push.colour
    assert response.headers["Location"].endswith(f"/api/v1/campaigns/{made['id']}")


def test_a_bad_campaign_is_refused_naming_the_field_and_nothing_is_made(
    push, client, editor
) -> None:
    blog = push.channels[0].id
    cases = {
        "token": {"name": "Winter push", "channel_ids": [blog]},
        "channels": {"name": "Spring", "channel_ids": []},
        "ends_on": {
            "name": "Spring",
            "channel_ids": [blog],
            "starts_on": "2027-04-01",
            "ends_on": "2027-03-01",
        },
        "colour": {"name": "Spring", "channel_ids": [blog], "colour": "#000000"},
        "name": {"name": "Spring\x07sale", "channel_ids": [blog]},
    }
    for field, body in cases.items():
        assert field_of(send(client, "POST", "/api/v1/campaigns", editor, json=body)) == field
    assert db.session.query(Campaign).count() == 1
    kw = {"json": {"name": "Spring", "channel_ids": [blog]}}
    assert_refused_to_others(client, "POST", "/api/v1/campaigns", kw, "contributor")
    assert db.session.query(Campaign).count() == 1


def test_a_change_needs_the_current_etag_and_keeps_what_was_not_sent(push, client, editor) -> None:
    path = f"/api/v1/campaigns/{push.id}"
    assert_needs_if_match(client, "PATCH", path, editor, json={"goal": "200 sign-ups"})
    tag = etag_of(client, path, editor)
    response = send(client, "PATCH", path, editor, json={"goal": "200 sign-ups"}, if_match=tag)
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert (body["name"], body["token"], body["goal"]) == (
        "Winter push", "winter-push", "200 sign-ups",
    )  # fmt: skip
    assert response.headers["ETag"] != tag
    problem_of(send(client, "PATCH", path, editor, json={"goal": "x"}, if_match=tag), 412)


def test_a_refused_change_changes_nothing(push, client, editor) -> None:
    path = f"/api/v1/campaigns/{push.id}"
    make_item(push.channels[0], NOW - timedelta(days=1), campaign_id=push.id, status="published")
    tag = etag_of(client, path, editor)
    bad = {"token": "winter-2027", "goal": "More"}
    assert field_of(send(client, "PATCH", path, editor, json=bad, if_match=tag)) == "token"
    assert field_of(send(client, "PATCH", path, editor, json={"x": 1}, if_match=tag)) == "x"
    assert_refused_to_others(client, "PATCH", path, {"json": {"goal": "Less"}}, "contributor")
    campaign = stored(push.id)
    assert (campaign.token, campaign.goal) == ("winter-push", "")
    problem_of(send(client, "PATCH", "/api/v1/campaigns/999", editor, json={}, if_match="*"), 404)


def test_a_campaign_without_posts_out_is_removed_and_its_items_stay(push, client, editor) -> None:
    item = make_item(push.channels[0], NOW + timedelta(days=2), campaign_id=push.id)
    path = f"/api/v1/campaigns/{push.id}"
    assert_needs_if_match(client, "DELETE", path, editor)
    assert_refused_to_others(client, "DELETE", path, {}, "contributor")
    response = send(client, "DELETE", path, editor, if_match=etag_of(client, path, editor))
    assert response.status_code == 204 and stored(push.id) is None
    assert db.session.get(ScheduleItem, item.id).campaign_id is None
    problem_of(send(client, "DELETE", path, editor, if_match="*"), 404)


def test_a_campaign_whose_post_went_out_stays(push, client, editor) -> None:
    make_item(push.channels[0], NOW - timedelta(days=1), campaign_id=push.id, status="published")
    body = problem_of(
        send(client, "DELETE", f"/api/v1/campaigns/{push.id}", editor, if_match="*"), 409
    )
    assert "already went out" in body["detail"] and stored(push.id) is not None
