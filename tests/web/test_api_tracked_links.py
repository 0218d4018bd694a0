"""Tracked links over the API: the Links page's history in pages, one link, and a new one
built as the Links page builds it."""

from __future__ import annotations

import pytest

from calendar_app.extensions import db
from calendar_app.models import LinkRecord
from calendar_app.services import links
from tests.factories import make_channel, make_user, make_workspace
from tests.web.api_helpers import bearer, token_for
from tests.web.api_plan_helpers import assert_refused_to_others, field_of, send
from tests.web.test_api_auth import problem_of

SHOP = "https://shop.example.com/winter"
LINK = {"destination": SHOP, "source": "newsletter", "medium": "email", "campaign": "winter"}


@pytest.fixture
def made(app) -> list[LinkRecord]:
    make_workspace()
    author = make_user()
    return [links.make_link({**LINK, "purpose": f"Mail {n}"}, author)[0] for n in range(5)]


def test_links_come_newest_first_one_page_at_a_time(made, client) -> None:
    auth = bearer(token_for("viewer", "read"))
    seen, cursor = [], ""
    while True:
        response = client.get(f"/api/v1/links?limit=2&cursor={cursor}", headers=auth)
        body = response.get_json()
        seen += [link["id"] for link in body["links"]]
        if not body["next_cursor"]:
            break
        cursor = body["next_cursor"]
    assert seen == [link.id for link in reversed(made)]
    problem_of(client.get("/api/v1/links?cursor=abc", headers=auth), 400)
    problem_of(client.get("/api/v1/links?limit=0", headers=auth), 422)


def test_one_link_is_read_with_an_etag(made, client) -> None:
    auth = bearer(token_for("viewer", "read"))
    response = client.get(f"/api/v1/links/{made[0].id}", headers=auth)
    body = response.get_json()
    assert body["url"].startswith(SHOP + "?") and "utm_campaign=winter" in body["url"]
    assert body["created_at"].endswith("+00:00") and body["purpose"] == "Mail 0"
    assert response.headers["ETag"].startswith(f'"link-{made[0].id}-v')
    problem_of(client.get("/api/v1/links/999", headers=auth), 404)


def test_a_new_link_takes_its_channel_s_tracking_values(made, client) -> None:
    channel = make_channel("mastodon", utm_medium="social")
    sent = {"destination": SHOP + "?utm_campaign=snow", "channel_id": channel.id, "campaign": "w"}
    response = send(client, "POST", "/api/v1/links", token_for("contributor"), json=sent)
    assert response.status_code == 201, response.get_data(as_text=True)
    body = response.get_json()
    assert (body["utm_source"], body["utm_medium"], body["kept"]) == (
        "mastodon", "social", {"utm_campaign": "snow"},
    )  # fmt: skip
    assert response.headers["Location"].endswith(f"/api/v1/links/{body['id']}")
    assert db.session.get(LinkRecord, body["id"]).created_by.role == "contributor"


def test_a_bad_link_is_refused_naming_the_field_and_nothing_is_kept(made, client) -> None:
    writer = token_for("contributor")
    cases = {
        "destination": {**LINK, "destination": "ftp://example.com"},
        "source": {**LINK, "source": ""},
        "channel_id": {**LINK, "channel_id": 999},
        "campaign": {**LINK, "campaign": ""},
        "colour": {**LINK, "colour": "red"},
    }
    for field, body in cases.items():
        assert field_of(send(client, "POST", "/api/v1/links", writer, json=body)) == field
    assert_refused_to_others(client, "POST", "/api/v1/links", {"json": LINK}, "viewer")
    assert db.session.query(LinkRecord).count() == 5
