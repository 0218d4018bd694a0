"""Migration 0027: a feed alarm per person and a response-time standard per channel; every
row there was stays, up and down."""

from __future__ import annotations

from sqlalchemy import text

from calendar_app.extensions import db
from tests.factories import make_user

KEPT = ("channel", "cadence_rule", "idea", "schedule_item", "user")


def counts() -> dict[str, int]:
    return {t: db.session.execute(text(f'SELECT COUNT(*) FROM "{t}"')).scalar() for t in KEPT}


def test_0027_adds_empty_reminders_and_keeps_every_row_up_and_down(fresh_app) -> None:
    app = fresh_app(create_schema=False)
    with app.app_context():
        runner = app.test_cli_runner()
        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
        assert runner.invoke(args=["demo"]).exit_code == 0
        make_user("owner@example.com", is_owner=True)
        db.session.remove()
        assert runner.invoke(args=["db", "downgrade", "0026"]).exit_code == 0
        before = counts()
        db.session.rollback()

        assert runner.invoke(args=["db", "upgrade", "0027"]).exit_code == 0
        assert counts() == before
        alarms = db.session.execute(text('SELECT feed_alarm_minutes FROM "user"')).scalars()
        assert set(alarms) == {None}
        hours = db.session.execute(text("SELECT response_hours FROM channel")).scalars()
        assert set(hours) == {None}
        db.session.execute(text('UPDATE "user" SET feed_alarm_minutes = 60'))
        db.session.execute(text("UPDATE channel SET response_hours = 4"))
        db.session.commit()

        assert runner.invoke(args=["db", "downgrade", "0026"]).exit_code == 0
        assert counts() == before
        db.session.rollback()
        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
        assert counts() == before
        db.session.rollback()
