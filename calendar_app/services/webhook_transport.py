"""Calling a webhook receiver over HTTP (httpx, one pooled client per sender) and looking up
the addresses a host name resolves to."""

from __future__ import annotations

import socket

import httpx

# Seconds to connect, and to wait for the answer.
CONNECT_TIMEOUT = 5
READ_TIMEOUT = 10


class DeliveryFailed(Exception):
    """The receiver could not be reached or did not answer in time; says why."""


def addresses_of(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (none when it does not resolve)."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        return []
    return sorted({str(info[4][0]) for info in found})


class Transport:
    """Posts deliveries over kept-alive connections; redirects are never followed."""

    def __init__(self) -> None:
        self.client = httpx.Client(
            timeout=httpx.Timeout(READ_TIMEOUT, connect=CONNECT_TIMEOUT),
            limits=httpx.Limits(max_connections=10, max_keepalive_connections=10),
            follow_redirects=False,
            trust_env=False,  # no proxy from the environment sees the bodies
        )

    def post(self, url: str, body: bytes, headers: dict[str, str]) -> int:
        """POST ``body`` to ``url``; the answer's status code. DeliveryFailed when no
        answer came."""
        try:
            response = self.client.post(url, content=body, headers=headers)
        except httpx.HTTPError as exc:
            raise DeliveryFailed(f"{type(exc).__name__}: {exc}") from None
        return response.status_code

    def close(self) -> None:
        """Close the kept-alive connections."""
        self.client.close()
