"""A routine item's checklist: tick its steps, with a number where a step counts."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from calendar_app import clock
from calendar_app.domain.errors import FieldError
from calendar_app.domain.routine_ticks import RoutineError, read_ticks
from calendar_app.extensions import db
from calendar_app.models import ScheduleItem
from calendar_app.services.routines import NOT_A_ROUTINE, routine_of, save_checklist
from calendar_app.web.forms import show_error
from calendar_app.web.presentation import seen_version

from . import bp


@bp.route("/items/<int:item_id>/checklist", methods=["POST"])
def checklist(item_id: int) -> Response:
    """Save which steps of a routine item are done, and the numbers counted."""
    item = db.session.get(ScheduleItem, item_id) or abort(404)
    routine = routine_of(item)
    try:
        if routine is None:
            raise RoutineError("item", NOT_A_ROUTINE)
        numbers = {step: request.form.get(f"number-{step}", "") for step in routine.counts}
        ticks = read_ticks(
            request.form.getlist("step"), numbers, len(routine.checklist), routine.counts
        )
        save_checklist(item, ticks, current_user, clock.now(), seen_version())
    except FieldError as exc:
        show_error(exc)
    else:
        done = len(ticks) == len(routine.checklist)
        flash("Done: every step is ticked." if done else "Checklist saved.", "success")
    return redirect(url_for("schedule.item", item_id=item.id, _anchor="checklist"))
