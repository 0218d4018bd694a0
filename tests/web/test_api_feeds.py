"""The calling member's feed addresses over the API, and their reset."""

from __future__ import annotations

import pytest

from calendar_app.extensions import db
from calendar_app.models import ApiToken
from tests.factories import make_channel, make_workspace
from tests.web.api_helpers import bearer, token_for
from tests.web.test_api_auth import problem_of


@pytest.fixture
def viewer(app) -> str:
    make_workspace()
    make_channel("blog")
    return token_for("viewer")


def addresses(client, secret: str) -> dict:
    response = client.get("/api/v1/feeds", headers=bearer(secret))
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.headers["ETag"] and "no-store" in response.headers["Cache-Control"]
    return response.get_json()


def test_the_addresses_are_absolute_and_work(viewer, client) -> None:
    body = addresses(client, viewer)
    team, mine = body["everything"]["https"], body["mine"]["https"]
    assert team.startswith("http") and team.endswith(".ics") and mine.endswith("/mine.ics")
    assert body["everything"]["webcal"].startswith("webcal://")
    assert [c["slug"] for c in body["channels"]] == ["blog"]
    assert body["channels"][0]["https"].endswith("/blog.ics")
    path = "/" + team.split("/", 3)[3]
    assert client.get(path).status_code == 200


def test_each_member_sees_their_own_addresses(viewer, client) -> None:
    other = addresses(client, token_for("editor"))
    assert addresses(client, viewer)["mine"]["https"] != other["mine"]["https"]


def test_a_reset_gives_new_addresses_and_kills_the_old_ones(viewer, client) -> None:
    writer = token_for("contributor")
    old = addresses(client, writer)["everything"]["https"]
    response = client.post("/api/v1/feeds/reset", headers=bearer(writer))
    assert response.status_code == 200, response.get_data(as_text=True)
    new = response.get_json()["everything"]["https"]
    assert new != old and addresses(client, writer)["everything"]["https"] == new
    assert client.get("/" + old.split("/", 3)[3]).status_code == 404
    assert client.get("/" + new.split("/", 3)[3]).status_code == 200


def test_a_reset_needs_a_token_that_may_write(viewer, client) -> None:
    """A viewer resets on the Subscribe page: every token of a viewer only reads."""
    old = addresses(client, viewer)["everything"]["https"]
    problem_of(client.post("/api/v1/feeds/reset"), 401)
    reader = token_for("editor", "read")
    for secret in (viewer, reader):
        problem_of(client.post("/api/v1/feeds/reset", headers=bearer(secret)), 403)
    db.session.expire_all()
    assert addresses(client, viewer)["everything"]["https"] == old
    assert db.session.query(ApiToken).count() == 2
