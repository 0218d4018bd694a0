"""Webhooks leave after the answer: what a request queued is sent once its response is out.

The change's unit of work has committed by then, so a slow or unreachable receiver
never delays or undoes it: a delivery that fails waits for ``flask webhooks send``.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from flask import Flask, current_app
from werkzeug.wrappers import Response

from calendar_app import clock
from calendar_app.services import webhook_sending, webhooks

log = logging.getLogger("calendar_app.webhooks")


def webhook_settings() -> webhooks.WebhookSettings:
    """What the operator allows (WEBHOOK_ALLOW_PRIVATE_ADDRESSES)."""
    return webhooks.WebhookSettings(
        allow_private=bool(current_app.config["WEBHOOK_ALLOW_PRIVATE_ADDRESSES"])
    )


def pause_after() -> timedelta:
    """How long a subscription may fail without a break before it is paused."""
    return timedelta(days=float(current_app.config["WEBHOOK_PAUSE_AFTER_DAYS"]))


def send_after(app: Flask, ids: set[int]) -> None:
    """Send the deliveries ``ids`` in an app context of their own; a failure is only logged."""
    with app.app_context():
        try:
            webhook_sending.send(
                sorted(ids), webhook_settings(), clock.now(), pause_after=pause_after()
            )
        except Exception:  # the database itself failed: the rows wait for the next run
            log.exception("Webhooks could not be sent now; flask webhooks send sends them later.")


def register_webhooks(app: Flask) -> None:
    """Send what each request queued once its response has gone out."""

    @app.after_request
    def send_when_answered(response: Response) -> Response:
        ids = webhooks.queued_since_asked()
        if ids:
            response.call_on_close(lambda: send_after(app, ids))
        return response
