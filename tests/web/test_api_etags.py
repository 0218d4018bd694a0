"""Every read answers with an ETag, and If-None-Match with it saves the body (304)."""

from __future__ import annotations

from datetime import timedelta

from calendar_app.extensions import db
from tests.conftest import NOW
from tests.factories import make_channel, make_item, make_workspace
from tests.web.api_helpers import bearer, token_for


def test_a_list_has_an_etag_that_answers_304_until_it_changes(app, client) -> None:
    make_workspace()
    blog = make_channel("blog")
    make_item(blog, NOW)
    auth = bearer(token_for("viewer", "read"))
    first = client.get("/api/v1/items", headers=auth)
    tag = first.headers["ETag"]
    again = client.get("/api/v1/items", headers={**auth, "If-None-Match": tag})
    assert again.status_code == 304 and again.get_data() == b""
    make_item(blog, NOW + timedelta(days=1))
    changed = client.get("/api/v1/items", headers={**auth, "If-None-Match": tag})
    assert changed.status_code == 200 and changed.headers["ETag"] != tag
    assert len(changed.get_json()["items"]) == 2


def test_the_workspace_and_an_item_have_etags_and_a_stale_one_gets_the_body(app, client) -> None:
    workspace = make_workspace()
    item = make_item(make_channel("blog"), NOW)
    auth = bearer(token_for("viewer", "read"))
    tag = client.get("/api/v1/workspace", headers=auth).headers["ETag"]
    assert (
        client.get("/api/v1/workspace", headers={**auth, "If-None-Match": tag}).status_code == 304
    )
    workspace.name = "Acme Bikes & Co"
    db.session.commit()
    renamed = client.get("/api/v1/workspace", headers={**auth, "If-None-Match": tag})
    assert renamed.status_code == 200 and renamed.get_json()["name"] == "Acme Bikes & Co"
    # An item keeps its version as its ETag: the one If-Match wants.
    own = client.get(f"/api/v1/items/{item.id}", headers=auth).headers["ETag"]
    assert own == f'"item-{item.id}-v{item.version}"'
    same = client.get(f"/api/v1/items/{item.id}", headers={**auth, "If-None-Match": own})
    assert same.status_code == 304


def test_errors_carry_no_etag(app, client) -> None:
    make_workspace()
    missing = client.get("/api/v1/items/4242", headers=bearer(token_for("viewer", "read")))
    assert missing.status_code == 404 and "ETag" not in missing.headers
