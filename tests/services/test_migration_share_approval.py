"""Migration 0029: every share link and item survives, reviews switched off."""

from __future__ import annotations

from sqlalchemy import text

from calendar_app.extensions import db

STAMP = "'2026-11-01 10:00:00'"


def test_upgrading_keeps_every_link_and_item_and_going_back_keeps_them_too(fresh_app) -> None:
    app = fresh_app(create_schema=False)
    with app.app_context():
        runner = app.test_cli_runner()
        assert runner.invoke(args=["db", "upgrade", "0028"]).exit_code == 0
        db.session.execute(
            text(
                "INSERT INTO channel (name, slug, utm_source, utm_medium, paused, click_value,"
                " colour, requires_approval, created_at, updated_at) VALUES ('Blog', 'blog',"
                f" 'blog', 'owned', false, 0, '#1f5fbf', false, {STAMP}, {STAMP})"
            )
        )
        db.session.execute(
            text(
                "INSERT INTO schedule_item (uid, channel_id, activity, starts_at, ends_at,"
                " status, destination_url, utm_term, notes, off_rule, sequence, version,"
                " evergreen, cooldown_days, review_note, created_at, updated_at) VALUES"
                " (:uid, 1, 'post', '2026-10-05 09:00:00', '2026-10-05 09:15:00', 'in_review',"
                f" '', '', 'keep me', false, 0, 3, false, 90, '', {STAMP}, {STAMP})"
            ),
            {"uid": "s" * 32},
        )
        db.session.execute(
            text(
                "INSERT INTO share_link (label, token_digest, all_channels, show_notes,"
                f" created_at) VALUES ('Client', :digest, true, true, {STAMP})"
            ),
            {"digest": "a" * 64},
        )
        db.session.commit()
        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
        link = db.session.execute(
            text("SELECT label, show_notes, allow_approval FROM share_link")
        ).one()
        assert tuple(link) == ("Client", True, False)
        item = db.session.execute(
            text("SELECT uid, status, notes, approved_through FROM schedule_item")
        ).one()
        assert tuple(item) == ("s" * 32, "in_review", "keep me", "")
        db.session.rollback()  # end this session's read before the schema changes again
        assert runner.invoke(args=["db", "downgrade", "0028"]).exit_code == 0
        assert db.session.execute(text("SELECT label FROM share_link")).scalar() == "Client"
        assert db.session.execute(text("SELECT notes FROM schedule_item")).scalar() == "keep me"
        db.session.rollback()
