"""Handing a finished mail to the SMTP server (the standard library's smtplib), or, with
mail off, to the log."""

from __future__ import annotations

import logging
import smtplib
import ssl
from email.message import EmailMessage

from calendar_app.domain.mail import MailServer

TIMEOUT_SECONDS = 10
log = logging.getLogger("calendar_app.mail")


def deliver(server: MailServer | None, message: EmailMessage) -> None:
    """Send ``message`` through ``server``; with no server, write it to the log.

    Any failure (refused, unreachable, timed out) raises ``OSError`` or
    ``smtplib.SMTPException``; the caller keeps the mail for another try.
    """
    if server is None:
        log.info("Mail is off (no MAIL_URL); not sent:\n%s", message.as_string())
        return
    if server.security == "tls":
        context = ssl.create_default_context()
        connection: smtplib.SMTP = smtplib.SMTP_SSL(
            server.host, server.port, timeout=TIMEOUT_SECONDS, context=context
        )
    else:
        connection = smtplib.SMTP(server.host, server.port, timeout=TIMEOUT_SECONDS)
    with connection:
        if server.security == "starttls":
            connection.starttls(context=ssl.create_default_context())
        if server.username:
            connection.login(server.username, server.password)
        connection.send_message(message)
