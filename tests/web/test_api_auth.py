"""The API opens only with a live Bearer token; its scope and its person's role limit writes."""

from __future__ import annotations

from datetime import timedelta

from calendar_app.services import api_tokens
from tests.conftest import NOW
from tests.factories import make_user, make_workspace
from tests.web.api_helpers import bearer, log_in, token_for

IDEA = {"headline": "Ten rides for a cold Sunday"}


def problem_of(response, status: int) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == status and body["title"] and body["detail"]
    return body


def test_no_token_or_another_scheme_is_a_401_problem(app, client) -> None:
    make_workspace()
    response = client.get("/api/v1/workspace")
    assert "Bearer" in problem_of(response, 401)["detail"]
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    problem_of(client.get("/api/v1/workspace", headers={"Authorization": "Basic eDp5"}), 401)


def test_a_live_token_reads(app, client) -> None:
    make_workspace()
    response = client.get("/api/v1/workspace", headers=bearer(token_for("viewer", "read")))
    assert response.status_code == 200 and response.get_json()["name"] == "Acme Bikes"


def test_unknown_expired_and_revoked_tokens_are_401(app, client, clock) -> None:
    make_workspace()
    user = make_user()
    expiring, expiring_secret = api_tokens.create_token(user, "Soon", "read", 1, NOW)
    revoked, revoked_secret = api_tokens.create_token(user, "Gone", "read", None, NOW)
    api_tokens.revoke_token(revoked, NOW)
    problem_of(client.get("/api/v1/workspace", headers=bearer("cal_guess")), 401)
    problem_of(client.get("/api/v1/workspace", headers=bearer(revoked_secret)), 401)
    assert client.get("/api/v1/workspace", headers=bearer(expiring_secret)).status_code == 200
    clock.advance(days=1, minutes=1)
    problem_of(client.get("/api/v1/workspace", headers=bearer(expiring_secret)), 401)


def test_the_session_cookie_does_not_open_the_api(app, client) -> None:
    make_workspace()
    owner = make_user("owner@example.com", is_owner=True, role="owner")
    log_in(client, owner)
    assert client.get("/settings").status_code == 200
    problem_of(client.get("/api/v1/workspace"), 401)
    problem_of(client.post("/api/v1/ideas", json=IDEA), 401)


def test_a_token_does_not_open_web_pages(app, client) -> None:
    make_workspace()
    response = client.get("/settings", headers=bearer(token_for("owner")))
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_read_token_cannot_write_and_a_write_token_can(app, client) -> None:
    make_workspace()
    body = problem_of(
        client.post("/api/v1/ideas", json=IDEA, headers=bearer(token_for("editor", "read"))), 403
    )
    assert "only read" in body["detail"]
    response = client.post("/api/v1/ideas", json=IDEA, headers=bearer(token_for("editor")))
    assert response.status_code == 201


def test_a_viewers_write_token_only_reads(app, client) -> None:
    make_workspace()
    secret = token_for("viewer", "write")
    problem_of(client.post("/api/v1/ideas", json=IDEA, headers=bearer(secret)), 403)
    assert client.get("/api/v1/ideas", headers=bearer(secret)).status_code == 200


def test_last_use_is_recorded(app, client) -> None:
    make_workspace()
    user = make_user()
    token, secret = api_tokens.create_token(user, "Script", "read", None, NOW - timedelta(days=1))
    assert token.last_used_at is None
    client.get("/api/v1/workspace", headers=bearer(secret))
    assert api_tokens.tokens_of(user)[0].last_used_at is not None


def test_the_api_needs_no_csrf_token_while_forms_still_do(fresh_app) -> None:
    app = fresh_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        make_workspace()
        client = app.test_client()
        secret = token_for("editor")
        assert client.post("/api/v1/ideas", json=IDEA, headers=bearer(secret)).status_code == 201
        log_in(client, make_user("web@example.com"))
        assert client.post("/account/tokens", data={"label": "x"}).status_code == 400
