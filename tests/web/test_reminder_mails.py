"""Reminders by mail (``flask reminders send``): before each open item of a member who asked
for them, as long before as their feed's reminder, once per start time."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import select

from calendar_app.extensions import db
from calendar_app.models import User
from tests.conftest import NOW
from tests.factories import make_channel, make_idea, make_item, make_user, make_workspace
from tests.mail_server import parts


@pytest.fixture
def app(mail_app: Flask) -> Flask:
    mail_app.config["BASE_URL"] = "https://cal.example.com"
    return mail_app


@pytest.fixture
def ana(app: Flask) -> User:
    make_workspace()
    user = make_user("ana@example.com", role="contributor")
    user.feed_alarm_minutes, user.mail_reminder = 60, True
    db.session.commit()
    return user


def send(app: Flask) -> str:
    result = app.test_cli_runner().invoke(args=["reminders", "send"])
    assert result.exit_code == 0, result.output
    return result.output


def test_an_item_within_the_hour_is_reminded_once(app, ana, smtp_server) -> None:
    blog = make_channel("blog", name="Blog")
    soon = make_item(blog, NOW + timedelta(minutes=40), assignee=ana, idea=make_idea("Tyres"))
    make_item(blog, NOW + timedelta(minutes=90), assignee=ana)  # not yet
    make_item(blog, NOW + timedelta(minutes=30), assignee=ana, status="published")  # done
    make_item(blog, NOW + timedelta(minutes=20))  # nobody's
    make_item(blog, NOW - timedelta(minutes=5), assignee=ana)  # started already
    assert "1 reminder queued; 1 sent" in send(app)
    (message,) = smtp_server.messages
    assert message["To"] == "ana@example.com"
    assert message["Subject"] == "Reminder: Blog · Post: Tyres, Mon 23 Nov at 07:40"  # Berlin
    text, _ = parts(message)
    assert f"https://cal.example.com/items/{soon.id}" in text
    assert "(1 hour before)" in text
    assert "0 reminders queued" in send(app)  # once per start time
    assert len(smtp_server.messages) == 1


def test_a_moved_item_is_reminded_again_at_its_new_time(app, ana, smtp_server) -> None:
    item = make_item(make_channel("blog"), NOW + timedelta(minutes=30), assignee=ana)
    send(app)
    item.starts_at = NOW + timedelta(minutes=50)
    item.ends_at = item.starts_at + timedelta(minutes=30)
    db.session.commit()
    assert "1 reminder queued" in send(app)
    assert len(smtp_server.messages) == 2


@pytest.mark.parametrize(("minutes", "by_mail"), [(None, True), (60, False)])
def test_no_mail_without_a_reminder_time_or_without_asking(
    app, ana, smtp_server, minutes, by_mail
) -> None:
    ana.feed_alarm_minutes, ana.mail_reminder = minutes, by_mail
    db.session.commit()
    make_item(make_channel("blog"), NOW + timedelta(minutes=10), assignee=ana)
    assert "0 reminders queued" in send(app)
    assert smtp_server.messages == []


def test_the_subscribe_page_asks_for_reminders_by_mail_too(app, ana) -> None:
    from tests.web.test_workflow import log_in

    client = log_in(app, ana)
    page = client.get("/subscribe").get_data(as_text=True)
    assert 'name="by_mail"' in page and "Also by e-mail" in page
    answer = client.post("/subscribe/reminder", data={"alarm": "15"}, follow_redirects=True)
    assert "rings 15 minutes before each of your items." in answer.get_data(as_text=True)
    db.session.expire_all()
    assert (ana.feed_alarm_minutes, ana.mail_reminder) == (15, False)
    answer = client.post(
        "/subscribe/reminder", data={"alarm": "1440", "by_mail": "y"}, follow_redirects=True
    )
    assert "and a mail comes as long before." in answer.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(select(User.mail_reminder).where(User.id == ana.id)) is True
