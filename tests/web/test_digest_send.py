"""``flask digest send``: each member who gets the digest is mailed once a week, with a
one-click unsubscribe link; a member who unsubscribed is not."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from calendar_app.extensions import db
from calendar_app.models import OutboxMail, User
from tests.factories import make_user, make_workspace
from tests.mail_server import parts


@pytest.fixture
def app(mail_app: Flask) -> Flask:
    mail_app.config["BASE_URL"] = "https://cal.example.com"
    return mail_app


def test_every_member_gets_their_digest_once_a_week(app: Flask, smtp_server) -> None:
    make_workspace(name="Acme Bikes")
    make_user("owner@example.com", is_owner=True)
    make_user("ana@example.com", role="contributor")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["digest", "send"])
    assert result.exit_code == 0, result.output
    assert "2 digests queued; 2 sent" in result.output
    assert sorted(m["To"] for m in smtp_server.messages) == ["ana@example.com", "owner@example.com"]
    message = smtp_server.messages[0]
    assert message["Subject"] == "Your week from Mon 23 Nov: 0 items"
    text, html = parts(message)
    assert "The week: https://cal.example.com/week?start=2026-11-23" in text
    assert message["List-Unsubscribe"].startswith("<https://cal.example.com/unsubscribe/")
    assert "Stop the weekly digest: https://cal.example.com/unsubscribe/" in text
    again = runner.invoke(args=["digest", "send"])
    assert "0 digests queued; 0 sent" in again.output
    assert len(smtp_server.messages) == 2


def test_the_unsubscribe_link_stops_the_next_digest(app: Flask, smtp_server) -> None:
    make_workspace()
    make_user("owner@example.com", is_owner=True)
    runner = app.test_cli_runner()
    runner.invoke(args=["digest", "send"])
    link = smtp_server.messages[0]["List-Unsubscribe"].strip("<>")
    answer = app.test_client().post(link.removeprefix("https://cal.example.com"))
    assert answer.status_code in (200, 302)
    db.session.expire_all()
    assert db.session.scalar(select(User.mail_digest)) is False
    db.session.execute(OutboxMail.__table__.delete())
    db.session.commit()
    result = runner.invoke(args=["digest", "send"])
    assert "0 digests queued" in result.output and len(smtp_server.messages) == 1


def test_without_a_workspace_the_command_says_so_and_sends_nothing(app: Flask, smtp_server) -> None:
    result = app.test_cli_runner().invoke(args=["digest", "send"])
    assert result.exit_code == 1 and "There is no workspace yet" in result.output
    assert smtp_server.messages == []
