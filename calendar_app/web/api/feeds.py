"""The calling member's own feed addresses (the Subscribe page's), and their reset."""

from __future__ import annotations

from typing import Any

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from calendar_app.domain import permissions
from calendar_app.extensions import db
from calendar_app.models import Channel
from calendar_app.services import accounts
from calendar_app.web.feeds.views import feed_urls
from calendar_app.web.presentation import current_workspace, secret_key

from . import bp
from .common import role_may, shown_version, tagged
from .plan_schemas import FeedsOut

# The addresses are secrets: no browser or proxy keeps them.
NO_STORE = {"Cache-Control": "no-store"}


def _addresses() -> Any:
    """The member's addresses: the team's feed, their own work's, and each channel's."""
    current_workspace() or abort(404)
    token = accounts.feed_token_of(current_user, secret_key())
    channels = db.session.scalars(select(Channel).order_by(Channel.name, Channel.id)).all()
    body = {
        "everything": feed_urls(token),
        "mine": feed_urls(token, mine=True),
        "channels": [
            {"channel_id": c.id, "slug": c.slug, **feed_urls(token, c.slug)} for c in channels
        ],
    }
    body, status, headers = tagged(body, "feeds", current_user.id, shown_version(FeedsOut, body))
    return body, status, headers | NO_STORE


@bp.route("/v1/feeds")
@bp.response(200, FeedsOut)
def feeds() -> Any:
    """Your own calendar feed addresses (https and webcal), as the Subscribe page shows them."""
    return _addresses()


@bp.route("/v1/feeds/reset", methods=["POST"])
@bp.response(200, FeedsOut)
def reset_feeds() -> Any:
    """Give yourself new feed addresses; the old ones stop working at once."""
    role_may(permissions.FEED)
    accounts.reset_feed_token(current_user, secret_key())
    return _addresses()
