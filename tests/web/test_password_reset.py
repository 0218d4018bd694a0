"""Forgot your password? A mailed link, used once within an hour, sets a new one."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from calendar_app import clock
from calendar_app.extensions import db
from calendar_app.models import OutboxMail, PasswordReset
from tests.factories import make_user, make_workspace
from tests.mail_server import parts

OLD, NEW = "correct horse battery", "a brand new passphrase"


@pytest.fixture
def app(mail_app: Flask) -> Flask:
    """Mail goes to the test SMTP server."""
    return mail_app


@pytest.fixture
def member(app: Flask) -> object:
    make_workspace(name="Acme Bikes")
    return make_user("ana@example.com", OLD, is_owner=True)


def ask(client: FlaskClient, email: str) -> str:
    page = client.post("/forgot", data={"email": email}, follow_redirects=True)
    assert page.status_code == 200
    return page.get_data(as_text=True)


def link_in(smtp_server: object) -> str:
    (message,) = smtp_server.messages  # type: ignore[attr-defined]
    text, _ = parts(message)
    return re.search(r"http://localhost(/reset/\S+)", text).group(1)  # type: ignore[union-attr]


def log_in(client: FlaskClient, password: str) -> int:
    answer = client.post("/login", data={"email": "ana@example.com", "password": password})
    return answer.status_code


def test_the_login_page_offers_a_reset_and_the_form_asks_for_the_address(
    client: FlaskClient, member: object
) -> None:
    assert 'href="/forgot"' in client.get("/login").get_data(as_text=True)
    assert "Mail me a link" in client.get("/forgot").get_data(as_text=True)


def test_a_reset_mail_arrives_with_both_parts_and_its_link_works_once(
    client: FlaskClient, member: object, smtp_server: object
) -> None:
    answer = ask(client, "Ana@Example.com")
    assert "If Ana@Example.com has an account here" in answer
    (message,) = smtp_server.messages  # type: ignore[attr-defined]
    assert message["To"] == "ana@example.com"
    assert message["Subject"] == "Reset your password for Acme Bikes"
    assert message["From"] == "calendar@localhost"
    text, html = parts(message)
    assert "works once, for 1 hour" in text
    path = link_in(smtp_server)
    assert f'href="http://localhost{path}"' in html
    assert "Choose a new password" in client.get(path).get_data(as_text=True)
    done = client.post(path, data={"password": NEW, "confirm": NEW}, follow_redirects=True)
    assert "Your new password is set" in done.get_data(as_text=True)
    assert log_in(client, OLD) == 200  # refused: the form again
    assert log_in(client, NEW) == 302
    again = client.post(path, data={"password": OLD, "confirm": OLD})
    assert again.status_code == 404
    assert "This reset link does not work" in again.get_data(as_text=True)
    assert client.get(path).status_code == 404


def test_an_unknown_address_gets_the_same_answer_and_no_mail(
    client: FlaskClient, member: object, smtp_server: object
) -> None:
    answer = ask(client, "nobody@example.com")
    assert "If nobody@example.com has an account here" in answer
    assert smtp_server.messages == []  # type: ignore[attr-defined]
    assert db.session.scalar(select(func.count()).select_from(OutboxMail)) == 0


def test_an_expired_link_shows_a_clear_page_and_keeps_the_password(
    app: Flask, client: FlaskClient, member: object, smtp_server: object
) -> None:
    ask(client, "ana@example.com")
    path = link_in(smtp_server)
    app.config["CLOCK"].advance(minutes=59)
    assert client.get(path).status_code == 200
    app.config["CLOCK"].advance(minutes=2)
    gone = client.post(path, data={"password": NEW, "confirm": NEW})
    assert gone.status_code == 404
    assert "works once, for an hour" in gone.get_data(as_text=True)
    assert log_in(client, OLD) == 302


@pytest.mark.parametrize(
    ("password", "confirm", "error"),
    [("short", "short", "Use 8 to"), (NEW, NEW + "x", "The passwords differ.")],
)
def test_a_bad_new_password_is_named_and_the_link_still_works(
    client: FlaskClient,
    member: object,
    smtp_server: object,
    password: str,
    confirm: str,
    error: str,
) -> None:
    ask(client, "ana@example.com")
    path = link_in(smtp_server)
    page = client.post(path, data={"password": password, "confirm": confirm})
    assert page.status_code == 200
    assert error in page.get_data(as_text=True)
    assert log_in(client, OLD) == 302
    done = client.post(path, data={"password": NEW, "confirm": NEW})
    assert done.status_code == 302


def test_a_reset_ends_every_session_made_with_the_old_password(
    app: Flask, member: object, smtp_server: object
) -> None:
    other = app.test_client()
    assert log_in(other, OLD) == 302
    assert other.get("/week").status_code == 200
    client = app.test_client()
    ask(client, "ana@example.com")
    client.post(link_in(smtp_server), data={"password": NEW, "confirm": NEW})
    assert other.get("/week").status_code == 302  # back to the login page


def test_only_three_reset_mails_an_hour_and_the_answer_stays_the_same(
    client: FlaskClient, member: object, smtp_server: object
) -> None:
    for _ in range(4):
        assert "If ana@example.com has an account here" in ask(client, "ana@example.com")
    assert len(smtp_server.messages) == 3  # type: ignore[attr-defined]


def test_only_the_token_digest_is_stored_and_the_sent_mail_drops_its_link(
    client: FlaskClient, member: object, smtp_server: object
) -> None:
    ask(client, "ana@example.com")
    token = link_in(smtp_server).rsplit("/", 1)[1]
    digest = db.session.scalar(select(PasswordReset.token_digest))
    assert token not in digest and len(digest) == 64
    mail = db.session.scalar(select(OutboxMail))
    assert mail.sent_at is not None and mail.text == "" and mail.html == ""
    assert clock.now() >= mail.sent_at


def test_the_forgot_form_needs_an_address(client: FlaskClient, member: object) -> None:
    page = client.post("/forgot", data={"email": ""})
    assert page.status_code == 200
    assert "This field is required." in page.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(PasswordReset)) == 0
