"""Webhook subscriptions survive a backup with their secrets; their deliveries do not."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from calendar_app.clock import now as app_now
from calendar_app.domain.webhooks import signature, verify
from calendar_app.extensions import db
from calendar_app.models import ScheduleItem, WebhookDelivery, WebhookSubscription
from calendar_app.services import items
from tests.services.test_backup import but_the_restore, make_webhooks


def test_webhooks_survive_a_backup_with_their_secrets_and_pause(
    app, runner, tmp_path, fresh_app
) -> None:
    assert runner.invoke(args=["demo"]).exit_code == 0
    secrets = make_webhooks()
    item = db.session.scalars(select(ScheduleItem).where(ScheduleItem.activity == "post")).first()
    items.set_status(item, "published", app_now())
    assert (
        db.session.scalar(select(func.count()).select_from(WebhookDelivery)) == 1
    )  # item.published
    path = tmp_path / "backup.json"
    assert runner.invoke(args=["backup", "export", str(path)]).exit_code == 0
    written = json.loads(path.read_text())
    assert "webhook_delivery" not in written["tables"]  # a passing outbox, not kept
    fresh = fresh_app()
    with fresh.app_context():
        result = fresh.test_cli_runner().invoke(args=["backup", "import", str(path)])
        assert result.exit_code == 0, result.output
        hooks = db.session.scalars(select(WebhookSubscription).order_by(WebhookSubscription.id))
        restored = list(hooks)
        assert [h.secret for h in restored] == secrets
        assert [h.active for h in restored] == [True, False]
        assert restored[0].events == "item.created item.published"
        body = b'{"type": "webhook.ping"}'
        header = signature(restored[0].secret, "msg_1", 1, body)
        assert verify(secrets[0], "msg_1", 1, body, header)  # receivers need no new secret
        assert db.session.scalar(select(func.count()).select_from(WebhookDelivery)) == 0
        again = tmp_path / "again.json"
        assert fresh.test_cli_runner().invoke(args=["backup", "export", str(again)]).exit_code == 0
        assert but_the_restore(again.read_text())["tables"] == written["tables"]
