"""The outbox: queued with the action, sent once after it, kept when the server is down."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import func, select

from calendar_app import clock
from calendar_app.domain.mail import MAX_ATTEMPTS, MailError, MailServer, parse_mail_url
from calendar_app.extensions import db
from calendar_app.models import OutboxMail
from calendar_app.services import mail
from calendar_app.services.transaction import unit_of_work
from tests.factories import make_user, make_workspace
from tests.mail_server import free_port, parts


def settings_for(server: object) -> mail.MailSettings:
    return mail.MailSettings(parse_mail_url(server.url), "calendar@example.com")  # type: ignore[attr-defined]


def down() -> mail.MailSettings:
    return mail.MailSettings(MailServer("127.0.0.1", free_port(), "plain"), "calendar@example.com")


def queue(key: str = "test:1", to: str = "ana@example.com") -> OutboxMail | None:
    return mail.queue_mail(to, "test", "Hello", "Text part", "<p>HTML part</p>", key)


def outbox() -> list[OutboxMail]:
    db.session.expire_all()
    return list(db.session.scalars(select(OutboxMail).order_by(OutboxMail.id)))


def test_a_queued_mail_is_sent_with_its_headers_and_both_parts(app: Flask, smtp_server) -> None:
    user = make_user("ana@example.com")
    row = mail.queue_mail(user, "test", "Grüße, Ana", "Hello\n", "<p>Hello</p>", "test:1")
    report = mail.send_mails([row.id], settings_for(smtp_server), clock.now())
    assert (report.sent, report.failed) == (1, 0)
    (message,) = smtp_server.messages
    assert (message["From"], message["To"], message["Subject"]) == (
        "calendar@example.com",
        "ana@example.com",
        "Grüße, Ana",
    )
    assert parts(message) == ("Hello\n", "<p>Hello</p>\n")
    assert smtp_server.inbox.recipients == [["ana@example.com"]]
    (sent,) = outbox()
    assert sent.sent_at is not None and sent.attempts == 0 and sent.text == "Hello\n"


def test_the_same_event_is_queued_once(app: Flask) -> None:
    assert queue("invitation:abc") is not None
    assert queue("invitation:abc") is None
    assert queue("invitation:abd") is not None
    assert len(outbox()) == 2


def test_a_mail_queued_in_an_action_that_fails_is_not_kept(app: Flask) -> None:
    with pytest.raises(RuntimeError), unit_of_work():
        queue()
        raise RuntimeError("the action failed")
    assert outbox() == []


def test_a_subject_with_a_line_break_is_refused_before_anything_is_queued(app: Flask) -> None:
    with pytest.raises(MailError):
        mail.queue_mail("ana@example.com", "test", "Hi\nBcc: x@example.com", "t", "", "k")
    assert outbox() == []


def test_with_the_server_down_the_mail_waits_and_a_later_retry_sends_it_once(
    app: Flask, smtp_server
) -> None:
    row = queue()
    report = mail.send_mails([row.id], down(), clock.now())
    assert (report.sent, report.failed) == (0, 1)
    (waiting,) = outbox()
    assert waiting.sent_at is None and waiting.attempts == 1
    assert waiting.last_error.startswith("ConnectionRefusedError")
    assert waiting.next_attempt_at == pytest.approx(
        clock.now() + timedelta(minutes=1), abs=timedelta(seconds=5)
    )
    assert mail.retry(settings_for(smtp_server), clock.now()).sent == 0  # not due yet
    app.config["CLOCK"].advance(minutes=2)
    assert mail.retry(settings_for(smtp_server), clock.now()).sent == 1
    assert mail.retry(settings_for(smtp_server), clock.now()).sent == 0
    assert len(smtp_server.messages) == 1
    assert outbox()[0].sent_at is not None


def test_the_wait_grows_with_each_failure_and_retry_gives_up_at_the_last_attempt(
    app: Flask,
) -> None:
    queue()
    waits = []
    for _ in range(MAX_ATTEMPTS):
        app.config["CLOCK"].advance(hours=7)
        before = clock.now()
        assert mail.retry(down(), before).failed == 1
        waits.append(outbox()[0].next_attempt_at - before)
    assert waits == sorted(waits) and waits[0] < waits[-1]
    app.config["CLOCK"].advance(days=1)
    assert mail.retry(down(), clock.now()).failed == 0  # given up: it stays in the outbox
    (kept,) = outbox()
    assert kept.attempts == MAX_ATTEMPTS and mail.given_up(kept)
    assert mail.waiting() == [kept]


def test_with_mail_off_the_mail_is_written_to_the_log(app: Flask, caplog) -> None:
    queue()
    with caplog.at_level("INFO", logger="calendar_app.mail"):
        report = mail.retry(mail.MailSettings(None, "calendar@example.com"), clock.now())
    assert report.sent == 1
    assert "Mail is off" in caplog.text and "Subject: Hello" in caplog.text


def test_a_claimed_mail_is_not_sent_by_another_sender_until_its_claim_runs_out(
    app: Flask, smtp_server
) -> None:
    row = queue()
    row.claimed_until = clock.now() + mail.CLAIM_FOR
    db.session.commit()
    assert mail.retry(settings_for(smtp_server), clock.now()).sent == 0
    app.config["CLOCK"].advance(minutes=6)  # that sender died: the claim runs out
    assert mail.retry(settings_for(smtp_server), clock.now()).sent == 1


def test_two_retries_at_once_send_every_mail_exactly_once(app: Flask, smtp_server) -> None:
    make_workspace()
    for n in range(6):
        queue(f"test:{n}", f"person{n}@example.com")
    db.session.commit()
    db.session.remove()
    settings, now = settings_for(smtp_server), clock.now()
    start = threading.Barrier(2)
    reports: list[object] = []

    def run() -> None:
        with app.app_context():
            start.wait()
            reports.append(mail.retry(settings, now))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sum(r.sent for r in reports) == 6  # type: ignore[attr-defined]
    received = sorted(m["To"] for m in smtp_server.messages)
    assert received == sorted(f"person{n}@example.com" for n in range(6))
    assert db.session.scalar(select(func.count()).where(OutboxMail.sent_at.is_(None))) == 0


def test_flask_mail_retry_sends_what_waits_and_says_what_it_did(app: Flask, smtp_server) -> None:
    queue()
    app.config["MAIL_SERVER"] = parse_mail_url(smtp_server.url)
    result = app.test_cli_runner().invoke(args=["mail", "retry"])
    assert result.exit_code == 0, result.output
    assert result.output == "1 mails sent, 0 failed (tried again later).\n"
    assert len(smtp_server.messages) == 1
    status = app.test_cli_runner().invoke(args=["mail", "status"])
    assert status.output == "No mail is waiting.\n"


def test_flask_mail_retry_fails_with_the_server_down_and_status_lists_the_mail(
    app: Flask,
) -> None:
    queue()
    app.config["MAIL_SERVER"] = MailServer("127.0.0.1", free_port(), "plain")
    result = app.test_cli_runner().invoke(args=["mail", "retry"])
    assert result.exit_code == 1
    assert "0 mails sent, 1 failed" in result.output
    status = app.test_cli_runner().invoke(args=["mail", "status"])
    assert "ana@example.com\t1 tries, next try" in status.output
    assert "ConnectionRefusedError" in status.output


def test_a_backup_leaves_out_the_outbox_and_password_resets(app: Flask) -> None:
    from calendar_app.services import account_mail, backup

    make_workspace()
    make_user("ana@example.com")
    account_mail.request_reset("ana@example.com", clock.now(), lambda token: f"/reset/{token}")
    assert len(outbox()) == 1
    tables = backup.export_backup()["tables"]
    assert "outbox_mail" not in tables and "password_reset" not in tables
    assert "/reset/" not in backup.dumps(backup.export_backup())
