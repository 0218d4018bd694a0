"""Time logged on an item: the minutes actually spent on it, recorded under the item's
``If-Match`` by the same service as the item's page and the week's "took" button."""

from __future__ import annotations

from typing import Any

from flask import abort

from calendar_app import clock
from calendar_app.domain import permissions
from calendar_app.domain.errors import FieldError
from calendar_app.extensions import db
from calendar_app.models import ScheduleItem
from calendar_app.services.items import log_time
from calendar_app.services.planner import StaleItem

from . import bp
from .common import STALE, refusal, refuse, role_may, seen_version, tagged, versioned
from .problems import problem
from .schemas import ItemOut
from .work_schemas import TimeIn


@bp.route("/v1/items/<int:item_id>/time", methods=["PUT"])
@bp.arguments(TimeIn)
@bp.response(200, ItemOut)
@refusal(403, "Your role may not log time.")
@refusal(404, "No such item.")
@versioned
@refusal(422, "The minutes are out of range; the problem names them.")
def log_item_time(values: dict[str, Any], item_id: int) -> Any:
    """Log the minutes spent on an item (null: its planned duration); the item comes back
    with them as ``actual_minutes``. Send the item's ETag in ``If-Match``."""
    role_may(permissions.POSTS)
    item = db.session.get(ScheduleItem, item_id) or abort(404)
    version = seen_version("item", item.id, item.version)
    try:
        log_time(item, values["minutes"], clock.now(), version)
    except StaleItem:
        abort(problem(412, STALE))
    except FieldError as error:
        refuse(error)
    db.session.refresh(item)
    return tagged(item, "item", item.id, item.version)
