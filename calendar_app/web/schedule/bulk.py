"""Bulk actions on items, from the week and the board: one form, "Apply to selected".

The page's checkboxes send ``selected=<item id>:<version>``; the chosen ``action``
(assign, status, move or archive) takes its one value from the field beside it.
"""

from __future__ import annotations

from datetime import date

from flask import flash, redirect, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from calendar_app import clock
from calendar_app.domain.bulk import ITEM_ACTIONS, BulkError, counted, read_picks
from calendar_app.domain.errors import FieldError
from calendar_app.domain.owners import short_name
from calendar_app.domain.workflow import status_word
from calendar_app.services import bulk
from calendar_app.services.owners import NOT_A_MEMBER
from calendar_app.web.forms import show_error
from calendar_app.web.presentation import row_id, same_site_path

from . import bp

BULK_ACTIONS = tuple(action for action, _words in ITEM_ACTIONS)
NO_ACTION = "Choose what to do with the selected items."


@bp.route("/items/selected", methods=["POST"])
def selected_items() -> Response:
    """Apply the chosen action to every selected item, or to none of them."""
    back = same_site_path(request.form.get("back"), url_for("schedule.week"))
    try:
        flash(_apply(request.form.get("action", "")), "success")
    except FieldError as exc:
        show_error(exc)
    return redirect(back)


def _apply(action: str) -> str:
    """Run ``action`` on the selection; the message saying what was done."""
    if action not in BULK_ACTIONS:
        raise BulkError(NO_ACTION)
    picks = read_picks(request.form.getlist("selected"))
    now, many = clock.now(), counted(len(picks), "item")
    if action == "assign":
        user = bulk.assign_many(picks, _member(), now)
        return f"Assigned {many} to {short_name(user.email) if user else 'nobody'}."
    if action == "status":
        status = request.form.get("status", "")
        bulk.set_status_many(picks, status, now, current_user)
        return f"Marked {many} {status_word(status).lower()}."
    if action == "move":
        day = _day()
        bulk.move_many(picks, day, now)
        return f"Moved {many} to {day:%a %d %b}."
    bulk.archive_items(picks, now, current_user)
    return f"Skipped {many}."


def _member() -> int | None:
    """The member chosen to assign to (empty: nobody); BulkError for anything else."""
    chosen = request.form.get("assignee_id", "").strip()
    user_id = row_id(chosen)
    if chosen and user_id is None:
        raise BulkError(NOT_A_MEMBER)
    return user_id


def _day() -> date:
    try:
        return date.fromisoformat(request.form.get("day", ""))
    except ValueError:
        raise BulkError("Give the day to move to as a date like 2026-12-07.") from None
