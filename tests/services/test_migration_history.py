"""Migration 0028: the history table is added beside every row there was, and goes again."""

from __future__ import annotations

from sqlalchemy import inspect, text

from calendar_app.extensions import db
from tests.factories import make_user

KEPT = ("channel", "cadence_rule", "idea", "schedule_item", "user", "item_copy")


def counts() -> dict[str, int]:
    return {t: db.session.execute(text(f'SELECT COUNT(*) FROM "{t}"')).scalar() for t in KEPT}


def test_upgrading_to_0028_keeps_every_row_and_starts_an_empty_history(fresh_app) -> None:
    app = fresh_app(create_schema=False)
    with app.app_context():
        runner = app.test_cli_runner()
        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
        assert runner.invoke(args=["demo"]).exit_code == 0
        make_user("owner@example.com", is_owner=True)
        db.session.remove()
        # Back to before the history, with the demo's rows and a post's copy.
        assert runner.invoke(args=["db", "downgrade", "0027"]).exit_code == 0
        db.session.execute(
            text("INSERT INTO item_copy (item_id, title, body, outline, saved_at)"
                 " SELECT MIN(id), 'T', 'Body', '', CURRENT_TIMESTAMP FROM schedule_item")
        )  # fmt: skip
        db.session.commit()
        before = counts()
        assert min(before.values()) > 0, before
        db.session.remove()

        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
        assert counts() == before
        assert db.session.execute(text("SELECT COUNT(*) FROM change_record")).scalar() == 0
        db.session.execute(
            text("INSERT INTO change_record (at, kind, entity_id, subject, field, before,"
                 " after, actor_id, actor_label) VALUES (CURRENT_TIMESTAMP, 'item', 1, '',"
                 " 'status', 'Draft', 'Done', 1, 'owner@example.com')")
        )  # fmt: skip
        db.session.commit()
        db.session.rollback()
        db.session.remove()

        assert runner.invoke(args=["db", "downgrade", "0027"]).exit_code == 0
        assert counts() == before
        assert "change_record" not in inspect(db.engine).get_table_names()
        db.session.remove()
