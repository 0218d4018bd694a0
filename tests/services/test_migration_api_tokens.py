"""The API tokens migration: a new table; every account survives the upgrade and the way back."""

from __future__ import annotations

from sqlalchemy import inspect, text

from calendar_app.extensions import db

STAMP = "'2026-11-01 10:00:00'"


def upgrade_with_an_owner(app, revision: str):
    """Upgrade to ``revision``, add an owner there, upgrade to the newest and check the owner
    is still there; the CLI runner, for the way back."""
    runner = app.test_cli_runner()
    assert runner.invoke(args=["db", "upgrade", revision]).exit_code == 0
    db.session.execute(
        text(
            'INSERT INTO "user" (email, password_hash, is_owner, role, session_epoch,'
            " feed_token_digest, created_at, updated_at) VALUES ('ann@example.com', 'h',"
            f" true, 'owner', 0, 'd1', {STAMP}, {STAMP})"
        )
    )
    db.session.commit()
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    assert db.session.execute(text('SELECT email, role FROM "user"')).one() == (
        "ann@example.com",
        "owner",
    )
    return runner


def test_upgrading_to_api_tokens_keeps_every_account_and_adds_no_token(fresh_app) -> None:
    app = fresh_app(create_schema=False)
    with app.app_context():
        runner = upgrade_with_an_owner(app, "0032")
        assert db.session.scalar(text("SELECT count(*) FROM api_token")) == 0
        db.session.execute(
            text(
                "INSERT INTO api_token (user_id, label, digest, scope, created_at)"
                f" VALUES (1, 'Script', 'abc', 'read', {STAMP})"
            )
        )
        db.session.commit()
        db.session.rollback()  # end this session's read before the schema changes again
        assert runner.invoke(args=["db", "downgrade", "0032"]).exit_code == 0
        assert "api_token" not in inspect(db.engine).get_table_names()
        assert db.session.scalar(text('SELECT email FROM "user"')) == "ann@example.com"
