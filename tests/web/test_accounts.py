"""Logins guard every page; forms need CSRF tokens; accounts and secrets are handled safely."""

from __future__ import annotations

import os
import re

import pytest
from flask import Flask
from sqlalchemy import select, text

from calendar_app.domain.tokens import digest_token
from calendar_app.extensions import db
from calendar_app.models import User
from calendar_app.services import accounts
from tests.factories import (
    feed_token,
    make_channel,
    make_rule,
    make_user,
    make_workspace,
    reset_feed_token,
    secret_key,
)

SAMPLE_ARGS = {
    "channel_id": 1,
    "rule_id": 1,
    "item_id": 1,
    "media_id": 1,
    "idea_id": 1,
    "user_id": 1,
    "invitation_id": 1,
    "goal_id": 1,
    "link_id": 1,
    "campaign_id": 1,
    "entry_id": 1,
    "comment_id": 1,
    "set_id": 1,
    "key": "daily-scan",
    "token": "not-a-token",
    "share_token": "not-a-token",
    "reset_token": "not-a-token",
    "unsubscribe_token": "not-a-token",
    "share_id": 1,
    "token_id": 1,
    "subscription_id": 1,
    "slug": "linkedin",
}


def every_route(app: Flask) -> list[tuple[str, str]]:
    routes = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        path = rule.build({k: SAMPLE_ARGS[k] for k in rule.arguments}, append_unknown=False)[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            routes.append((method, path))
    return routes


def test_every_page_but_login_setup_and_forgot_needs_a_login(app, client) -> None:
    make_workspace()
    make_rule(make_channel())
    make_user()
    checked = 0
    for method, path in every_route(app):
        if path in ("/login", "/setup", "/forgot"):
            continue
        if path.startswith(
            ("/feeds/", "/join/", "/reset/", "/unsubscribe/", "/share/")
        ):  # open, but only with a token
            assert client.open(path, method=method).status_code in (404, 405), path
            continue
        if path.startswith("/api/v1/"):  # the JSON API: a token, never a login
            assert client.open(path, method=method).status_code == 401, path
            continue
        response = client.open(path, method=method)
        assert response.status_code == 302, (method, path)
        assert response.headers["Location"].startswith("/login"), (method, path)
        checked += 1
    assert checked >= 15


def test_with_no_account_yet_the_first_visit_offers_the_owner_setup(client) -> None:
    response = client.get("/week")
    assert response.status_code == 302 and response.headers["Location"] == "/setup"
    page = client.get("/setup").get_data(as_text=True)
    assert "Create the owner account" in page


def test_setup_creates_the_owner_and_the_workspace_then_closes(client) -> None:
    response = client.post(
        "/setup",
        data={
            "workspace_name": "Acme",
            "timezone": "Europe/Berlin",
            "email": "Owner@Example.com",
            "password": "long enough pw",
            "confirm": "long enough pw",
        },
    )
    assert (
        response.status_code == 302 and response.headers["Location"] == "/welcome/"
    )  # the guided set-up
    owner = db.session.scalar(select(User))
    assert owner.email == "owner@example.com" and owner.is_owner
    assert owner.password_hash != "long enough pw"
    assert accounts.password_matches(owner, "long enough pw")
    assert client.get("/week").status_code == 200
    assert client.get("/setup").headers["Location"] == "/login"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"email": "not-an-email", "password": "long enough pw", "confirm": "long enough pw"},
            "is not an e-mail address",
        ),
        (
            {"email": "a@example.com", "password": "short", "confirm": "short"},
            "Use 8 to 200 characters.",
        ),
        (
            {"email": "a@example.com", "password": "long enough pw", "confirm": "different pw"},
            "The passwords differ.",
        ),
    ],
)
def test_setup_with_bad_input_says_why_and_creates_nothing(client, data, message) -> None:
    response = client.post("/setup", data={"timezone": "UTC", **data})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert not accounts.has_users()


def test_login_and_logout(client) -> None:
    make_workspace()
    make_user("sam@example.com", "long enough pw")
    wrong = client.post("/login", data={"email": "sam@example.com", "password": "nope nope"})
    assert "Wrong e-mail or password." in wrong.get_data(as_text=True)
    right = client.post(
        "/login?next=/channels/", data={"email": "SAM@example.com", "password": "long enough pw"}
    )
    assert right.headers["Location"] == "/channels/"
    assert client.get("/channels/").status_code == 200
    client.post("/logout")
    assert client.get("/channels/").status_code == 302


def test_login_never_redirects_off_site(client) -> None:
    make_workspace()
    make_user("sam@example.com", "long enough pw")
    response = client.post(
        "/login?next=//evil.example/",
        data={"email": "sam@example.com", "password": "long enough pw"},
    )
    assert response.headers["Location"] == "/week"


