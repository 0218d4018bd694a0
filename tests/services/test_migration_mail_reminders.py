"""Migration 0032: reminders by mail are off for every member; every account stays, both ways."""

from __future__ import annotations

from sqlalchemy import text

from calendar_app.extensions import db
from tests.factories import make_user


def test_0032_adds_reminders_off_and_keeps_every_account(fresh_app) -> None:
    app = fresh_app(create_schema=False)
    with app.app_context():
        runner = app.test_cli_runner()
        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
        make_user("owner@example.com", is_owner=True)
        make_user("ana@example.com")
        db.session.remove()
        assert runner.invoke(args=["db", "downgrade", "0031"]).exit_code == 0
        emails = 'SELECT email, mail_digest FROM "user" ORDER BY email'
        before = db.session.execute(text(emails)).all()
        db.session.rollback()
        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
        assert db.session.execute(text(emails)).all() == before
        reminders = db.session.execute(text('SELECT mail_reminder FROM "user"')).scalars()
        assert set(reminders) == {False}
        db.session.rollback()
        assert runner.invoke(args=["db", "downgrade", "0031"]).exit_code == 0
        assert db.session.execute(text(emails)).all() == before
        db.session.rollback()
