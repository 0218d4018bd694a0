"""Webhooks benchmark: 1,000 deliveries to a receiver on this machine, through one kept-alive
connection pool, claimed and recorded in batches of 50 as in production.

Run with ``.venv/bin/python bench/webhooks.py`` (add ``--postgres URL`` to use
PostgreSQL; the default is a temporary SQLite file). It prints the time the 1,000
took and how many the receiver got with a valid signature; the target is under 10 s.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from time import perf_counter

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from feed import database_url  # noqa: E402

from calendar_app import create_app  # noqa: E402
from calendar_app.extensions import db  # noqa: E402
from calendar_app.services import accounts, webhook_sending, webhooks  # noqa: E402
from calendar_app.services.transaction import unit_of_work  # noqa: E402
from calendar_app.services.webhook_transport import Transport  # noqa: E402
from tests.webhook_receiver import receiving  # noqa: E402

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
DELIVERIES = 1_000
SETTINGS = webhooks.WebhookSettings(allow_private=True)


def main() -> None:
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url(__doc__ or ""), "SECRET_KEY": "b"})
    with app.app_context(), receiving() as receiver:
        db.drop_all()
        db.create_all()
        owner = accounts.create_user("owner@example.com", "long enough pw", "b", is_owner=True)
        hook = webhooks.create_subscription(
            receiver.url, "Bench", ["item.created"], owner, NOW, SETTINGS
        )
        receiver.secret = hook.secret
        with unit_of_work():
            many = [{"id": n, "status": "draft"} for n in range(DELIVERIES)]
            webhooks.emit_many("item.created", many, NOW)
        ids = sorted(webhooks.queued_since_asked())
        transport = Transport()  # one pool of kept-alive connections for every delivery
        start = perf_counter()
        report = webhook_sending.send(ids, SETTINGS, NOW, transport)
        took = perf_counter() - start
        transport.close()
        verified = sum(call.verified for call in receiver.calls)
        each = took / DELIVERIES * 1000
        print(f"{report.delivered:,} deliveries in {took:.2f} s ({each:.1f} ms each)")
        print(f"{verified:,} with a valid signature; {report.failed} failed; target < 10 s")
        db.drop_all()


if __name__ == "__main__":
    main()