def test_a_post_without_a_csrf_token_is_refused(fresh_app) -> None:
    app = fresh_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        client = app.test_client()
        response = client.post(
            "/setup",
            data={
                "email": "a@example.com",
                "password": "long enough pw",
                "confirm": "long enough pw",
            },
        )
        assert response.status_code == 400
        assert "CSRF" in response.get_data(as_text=True)
        assert not accounts.has_users()
        page = client.get("/setup").get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        ok = client.post(
            "/setup",
            data={
                "csrf_token": token,
                "timezone": "UTC",
                "email": "a@example.com",
                "password": "long enough pw",
                "confirm": "long enough pw",
            },
        )
        assert ok.status_code == 302 and accounts.has_users()


def test_session_cookie_is_httponly_and_lax(client) -> None:
    make_workspace()
    make_user("sam@example.com", "long enough pw")
    response = client.post(
        "/login", data={"email": "sam@example.com", "password": "long enough pw"}
    )
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_every_user_gets_a_long_random_feed_token(app) -> None:
    first, second = make_user("a@example.com"), make_user("b@example.com")
    assert len(feed_token(first)) >= 43  # 32 random bytes, URL-safe base64
    assert feed_token(first) != feed_token(second)
    assert accounts.user_for_feed_token(feed_token(first)) is first
    assert accounts.user_for_feed_token(feed_token(first)[:-1] + "x") is None
    assert accounts.user_for_feed_token("") is None
    old = feed_token(first)
    reset_feed_token(first)
    assert accounts.user_for_feed_token(old) is None


def test_the_database_keeps_no_feed_token_only_digests(app) -> None:
    user = make_user("a@example.com")
    token = feed_token(user)
    stored = db.session.execute(text('SELECT * FROM "user"')).one()
    assert all(token not in str(value) for value in stored)
    assert user.feed_token_digest == digest_token(token)


def test_a_new_secret_key_gives_new_addresses_and_keeps_the_old_ones_working(app) -> None:
    user = make_user("a@example.com")
    old = feed_token(user)
    app.config["SECRET_KEY"] = "a new secret key"
    assert accounts.user_for_feed_token(feed_token(user)) is None
    new = accounts.feed_token_of(user, secret_key())  # what the Subscribe page shows
    assert new != old
    assert accounts.user_for_feed_token(new) is user
    assert accounts.user_for_feed_token(old) is user
    reset_feed_token(user)
    assert accounts.user_for_feed_token(old) is None
    assert accounts.user_for_feed_token(new) is None


def test_users_create_reads_the_password_from_stdin(runner) -> None:
    result = runner.invoke(
        args=["users", "create", "Owner@Example.com", "--password-stdin"], input="long enough pw\n"
    )
    assert result.exit_code == 0 and "Created owner account owner@example.com" in result.output
    second = runner.invoke(
        args=["users", "create", "sam@example.com", "--password-stdin"], input="long enough pw\n"
    )
    assert "Created member account" in second.output
    assert accounts.authenticate("owner@example.com", "long enough pw") is not None


def test_users_create_prompts_twice_hidden(runner) -> None:
    result = runner.invoke(
        args=["users", "create", "a@example.com"], input="long enough pw\nlong enough pw\n"
    )
    assert result.exit_code == 0, result.output
    assert "Repeat for confirmation" in result.output
    assert "long enough pw" not in result.output


@pytest.mark.parametrize(
    ("email", "password", "message"),
    [
        ("nope", "long enough pw", "is not an e-mail address"),
        ("a@example.com", "short", "8 to 200 characters"),
    ],
)
def test_users_create_refuses_bad_input_without_a_traceback(
    runner, email, password, message
) -> None:
    result = runner.invoke(
        args=["users", "create", email, "--password-stdin"], input=password + "\n"
    )
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
    assert not accounts.has_users()


def test_users_create_refuses_a_duplicate(runner) -> None:
    runner.invoke(
        args=["users", "create", "a@example.com", "--password-stdin"], input="long enough pw\n"
    )
    result = runner.invoke(
        args=["users", "create", "A@example.com", "--password-stdin"], input="long enough pw\n"
    )
    assert result.exit_code == 1 and "already an account" in result.output


def test_the_secret_key_is_generated_once_into_the_instance_folder(tmp_path, monkeypatch) -> None:
    from calendar_app import create_app

    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    first.instance_path = str(tmp_path)
    from calendar_app.config import instance_secret_key

    key = instance_secret_key(first)
    assert len(key) == 64 and instance_secret_key(first) == key
    assert oct(os.stat(tmp_path / "secret_key").st_mode)[-3:] == "600"


def test_the_secret_key_comes_from_the_environment_first(monkeypatch) -> None:
    from calendar_app import create_app

    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["SECRET_KEY"] == "from-the-environment"
