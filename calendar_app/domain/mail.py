"""E-mail as values: the MAIL_URL setting, the message itself and when to try again. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage
from email.utils import formataddr
from urllib.parse import unquote, urlsplit

# smtp:// plain (a relay on the same machine), smtp+starttls:// upgraded, smtps:// TLS at once.
SCHEMES = {"smtp": (25, "plain"), "smtp+starttls": (587, "starttls"), "smtps": (465, "tls")}
MAX_ATTEMPTS = 8
FIRST_WAIT = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=6)
MAX_SUBJECT_LENGTH = 200
# Everything Python splits lines at: the mail library refuses each of them in a header.
LINE_BREAKS = "\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029"


# The mails each person chooses to get (Account page), by kind; other kinds (a reset link,
# an invitation) are always sent, as they are asked for.
CHOSEN_KINDS = {
    "review": "Review requests",
    "mention": "Mentions",
    "approval": "Approvals and change requests",
    "digest": "The weekly digest",
    "reminder": "Reminders before my items (as chosen on Subscribe)",
}
# The kinds a member gets until they choose otherwise; a reminder only when asked for.
OFF_UNTIL_CHOSEN = frozenset({"reminder"})


class MailError(ValueError):
    """A mail setting or message that cannot be used; the message says why."""


@dataclass(frozen=True)
class MailServer:
    """Where mail goes: host, port, how the connection is secured, and the login if any."""

    host: str
    port: int
    security: str  # plain, starttls or tls
    username: str = ""
    password: str = ""


def parse_mail_url(url: str) -> MailServer | None:
    """The server a MAIL_URL names (None when it is empty: mail is off).

    ``smtp+starttls://user:pass@host:587``; the user and password are percent-decoded,
    so ``%40`` in a user name is an ``@``. Anything else raises MailError.
    """
    url = url.strip()
    if not url:
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise MailError("MAIL_URL: the port must be a number from 1 to 65535.") from None
    if parts.scheme not in SCHEMES:
        names = ", ".join(f"{scheme}://" for scheme in SCHEMES)
        raise MailError(f"MAIL_URL must start with {names} (it starts with {parts.scheme!r}).")
    if not parts.hostname:
        raise MailError("MAIL_URL names no server: smtp+starttls://user:password@host:587.")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise MailError("MAIL_URL takes no path or query after the server and port.")
    default_port, security = SCHEMES[parts.scheme]
    return MailServer(
        host=parts.hostname,
        port=port or default_port,
        security=security,
        username=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
    )


def single_line(value: str, what: str) -> str:
    """A header value as it is, if it has no line break (a way to add headers of one's own)."""
    if any(mark in value for mark in LINE_BREAKS):
        raise MailError(f"The {what} of a mail may not contain a line break.")
    return value


def build_message(
    sender: str,
    to: str,
    subject: str,
    text: str,
    html: str,
    headers: dict[str, str] | None = None,
) -> EmailMessage:
    """The mail: a plain-text part and, if given, an HTML alternative.

    Every header goes through EmailMessage, and a line break in any of them is refused,
    so no name or subject can add a header of its own.
    """
    message = EmailMessage()
    message["From"] = single_line(sender, "sender")
    message["To"] = single_line(to, "recipient")
    message["Subject"] = single_line(subject[:MAX_SUBJECT_LENGTH], "subject")
    for name, value in (headers or {}).items():
        message[single_line(name, "header name")] = single_line(value, name)
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    return message


def named_address(name: str, address: str) -> str:
    """``"Name" <address>``, quoted as mail needs it (a line break in the name is refused)."""
    return formataddr((single_line(name, "sender's name"), single_line(address, "address")))


def wants(kind: str, choices: dict[str, bool]) -> bool:
    """Whether a person with these ``choices`` (by kind) gets a mail of ``kind``."""
    return kind not in CHOSEN_KINDS or choices.get(kind, kind not in OFF_UNTIL_CHOSEN)


def wait_before(attempts: int) -> timedelta:
    """How long to wait after ``attempts`` failed tries: 1, 2, 4… minutes, at most 6 hours."""
    if attempts <= 0:
        return timedelta(0)
    return min(FIRST_WAIT * 2 ** min(attempts - 1, 20), LONGEST_WAIT)


def gives_up(attempts: int) -> bool:
    """Whether a mail has failed often enough to stop trying (it stays in the outbox)."""
    return attempts >= MAX_ATTEMPTS
