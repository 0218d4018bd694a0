"""``flask digest send`` (weekly, from cron): each member's digest of the week ahead; and
``flask reminders send`` (every few minutes): the mails before members' items."""

from __future__ import annotations

from datetime import date

import click
from flask import current_app

from calendar_app import clock
from calendar_app.services import mail, planner
from calendar_app.services.digest import DigestLinks, queue_digests
from calendar_app.services.reminder_mail import queue_reminders
from calendar_app.web.mail import mail_settings, unsubscribe_url
from calendar_app.web.presentation import absolute_url

from .base import LOCAL_SITE, Commands

digest_cli = Commands("digest", help="The weekly digest by mail.")
reminders_cli = Commands("reminders", help="Reminders by mail before members' items.")


def _links() -> DigestLinks:
    """The digest's links, on BASE_URL (made inside a request context for that address)."""

    def week(monday: date) -> str:
        return absolute_url("schedule.week", start=monday.isoformat())

    return DigestLinks(
        item=lambda item_id: absolute_url("schedule.item", item_id=item_id),
        week=week,
        unsubscribe=lambda user: unsubscribe_url(user, "digest"),
        settings=absolute_url("settings.account"),
    )


@digest_cli.command("send")
def digest_send() -> None:
    """Queue and send the week ahead's digest to every member who gets it; a member's digest
    of a week goes once, however often this runs (cron: Monday 07:00)."""
    workspace = planner.get_workspace()
    if workspace is None:
        raise click.ClickException("There is no workspace yet: import a plan or run 'flask demo'.")
    if not current_app.config["BASE_URL"]:
        click.echo(f"BASE_URL is not set: the digest's links point to {LOCAL_SITE}.", err=True)
    with current_app.test_request_context(base_url=current_app.config["BASE_URL"] or LOCAL_SITE):
        queued = queue_digests(workspace, clock.now(), _links())
    report = mail.send_mails(sorted(mail.queued_since_asked()), mail_settings(), clock.now())
    where = "sent" if mail_settings().is_on else "written to the log (mail is off: no MAIL_URL)"
    click.echo(
        f"{queued} digest{'' if queued == 1 else 's'} queued; {report.sent} {where}, "
        f"{report.failed} failed (flask mail retry sends them later)."
    )


@reminders_cli.command("send")
def reminders_send() -> None:
    """Mail the reminders due now (cron: every 5 minutes); each goes once."""
    workspace = planner.get_workspace()
    if workspace is None:
        raise click.ClickException("There is no workspace yet: import a plan or run 'flask demo'.")
    queued = queue_reminders(workspace, clock.now())
    report = mail.send_mails(sorted(mail.queued_since_asked()), mail_settings(), clock.now())
    click.echo(
        f"{queued} reminder{'' if queued == 1 else 's'} queued; {report.sent} sent, "
        f"{report.failed} failed (flask mail retry sends them later)."
    )
