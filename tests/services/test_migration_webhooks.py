"""The webhooks migration: two new tables; every account survives the upgrade and the way back."""

from __future__ import annotations

from sqlalchemy import inspect, text

from calendar_app.extensions import db
from tests.services.test_migration_api_tokens import STAMP, upgrade_with_an_owner


def test_upgrading_to_webhooks_keeps_every_account_and_adds_no_subscription(fresh_app) -> None:
    app = fresh_app(create_schema=False)
    with app.app_context():
        runner = upgrade_with_an_owner(app, "0033")
        assert db.session.scalar(text("SELECT count(*) FROM webhook_subscription")) == 0
        db.session.execute(
            text(
                "INSERT INTO webhook_subscription (url, description, events, secret, active,"
                " paused_reason, created_at, created_by_id) VALUES ('https://example.com/h',"
                f" '', 'item.created', 'whsec_AAAA', true, '', {STAMP}, 1)"
            )
        )
        db.session.execute(
            text(
                "INSERT INTO webhook_delivery (msg_id, subscription_id, event, payload,"
                " created_at, attempts, next_attempt_at, status, last_error) VALUES"
                f" ('msg_1', 1, 'item.created', '{{}}', {STAMP}, 0, {STAMP}, 'pending', '')"
            )
        )
        db.session.commit()
        assert db.session.scalar(text("SELECT count(*) FROM webhook_delivery")) == 1
        db.session.rollback()  # end this session's read before the schema changes again
        assert runner.invoke(args=["db", "downgrade", "0033"]).exit_code == 0
        tables = inspect(db.engine).get_table_names()
        assert "webhook_subscription" not in tables and "webhook_delivery" not in tables
        assert db.session.scalar(text('SELECT email FROM "user"')) == "ann@example.com"
