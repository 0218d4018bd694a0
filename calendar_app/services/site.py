"""Where the site lives, for links in mails made by services (which know no request).

The web layer sets it for each request (``BASE_URL``, else the request's host), the
command line from ``BASE_URL``; without it links are paths on the site.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_address: ContextVar[str] = ContextVar("site_address", default="")


@contextmanager
def at(address: str) -> Iterator[None]:
    """Make links on ``address`` (like ``https://calendar.example.com``) inside the block."""
    token = _address.set(address.rstrip("/"))
    try:
        yield
    finally:
        _address.reset(token)


def set_address(address: str) -> None:
    """Make links on ``address`` from now on in this context (one request)."""
    _address.set(address.rstrip("/"))


def link(path: str) -> str:
    """``path`` (starting with ``/``) on the site's address."""
    return _address.get() + path
