"""Schedule items: listed with filters one page at a time, read with their ETag, their
status and assignee changed and the item deleted under ``If-Match``, through the web's own
services."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, url_for
from flask_login import current_user

from calendar_app import clock
from calendar_app.domain import permissions
from calendar_app.domain.api_paging import encode_cursor, etag
from calendar_app.domain.cadence import resolve_timezone
from calendar_app.domain.errors import FieldError
from calendar_app.extensions import db
from calendar_app.models import Channel, ScheduleItem
from calendar_app.services import api_queries, api_writes, media
from calendar_app.services.items import ItemRoleError, add_one_off
from calendar_app.services.media_store import media_store
from calendar_app.services.planner import StaleItem
from calendar_app.web.presentation import current_workspace

from . import bp
from .common import STALE, cursor_key, refusal, refuse, role_may, seen_version, tagged, versioned
from .problems import problem
from .schemas import ItemArgs, ItemOut, ItemPage
from .work_schemas import ItemEdit, ItemIn

DETAILS = ("campaign_id", "notes", "destination_url")


@bp.route("/v1/items")
@bp.arguments(ItemArgs, location="query")
@bp.response(200, ItemPage)
def list_items(args: dict[str, Any]) -> Any:
    """Schedule items in time order; filter by ``from``/``to``, channel, status and assignee.

    Pages hold ``limit`` items; pass ``next_cursor`` as ``cursor`` for the next one.
    """
    limit = args["limit"]
    query = api_queries.ItemQuery(
        starts_from=args.get("start"),
        starts_before=args.get("end"),
        channel_id=args.get("channel"),
        status=args.get("status"),
        assignee_id=args.get("assignee"),
        after=cursor_key(args),
    )
    found = api_queries.list_items(query, limit)
    last = found[limit - 1] if len(found) > limit else None
    return {
        "items": found[:limit],
        "next_cursor": encode_cursor(last.starts_at, last.id) if last else None,
    }


def _item(item_id: int) -> ScheduleItem:
    return db.session.get(ScheduleItem, item_id) or abort(404)


def _zone(item: ScheduleItem) -> str:
    """The zone an item's times are read in: its channel's, else the workspace's."""
    workspace = current_workspace()
    return item.channel.timezone or (workspace.timezone if workspace else "UTC")


@bp.route("/v1/items/<int:item_id>")
@bp.response(200, ItemOut)
def get_item(item_id: int) -> Any:
    """One item; its ETag is its version, for ``If-Match`` on a change."""
    item = _item(item_id)
    return tagged(item, "item", item.id, item.version)


@bp.route("/v1/items/<int:item_id>", methods=["PATCH"])
@bp.arguments(ItemEdit)
@bp.response(200, ItemOut)
@versioned
@refusal(403, "Your role may not change items.")
@refusal(404, "No such item.")
@refusal(422, "A field is refused; the problem names it.")
def change_item(values: dict[str, Any], item_id: int) -> Any:
    """Change an item's ``status`` (as your role may, approval included), ``assignee_id``
    (null: nobody), ``campaign_id``, ``notes``, ``destination_url`` and/or move it to
    ``starts_at``, all or nothing. Send the item's ETag in ``If-Match``."""
    role_may(permissions.POSTS)
    item = _item(item_id)
    version = seen_version("item", item.id, item.version)
    changes = {key: values[key] for key in ("status", "assignee_id") if key in values}
    details = {key: values[key] for key in DETAILS if key in values}
    move_to = (values["starts_at"], _zone(item)) if "starts_at" in values else None
    try:
        api_writes.change_item(
            item, current_user, clock.now(), version, note=values["note"],
            details=details, move_to=move_to, **changes,
        )  # fmt: skip
    except StaleItem:
        abort(problem(412, STALE))
    except ItemRoleError as error:
        refuse(error, 403)
    except FieldError as error:
        refuse(error)
    db.session.refresh(item)
    return tagged(item, "item", item.id, item.version)


@bp.route("/v1/items/<int:item_id>", methods=["DELETE"])
@bp.response(204)
@refusal(403, "Your role may not delete items.")
@refusal(404, "No such item.")
@versioned
def delete_item(item_id: int) -> Any:
    """Delete an item, as the item's page does: its rule does not plan it again, its headline
    goes back to the bank and its media files go. Send the item's ETag in ``If-Match``."""
    role_may(permissions.POSTS)
    item = _item(item_id)
    seen_version("item", item.id, item.version)
    media.delete_item(item, media_store(current_app.config))
    return "", 204


@bp.route("/v1/items", methods=["POST"])
@bp.arguments(ItemIn)
@bp.response(201, ItemOut)
@refusal(403, "Your role may not add items.")
@refusal(404, "The workspace is not set up yet.")
@refusal(422, "A field is refused; the problem names it.")
def add_item(values: dict[str, Any]) -> Any:
    """Add a one-off item (outside every rule) on a channel at an instant, as the calendar's
    "new item" does; it answers with the item and its address in ``Location``."""
    role_may(permissions.POSTS)
    workspace = current_workspace() or abort(404)
    channel = db.session.get(Channel, values["channel_id"])
    if channel is None:
        refuse(FieldError("channel_id", "No such channel; pick one from /api/v1/channels."))
    zone = channel.timezone or workspace.timezone
    moment = values["starts_at"].astimezone(resolve_timezone(zone))
    try:
        item = add_one_off(
            channel, values["activity"], moment.date(), moment.time(), workspace, clock.now()
        )
    except FieldError as error:
        refuse(error)
    headers = {
        "ETag": etag("item", item.id, item.version),
        "Location": url_for("api.get_item", item_id=item.id),
    }
    return item, 201, headers
