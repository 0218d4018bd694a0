"""The page a share link opens: one month of the shared channels' items, read-only.

It is open without login (the token in the address is the key), is never stored
or indexed, sends no Referer, and shows nothing else of the app: no navigation,
no login link. An unknown, revoked or expired token gets the same 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask import make_response, render_template, request
from werkzeug.wrappers import Response

from calendar_app import clock
from calendar_app.domain.activities import STATUS_MARKS
from calendar_app.domain.cadence import resolve_timezone
from calendar_app.domain.copy_text import post_copy
from calendar_app.domain.item_links import campaign_of
from calendar_app.domain.share_reviews import MAX_VIEWER_NAME, may_review
from calendar_app.domain.shares import ShareError, month_text, parse_month, step_month
from calendar_app.domain.workflow import MAX_REVIEW_NOTE
from calendar_app.models import ScheduleItem, ShareLink
from calendar_app.services import media, shares
from calendar_app.services.planner import get_workspace
from calendar_app.web.guards import public, secret_page
from calendar_app.web.presentation import local

from . import bp


@dataclass(frozen=True)
class Review:
    """A viewer's refused review, shown again: the item, why, and what they typed."""

    item_id: int
    message: str
    name: str
    note: str


# Besides the app's own headers (no-store comes from ``secret_page``).
PRIVATE_HEADERS = {"X-Robots-Tag": "noindex, nofollow", "Referrer-Policy": "no-referrer"}


def _private(body: str, status: int) -> Response:
    response = make_response(body, status)
    response.headers.update(PRIVATE_HEADERS)
    return response


@bp.route("/share/<share_token>")
@public
@secret_page
def page(share_token: str) -> Response:
    """One month (?month=YYYY-MM, default this month) of what the link shares, by day."""
    now = clock.now()
    share = shares.share_for_token(share_token, now)
    workspace = get_workspace()
    if share is None or workspace is None:
        return _private(render_template("share/gone.html"), 404)
    shares.note_use(share, now)
    this_month = local(now).date().replace(day=1)
    try:
        month = parse_month(request.args.get("month"), this_month)
    except ShareError as exc:
        return _private(_month_page(share, share_token, this_month, exc.message), 400)
    return _private(_month_page(share, share_token, month), 200)


def _month_page(
    share: ShareLink,
    token: str,
    month: date,
    error: str | None = None,
    review: Review | None = None,
) -> str:
    """The page of one month; with an error, the error and a way back instead of items;
    with ``review``, the review that was refused, its message and what the viewer typed."""
    workspace = get_workspace()
    items = [] if error else _items_of(share, month, workspace.timezone)
    days: dict[date, list[ScheduleItem]] = {}
    for day, item in items:
        days.setdefault(day, []).append(item)
    return render_template(
        "share/page.html",
        share=share,
        token=token,
        team=workspace.name,
        workspace_for_links=workspace,
        month=month,
        days=sorted(days.items()),
        steps={d: step_month(month, d) for d in (-1, 1)},
        month_text=month_text,
        error=error,
        status_marks=STATUS_MARKS,
        campaign_of=campaign_of,
        post_copy=post_copy,
        media=media.media_of_items([item for _, item in items]),
        may_review=may_review,
        review=review,
        max_name=MAX_VIEWER_NAME,
        max_note=MAX_REVIEW_NOTE,
    )


def _items_of(share: ShareLink, month: date, zone: str) -> list[tuple[date, ScheduleItem]]:
    """The month's shared items with the day each falls on where its channel publishes."""
    following = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    start, end = (
        datetime.combine(day, time(), resolve_timezone(zone)) for day in (month, following)
    )
    # A day's margin on each side: a channel in another time zone may have its day earlier.
    found = shares.shared_items(share, start - timedelta(days=1), end + timedelta(days=1))
    dated = ((local(item.starts_at, item.channel.timezone).date(), item) for item in found)
    return sorted(
        ((day, item) for day, item in dated if month <= day < following),
        key=lambda pair: (pair[0], local(pair[1].starts_at, pair[1].channel.timezone).time()),
    )
