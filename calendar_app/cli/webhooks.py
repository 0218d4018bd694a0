"""``flask webhooks send`` (from cron) and ``flask webhooks status``."""

from __future__ import annotations

import click

from calendar_app import clock
from calendar_app.services import webhook_sending, webhooks
from calendar_app.web.webhooks import pause_after, webhook_settings

from .base import Commands

webhooks_cli = Commands("webhooks", help="Outgoing webhooks waiting to be sent.")


@webhooks_cli.command("send")
def webhooks_send() -> None:
    """Send every delivery whose next try is due; each is sent once, however many run at once."""
    report = webhook_sending.send_due(webhook_settings(), clock.now(), pause_after())
    click.echo(f"{report.delivered} delivered, {report.failed} failed (tried again later).")


@webhooks_cli.command("status")
def webhooks_status() -> None:
    """List the subscriptions, paused or not."""
    rows = webhooks.all_subscriptions()
    if not rows:
        click.echo("No webhook subscriptions.")
    for row in rows:
        state = "active" if row.active else f"paused: {row.paused_reason}"
        click.echo(f"{row.id}\t{row.url}\t{row.events}\t{state}")
