"""Saving an item's copy from the editor on the item's page."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from calendar_app import clock
from calendar_app.domain.activities import HEADLINE_ACTIVITIES
from calendar_app.domain.errors import FieldError
from calendar_app.extensions import db
from calendar_app.models import ScheduleItem
from calendar_app.services.copy import save_copy
from calendar_app.web.presentation import current_workspace, seen_version

from . import bp
from .item_page import render_item


@bp.route("/items/<int:item_id>/copy", methods=["POST"])
def copy(item_id: int) -> Response | str:
    """Save an item's copy; refused, the page shows the text as typed with the reason."""
    item = db.session.get(ScheduleItem, item_id) or abort(404)
    if item.activity not in HEADLINE_ACTIVITIES:
        abort(404)
    try:
        warnings = save_copy(
            item, request.form.to_dict(), current_user, current_workspace(), clock.now(),
            seen_version(),
        )  # fmt: skip
    except FieldError as exc:
        values = {name: request.form.get(name, "") for name in ("title", "body", "outline")}
        flash("Nothing was saved: " + exc.message, "error")
        return render_item(item, copy_values=values, copy_errors={exc.field: exc.message})
    for warning in warnings:
        flash(warning, "warning")
    flash("Copy saved.", "success")
    return redirect(url_for("schedule.item", item_id=item.id) + "#copy")
