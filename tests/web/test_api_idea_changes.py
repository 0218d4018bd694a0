"""One idea over the API: read with its ETag, changed under If-Match with the Ideas page's
checks, generated from the profile, and a draft headline scored without saving anything."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from calendar_app.extensions import db
from calendar_app.models import Idea
from tests.conftest import NOW
from tests.factories import make_channel, make_idea, make_item, make_workspace
from tests.web.api_helpers import bearer, token_for
from tests.web.test_api_auth import problem_of


@pytest.fixture
def idea(app):
    make_workspace()
    make_idea("Ten rides for a cold Sunday")
    return make_idea("Winter cycling for beginners", notes="Ask Sam")


def read(client, idea_id, secret):
    return client.get(f"/api/v1/ideas/{idea_id}", headers=bearer(secret))


def change(client, idea_id, body, secret, if_match=None):
    headers = bearer(secret)
    if if_match is not None:
        headers["If-Match"] = if_match
    return client.patch(f"/api/v1/ideas/{idea_id}", json=body, headers=headers)


def stored(idea_id: int) -> tuple:
    db.session.expire_all()
    found = db.session.get(Idea, idea_id)
    return found.headline, found.notes, found.purpose, found.status


def test_an_idea_reads_with_an_etag_that_follows_its_fields(idea, client) -> None:
    secret = token_for("viewer", "read")
    response = read(client, idea.id, secret)
    assert response.status_code == 200 and response.get_json()["notes"] == "Ask Sam"
    tag = response.headers["ETag"]
    assert (
        tag.startswith(f'"idea-{idea.id}-v')
        and read(client, idea.id, secret).headers["ETag"] == tag
    )
    problem_of(read(client, 999999, secret), 404)
    problem_of(client.get(f"/api/v1/ideas/{idea.id}"), 401)


def test_a_change_keeps_the_fields_not_sent_and_gives_a_new_etag(idea, client) -> None:
    secret = token_for("contributor")
    tag = read(client, idea.id, secret).headers["ETag"]
    response = change(client, idea.id, {"purpose": "educate", "status": "archived"}, secret, tag)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.headers["ETag"] != tag
    assert stored(idea.id) == ("Winter cycling for beginners", "Ask Sam", "educate", "archived")
    response = change(client, idea.id, {"headline": "Winter cycling, the basics"}, secret, "*")
    assert response.get_json()["headline"] == "Winter cycling, the basics"


def test_a_change_needs_if_match_and_a_stale_one_is_412(idea, client) -> None:
    secret = token_for("editor")
    tag = read(client, idea.id, secret).headers["ETag"]
    problem_of(change(client, idea.id, {"notes": "x"}, secret), 428)
    problem_of(change(client, idea.id, {"notes": "x"}, secret, f'"idea-{idea.id}-v1"'), 412)
    assert change(client, idea.id, {"notes": "x"}, secret, tag).status_code == 200
    problem_of(change(client, idea.id, {"notes": "y"}, secret, tag), 412)
    assert stored(idea.id)[1] == "x"


def test_read_tokens_and_viewers_may_not_change_an_idea(idea, client) -> None:
    for secret in (token_for("editor", "read"), token_for("viewer")):
        problem_of(change(client, idea.id, {"notes": "x"}, secret, "*"), 403)
    problem_of(change(client, 999999, {"notes": "x"}, token_for("editor"), "*"), 404)
    assert stored(idea.id)[1] == "Ask Sam"


def test_a_duplicate_headline_is_refused_and_changes_nothing(idea, client) -> None:
    secret = token_for("contributor")
    body = {"headline": "ten rides for a cold sunday!", "notes": "lost?"}
    problem = problem_of(change(client, idea.id, body, secret, "*"), 422)
    assert problem["errors"][0]["field"] == "headline"
    assert stored(idea.id)[:2] == ("Winter cycling for beginners", "Ask Sam")
    for bad, field in (({"status": "lost"}, "status"), ({"colour": "red"}, "colour")):
        problem = problem_of(change(client, idea.id, bad, secret, "*"), 422)
        assert problem["errors"][0]["field"] == field


def test_archiving_a_planned_idea_is_refused_with_the_reason(idea, client) -> None:
    make_item(make_channel("blog"), NOW + timedelta(days=1), idea=idea)
    secret = token_for("editor")
    body = {"status": "archived", "notes": "gone"}
    problem = problem_of(change(client, idea.id, body, secret, "*"), 422)
    assert problem["errors"][0]["field"] == "status" and "unassign" in problem["detail"]
    assert stored(idea.id)[1:] == ("Ask Sam", None, "backlog")
    assert change(client, idea.id, {"status": "published"}, secret, "*").status_code == 200


def test_generate_adds_ten_new_headlines_from_the_profile(idea, client) -> None:
    before = db.session.scalar(select(func.count(Idea.id)))
    response = client.post("/api/v1/ideas/generate", headers=bearer(token_for("contributor")))
    assert response.status_code == 201, response.get_data(as_text=True)
    added = response.get_json()["ideas"]
    assert len(added) == 10 and len({i["headline"] for i in added}) == 10
    assert db.session.scalar(select(func.count(Idea.id))) == before + 10
    for secret in (token_for("editor", "read"), token_for("viewer")):
        problem_of(client.post("/api/v1/ideas/generate", headers=bearer(secret)), 403)
    assert db.session.scalar(select(func.count(Idea.id))) == before + 10


def test_generate_without_a_workspace_is_a_404(app, client) -> None:
    response = client.post("/api/v1/ideas/generate", headers=bearer(token_for("editor")))
    problem_of(response, 404)


def test_a_headline_is_scored_with_its_reasons_and_nothing_saved(idea, client) -> None:
    auth = bearer(token_for("viewer", "read"))
    before = db.session.scalar(select(func.count(Idea.id)))
    response = client.get("/api/v1/ideas/score?headline=Winter cycling for beginners", headers=auth)
    body = response.get_json()
    assert response.status_code == 200 and 0 <= body["score"] <= 100
    assert isinstance(body["tips"], list) and body["parts"]
    assert body["similar"][0]["headline"] == "Winter cycling for beginners"
    assert db.session.scalar(select(func.count(Idea.id))) == before
    problem = problem_of(client.get("/api/v1/ideas/score", headers=auth), 422)
    assert problem["errors"][0]["field"] == "headline"
    # Past 300 characters (too long for some servers' request line once encoded): refused.
    too_long = client.get("/api/v1/ideas/score", query_string={"headline": "é" * 301}, headers=auth)
    assert problem_of(too_long, 422)["errors"][0]["field"] == "headline"
    fits = client.get("/api/v1/ideas/score", query_string={"headline": "é" * 300}, headers=auth)
    assert fits.status_code == 200
