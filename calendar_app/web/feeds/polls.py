"""A calendar's poll answered before the app sets up a request.

Calendar apps ask for their feed every few minutes with the ETag they hold, and nearly
every answer is a 304. This WSGI middleware answers exactly those from the one query
that tells a feed's version; anything else (no ETag, a feed that changed, an unknown
token, another address) goes on to the app, which answers it in full.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask
from werkzeug.http import http_date, parse_etags, quote_etag

from calendar_app import clock
from calendar_app.services import feeds as service
from calendar_app.web.guards import SECURITY_HEADERS

FEED_PATH = re.compile(r"/feeds/(?P<token>[^/]+?)(?:/(?P<slug>[^/]+))?\.ics")


def feed_window(app: Flask) -> service.FeedWindow:
    """The part of the schedule the app's feeds show today."""
    config = app.config
    return service.FeedWindow.around(
        clock.now(), config["FEED_PAST_DAYS"], config["FEED_FUTURE_DAYS"]
    )


def poll_headers(version: service.FeedVersion, zipped: bool) -> list[tuple[str, str]]:
    """The headers of every feed answer (a 200's body headers aside)."""
    return [
        ("Content-Type", "text/calendar; charset=utf-8"),
        ("ETag", quote_etag(version.etag + ("-gz" if zipped else ""))),
        ("Last-Modified", http_date(version.last_modified)),
        ("Cache-Control", "private"),
        ("Vary", "Accept-Encoding"),
        *SECURITY_HEADERS.items(),
    ]


class FeedPolls:
    """Answers ``If-None-Match`` polls of unchanged feeds with a 304, else passes on."""

    def __init__(self, app: Flask, wsgi_app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app
        self.wsgi_app = wsgi_app

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        """The 304, or the app's own answer."""
        if environ.get("REQUEST_METHOD") in ("GET", "HEAD") and "HTTP_IF_NONE_MATCH" in environ:
            match = FEED_PATH.fullmatch(environ.get("PATH_INFO", ""))
            headers = match and self._unchanged(match["token"], match["slug"], environ)
            if headers:
                start_response("304 NOT MODIFIED", headers)
                return [b""]
        return self.wsgi_app(environ, start_response)

    def _unchanged(self, token: str, slug: str | None, environ: dict[str, Any]) -> list | None:
        with self.app.app_context():
            polled = service.poll(token, slug, feed_window(self.app))
        if polled is None:
            return None  # the app answers 404
        zipped = "gzip" in environ.get("HTTP_ACCEPT_ENCODING", "")
        etag = polled.version.etag + ("-gz" if zipped else "")
        if not parse_etags(environ["HTTP_IF_NONE_MATCH"]).contains(etag):
            return None
        return poll_headers(polled.version, zipped)
