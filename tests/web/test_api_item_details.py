"""An item's details and time over the API's PATCH: campaign, notes, destination and a move,
through the item page's own services, all or nothing with its status and assignee."""

from __future__ import annotations

from datetime import timedelta

import pytest

from calendar_app.extensions import db
from calendar_app.models import ScheduleItem
from tests.conftest import NOW
from tests.factories import make_campaign, make_channel, make_item, make_workspace
from tests.web.api_helpers import bearer, token_for
from tests.web.test_api_auth import problem_of


@pytest.fixture
def item(app):
    make_workspace()
    blog = make_channel("blog")
    make_campaign("Winter push", channels=[blog])
    make_campaign("Spring sale", channels=[make_channel("youtube")])
    return make_item(blog, NOW + timedelta(days=1), notes="Draft")


def change(client, item_id, body, secret, if_match="*"):
    headers = bearer(secret)
    if if_match is not None:
        headers["If-Match"] = if_match
    return client.patch(f"/api/v1/items/{item_id}", json=body, headers=headers)


def stored(item_id: int) -> ScheduleItem:
    db.session.expire_all()
    return db.session.get(ScheduleItem, item_id)


def test_details_change_and_the_fields_not_sent_stay(item, client) -> None:
    secret = token_for("contributor")
    body = {"campaign_id": 1, "destination_url": "https://acme.example/winter"}
    response = change(client, item.id, body, secret)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["campaign_id"] == 1
    assert (stored(item.id).notes, stored(item.id).destination_url) == (
        "Draft",
        "https://acme.example/winter",
    )
    assert change(client, item.id, {"notes": "Final"}, secret).get_json()["campaign_id"] == 1
    assert change(client, item.id, {"campaign_id": None}, secret).get_json()["notes"] == "Final"


def test_a_move_keeps_the_items_length_and_is_read_back_with_its_offset(item, client) -> None:
    length = item.ends_at - item.starts_at
    body = {"starts_at": "2026-12-01T10:30:00+01:00"}
    response = change(client, item.id, body, token_for("editor"))
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["starts_at"] == "2026-12-01T09:30:00+00:00"
    moved = stored(item.id)
    assert moved.ends_at - moved.starts_at == length and moved.touched_at is not None


def test_refused_details_change_nothing_not_even_the_status(item, client) -> None:
    secret = token_for("editor")
    cases = [
        ({"campaign_id": 2, "status": "in_review"}, "campaign_id"),
        ({"campaign_id": 999, "notes": "x"}, "campaign_id"),
        ({"destination_url": "ftp://acme.example", "notes": "x"}, "destination_url"),
        ({"starts_at": "2040-01-01T09:00:00+00:00", "notes": "x"}, "day"),
        ({"starts_at": "2026-12-01T09:00:00", "notes": "x"}, "starts_at"),
    ]
    for body, field in cases:
        problem = problem_of(change(client, item.id, body, secret), 422)
        assert problem["errors"][0]["field"] == field, problem
    kept = stored(item.id)
    assert (kept.notes, kept.status, kept.campaign_id, kept.version) == (
        "Draft",
        "draft",
        None,
        item.version,
    )


def test_a_details_change_needs_a_fresh_if_match_and_a_role_that_writes(item, client) -> None:
    secret = token_for("editor")
    problem_of(change(client, item.id, {"notes": "x"}, secret, None), 428)
    problem_of(change(client, item.id, {"notes": "x"}, secret, f'"item-{item.id}-v99"'), 412)
    for other in (token_for("editor", "read"), token_for("viewer")):
        problem_of(change(client, item.id, {"notes": "x"}, other), 403)
    problem_of(change(client, 999999, {"notes": "x"}, secret), 404)
    assert stored(item.id).notes == "Draft"


def add(client, body, secret):
    return client.post("/api/v1/items", json=body, headers=bearer(secret))


def test_a_one_off_item_is_added_at_its_instant_with_its_address(item, client) -> None:
    body = {"channel_id": item.channel_id, "activity": "video", "starts_at": "2026-12-02T15:00:00Z"}
    response = add(client, body, token_for("contributor"))
    assert response.status_code == 201, response.get_data(as_text=True)
    created = response.get_json()
    assert created["starts_at"] == "2026-12-02T15:00:00+00:00" and created["activity"] == "video"
    assert response.headers["Location"] == f"/api/v1/items/{created['id']}"
    read = client.get(response.headers["Location"], headers=bearer(token_for("viewer", "read")))
    assert read.headers["ETag"] == response.headers["ETag"]
    assert stored(created["id"]).touched_at is not None


def test_a_refused_new_item_adds_nothing(item, client) -> None:
    secret = token_for("editor")
    good = {"channel_id": item.channel_id, "activity": "post", "starts_at": "2026-12-02T15:00:00Z"}
    cases = [
        ({**good, "activity": "juggling"}, "activity"),
        ({**good, "channel_id": 999}, "channel_id"),
        ({**good, "starts_at": "2045-01-01T09:00:00Z"}, "day"),
        ({**good, "starts_at": "2026-12-02T15:00:00"}, "starts_at"),
        ({"channel_id": item.channel_id, "activity": "post"}, "starts_at"),
    ]
    for body, field in cases:
        assert problem_of(add(client, body, secret), 422)["errors"][0]["field"] == field
    for other in (token_for("editor", "read"), token_for("viewer")):
        problem_of(add(client, good, other), 403)
    problem_of(client.post("/api/v1/items", json=good), 401)
    assert db.session.scalar(db.select(db.func.count(ScheduleItem.id))) == 1
