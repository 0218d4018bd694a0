"""A post's copy (the text its channel's network takes): read, and saved under the item's
``If-Match`` by the copy editor's own service (earlier versions kept, limits checked, and an
approved post a contributor edits goes back to review)."""

from __future__ import annotations

from typing import Any

from flask import abort
from flask_login import current_user

from calendar_app import clock
from calendar_app.domain import permissions
from calendar_app.domain.activities import HEADLINE_ACTIVITIES, activity_label
from calendar_app.domain.errors import FieldError
from calendar_app.extensions import db
from calendar_app.models import ScheduleItem
from calendar_app.services.copy import channel_network, draft_for, save_copy
from calendar_app.services.planner import StaleItem
from calendar_app.web.presentation import current_workspace

from . import bp
from .common import STALE, refusal, refuse, role_may, seen_version, tagged, versioned
from .problems import problem
from .work_schemas import CopyIn, CopyOut

NO_COPY = "Only posts and videos have copy; this item is a {activity} and has none."


def _post(item_id: int) -> ScheduleItem:
    """The item, when it is one that has copy (a post or a video): 404 when there is no such
    item, 409 when it is a task (reply time, a routine), which has no copy."""
    item = db.session.get(ScheduleItem, item_id) or abort(404)
    if item.activity not in HEADLINE_ACTIVITIES:
        abort(problem(409, NO_COPY.format(activity=activity_label(item.activity).lower())))
    return item


def _copy_of(item: ScheduleItem, warnings: list[str]) -> dict[str, Any]:
    draft = draft_for(item)
    return {
        "item_id": item.id,
        "network": channel_network(item.channel)[0].key,
        "title": draft.title,
        "body": draft.body,
        "outline": draft.outline,
        "shared": draft.shared,
        "saved_at": item.copy.saved_at if item.copy is not None else None,
        "warnings": warnings,
    }


@bp.route("/v1/items/<int:item_id>/copy")
@bp.response(200, CopyOut)
@refusal(404, "No such item.")
@refusal(409, "The item is a task (reply time, a routine): it has no copy.")
def get_copy(item_id: int) -> Any:
    """A post's copy; its ETag is the item's, for ``If-Match`` when saving it."""
    item = _post(item_id)
    return tagged(_copy_of(item, []), "item", item.id, item.version)


@bp.route("/v1/items/<int:item_id>/copy", methods=["PUT"])
@bp.arguments(CopyIn)
@bp.response(200, CopyOut)
@refusal(403, "Your role may not write posts.")
@refusal(404, "No such item.")
@refusal(409, "The item is a task (reply time, a routine): it has no copy.")
@versioned
@refusal(422, "A part is over its network's limit; the problem names it.")
def put_copy(values: dict[str, Any], item_id: int) -> Any:
    """Save a post's copy (title, body, outline as its network has them); the previous copy
    is kept as a version. Send the item's ETag in ``If-Match``."""
    role_may(permissions.POSTS)
    item = _post(item_id)
    version = seen_version("item", item.id, item.version)
    try:
        warnings = save_copy(item, values, current_user, current_workspace(), clock.now(), version)
    except StaleItem:
        abort(problem(412, STALE))
    except FieldError as error:
        refuse(error)
    db.session.refresh(item)
    return tagged(_copy_of(item, warnings), "item", item.id, item.version)
