"""A real webhook receiver for tests: an HTTP server on 127.0.0.1 in a thread that checks
each delivery's signature with the domain's ``verify`` and records it."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from calendar_app.domain.webhooks import verify


@dataclass
class Call:
    """One request the receiver got."""

    msg_id: str
    timestamp: str
    body: dict[str, Any]
    verified: bool
    user_agent: str
    content_type: str


@dataclass
class Receiver:
    """What the receiver answers (``codes`` in turn, then 200) and what it got."""

    secret: str = ""
    codes: list[int] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)
    url: str = ""

    def answer(self) -> int:
        return self.codes.pop(0) if self.codes else 200


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as a real receiver

        def do_POST(self) -> None:  # noqa: N802 (the standard library's name)
            raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            msg_id = self.headers.get("webhook-id", "")
            stamp = self.headers.get("webhook-timestamp", "")
            signed = self.headers.get("webhook-signature", "")
            receiver.calls.append(
                Call(
                    msg_id,
                    stamp,
                    json.loads(raw),
                    verify(receiver.secret, msg_id, stamp, raw, signed),
                    self.headers.get("User-Agent", ""),
                    self.headers.get("Content-Type", ""),
                )
            )
            self.send_response(receiver.answer())
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *_args: object) -> None:
            pass

    return Handler


@contextmanager
def receiving(path: str = "/hooks") -> Iterator[Receiver]:
    """A running receiver; its ``url`` takes deliveries until the block ends."""
    receiver = Receiver()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(receiver))
    server.daemon_threads = True
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}{path}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
