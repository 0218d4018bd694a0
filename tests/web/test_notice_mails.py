"""Mentions, review requests, approvals and asked-for changes arrive by mail too (a real
SMTP server in the test), to members who chose such mails, with links that open the item."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from calendar_app.extensions import db
from calendar_app.models import InboxEntry, User
from tests.factories import make_channel, make_idea, make_item, make_user, make_workspace
from tests.mail_server import parts
from tests.web.test_workflow import log_in

MONDAY_NOON = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)


@pytest.fixture
def app(mail_app: Flask) -> Flask:
    return mail_app


@pytest.fixture
def team(app: Flask):
    make_workspace(name="Acme Bikes")
    owner = make_user("owner@example.com", is_owner=True)
    ana = make_user("ana@example.com", role="contributor")
    post = make_item(
        make_channel("blog", name="Blog", requires_approval=True),
        MONDAY_NOON,
        idea=make_idea("Winter <tyres> explained"),
        assignee=ana,
    )
    return owner, ana, post


def sent(client: FlaskClient, path: str, data: dict) -> None:
    """Post, then close the answer: mail leaves once a response is out."""
    answer = client.post(path, data=data)
    assert answer.status_code in (302, 200), answer.status_code
    answer.close()
    db.session.rollback()


def to(smtp_server, address: str) -> list:
    return [m for m in smtp_server.messages if m["To"] == address]


def test_a_mention_is_mailed_with_the_words_and_a_link_to_the_comment(
    app, team, smtp_server
) -> None:
    owner, ana, post = team
    sent(log_in(app, owner), f"/items/{post.id}/comments", {"body": "@ana <b>look</b> at this"})
    (message,) = to(smtp_server, "ana@example.com")
    assert message["Subject"] == "owner mentioned you in Blog · Post: Winter <tyres> explained"
    text, html = parts(message)
    assert "@ana <b>look</b> at this" in text
    assert "&lt;b&gt;look&lt;/b&gt;" in html and "<b>look" not in html
    link = re.search(r"http://localhost(/items/\d+#comment-\d+)", text).group(1)
    assert log_in(app, ana).get(link.split("#")[0]).status_code == 200
    assert "http://localhost/account" in text


def test_a_review_request_approval_and_asked_changes_each_reach_their_people(
    app, team, smtp_server
) -> None:
    owner, ana, post = team
    editor = make_user("eve@example.com", role="editor")
    writer = log_in(app, ana)
    sent(writer, f"/items/{post.id}/status", {"status": "in_review", "version": post.version})
    subjects = {m["To"]: m["Subject"] for m in smtp_server.messages}
    assert subjects == {
        "owner@example.com": "ana asks for your review of Blog · Post: Winter <tyres> explained",
        "eve@example.com": "ana asks for your review of Blog · Post: Winter <tyres> explained",
    }
    version = db.session.get(type(post), post.id).version
    sent(
        log_in(app, editor),
        f"/items/{post.id}/status",
        {"status": "draft", "version": version, "note": "Shorter, please"},
    )
    (changes,) = to(smtp_server, "ana@example.com")
    assert changes["Subject"].startswith("eve asked for changes to Blog · Post")
    assert "Shorter, please" in parts(changes)[0]
    version = db.session.get(type(post), post.id).version
    sent(writer, f"/items/{post.id}/status", {"status": "in_review", "version": version})
    version = db.session.get(type(post), post.id).version
    sent(log_in(app, owner), f"/items/{post.id}/status", {"status": "approved", "version": version})
    approved = to(smtp_server, "ana@example.com")[-1]
    assert approved["Subject"] == "owner approved Blog · Post: Winter <tyres> explained"
    kinds = db.session.scalars(select(InboxEntry.kind).where(InboxEntry.user_id == ana.id))
    assert sorted(kinds) == ["approved", "changes_requested"]


def test_a_member_who_chose_no_mention_mails_gets_the_inbox_entry_only(
    app, team, smtp_server
) -> None:
    owner, ana, post = team
    db.session.get(User, ana.id).mail_mention = False
    db.session.commit()
    sent(log_in(app, owner), f"/items/{post.id}/comments", {"body": "Thanks @ana"})
    assert to(smtp_server, "ana@example.com") == []
    assert db.session.scalar(select(InboxEntry.kind).where(InboxEntry.user_id == ana.id)) == (
        "mention"
    )


def test_nobody_is_mailed_of_their_own_doing_or_of_a_name_outside_the_team(
    app, team, smtp_server
) -> None:
    owner, ana, post = team
    sent(log_in(app, owner), f"/items/{post.id}/comments", {"body": "@owner @zed hello"})
    assert smtp_server.messages == []
