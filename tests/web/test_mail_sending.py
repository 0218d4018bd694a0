"""Mail from the app: invitations, a server that is down, and mail that is off."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from sqlalchemy import select

from calendar_app import clock
from calendar_app.domain.mail import MailError, MailServer, parse_mail_url
from calendar_app.extensions import db
from calendar_app.models import Invitation, OutboxMail
from calendar_app.services import mail
from tests.conftest import make_test_app
from tests.factories import make_user
from tests.mail_server import free_port, parts


def invite(client, email: str) -> str:
    """Make an invitation; the answer is closed, as a server does once it has sent it."""
    answer = client.post(
        "/account/invitations", data={"invite-email": email, "invite-role": "editor"}
    )
    page = answer.get_data(as_text=True)
    answer.close()  # mail leaves here
    db.session.rollback()  # and the test reads what it committed
    return page


def test_a_bad_mail_url_stops_the_app_from_starting_with_what_is_wrong(tmp_path) -> None:
    with pytest.raises(MailError, match="MAIL_URL must start with smtp://"):
        make_test_app(tmp_path, create_schema=False, MAIL_URL="https://mail.example.com")


def test_the_account_page_says_when_mail_is_off(app: Flask, logged_in) -> None:
    page = logged_in.get("/account").get_data(as_text=True)
    assert "Mail is off" in page and "MAIL_URL" in page
    app.config["MAIL_SERVER"] = MailServer("mail.example.com", 587, "starttls")
    page = logged_in.get("/account").get_data(as_text=True)
    assert "Mail is off" not in page and "Mail is on" in page


def test_an_invitation_is_mailed_and_still_shown_once_to_the_owner(
    app: Flask, logged_in, smtp_server
) -> None:
    app.config["MAIL_SERVER"] = parse_mail_url(smtp_server.url)
    page = invite(logged_in, "new@example.com")
    assert "Invitation made for new@example.com: it is mailed to them." in page
    shown = re.search(r'value="(http://localhost/join/[^"]+)"', page).group(1)
    (message,) = smtp_server.messages
    assert message["To"] == "new@example.com"
    assert message["Subject"] == "Join Our team" or message["Subject"].startswith("Join ")
    text, html = parts(message)
    assert shown in text and f'href="{shown}"' in html
    assert "owner@example.com invites you" in text
    joined = app.test_client().get(shown.removeprefix("http://localhost"))
    assert joined.status_code == 200


def test_an_invitation_refused_queues_no_mail(app: Flask, logged_in, smtp_server) -> None:
    make_user("taken@example.com")
    page = invite(logged_in, "taken@example.com")
    assert "There is already an account for taken@example.com." in page
    assert db.session.scalar(select(OutboxMail)) is None
    assert smtp_server.messages == []


def test_with_mail_off_the_invitation_link_is_for_the_owner_to_send(app: Flask, logged_in) -> None:
    page = invite(logged_in, "new@example.com")
    assert "send them the link below" in page
    assert db.session.scalar(select(Invitation.email)) == "new@example.com"
    assert db.session.scalar(select(OutboxMail.sent_at)) is not None  # written to the log


def test_with_the_smtp_server_down_a_reset_still_answers_and_its_mail_waits(
    app: Flask, client, smtp_server
) -> None:
    make_user("ana@example.com", "correct horse battery")
    app.config["MAIL_SERVER"] = MailServer("127.0.0.1", free_port(), "plain")
    answer = client.post("/forgot", data={"email": "ana@example.com"}, follow_redirects=True)
    assert answer.status_code == 200
    assert "If ana@example.com has an account here" in answer.get_data(as_text=True)
    db.session.expire_all()
    (waiting,) = db.session.scalars(select(OutboxMail)).all()
    assert waiting.sent_at is None and waiting.attempts == 1
    app.config["MAIL_SERVER"] = parse_mail_url(smtp_server.url)
    app.config["CLOCK"].advance(minutes=2)
    settings = mail.MailSettings(app.config["MAIL_SERVER"], "calendar@localhost")
    assert mail.retry(settings, clock.now()).sent == 1
    assert mail.retry(settings, clock.now()).sent == 0
    (message,) = smtp_server.messages
    path = re.search(r"http://localhost(/reset/\S+)", parts(message)[0]).group(1)
    new = "a brand new passphrase"
    done = client.post(path, data={"password": new, "confirm": new})
    assert done.status_code == 302
