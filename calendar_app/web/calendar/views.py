"""Calendar page and the JSON endpoint drag-and-drop posts to."""

from __future__ import annotations

from datetime import date

from flask import abort, jsonify, render_template, request
from werkzeug.wrappers import Response

from calendar_app import clock
from calendar_app.domain.activities import STATUS_MARKS
from calendar_app.domain.errors import FieldError
from calendar_app.domain.item_links import campaign_of
from calendar_app.extensions import db
from calendar_app.models import ScheduleItem
from calendar_app.services import agenda as service
from calendar_app.services.campaigns import all_campaigns
from calendar_app.services.items import reschedule
from calendar_app.services.planner import StaleItem
from calendar_app.web.guards import plans_ahead
from calendar_app.web.presentation import current_workspace, day_in_reach, json_object, local

from . import bp


@bp.route("/calendar")
@plans_ahead
def index() -> str:
    """Month or week grid: ?view=month|week, ?start=YYYY-MM-DD, ?channel=slug, ?campaign=id,
    ?colour=channel|campaign."""
    workspace = current_workspace() or abort(404)
    now = clock.now()
    view = request.args.get("view", "month")
    view = view if view in service.VIEWS else "month"
    today = local(now).date()
    anchor = day_in_reach(request.args.get("start"), today) or today
    channels = service.all_channels()
    channel = next((c for c in channels if c.slug == request.args.get("channel")), None)
    # Loaded before the grid: each item's campaign is then found without a query.
    campaigns = all_campaigns()
    campaign = next((c for c in campaigns if str(c.id) == request.args.get("campaign")), None)
    grid = service.load_grid(workspace, view, anchor, channel, campaign)
    return render_template(
        "calendar/index.html",
        grid=grid,
        today=today,
        channels=channels,
        channel=channel,
        status_marks=STATUS_MARKS,
        campaigns=campaigns,
        campaign=campaign,
        by_campaign=request.args.get("colour") == "campaign",
        campaign_of=campaign_of,
    )


@bp.route("/items/<int:item_id>/reschedule", methods=["POST"])
def reschedule_item(item_id: int) -> tuple[Response, int] | Response:
    """Move an item to another day at the same local time (JSON in, JSON out)."""
    item = db.session.get(ScheduleItem, item_id) or abort(404)
    payload = json_object()
    if payload is None:
        return jsonify(error='Send a JSON object such as {"day": "2026-12-07"}.'), 400
    zone = item.channel.timezone or current_workspace().timezone
    current = local(item.starts_at, zone)
    try:
        day = date.fromisoformat(str(payload.get("day", "")))
    except ValueError:
        return jsonify(error="Give the new day as YYYY-MM-DD."), 400
    try:
        version = payload.get("version")
        seen = version if isinstance(version, int) and not isinstance(version, bool) else None
        reschedule(item, day, current.time(), zone, clock.now(), seen)
    except StaleItem as exc:
        return jsonify(error=exc.message, stale=True), 409
    except FieldError as exc:
        return jsonify(error=exc.message), 400
    return jsonify(
        id=item.id,
        day=day.isoformat(),
        starts_at=item.starts_at.isoformat(),
        sequence=item.sequence,
        version=item.version,
        when=local(item.starts_at, zone).strftime("%a %d %b %H:%M"),
    )
