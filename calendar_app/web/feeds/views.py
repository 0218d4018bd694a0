"""The token-protected feeds, and the Subscribe page that shows their addresses."""

from __future__ import annotations

from datetime import datetime

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from calendar_app import clock
from calendar_app.extensions import db
from calendar_app.models import Channel
from calendar_app.services import accounts
from calendar_app.services import feeds as service
from calendar_app.web.guards import plan_ahead, plans_ahead, public, secret_page
from calendar_app.web.presentation import absolute_url, current_workspace, secret_key

from . import bp

LARGE_FEED_BYTES = 1_000_000


def _window(now: datetime) -> service.FeedWindow:
    config = current_app.config
    return service.FeedWindow.around(now, config["FEED_PAST_DAYS"], config["FEED_FUTURE_DAYS"])


@bp.route("/feeds/<token>.ics")
@public
def feed(token: str) -> Response:
    """Everything the user may see, as iCalendar."""
    return _serve(token, None)


@bp.route("/feeds/<token>/<slug>.ics")
@public
def channel_feed(token: str, slug: str) -> Response:
    """One channel, as iCalendar."""
    return _serve(token, slug)


def _serve(token: str, slug: str | None) -> Response:
    """A 304 costs the token's and the revision's lookups; a 200 first plans ahead (once a
    day), then serves the body of the version that results."""
    if accounts.user_for_feed_token(token) is None:
        abort(404)
    channel = None
    if slug is not None:
        channel = db.session.scalar(select(Channel).where(Channel.slug == slug)) or abort(404)
    window = _window(clock.now())
    zipped = "gzip" in request.headers.get("Accept-Encoding", "")
    version = service.feed_version(channel, window)
    if _not_modified(version, zipped):
        return _feed_response(version, zipped, status=304)
    workspace = current_workspace() or abort(404)
    if plan_ahead():  # the schedule was extended: what the feed shows has changed
        version = service.feed_version(channel, window)
    response = _feed_response(version, zipped)
    response.set_data(service.feed_body(version, workspace, channel, window, gzipped=zipped))
    if zipped:
        response.headers["Content-Encoding"] = "gzip"
    return response


def _not_modified(version: service.FeedVersion, zipped: bool) -> bool:
    etag = version.etag + ("-gz" if zipped else "")
    return request.if_none_match.contains(etag) or (
        not request.if_none_match
        and request.if_modified_since is not None
        and version.last_modified <= request.if_modified_since
    )


def _feed_response(version: service.FeedVersion, zipped: bool, status: int = 200) -> Response:
    """The headers every feed answer carries (the body is set by the caller)."""
    response = Response(status=status, mimetype="text/calendar")
    response.set_etag(version.etag + ("-gz" if zipped else ""))
    response.last_modified = version.last_modified
    response.headers["Cache-Control"] = "private"
    response.vary.add("Accept-Encoding")
    return response


def feed_urls(token: str, slug: str | None = None) -> dict[str, str]:
    """The https:// and webcal:// addresses of a feed (absolute, from BASE_URL or the request)."""
    if slug:
        https = absolute_url("feeds.channel_feed", token=token, slug=slug)
    else:
        https = absolute_url("feeds.feed", token=token)
    return {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}


@bp.route("/subscribe")
@secret_page
@plans_ahead
def subscribe() -> str:
    """The user's feed addresses, per channel too, with the feed's events and size (known
    without building the feed)."""
    current_workspace() or abort(404)
    window = _window(clock.now())
    size = service.feed_size(service.feed_version(None, window), None, window)
    channels = db.session.scalars(select(Channel).order_by(Channel.name)).all()
    token = accounts.feed_token_of(current_user, secret_key())
    return render_template(
        "feeds/subscribe.html",
        everything=feed_urls(token),
        per_channel=[(c, feed_urls(token, c.slug)) for c in channels],
        size=size,
        too_large=size.size > LARGE_FEED_BYTES,
        window=window,
    )


@bp.route("/subscribe/reset", methods=["POST"])
def reset() -> Response:
    """Give the user a new feed token; the old addresses stop working at once."""
    accounts.reset_feed_token(current_user, secret_key())
    flash(
        "Your feed addresses changed: subscribe again with the new ones; the old ones are dead.",
        "success",
    )
    back = "settings.account" if request.form.get("back") == "account" else "feeds.subscribe"
    return redirect(url_for(back))
