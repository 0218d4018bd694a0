"""A calendar's poll answered before the app sets up a request.

Calendar apps ask for their feed every few minutes, nearly always with the ETag they
hold. This WSGI middleware answers, from the one query that tells a feed's version,
the polls that need nothing else: a 304 when the feed is unchanged, a 200 when this
process holds the body of the current version in memory and the schedule needs no
planning ahead today. Anything else (an unknown token, another address, a body to
read or build, a day to plan) goes on to the app, which answers it in full.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask
from werkzeug.http import http_date, parse_accept_header, parse_date, parse_etags, quote_etag

from calendar_app import clock
from calendar_app.services import feeds as service
from calendar_app.services.planner import extension_due
from calendar_app.web.guards import SECURITY_HEADERS

# The personal feed's address ends in ``/<token>/mine.ics``: the token's member's items.
MINE = "mine"
FEED_PATH = re.compile(r"/feeds/(?P<token>[^/]+?)(?:/(?P<slug>[^/]+))?\.ics")

Answer = tuple[str, list[tuple[str, str]], bytes]


def feed_window(app: Flask) -> service.FeedWindow:
    """The part of the schedule the app's feeds show today."""
    config = app.config
    return service.FeedWindow.around(
        clock.now(), config["FEED_PAST_DAYS"], config["FEED_FUTURE_DAYS"]
    )


def poll_headers(version: service.FeedVersion, zipped: bool) -> list[tuple[str, str]]:
    """The headers of every feed answer (a 200's body headers aside). Last-Modified only
    once its second is over: a client must never hold a date that a later change shares."""
    dated = version.last_modified <= clock.now()
    return [
        ("Content-Type", "text/calendar; charset=utf-8"),
        ("ETag", quote_etag(version.etag + ("-gz" if zipped else ""))),
        *([("Last-Modified", http_date(version.last_modified))] if dated else []),
        ("Cache-Control", "private"),
        ("Vary", "Accept-Encoding"),
        *SECURITY_HEADERS.items(),
    ]


def accepts_gzip(accept_encoding: str | None) -> bool:
    """Whether the client takes a gzip body (``gzip;q=0`` and ``*;q=0`` refuse it)."""
    return parse_accept_header(accept_encoding).quality("gzip") > 0


def not_modified(
    version: service.FeedVersion,
    zipped: bool,
    if_none_match: str | None,
    if_modified_since: str | None,
) -> bool:
    """Whether the client holds this version already (by its ETag, else by its date)."""
    if if_none_match:
        # RFC 9110: If-None-Match compares weakly (a W/ prefix still matches).
        return parse_etags(if_none_match).contains_weak(version.etag + ("-gz" if zipped else ""))
    since = parse_date(if_modified_since)
    return since is not None and version.last_modified <= since


class FeedPolls:
    """Answers the feed polls that need only the feed's version, else passes them on."""

    def __init__(self, app: Flask, wsgi_app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app
        self.wsgi_app = wsgi_app

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        """The quick answer, or the app's own."""
        method = environ.get("REQUEST_METHOD")
        match = method in ("GET", "HEAD") and FEED_PATH.fullmatch(environ.get("PATH_INFO", ""))
        answer = match and self._answer(match["token"], match["slug"], environ)
        if not answer:
            return self.wsgi_app(environ, start_response)
        status, headers, body = answer
        start_response(status, headers)
        return [b"" if method == "HEAD" else body]

    def _answer(self, token: str, slug: str | None, environ: dict[str, Any]) -> Answer | None:
        with self.app.app_context():  # the app's clock and configuration
            try:
                mine = slug == MINE
                window = feed_window(self.app)
                polled = service.poll(token, None if mine else slug, window, mine=mine)
            except Exception:  # the database is away: the app answers, logs and shows its page
                return None
            return self._answer_poll(polled, environ)

    def _answer_poll(self, polled: service.Poll | None, environ: dict[str, Any]) -> Answer | None:
        if polled is None:
            return None  # the app answers 404
        zipped = accepts_gzip(environ.get("HTTP_ACCEPT_ENCODING"))
        headers = poll_headers(polled.version, zipped)
        held = environ.get("HTTP_IF_NONE_MATCH"), environ.get("HTTP_IF_MODIFIED_SINCE")
        if not_modified(polled.version, zipped, *held):
            return "304 NOT MODIFIED", headers, b""
        return self._remembered(polled, zipped, headers)

    def _remembered(
        self, polled: service.Poll, zipped: bool, headers: list[tuple[str, str]]
    ) -> Answer | None:
        weeks = self.app.config["PLANNING_HORIZON_WEEKS"]
        if extension_due(polled.planned_until, polled.timezone, clock.now(), weeks):
            return None  # the app plans ahead first
        body = service.remembered_body(polled.version, gzipped=zipped)
        if body is None:
            return None
        headers = [*headers, ("Content-Length", str(len(body)))]
        if zipped:
            headers.append(("Content-Encoding", "gzip"))
        return "200 OK", headers, body
