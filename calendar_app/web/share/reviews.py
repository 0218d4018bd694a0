"""What a share link's page reaches besides itself: the shared images, and the review form.

Both answer under the link's token only while the link is live, and only for the
items of the channels it shares: anything else is the same 404 as an unknown token.
The review form is a POST without login; Flask-WTF's CSRF check still applies (its
token lives in the viewer's anonymous session cookie, set when the page was shown).
"""

from __future__ import annotations

from urllib.parse import quote

from flask import (
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.wrappers import Response

from calendar_app import clock
from calendar_app.domain.errors import FieldError
from calendar_app.domain.media import THUMBNAIL_TYPE, ascii_file_name, is_media_key
from calendar_app.domain.shares import month_text
from calendar_app.models import ScheduleItem, ShareLink
from calendar_app.services import share_reviews, shares
from calendar_app.services.media_store import media_store
from calendar_app.services.planner import StaleItem, get_workspace
from calendar_app.web.guards import public, secret_page
from calendar_app.web.presentation import local, seen_version

from . import bp
from .views import PRIVATE_HEADERS, Review, _month_page

STALE = (
    "The post changed since you opened this page, so your review was not taken: "
    "read it again below, then approve it or ask for changes."
)


class _Gone(Exception):
    """Whatever is refused: unknown, revoked or expired link, out of scope, no such file."""


@bp.errorhandler(_Gone)
def _gone(_error: _Gone) -> Response:
    """The same 404 page as an unknown link's, for every refusal."""
    return _answer(render_template("share/gone.html"), 404)


def _live_share(token: str) -> ShareLink:
    """The live link ``token`` opens; the one 404 otherwise."""
    share = shares.share_for_token(token, clock.now())
    if share is None or get_workspace() is None:
        raise _Gone()
    return share


@bp.route("/share/<share_token>/media/<key>")
@public
@secret_page
def image(share_token: str, key: str) -> Response:
    """An image or its thumbnail of a shared item, by its key in the media store."""
    share = _live_share(share_token)
    found = share_reviews.shared_image(share, key) if is_media_key(key) else None
    if found is None:
        raise _Gone()
    try:
        data = media_store(current_app.config).open(key)
    except (FileNotFoundError, ValueError):
        raise _Gone() from None
    thumbnail = key == found.thumbnail_key
    response = Response(data, content_type=THUMBNAIL_TYPE if thumbnail else found.content_type)
    name = found.file_name or "image"
    response.headers["Content-Disposition"] = (
        f"inline; filename=\"{ascii_file_name(name)}\"; filename*=UTF-8''{quote(name)}"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers.update(PRIVATE_HEADERS)
    return response


@bp.route("/share/<share_token>/items/<int:item_id>/review", methods=["POST"])
@public
@secret_page
def review(share_token: str, item_id: int) -> Response:
    """Approve a post in review, or ask for changes, as the name the viewer typed."""
    share = _live_share(share_token)
    item = share_reviews.shared_item(share, item_id)
    if item is None:
        raise _Gone()
    if not share.allow_approval:
        abort(403)
    answer = {k: request.form.get(k, "") for k in ("name", "decision", "note")}
    month = local(item.starts_at, item.channel.timezone).date().replace(day=1)
    try:
        status = share_reviews.review(share, item, answer, clock.now(), seen_version())
    except FieldError as exc:
        stale = isinstance(exc, StaleItem)
        message = STALE if stale else exc.message
        refused = Review(item.id, message, answer["name"], answer["note"])
        return _answer(
            _month_page(share, share_token, month, review=refused), 409 if stale else 400
        )
    flash(_thanks(item, status), "success")
    return redirect(
        url_for(
            "share.page",
            share_token=share_token,
            month=month_text(month),
            _anchor=f"item-{item.uid[:12]}",
        )
    )


def _thanks(item: ScheduleItem, status: str) -> str:
    what = item.idea.headline if item.idea else f"the {item.channel.name} post"
    if status == "approved":
        return f"Approved “{what}”. Thank you: the team sees your approval."
    return f"Changes asked for “{what}”: it is back with the team, with your note."


def _answer(body: str, status: int) -> Response:
    response = make_response(body, status)
    response.headers.update(PRIVATE_HEADERS)
    return response
