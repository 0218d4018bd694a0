"""An item's copy, its logged time and its deletion over the API, under the item's If-Match,
through the same services as the item's page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from calendar_app.extensions import db
from calendar_app.models import CopyVersion, Idea, ScheduleItem
from tests.conftest import NOW
from tests.factories import make_channel, make_idea, make_item, make_workspace
from tests.web.api_helpers import bearer, token_for
from tests.web.test_api_auth import problem_of


@pytest.fixture
def post(app):
    make_workspace()
    channel = make_channel("bluesky", network="bluesky")
    return make_item(channel, NOW + timedelta(days=1), idea=make_idea())


def send(client, method, url, secret, if_match=None, **body):
    headers = bearer(secret)
    if if_match is not None:
        headers["If-Match"] = if_match
    return client.open(url, method=method, headers=headers, **body)


def etag_of(client, item_id: int) -> str:
    return client.get(
        f"/api/v1/items/{item_id}", headers=bearer(token_for("viewer", "read"))
    ).headers["ETag"]


def stored(item_id: int) -> ScheduleItem | None:
    db.session.expire_all()
    return db.session.get(ScheduleItem, item_id)


def test_copy_is_read_and_saved_with_the_earlier_one_kept(post, client) -> None:
    url, secret = f"/api/v1/items/{post.id}/copy", token_for("contributor")
    empty = client.get(url, headers=bearer(secret))
    assert empty.get_json()["network"] == "bluesky" and empty.get_json()["saved_at"] is None
    tag = empty.headers["ETag"]
    first = send(client, "PUT", url, secret, tag, json={"body": "Ride on."})
    assert first.status_code == 200, first.get_data(as_text=True)
    assert first.get_json()["body"] == "Ride on." and first.headers["ETag"] != tag
    send(client, "PUT", url, secret, first.headers["ETag"], json={"body": "Ride on, again."})
    assert db.session.scalar(select(func.count(CopyVersion.id))) == 1
    item = client.get(f"/api/v1/items/{post.id}", headers=bearer(secret)).get_json()
    assert item["copy"]["body"] == "Ride on, again."
    assert item["copy"]["saved_at"].endswith("+00:00")


def test_copy_needs_if_match_a_fresh_etag_and_a_role_that_writes(post, client) -> None:
    url, secret = f"/api/v1/items/{post.id}/copy", token_for("editor")
    problem_of(send(client, "PUT", url, secret, json={"body": "x"}), 428)
    problem_of(send(client, "PUT", url, secret, f'"item-{post.id}-v99"', json={"body": "x"}), 412)
    for other in (token_for("editor", "read"), token_for("viewer")):
        problem_of(send(client, "PUT", url, other, "*", json={"body": "x"}), 403)
    problem_of(send(client, "PUT", "/api/v1/items/999999/copy", secret, "*", json={}), 404)
    problem_of(client.get("/api/v1/items/999999/copy", headers=bearer(secret)), 404)
    problem_of(client.get(url), 401)
    assert stored(post.id).copy is None
    assert send(client, "PUT", url, secret, "*", json={"body": "x"}).status_code == 200


def test_copy_over_the_networks_limit_is_refused_naming_the_part(post, client) -> None:
    url, secret = f"/api/v1/items/{post.id}/copy", token_for("contributor")
    problem = problem_of(send(client, "PUT", url, secret, "*", json={"body": "x" * 301}), 422)
    assert problem["errors"][0]["field"] == "body"
    problem = problem_of(send(client, "PUT", url, secret, "*", json={"colour": "red"}), 422)
    assert problem["errors"][0]["field"] == "colour"
    assert stored(post.id).copy is None
    assert send(client, "PUT", url, secret, "*", json={"body": "x" * 150}).status_code == 200


def test_a_contributors_copy_edit_sends_an_approved_post_back_to_review(post, client) -> None:
    post.channel.requires_approval = True
    post.status = "approved"
    db.session.commit()
    url = f"/api/v1/items/{post.id}/copy"
    response = send(client, "PUT", url, token_for("contributor"), "*", json={"body": "New."})
    assert response.status_code == 200 and stored(post.id).status == "in_review"
    stored(post.id).status = "approved"
    db.session.commit()
    assert (
        send(client, "PUT", url, token_for("editor"), "*", json={"body": "Newer."}).status_code
        == 200
    )
    assert stored(post.id).status == "approved"


def test_time_is_logged_as_minutes_or_the_planned_duration(post, client) -> None:
    url, secret = f"/api/v1/items/{post.id}/time", token_for("contributor")
    response = send(client, "PUT", url, secret, etag_of(client, post.id), json={"minutes": 45})
    assert response.status_code == 200 and response.get_json()["actual_minutes"] == 45
    response = send(client, "PUT", url, secret, response.headers["ETag"], json={"minutes": None})
    planned = (post.ends_at - post.starts_at).total_seconds() // 60
    assert response.get_json()["actual_minutes"] == planned


def test_time_out_of_range_stale_or_not_allowed_changes_nothing(post, client) -> None:
    url, secret = f"/api/v1/items/{post.id}/time", token_for("editor")
    problem = problem_of(send(client, "PUT", url, secret, "*", json={"minutes": 1441}), 422)
    assert problem["errors"][0]["field"] == "minutes"
    problem = problem_of(send(client, "PUT", url, secret, "*", json={}), 422)
    assert problem["errors"][0]["field"] == "minutes"
    problem_of(send(client, "PUT", url, secret, json={"minutes": 5}), 428)
    problem_of(send(client, "PUT", url, secret, f'"item-{post.id}-v99"', json={"minutes": 5}), 412)
    problem_of(send(client, "PUT", url, token_for("viewer"), "*", json={"minutes": 5}), 403)
    problem_of(
        send(client, "PUT", "/api/v1/items/999999/time", secret, "*", json={"minutes": 5}), 404
    )
    assert stored(post.id).actual_minutes is None
    assert send(client, "PUT", url, secret, "*", json={"minutes": 1440}).status_code == 200


def test_an_item_is_deleted_and_its_headline_goes_back_to_the_bank(post, client) -> None:
    url, secret = f"/api/v1/items/{post.id}", token_for("contributor")
    idea_id = post.idea_id
    problem_of(send(client, "DELETE", url, secret), 428)
    problem_of(send(client, "DELETE", url, secret, f'"item-{post.id}-v99"'), 412)
    for other in (token_for("editor", "read"), token_for("viewer")):
        problem_of(send(client, "DELETE", url, other, "*"), 403)
    assert stored(post.id) is not None
    response = send(client, "DELETE", url, secret, etag_of(client, post.id))
    assert response.status_code == 204 and stored(post.id) is None
    assert db.session.get(Idea, idea_id).status == "backlog"
    problem_of(send(client, "DELETE", url, secret, "*"), 404)


def test_a_task_has_no_copy_and_says_so_with_a_409(post, client) -> None:
    reply = make_item(post.channel, NOW + timedelta(days=2), activity="reply")
    url, secret = f"/api/v1/items/{reply.id}/copy", token_for("editor")
    body = problem_of(client.get(url, headers=bearer(secret)), 409)
    assert (
        body["detail"] == "Only posts and videos have copy; this item is a reply time and has none."
    )
    problem_of(send(client, "PUT", url, secret, "*", json={"body": "x"}), 409)
    assert stored(reply.id).copy is None
    # The post beside it has copy to read.
    assert client.get(f"/api/v1/items/{post.id}/copy", headers=bearer(secret)).status_code == 200
