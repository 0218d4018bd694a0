"""The API tokens page: make one (shown once), see last use, revoke; and the command."""

from __future__ import annotations

from sqlalchemy import select

from calendar_app.extensions import db
from calendar_app.models import ApiToken
from calendar_app.services import api_tokens
from tests.conftest import NOW
from tests.factories import make_user, make_workspace
from tests.web.api_helpers import bearer, log_in


def test_a_token_is_shown_once_and_then_opens_the_api(app, client) -> None:
    make_workspace()
    log_in(client, make_user("ann@example.com"))
    page = client.post("/account/tokens", data={"label": "Script", "scope": "write", "days": "30"})
    text = page.get_data(as_text=True)
    token = db.session.scalar(select(ApiToken))
    secret = text.split('data-copy="')[1].split('"')[0]
    assert secret.startswith("cal_") and page.headers["Cache-Control"] == "no-store"
    assert client.get("/account/tokens").get_data(as_text=True).count(secret) == 0
    assert token.scope == "write" and "copy.js" in text
    fresh = app.test_client()
    assert fresh.get("/api/v1/workspace", headers=bearer(secret)).status_code == 200
    assert "last used" in client.get("/account/tokens").get_data(as_text=True)


def test_a_bad_token_form_shows_why_and_saves_nothing(app, client) -> None:
    make_workspace()
    log_in(client, make_user())
    page = client.post("/account/tokens", data={"label": "", "scope": "read", "days": "999"})
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "Give the token a label" in text and "730" in text
    assert db.session.scalar(select(ApiToken)) is None


def test_each_person_revokes_only_their_own_tokens(app, client) -> None:
    make_workspace()
    ann, bob = make_user("ann@example.com"), make_user("bob@example.com")
    mine, secret = api_tokens.create_token(ann, "Mine", "read", None, NOW)
    theirs, _ = api_tokens.create_token(bob, "Theirs", "read", None, NOW)
    log_in(client, ann)
    assert client.post(f"/account/tokens/{theirs.id}/revoke").status_code == 404
    assert client.post(f"/account/tokens/{mine.id}/revoke").status_code == 302
    assert "revoked" in client.get("/account/tokens").get_data(as_text=True)
    assert "Theirs" not in client.get("/account/tokens").get_data(as_text=True)
    assert db.session.get(ApiToken, theirs.id).revoked_at is None
    assert client.get("/api/v1/workspace", headers=bearer(secret)).status_code == 401


def test_a_viewer_makes_tokens_that_only_read(app, client) -> None:
    make_workspace()
    log_in(client, make_user("viewer@example.com", role="viewer"))
    page = client.post("/account/tokens", data={"label": "Mine", "scope": "write"})
    assert "only read" in page.get_data(as_text=True)
    assert db.session.scalar(select(ApiToken)).scope == "write"


def test_the_account_page_links_to_the_tokens(logged_in) -> None:
    assert "/account/tokens" in logged_in.get("/account").get_data(as_text=True)


def test_the_command_prints_a_token_once(app, runner) -> None:
    make_workspace()
    make_user("ann@example.com")
    result = runner.invoke(
        args=[
            "tokens",
            "create",
            "ann@example.com",
            "--scope",
            "write",
            "--label",
            "Deploy",
            "--days",
            "7",
        ]
    )
    assert result.exit_code == 0 and result.output.startswith("cal_")
    token = db.session.scalar(select(ApiToken))
    assert (token.label, token.scope) == ("Deploy", "write") and token.expires_at is not None


def test_the_command_refuses_what_it_cannot_make(app, runner) -> None:
    make_user("ann@example.com")
    result = runner.invoke(args=["tokens", "create", "nobody@example.com"])
    assert result.exit_code != 0 and "no account" in result.output
    result = runner.invoke(args=["tokens", "create", "ann@example.com", "--days", "0"])
    assert result.exit_code != 0 and "--days" in result.output
    result = runner.invoke(args=["tokens", "create", "ann@example.com", "--scope", "admin"])
    assert result.exit_code != 0
    assert db.session.scalar(select(ApiToken)) is None
