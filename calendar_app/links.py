"""Checks on the web addresses people enter (pure domain code)."""

from __future__ import annotations

from urllib.parse import urlsplit

MAX_URL_LENGTH = 2000


def require_http_url(value: str) -> str:
    """Return ``value`` stripped if it is an absolute http(s) URL, else raise ValueError.

    Anything else (``javascript:``, ``mailto:``, relative paths, control
    characters) is refused so that no link we render can run script.
    """
    url = value.strip()
    if not url:
        raise ValueError("The address is empty.")
    if len(url) > MAX_URL_LENGTH:
        raise ValueError(f"The address is longer than {MAX_URL_LENGTH} characters.")
    if any(ord(ch) < 33 or ord(ch) == 127 for ch in url):
        raise ValueError("The address contains spaces or control characters.")
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueError("Only absolute http:// or https:// addresses are accepted.")
    if not parts.hostname:
        raise ValueError("The address has no host name.")
    return url
