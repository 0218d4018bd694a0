"""Tracked links: the Links page's history one page at a time, one link, and a new one
built by the Links page's own service."""

from __future__ import annotations

from typing import Any

from flask import abort, url_for
from flask_login import current_user

from calendar_app.domain import permissions
from calendar_app.domain.api_paging import encode_cursor
from calendar_app.domain.errors import FieldError
from calendar_app.extensions import db
from calendar_app.models import Channel, LinkRecord
from calendar_app.services import api_queries
from calendar_app.services import links as service

from . import bp
from .common import cursor_key, refusal, refuse, role_may, shown_version, tagged
from .plan_schemas import LinkCreated, LinkIn, LinkOut, LinkPage
from .schemas import PageArgs

NO_CHANNEL = "That channel does not exist; leave channel_id out and send source and medium."


@bp.route("/v1/links")
@bp.arguments(PageArgs, location="query")
@bp.response(200, LinkPage)
def list_links(args: dict[str, Any]) -> Any:
    """Tracked links made on the Links page, newest first; pass ``next_cursor`` as
    ``cursor`` for the next page."""
    limit = args["limit"]
    found = api_queries.list_links(cursor_key(args), limit)
    last = found[limit - 1] if len(found) > limit else None
    return {
        "links": found[:limit],
        "next_cursor": encode_cursor(last.created_at, last.id) if last else None,
    }


@bp.route("/v1/links/<int:link_id>")
@bp.response(200, LinkOut)
def get_link(link_id: int) -> Any:
    """One tracked link."""
    link = db.session.get(LinkRecord, link_id) or abort(404)
    return tagged(link, "link", link.id, shown_version(LinkOut, link))


def _builder_values(sent: dict[str, Any]) -> dict[str, Any]:
    """The builder form's values: a channel's tracking values fill in those not sent."""
    values = dict(sent)
    if sent.get("channel_id") is not None:
        channel = db.session.get(Channel, sent["channel_id"])
        if channel is None:
            refuse(FieldError("channel_id", NO_CHANNEL))
        values["source"] = sent.get("source") or channel.utm_source
        values["medium"] = sent.get("medium") or channel.utm_medium
    return values


@bp.route("/v1/links", methods=["POST"])
@bp.arguments(LinkIn)
@bp.response(201, LinkCreated)
@refusal(422, "A field was refused; the problem names it.")
def add_link(sent: dict[str, Any]) -> Any:
    """Build a tracked link and keep it in the history; ``kept`` names the tracking values
    the destination already set."""
    role_may(permissions.POSTS)
    try:
        record, link = service.make_link(_builder_values(sent), current_user)
    except FieldError as error:
        refuse(error)
    body = {name: getattr(record, name) for name in LinkOut().fields} | {"kept": link.kept}
    where = url_for("api.get_link", link_id=record.id)
    return tagged(body, "link", record.id, shown_version(LinkOut, record), 201, where)
