"""Migration 0031: the outbox and password resets are new tables; every account stays and
gets every mail until its member chooses."""

from __future__ import annotations

from sqlalchemy import text

from calendar_app.extensions import db

STAMP = "'2026-11-01 10:00:00'"


def test_upgrading_to_0031_keeps_every_account_and_invitation_and_queues_no_mail(
    fresh_app,
) -> None:
    app = fresh_app(create_schema=False)
    with app.app_context():
        runner = app.test_cli_runner()
        assert runner.invoke(args=["db", "upgrade", "0030"]).exit_code == 0
        db.session.execute(
            text(
                'INSERT INTO "user" (email, password_hash, is_owner, role, session_epoch,'
                " feed_token_digest, created_at, updated_at) VALUES ('ana@example.com', 'hash',"
                f" true, 'owner', 3, :digest, {STAMP}, {STAMP})"
            ),
            {"digest": "d" * 64},
        )
        db.session.execute(
            text(
                "INSERT INTO invitation (email, role, token_digest, created_at, expires_at)"
                f" VALUES ('new@example.com', 'editor', :digest, {STAMP}, {STAMP})"
            ),
            {"digest": "e" * 64},
        )
        db.session.commit()
        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
        user = db.session.execute(
            text('SELECT email, password_hash, role, session_epoch FROM "user"')
        ).one()
        assert tuple(user) == ("ana@example.com", "hash", "owner", 3)
        choices = db.session.execute(
            text('SELECT mail_review, mail_mention, mail_approval, mail_digest FROM "user"')
        ).one()
        assert tuple(choices) == (True, True, True, True)  # every mail until they choose
        assert db.session.scalar(text("SELECT email FROM invitation")) == "new@example.com"
        assert db.session.scalar(text("SELECT count(*) FROM outbox_mail")) == 0
        db.session.execute(
            text(
                "INSERT INTO password_reset (user_id, token_digest, created_at, expires_at)"
                f" VALUES (1, :digest, {STAMP}, {STAMP})"
            ),
            {"digest": "f" * 64},
        )
        db.session.commit()
        db.session.execute(text('DELETE FROM "user"'))  # a reset goes with its account
        db.session.commit()
        assert db.session.scalar(text("SELECT count(*) FROM password_reset")) == 0
        db.session.rollback()  # end this read before the schema changes again
        assert runner.invoke(args=["db", "downgrade", "0030"]).exit_code == 0
        assert db.session.scalar(text("SELECT email FROM invitation")) == "new@example.com"
