"""``flask mail retry`` (from cron) and ``flask mail status``: the outbox from the shell."""

from __future__ import annotations

import click
from flask import current_app

from calendar_app import clock
from calendar_app.services import mail

from .base import Commands

mail_cli = Commands("mail", help="The outbox of mails waiting to be sent.")


def _settings() -> mail.MailSettings:
    config = current_app.config
    return mail.MailSettings(server=config["MAIL_SERVER"], sender=config["MAIL_FROM"])


@mail_cli.command("retry")
def mail_retry() -> None:
    """Send every mail whose next try is due; each is sent once, however many run at once."""
    settings = _settings()
    report = mail.retry(settings, clock.now())
    where = "sent" if settings.is_on else "written to the log (mail is off: no MAIL_URL)"
    click.echo(f"{report.sent} mails {where}, {report.failed} failed (tried again later).")
    if report.failed:
        raise SystemExit(1)


@mail_cli.command("status")
def mail_status() -> None:
    """List the mails not sent yet, with their tries and last error."""
    rows = mail.waiting()
    if not rows:
        click.echo("No mail is waiting.")
    for row in rows:
        state = (
            "given up" if mail.given_up(row) else f"next try {row.next_attempt_at:%Y-%m-%d %H:%M}"
        )
        click.echo(
            f"{row.id}\t{row.kind}\t{row.to}\t{row.attempts} tries, {state}\t{row.last_error}"
        )
