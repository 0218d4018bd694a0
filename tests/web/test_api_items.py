"""Items over the API: filters, cursor pages, ETags, and changes under If-Match."""

from __future__ import annotations

from datetime import timedelta

import pytest

from calendar_app.extensions import db
from calendar_app.models import ScheduleItem, User
from tests.conftest import NOW
from tests.factories import make_channel, make_item, make_workspace
from tests.web.api_helpers import bearer, token_for
from tests.web.test_api_auth import problem_of


@pytest.fixture
def plan(app):
    make_workspace()
    blog, video = make_channel("blog"), make_channel("youtube")
    items = [make_item(blog, NOW + timedelta(days=d)) for d in range(5)]
    items.append(make_item(video, NOW + timedelta(days=2), status="in_review"))
    return {"blog": blog, "video": video, "items": items}


def ids(response) -> list[int]:
    assert response.status_code == 200, response.get_data(as_text=True)
    return [item["id"] for item in response.get_json()["items"]]


def test_items_come_in_time_order_with_rfc3339_instants(plan, client) -> None:
    body = client.get("/api/v1/items", headers=bearer(token_for("viewer", "read"))).get_json()
    assert len(body["items"]) == 6 and body["next_cursor"] is None
    assert body["items"][0]["starts_at"] == "2026-11-23T06:00:00+00:00"
    starts = [item["starts_at"] for item in body["items"]]
    assert starts == sorted(starts)


def test_items_filter_by_dates_channel_status_and_assignee(plan, client) -> None:
    auth = bearer(token_for("editor"))
    every = ids(client.get("/api/v1/items", headers=auth))
    video_item = plan["items"][-1].id
    assert ids(client.get(f"/api/v1/items?channel={plan['video'].id}", headers=auth)) == [
        video_item
    ]
    assert ids(client.get("/api/v1/items?status=in_review", headers=auth)) == [video_item]
    window = "from=2026-11-24T00:00:00%2B00:00&to=2026-11-25T00:00:00Z"
    assert len(ids(client.get(f"/api/v1/items?{window}", headers=auth))) == 1
    assert ids(client.get("/api/v1/items?assignee=1", headers=auth)) == []
    assert len(every) == 6


def test_a_naive_date_or_unknown_status_is_refused_naming_the_parameter(plan, client) -> None:
    auth = bearer(token_for("editor"))
    body = problem_of(client.get("/api/v1/items?from=2026-11-24T00:00:00", headers=auth), 422)
    assert body["errors"][0]["field"] == "from"
    body = problem_of(client.get("/api/v1/items?status=lost", headers=auth), 422)
    assert body["errors"][0]["field"] == "status"
    assert client.get("/api/v1/items?status=draft&limit=200", headers=auth).status_code == 200


def test_cursor_pages_cover_every_item_once(plan, client) -> None:
    auth = bearer(token_for("editor"))
    seen, cursor = [], ""
    while True:
        body = client.get(f"/api/v1/items?limit=4&cursor={cursor}", headers=auth).get_json()
        seen += [item["id"] for item in body["items"]]
        if not body["next_cursor"]:
            break
        cursor = body["next_cursor"]
    assert sorted(seen) == sorted(item.id for item in plan["items"]) and len(seen) == 6


def test_a_made_up_cursor_is_a_400_naming_it(plan, client) -> None:
    body = problem_of(
        client.get("/api/v1/items?cursor=abc", headers=bearer(token_for("editor"))), 400
    )
    assert body["errors"][0]["field"] == "cursor"


def test_an_item_carries_its_version_as_etag(plan, client) -> None:
    item = plan["items"][0]
    response = client.get(f"/api/v1/items/{item.id}", headers=bearer(token_for("editor")))
    assert response.headers["ETag"] == f'"item-{item.id}-v{item.version}"'
    problem_of(client.get("/api/v1/items/999999", headers=bearer(token_for("viewer", "read"))), 404)


def change(client, item_id, body, secret, if_match=None):
    headers = bearer(secret)
    if if_match is not None:
        headers["If-Match"] = if_match
    return client.patch(f"/api/v1/items/{item_id}", json=body, headers=headers)


def test_a_change_needs_if_match_and_a_stale_one_is_412(plan, client) -> None:
    item, secret = plan["items"][0], token_for("editor")
    tag = client.get(f"/api/v1/items/{item.id}", headers=bearer(secret)).headers["ETag"]
    problem_of(change(client, item.id, {"status": "in_review"}, secret), 428)
    problem_of(change(client, item.id, {"status": "in_review"}, secret, '"item-1-v99"'), 412)
    assert db.session.get(ScheduleItem, item.id).status == "draft"
    response = change(client, item.id, {"status": "in_review"}, secret, tag)
    assert response.status_code == 200 and response.get_json()["status"] == "in_review"
    assert response.headers["ETag"] != tag
    problem_of(change(client, item.id, {"status": "approved"}, secret, tag), 412)


def test_status_and_assignee_change_through_the_same_rules(plan, client) -> None:
    item, secret = plan["items"][0], token_for("editor")
    editor = db.session.scalar(db.select(User).where(User.role == "editor"))
    response = change(
        client, item.id, {"status": "in_review", "assignee_id": editor.id}, secret, "*"
    )
    assert response.status_code == 200
    assert response.get_json()["assignee_id"] == editor.id
    body = problem_of(change(client, item.id, {"assignee_id": 424242}, secret, "*"), 422)
    assert body["errors"][0]["field"] == "assignee_id"
    assert db.session.get(ScheduleItem, item.id).assignee_id == editor.id


def test_a_status_the_role_never_allows_is_a_403_and_changes_nothing(plan, client) -> None:
    plan["video"].requires_approval = True
    db.session.commit()
    item = plan["items"][-1]
    secret = token_for("contributor")
    contributor = db.session.scalar(db.select(User).where(User.role == "contributor"))
    body = problem_of(
        change(client, item.id, {"status": "approved", "assignee_id": contributor.id}, secret, "*"),
        403,
    )
    assert body["errors"][0]["field"] == "status"
    assert "editor or the owner" in body["detail"]
    stored = db.session.get(ScheduleItem, item.id)
    assert (stored.status, stored.assignee_id) == ("in_review", None)
    # Not yet allowed (the channel wants an approval first) is a 422, not a 403.
    body = problem_of(change(client, item.id, {"status": "scheduled"}, secret, "*"), 422)
    assert "requires approval" in body["detail"]
    stored = db.session.get(ScheduleItem, item.id)
    stored = db.session.get(ScheduleItem, item.id)
    assert (stored.status, stored.assignee_id) == ("in_review", None)
    editor_secret = token_for("editor")
    assert change(client, item.id, {"status": "approved"}, editor_secret, "*").status_code == 200


def test_malformed_json_is_a_400_problem(plan, client) -> None:
    item = plan["items"][0]
    headers = {**bearer(token_for("editor")), "If-Match": "*", "Content-Type": "application/json"}
    body = problem_of(client.patch(f"/api/v1/items/{item.id}", data="{oops", headers=headers), 400)
    assert body["errors"][0]["field"] == "json"
    body = problem_of(
        change(client, item.id, {"colour": "red"}, token_for("contributor"), "*"), 422
    )
    assert body["errors"][0]["field"] == "colour"
