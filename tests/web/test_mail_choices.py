"""Each member chooses the mails they get; a signed link in a mail stops one kind."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from calendar_app import clock
from calendar_app.domain.mail import parse_mail_url
from calendar_app.extensions import db
from calendar_app.models import OutboxMail, User
from calendar_app.services import mail, mail_preferences
from tests.factories import make_user
from tests.mail_server import parts

# Every mail until they choose; reminders only once asked for.
ALL_ON = {"review": True, "mention": True, "approval": True, "digest": True, "reminder": False}


def owner() -> User:
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.email == "owner@example.com"))


def test_every_member_gets_every_mail_but_reminders_until_they_choose(
    app: Flask, logged_in
) -> None:
    assert owner().mail_choices == ALL_ON
    page = logged_in.get("/account").get_data(as_text=True)
    assert page.count('type="checkbox"') >= 4 and "Review requests" in page


def test_the_account_page_saves_the_choices(app: Flask, logged_in) -> None:
    answer = logged_in.post("/account/mail", data={"mail-review": "y", "mail-approval": "y"})
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/account#mail")
    assert owner().mail_choices == {**ALL_ON, "mention": False, "digest": False}
    logged_in.post("/account/mail", data={"mail-mention": "y", "mail-digest": "y"})
    assert owner().mail_choices == {**ALL_ON, "review": False, "approval": False}


def test_the_choices_need_a_csrf_token(fresh_app) -> None:
    app = fresh_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        user = make_user("owner@example.com", is_owner=True)
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
        answer = client.post("/account/mail", data={})
        assert answer.status_code == 400
        assert owner().mail_choices == ALL_ON


def test_queue_mail_respects_the_choices_but_a_reset_always_goes(app: Flask) -> None:
    ana = make_user("ana@example.com")
    mail_preferences.set_mail_choices(ana, {"review": False})
    assert mail.queue_mail(ana, "review", "Review", "t", "", "review:1") is None
    assert mail.queue_mail(ana, "mention", "Mention", "t", "", "mention:1") is not None
    assert mail.queue_mail(ana, "reset", "Reset", "t", "", "reset:1") is not None
    kinds = db.session.scalars(select(OutboxMail.kind).order_by(OutboxMail.id)).all()
    assert kinds == ["mention", "reset"]


def test_a_mail_carries_a_one_click_unsubscribe_link_that_works_without_login(
    app: Flask, smtp_server
) -> None:
    ana = make_user("ana@example.com")
    with app.test_request_context():
        from calendar_app.web.mail import unsubscribe_url

        link = unsubscribe_url(ana, "digest")
    mail.queue_mail(
        ana, "digest", "This week", f"Stop: {link}", "", "digest:1", unsubscribe_url=link
    )
    settings = mail.MailSettings(parse_mail_url(smtp_server.url), "calendar@example.com")
    assert mail.retry(settings, clock.now()).sent == 1
    (message,) = smtp_server.messages
    assert message["List-Unsubscribe"].strip() == f"<{link}>"  # folded: a long line
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in parts(message)[0]
    path = link.removeprefix("http://localhost")
    client = app.test_client()
    ask = client.get(path)
    assert ask.status_code == 200 and "Stop these mails?" in ask.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, ana.id).mail_digest is True  # opening it changes nothing
    done = client.post(path)
    assert "No more of these mails" in done.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, ana.id).mail_choices == {**ALL_ON, "digest": False}


def test_a_mail_program_posts_the_one_click_unsubscribe_without_a_csrf_token(fresh_app) -> None:
    app = fresh_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        ana = make_user("ana@example.com")
        token = mail_preferences.unsubscribe_token("test-only-secret", ana, "review")
        answer = app.test_client().post(
            f"/unsubscribe/{token}", data={"List-Unsubscribe": "One-Click"}
        )
        assert answer.status_code == 200
        db.session.expire_all()
        assert db.session.get(User, ana.id).mail_review is False


def test_a_forged_or_foreign_unsubscribe_link_changes_nothing(app: Flask, client) -> None:
    ana = make_user("ana@example.com")
    good = mail_preferences.unsubscribe_token("test-only-secret", ana, "digest")
    other_key = mail_preferences.unsubscribe_token("another secret", ana, "digest")
    for token in (good[:-2] + "xx", other_key, "x" * 300, "nothing"):
        answer = client.post(f"/unsubscribe/{token}")
        assert answer.status_code == 404
        assert "This link does not work" in answer.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, ana.id).mail_choices == ALL_ON
    user_id = ana.id
    db.session.delete(ana)
    db.session.commit()
    assert mail_preferences.read_unsubscribe_token("test-only-secret", good) is None
    assert user_id


def test_only_kinds_one_can_choose_have_an_unsubscribe_link(app: Flask) -> None:
    import pytest

    ana = make_user("ana@example.com")
    with pytest.raises(ValueError):
        mail_preferences.unsubscribe_token("s", ana, "reset")
