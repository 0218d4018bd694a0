"""Goals over the API: listed, read, added and removed as on the Results page."""

from __future__ import annotations

import pytest

from calendar_app.extensions import db
from calendar_app.models import Goal
from tests.factories import make_workspace
from tests.web.api_helpers import bearer, token_for
from tests.web.api_plan_helpers import (
    assert_needs_if_match,
    assert_refused_to_others,
    etag_of,
    field_of,
    send,
)
from tests.web.test_api_auth import problem_of

VISITS = {"kind": "traffic", "metric": "visits", "period": "month", "target": "1500"}


@pytest.fixture
def editor(app) -> str:
    make_workspace()
    return token_for("editor")


def test_a_goal_is_added_listed_and_read(client, editor) -> None:
    response = send(client, "POST", "/api/v1/goals", editor, json=VISITS)
    assert response.status_code == 201, response.get_data(as_text=True)
    made = response.get_json()
    assert (made["target"], made["baseline"], made["period"]) == ("1500.00", "0.00", "month")
    assert response.headers["Location"].endswith(f"/api/v1/goals/{made['id']}")
    auth = bearer(token_for("viewer", "read"))
    assert [g["id"] for g in client.get("/api/v1/goals", headers=auth).get_json()] == [made["id"]]
    assert client.get(response.headers["Location"], headers=auth).headers["ETag"]
    problem_of(client.get("/api/v1/goals/999", headers=auth), 404)


def test_a_bad_goal_or_a_third_one_is_refused_naming_the_field(client, editor) -> None:
    cases = {
        "kind": {**VISITS, "kind": "fame"},
        "metric": {**VISITS, "kind": "awareness", "metric": "mentions"},
        "period": {**VISITS, "period": "week"},
        "target": {**VISITS, "target": "0"},
        "baseline": {**VISITS, "baseline": "lots"},
    }
    for field, body in cases.items():
        assert field_of(send(client, "POST", "/api/v1/goals", editor, json=body)) == field
    assert db.session.query(Goal).count() == 0
    for _ in range(2):
        assert send(client, "POST", "/api/v1/goals", editor, json=VISITS).status_code == 201
    third = send(client, "POST", "/api/v1/goals", editor, json=VISITS)
    assert field_of(third) == "kind" and db.session.query(Goal).count() == 2


def test_only_a_role_that_changes_results_may_add_or_remove_goals(client, editor) -> None:
    assert_refused_to_others(client, "POST", "/api/v1/goals", {"json": VISITS}, "contributor")
    assert db.session.query(Goal).count() == 0
    made = send(client, "POST", "/api/v1/goals", editor, json=VISITS).get_json()
    path = f"/api/v1/goals/{made['id']}"
    assert_refused_to_others(client, "DELETE", path, {}, "contributor")
    assert_needs_if_match(client, "DELETE", path, editor)
    assert db.session.query(Goal).count() == 1
    response = send(client, "DELETE", path, editor, if_match=etag_of(client, path, editor))
    assert response.status_code == 204 and db.session.query(Goal).count() == 0
    problem_of(send(client, "DELETE", path, editor, if_match="*"), 404)
