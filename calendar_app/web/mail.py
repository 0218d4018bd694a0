"""Mail leaves after the answer: what a request queued is sent once its response is out.

The action's unit of work has committed by then, so a slow or broken SMTP server never
delays, fails or undoes it: a mail that cannot be sent waits in the outbox for
``flask mail retry``. Sending after the response also keeps the time an answer takes
from telling whether a mail was sent (the password-reset form).
"""

from __future__ import annotations

import logging

from flask import Flask, current_app, request
from werkzeug.wrappers import Response

from calendar_app import clock
from calendar_app.models import User
from calendar_app.services import mail, site
from calendar_app.services.mail_preferences import unsubscribe_token
from calendar_app.web.presentation import absolute_url, secret_key

log = logging.getLogger("calendar_app.mail")


def mail_settings() -> mail.MailSettings:
    """The server from MAIL_URL (None: mail is off) and the sender, from the configuration."""
    config = current_app.config
    return mail.MailSettings(server=config["MAIL_SERVER"], sender=config["MAIL_FROM"])


def mail_is_on() -> bool:
    """Whether mail really leaves (MAIL_URL is set); pages say so when it does not."""
    return current_app.config["MAIL_SERVER"] is not None


def unsubscribe_url(user: User, kind: str) -> str:
    """The signed one-click link that stops mails of ``kind`` to ``user``: give it to
    ``services.mail.queue_mail(..., unsubscribe_url=...)`` and put it in the mail's text."""
    return absolute_url(
        "auth.unsubscribe", unsubscribe_token=unsubscribe_token(secret_key(), user, kind)
    )


def send_after(app: Flask, ids: set[int]) -> None:
    """Send the mails ``ids`` in an app context of their own; a failure is only logged."""
    with app.app_context():
        try:
            mail.send_mails(sorted(ids), mail_settings(), clock.now())
        except Exception:  # the database itself failed: the rows wait for the retry
            log.exception("Mail could not be sent now; flask mail retry sends it later.")


def register_mail(app: Flask) -> None:
    """Links in mails go to this site; send what each request queued once its response
    has gone out."""

    @app.before_request
    def links_on_this_site() -> None:
        site.set_address(current_app.config["BASE_URL"] or request.host_url)

    @app.after_request
    def send_when_answered(response: Response) -> Response:
        ids = mail.queued_since_asked()
        if ids:
            response.call_on_close(lambda: send_after(app, ids))
        return response
