"""The schema comes from the migrations, and they build exactly what the models describe."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from calendar_app.extensions import db
from tests.conftest import USES_POSTGRES


def test_db_upgrade_builds_the_schema_the_models_describe(fresh_app) -> None:
    app = fresh_app(create_schema=False)
    with app.app_context():
        assert inspect(db.engine).get_table_names() == []
        result = app.test_cli_runner().invoke(args=["db", "upgrade"])
        assert result.exit_code == 0, result.output
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"render_as_batch": True})
            differences = compare_metadata(context, db.metadata)
        assert differences == []
        assert "alembic_version" in inspect(db.engine).get_table_names()
        runner = app.test_cli_runner()
        assert runner.invoke(args=["demo"]).exit_code == 0


@pytest.mark.skipif(USES_POSTGRES, reason="SQLite connection settings")
def test_sqlite_connections_enforce_foreign_keys_and_use_wal(app) -> None:
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_upgrading_keeps_existing_ideas_and_scores_them(fresh_app) -> None:
    from sqlalchemy import text

    from idea_bank import headline_key, score_headline

    app = fresh_app(create_schema=False)
    with app.app_context():
        runner = app.test_cli_runner()
        assert runner.invoke(args=["db", "upgrade", "0001"]).exit_code == 0
        db.session.execute(
            text(
                "INSERT INTO idea (headline, status, notes, target_url, campaign, "
                "created_at, updated_at) "
                "VALUES ('7 proven ways to ride in winter', 'planned', 'keep me', '', '', "
                "'2026-11-01 10:00:00', '2026-11-01 10:00:00')"
            )
        )
        db.session.commit()
        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
        row = db.session.execute(
            text("SELECT headline, status, notes, score, headline_key FROM idea")
        ).one()
        headline = "7 proven ways to ride in winter"
        assert row == (
            headline,
            "planned",
            "keep me",
            score_headline(headline).score,
            headline_key(headline),
        )
