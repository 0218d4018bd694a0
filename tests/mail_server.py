"""A real SMTP server in the test process (aiosmtpd) that keeps every message it receives."""

from __future__ import annotations

import email
import socket
from email.message import EmailMessage
from email.policy import default
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER, PASSWORD = "calendar", "p@ss:word"


def free_port() -> int:
    """A TCP port nobody listens on (for a server, or for a server that is down)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Inbox:
    """The aiosmtpd handler: each received message, parsed, with its envelope recipients."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.recipients: list[list[str]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        """Keep the message."""
        message = email.message_from_bytes(envelope.content, policy=default)
        self.messages.append(message)  # type: ignore[arg-type]
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 Message accepted for delivery"


def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
    """Accept USER / PASSWORD only."""
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
        USER.encode(),
        PASSWORD.encode(),
    )
    return AuthResult(success=ok)


class MailServer:
    """A running server: ``url`` for MAIL_URL, ``inbox`` for what it received."""

    def __init__(self) -> None:
        self.inbox = Inbox()
        self.port = free_port()
        self.controller = Controller(
            self.inbox,
            hostname="127.0.0.1",
            port=self.port,
            authenticator=authenticate,
            auth_require_tls=False,
        )

    @property
    def url(self) -> str:
        """The MAIL_URL of this server, with its login (percent-encoded)."""
        return f"smtp://{USER}:p%40ss%3Aword@127.0.0.1:{self.port}"

    @property
    def messages(self) -> list[EmailMessage]:
        """Every message received so far."""
        return self.inbox.messages

    def start(self) -> MailServer:
        """Listen."""
        self.controller.start()
        return self

    def stop(self) -> None:
        """Stop listening."""
        self.controller.stop()


def parts(message: EmailMessage) -> tuple[str, str]:
    """The plain-text and HTML parts of a received message (line ends as in Python)."""
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    return tuple(  # type: ignore[return-value]
        part.get_content().replace("\r\n", "\n") if part is not None else ""
        for part in (text, html)
    )
