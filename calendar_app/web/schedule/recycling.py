"""Evergreen recycling: the Recycle page, "Plan here", and an item's evergreen mark."""

from __future__ import annotations

import re

from flask import abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from calendar_app import clock
from calendar_app.domain.errors import FieldError
from calendar_app.domain.recycling import DEFAULT_COOLDOWN_DAYS, RecyclingError
from calendar_app.extensions import db
from calendar_app.models import ScheduleItem
from calendar_app.services.recycling import WEEKS_AHEAD, mark_evergreen, recycle_list
from calendar_app.services.reruns import plan_rerun
from calendar_app.web.forms import show_error
from calendar_app.web.guards import plans_ahead
from calendar_app.web.presentation import (
    current_workspace,
    local,
    row_id,
    same_site_path,
    seen_version,
)

from . import bp

WHOLE_NUMBER = re.compile(r"[+-]?[0-9]{1,6}")


@bp.route("/recycle")
@plans_ahead
def recycle() -> str:
    """Open slots of the next weeks with the evergreen posts proposed for them; ``?post=``
    lists the slots one post may run in, ``?slot=`` the posts that may run in one slot."""
    workspace = current_workspace() or abort(404)
    post_id, slot_id = row_id(request.args.get("post")), row_id(request.args.get("slot"))
    listed = recycle_list(workspace.timezone, clock.now(), post_id=post_id, slot_id=slot_id)
    problem = None
    if post_id is not None and post_id not in listed.posts:
        problem = "That post is not evergreen: mark it evergreen on its page first."
    elif slot_id is not None and slot_id not in listed.slots:
        problem = "That slot is no longer open: it has a headline, or is past."
    if problem:
        flash(f"{problem} Showing every open slot.", "error")
        listed = recycle_list(workspace.timezone, clock.now())
    return render_template(
        "schedule/recycle.html",
        listed=listed,
        post=listed.posts.get(post_id or 0),
        slot=listed.slots.get(slot_id or 0),
        weeks=WEEKS_AHEAD,
    )


@bp.route("/recycle/plan", methods=["POST"])
def plan_here() -> Response:
    """Run an evergreen post again in an open slot (the "Plan here" button)."""
    workspace = current_workspace() or abort(404)
    back = same_site_path(request.form.get("back"), url_for("schedule.recycle"))
    # The page's one form: the clicked button sends plan=<post id>:<slot id>:<slot version>.
    post_id, slot_id, version = (request.form.get("plan", "").split(":") + ["", "", ""])[:3]
    post = db.session.get(ScheduleItem, row_id(post_id) or 0)
    slot = db.session.get(ScheduleItem, row_id(slot_id) or 0)
    if post is None or slot is None:
        flash("That post or slot was deleted meanwhile; nothing was planned.", "error")
        return redirect(back)
    try:
        plan_rerun(post, slot, workspace.timezone, clock.now(), row_id(version))
    except FieldError as exc:
        show_error(exc)
        return redirect(back)
    when = local(slot.starts_at, slot.channel.timezone)
    flash(
        f"“{slot.idea.headline}” runs again on {slot.channel.name}, "
        f"{when:%a} {when.day} {when:%b %H:%M}.",
        "success",
    )
    return redirect(back)


@bp.route("/items/<int:item_id>/evergreen", methods=["POST"])
def evergreen(item_id: int) -> Response:
    """Mark a published post evergreen (with its cool-down and most reruns), or unmark it."""
    item = db.session.get(ScheduleItem, item_id) or abort(404)
    wanted = request.form.get("evergreen") == "yes"
    try:
        cooldown, max_runs = DEFAULT_COOLDOWN_DAYS, None  # unmarking keeps the stored ones
        if wanted:
            cooldown = _whole(request.form.get("cooldown_days"), "cooldown_days")
            max_runs = _whole(request.form.get("max_runs"), "max_runs")
            if cooldown is None:
                raise RecyclingError("cooldown_days", NOT_WHOLE["cooldown_days"])
        mark_evergreen(item, wanted, cooldown, max_runs, clock.now(), seen_version())
    except FieldError as exc:
        show_error(exc)
    else:
        flash("Evergreen: it may run again." if wanted else "No longer evergreen.", "success")
    return redirect(url_for("schedule.item", item_id=item.id, _anchor="evergreen"))


NOT_WHOLE = {
    "cooldown_days": "Give the cool-down as a whole number of days, like 90.",
    "max_runs": "Give the most reruns as a whole number, like 3, or leave it blank for no limit.",
}


def _whole(text: str | None, field: str) -> int | None:
    """A whole number typed in a field (blank: None), or RecyclingError naming the field."""
    text = (text or "").strip()
    if not text:
        return None
    if not WHOLE_NUMBER.fullmatch(text):
        raise RecyclingError(field, NOT_WHOLE[field])
    return int(text)
