"""Migration 0030: comments and inboxes are new tables; every row there was stays, both ways."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from calendar_app.extensions import db

STAMP = "'2026-11-01 10:00:00'"


def count(table: str) -> int:
    return db.session.execute(text(f'SELECT COUNT(*) FROM "{table}"')).scalar()


def add_channel_item_idea_and_user() -> None:
    db.session.execute(
        text(
            "INSERT INTO channel (name, slug, utm_source, utm_medium, paused, click_value,"
            f" colour, requires_approval, created_at, updated_at) VALUES ('Blog', 'blog',"
            f" 'blog', 'owned', false, 0, '#1f5fbf', false, {STAMP}, {STAMP})"
        )
    )
    db.session.execute(
        text(
            "INSERT INTO schedule_item (uid, channel_id, activity, starts_at, ends_at,"
            " status, destination_url, utm_term, notes, off_rule, sequence, version,"
            " evergreen, cooldown_days, review_note, created_at, updated_at) VALUES (:uid, 1,"
            " 'post', '2026-10-05 09:00:00', '2026-10-05 09:15:00', 'in_review', '', '',"
            f" 'keep me', false, 0, 3, false, 90, '', {STAMP}, {STAMP})"
        ),
        {"uid": "c" * 32},
    )
    db.session.execute(
        text(
            "INSERT INTO idea (headline, headline_key, status, score, notes, target_url,"
            f" from_demo, created_at, updated_at) VALUES ('Cold rides', 'cold rides',"
            f" 'backlog', 40, '', '', false, {STAMP}, {STAMP})"
        )
    )
    db.session.execute(
        text(
            'INSERT INTO "user" (email, password_hash, is_owner, role, session_epoch,'
            " feed_token_digest, created_at, updated_at) VALUES ('ana@example.com', '',"
            f" true, 'owner', 0, :digest, {STAMP}, {STAMP})"
        ),
        {"digest": "d" * 64},
    )
    db.session.commit()


def test_upgrading_to_0030_keeps_every_row_and_threads_go_with_their_item(fresh_app) -> None:
    app = fresh_app(create_schema=False)
    with app.app_context():
        runner = app.test_cli_runner()
        assert runner.invoke(args=["db", "upgrade", "0029"]).exit_code == 0
        add_channel_item_idea_and_user()
        kept = ("channel", "schedule_item", "idea", "user")
        before = {table: count(table) for table in kept}
        db.session.remove()
        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
        assert {table: count(table) for table in kept} == before
        assert count("comment") == 0 and count("inbox_entry") == 0
        for target in ("item_id", "idea_id"):
            db.session.execute(
                text(
                    f"INSERT INTO comment ({target}, author_id, kind, body, created_at)"
                    f" VALUES (1, 1, 'comment', 'Looks good', {STAMP})"
                )
            )
        db.session.execute(
            text(
                "INSERT INTO inbox_entry (user_id, kind, item_id, comment_id, created_at)"
                f" VALUES (1, 'mention', 1, 1, {STAMP})"
            )
        )
        db.session.commit()
        assert db.session.execute(text("SELECT kind FROM comment WHERE id = 2")).scalar() == (
            "comment"
        )
        # A comment is about one item or one idea: never both, never neither.
        for targets in ("NULL, NULL", "1, 1"):
            with pytest.raises(IntegrityError):
                db.session.execute(
                    text(
                        "INSERT INTO comment (item_id, idea_id, kind, body, created_at)"
                        f" VALUES ({targets}, 'comment', 'x', {STAMP})"
                    )
                )
            db.session.rollback()
        # Deleting the item deletes its thread and the inbox entries about it.
        db.session.execute(text("DELETE FROM schedule_item"))
        db.session.commit()
        assert (count("comment"), count("inbox_entry"), count("idea")) == (1, 0, 1)
        db.session.rollback()  # end this session's read before the schema changes again
        db.session.remove()
        assert runner.invoke(args=["db", "downgrade", "0029"]).exit_code == 0
        assert (count("idea"), count("user"), count("channel")) == (1, 1, 1)
        tables = inspect(db.engine).get_table_names()
        assert "comment" not in tables and "inbox_entry" not in tables
