"""The outbox: mail is queued in the transaction of the action that causes it and sent
after that transaction commits; what could not be sent waits for ``flask mail retry``.

A mail is claimed (``claimed_until``) by one conditional UPDATE before it is sent, so
two senders running at once never send the same row; a sent row is never sent again.
"""

from __future__ import annotations

import smtplib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage

from sqlalchemy import or_, select, update

from calendar_app.domain.mail import (
    MAX_ATTEMPTS,
    MailError,
    MailServer,
    build_message,
    gives_up,
    wait_before,
    wants,
)
from calendar_app.extensions import db
from calendar_app.models import OutboxMail, User

from .mail_transport import deliver
from .transaction import unit_of_work

# A sender that stopped halfway (killed) gives its claim up after this long.
CLAIM_FOR = timedelta(minutes=5)
_QUEUED = "mail_queued"
# Mails that carry a secret link: their text is dropped once sent (only digests stay).
SECRET_KINDS = {"reset", "invitation"}
Transport = Callable[[MailServer | None, EmailMessage], None]


@dataclass(frozen=True)
class MailSettings:
    """Where mail goes (``server`` None: mail is off, it is logged) and whom it is from."""

    server: MailServer | None
    sender: str

    @property
    def is_on(self) -> bool:
        """Whether mail really leaves (a MAIL_URL is set)."""
        return self.server is not None


@dataclass
class SendReport:
    """What one round of sending did."""

    sent: int = 0
    failed: int = 0


def queue_mail(
    user: User | str,
    kind: str,
    subject: str,
    text: str,
    html: str,
    key: str,
    *,
    unsubscribe_url: str = "",
) -> OutboxMail | None:
    """Queue a mail to ``user`` (a member, or an address) in the current unit of work.

    A member who chose not to get mails of ``kind`` (Account page) gets none: None.
    ``key`` names the event (``review:41:3``): queuing the same event again changes
    nothing and gives None. ``unsubscribe_url`` (from ``web.mail.unsubscribe_url``)
    becomes the List-Unsubscribe header. It is sent once the unit of work commits.
    """
    if isinstance(user, User) and not wants(kind, user.mail_choices):
        return None
    to = user if isinstance(user, str) else user.email
    _message(to, subject, text, html, unsubscribe_url)  # MailError if it cannot be sent
    with unit_of_work():
        if db.session.scalar(select(OutboxMail.id).where(OutboxMail.key == key)) is not None:
            return None
        mail = OutboxMail(
            key=key[:200],
            kind=kind,
            to=to,
            subject=subject,
            text=text,
            html=html,
            unsubscribe_url=unsubscribe_url,
            attempts=0,
        )
        db.session.add(mail)
        db.session.flush()
        db.session.info.setdefault(_QUEUED, set()).add(mail.id)
    return mail


def _message(
    to: str, subject: str, text: str, html: str, unsubscribe_url: str, sender: str = ""
) -> EmailMessage:
    headers = {}
    if unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return build_message(sender or "check@example.invalid", to, subject, text, html, headers)


def queued_since_asked() -> set[int]:
    """The outbox rows this session queued since the last time it was asked."""
    return db.session().info.pop(_QUEUED, set())


def due(now: datetime, limit: int = 100) -> Sequence[int]:
    """The ids of unsent mails whose next try is due, oldest first."""
    return db.session.scalars(
        select(OutboxMail.id)
        .where(
            OutboxMail.sent_at.is_(None),
            OutboxMail.attempts < MAX_ATTEMPTS,
            OutboxMail.next_attempt_at <= now,
            or_(OutboxMail.claimed_until.is_(None), OutboxMail.claimed_until < now),
        )
        .order_by(OutboxMail.id)
        .limit(limit)
    ).all()


def send_mails(
    ids: Sequence[int], settings: MailSettings, now: datetime, transport: Transport = deliver
) -> SendReport:
    """Send each of these mails that is still unsent and unclaimed, once each.

    A failure is recorded on the row (attempts, error, the next try after a growing
    wait) and never raised: the action that queued the mail has already succeeded.
    """
    report = SendReport()
    for mail_id in ids:
        mail = _claim(mail_id, now)
        if mail is None:
            continue
        try:
            message = _message(
                mail.to, mail.subject, mail.text, mail.html, mail.unsubscribe_url, settings.sender
            )
            transport(settings.server, message)
        except (OSError, smtplib.SMTPException, MailError) as exc:
            _failed(mail_id, now, f"{type(exc).__name__}: {exc}")
            report.failed += 1
        else:
            _sent(mail_id, now)
            report.sent += 1
    return report


def retry(settings: MailSettings, now: datetime, transport: Transport = deliver) -> SendReport:
    """Send every mail that is due (``flask mail retry``, from cron)."""
    return send_mails(due(now), settings, now, transport)


def _claim(mail_id: int, now: datetime) -> OutboxMail | None:
    """Take the row for this sender, if it is unsent and nobody else holds it."""
    with unit_of_work():
        claimed = db.session.execute(
            update(OutboxMail)
            .where(
                OutboxMail.id == mail_id,
                OutboxMail.sent_at.is_(None),
                or_(OutboxMail.claimed_until.is_(None), OutboxMail.claimed_until < now),
            )
            .values(claimed_until=now + CLAIM_FOR)
            .execution_options(synchronize_session=False)
        )
    if claimed.rowcount != 1:
        return None
    return db.session.get(OutboxMail, mail_id, populate_existing=True)


@unit_of_work()
def _sent(mail_id: int, now: datetime) -> None:
    mail = db.session.get(OutboxMail, mail_id)
    if mail is not None:
        mail.sent_at = now
        mail.claimed_until = None
        mail.last_error = ""
        if mail.kind in SECRET_KINDS:
            mail.text = mail.html = ""


@unit_of_work()
def _failed(mail_id: int, now: datetime, error: str) -> None:
    mail = db.session.get(OutboxMail, mail_id)
    if mail is not None:
        mail.attempts = (mail.attempts or 0) + 1
        mail.last_error = error[:500]
        mail.next_attempt_at = now + wait_before(mail.attempts)
        mail.claimed_until = None


def waiting() -> Sequence[OutboxMail]:
    """Unsent mails, oldest first (given up ones too)."""
    return db.session.scalars(
        select(OutboxMail).where(OutboxMail.sent_at.is_(None)).order_by(OutboxMail.id)
    ).all()


def given_up(mail: OutboxMail) -> bool:
    """Whether ``retry`` no longer tries this mail."""
    return gives_up(mail.attempts or 0)
