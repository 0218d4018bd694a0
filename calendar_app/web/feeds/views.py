"""The token-protected feeds, and the Subscribe page that shows their addresses."""

from __future__ import annotations

from pathlib import Path

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from calendar_app import clock
from calendar_app.domain.reminders import alarm_label
from calendar_app.extensions import db
from calendar_app.models import Channel
from calendar_app.services import accounts
from calendar_app.services import feeds as service
from calendar_app.services.feed_sizes import feed_size
from calendar_app.services.feed_store import BodyStore
from calendar_app.services.planner import extension_due
from calendar_app.services.reminders import ReminderError, set_feed_alarm
from calendar_app.web.forms import show_error
from calendar_app.web.guards import plan_ahead, plans_ahead, public, secret_page
from calendar_app.web.presentation import absolute_url, current_workspace, secret_key

from . import bp
from .forms import ReminderForm
from .polls import MINE, accepts_gzip, feed_window, not_modified, poll_headers

LARGE_FEED_BYTES = 1_000_000


def _store() -> BodyStore:
    return BodyStore(Path(current_app.config["FEED_CACHE_DIR"]))


@bp.route("/feeds/<token>.ics")
@public
def feed(token: str) -> Response:
    """Everything the user may see, as iCalendar."""
    return _serve(token, None)


@bp.route(f"/feeds/<token>/{MINE}.ics")
@public
def my_feed(token: str) -> Response:
    """The items assigned to the token's member, as iCalendar."""
    return _serve(token, None, mine=True)


@bp.route("/feeds/<token>/<slug>.ics")
@public
def channel_feed(token: str, slug: str) -> Response:
    """One channel, as iCalendar."""
    return _serve(token, slug)


def _serve(token: str, slug: str | None, *, mine: bool = False) -> Response:
    """One query answers a 304 (the token, the channel, the revision and how far the
    schedule is planned); a 200 plans ahead first when a day has passed, then serves the
    body of the version that results (from memory, the store, or built)."""
    now = clock.now()
    window = feed_window(current_app)
    polled = service.poll(token, slug, window, mine=mine) or abort(404)
    zipped = accepts_gzip(request.headers.get("Accept-Encoding"))
    version = polled.version
    held = request.headers.get("If-None-Match"), request.headers.get("If-Modified-Since")
    if not_modified(version, zipped, *held):
        return _feed_response(version, zipped, status=304)
    weeks = current_app.config["PLANNING_HORIZON_WEEKS"]
    if extension_due(polled.planned_until, polled.timezone, now, weeks) and plan_ahead():
        version = (service.poll(token, slug, window, mine=mine) or abort(404)).version
    response = _feed_response(version, zipped)
    try:
        body = service.feed_body(
            version,
            polled.channel_id,
            window,
            _store(),
            gzipped=zipped,
            assignee_id=polled.assignee_id,
        )
    except LookupError:  # the channel or the member was deleted a moment ago
        abort(404)
    response.set_data(body)
    if zipped:
        response.headers["Content-Encoding"] = "gzip"
    return response


def _feed_response(version: service.FeedVersion, zipped: bool, status: int = 200) -> Response:
    """The headers every feed answer carries (the body is set by the caller)."""
    return Response(status=status, headers=poll_headers(version, zipped))


def feed_urls(token: str, slug: str | None = None, *, mine: bool = False) -> dict[str, str]:
    """The https:// and webcal:// addresses of a feed (absolute, from BASE_URL or the request)."""
    if mine:
        https = absolute_url("feeds.my_feed", token=token)
    elif slug:
        https = absolute_url("feeds.channel_feed", token=token, slug=slug)
    else:
        https = absolute_url("feeds.feed", token=token)
    return {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}


@bp.route("/subscribe")
@secret_page
@plans_ahead
def subscribe() -> str:
    """The user's feed addresses (the team's, their own work's and each channel's), with
    the feeds' events and sizes (known without building them)."""
    current_workspace() or abort(404)
    window = feed_window(current_app)
    size = feed_size(service.feed_version(None, window).etag, None, window, _store())
    mine = service.feed_version(None, window, current_user.id).etag
    my_size = feed_size(mine, None, window, _store(), current_user.id)
    channels = db.session.scalars(select(Channel).order_by(Channel.name)).all()
    token = accounts.feed_token_of(current_user, secret_key())
    reminder = ReminderForm(
        formdata=None,
        alarm=str(current_user.feed_alarm_minutes or 0),
        by_mail=current_user.mail_reminder,
    )
    return render_template(
        "feeds/subscribe.html",
        reminder=reminder,
        everything=feed_urls(token),
        mine=feed_urls(token, mine=True),
        my_size=my_size,
        per_channel=[(c, feed_urls(token, c.slug)) for c in channels],
        size=size,
        too_large=size.size > LARGE_FEED_BYTES,
        window=window,
    )


@bp.route("/subscribe/reminder", methods=["POST"])
def reminder() -> Response:
    """Choose the alarm of the user's own feed."""
    try:
        by_mail = request.form.get("by_mail") == "y"
        minutes = set_feed_alarm(current_user, request.form.get("alarm", ""), by_mail)
    except ReminderError as exc:
        show_error(exc)
    else:
        flash(_reminder_words(minutes), "success")
    return redirect(url_for("feeds.subscribe") + "#my-work")


def _reminder_words(minutes: int | None) -> str:
    if not minutes:
        return "Your own feed has no reminder now."
    return f"Your own feed now rings {alarm_label(minutes)} each of your items" + (
        ", and a mail comes as long before." if current_user.mail_reminder else "."
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
