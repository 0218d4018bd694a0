"""Channels: listed and read with their cadence rules, made, changed and deleted through
the Channels page's own services (re-planning included)."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, url_for

from calendar_app import clock
from calendar_app.domain import permissions
from calendar_app.domain.errors import FieldError
from calendar_app.extensions import db
from calendar_app.models import Channel
from calendar_app.services import api_plan, api_queries, media_files
from calendar_app.services.media_store import media_store
from calendar_app.web.presentation import current_workspace

from . import bp
from .common import refusal, refuse, role_may, seen_version, shown_version, tagged, versioned
from .plan_schemas import ChannelChange, ChannelDetail, ChannelIn

FORM_FIELDS = ("name", "slug", "utm_source", "utm_medium", "colour", "timezone", "network")
NUMBER_FIELDS = ("own_limit", "response_hours")


def channel_or_404(channel_id: int) -> Channel:
    """The channel, or 404."""
    return db.session.get(Channel, channel_id) or abort(404)


def _values(channel: Channel | None, sent: dict[str, Any]) -> dict[str, Any]:
    """The channel form's values: what was sent over what the channel has."""
    values: dict[str, Any] = {}
    if channel is not None:
        values = {name: getattr(channel, name) or "" for name in FORM_FIELDS}
        values |= {name: getattr(channel, name) for name in NUMBER_FIELDS}
    for name in (*FORM_FIELDS, *NUMBER_FIELDS, "owner_id"):
        if name in sent:
            values[name] = sent[name] if sent[name] is not None else ""
    return values


def _tagged(channel: Channel, status: int = 200, location: str = "") -> Any:
    version = shown_version(ChannelDetail, channel)
    return tagged(channel, "channel", channel.id, version, status, location)


def _save(channel: Channel | None, sent: dict[str, Any]) -> Channel:
    workspace = current_workspace() or abort(404)
    try:
        return api_plan.save_channel(
            channel, _values(channel, sent), sent.get("paused"), workspace, clock.now()
        )
    except FieldError as error:
        refuse(error)
    raise AssertionError("unreachable")


@bp.route("/v1/channels")
@bp.response(200, ChannelDetail(many=True))
def channels() -> Any:
    """Every channel, by name, with its cadence rules."""
    return api_queries.all_channels_with_rules()


@bp.route("/v1/channels/<int:channel_id>")
@bp.response(200, ChannelDetail)
def get_channel(channel_id: int) -> Any:
    """One channel with its cadence rules; its ETag is for ``If-Match`` on a change."""
    return _tagged(channel_or_404(channel_id))


@bp.route("/v1/channels", methods=["POST"])
@bp.arguments(ChannelIn)
@bp.response(201, ChannelDetail)
@refusal(422, "A field was refused; the problem names it.")
def add_channel(sent: dict[str, Any]) -> Any:
    """Add a channel, checked as on the Channels page (slug, tracking values, network)."""
    role_may(permissions.CHANNELS)
    channel = _save(None, sent)
    where = url_for("api.get_channel", channel_id=channel.id)
    return _tagged(channel, 201, where)


@bp.route("/v1/channels/<int:channel_id>", methods=["PATCH"])
@bp.arguments(ChannelChange)
@bp.response(200, ChannelDetail)
@versioned
@refusal(422, "A field was refused; the problem names it.")
def change_channel(sent: dict[str, Any], channel_id: int) -> Any:
    """Change a channel's fields and/or pause it; its untouched future items are re-planned.
    Send the channel's ETag in ``If-Match``."""
    role_may(permissions.CHANNELS)
    channel = channel_or_404(channel_id)
    seen_version("channel", channel.id, shown_version(ChannelDetail, channel))
    return _tagged(_save(channel, sent))


@bp.route("/v1/channels/<int:channel_id>", methods=["DELETE"])
@bp.response(204)
@refusal(409, "People worked on the channel's items: it stays.")
@versioned
def delete_channel(channel_id: int) -> Any:
    """Delete a channel nobody worked on, with its rules and items (else 409: pause it)."""
    role_may(permissions.CHANNELS)
    channel = channel_or_404(channel_id)
    seen_version("channel", channel.id, shown_version(ChannelDetail, channel))
    try:
        media_files.delete_channel(channel, media_store(current_app.config))
    except FieldError as error:
        refuse(error, 409)
    return "", 204
