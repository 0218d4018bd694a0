"""Who does what: an item's assignee, "Assign to me" and the reassign select on the week,
and the My work page."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from calendar_app import clock
from calendar_app.domain.errors import FieldError
from calendar_app.domain.owners import short_name
from calendar_app.domain.workflow import may_approve
from calendar_app.extensions import db
from calendar_app.models import ScheduleItem
from calendar_app.services.owners import (
    NOT_A_MEMBER,
    OwnerError,
    assign,
    my_work,
    waiting_for_review,
)
from calendar_app.web.forms import show_error
from calendar_app.web.presentation import current_workspace, local, row_id, seen_version

from . import bp


@bp.route("/items/<int:item_id>/assignee", methods=["POST"])
def item_assignee(item_id: int) -> Response:
    """Give the item to the member chosen on its page (an empty choice: nobody)."""
    item = db.session.get(ScheduleItem, item_id) or abort(404)
    chosen = request.form.get("assignee_id", "").strip()
    user_id = row_id(chosen)
    if chosen and user_id is None:
        show_error(OwnerError("assignee_id", NOT_A_MEMBER))
    else:
        _assign(item, user_id, seen_version())
    return redirect(url_for("schedule.item", item_id=item.id))


@bp.route("/week/assign", methods=["POST"])
def assign_to_me() -> Response:
    """The week page's "Assign to me" button: it sends ``mine=<item id>:<version>``."""
    item, version = _week_item("mine")
    _assign(item, current_user.id, version)
    return _back_to_week(item)


@bp.route("/week/reassign", methods=["POST"])
def reassign() -> Response:
    """The week page's reassign select: its button sends ``give=<item id>:<version>``, the
    select beside it ``to-<item id>`` (a member's id; empty: nobody)."""
    item, version = _week_item("give")
    chosen = request.form.get(f"to-{item.id}")
    user_id = row_id(chosen)
    if chosen is None or (chosen.strip() and user_id is None):
        show_error(OwnerError("assignee_id", NOT_A_MEMBER))
    else:
        _assign(item, user_id, version)
    return _back_to_week(item)


def _week_item(field: str) -> tuple[ScheduleItem, int]:
    """The item and version a week button names as ``<item id>:<version>`` (else 404)."""
    item_id, _, seen = request.form.get(field, "").partition(":")
    item_id, version = row_id(item_id), row_id(seen)
    item = db.session.get(ScheduleItem, item_id) if item_id and version else None
    if item is None or version is None:
        abort(404)
    return item, version


def _back_to_week(item: ScheduleItem) -> Response:
    start = local(item.starts_at).date().isoformat()
    return redirect(url_for("schedule.week", start=start) + f"#item-{item.id}")


def _assign(item: ScheduleItem, user_id: int | None, version: int | None) -> None:
    try:
        user = assign(item, user_id, clock.now(), version)
    except FieldError as exc:
        show_error(exc)
    else:
        who = short_name(user.email) if user else "nobody"
        flash(f"Assigned to {who}.", "success")


@bp.route("/my-work")
def my_work_page() -> str:
    """What waits for the logged-in member's review (editors and the owner), then the items
    assigned to them: overdue, this week and later."""
    workspace = current_workspace()
    if workspace is None:
        return render_template("schedule/no_workspace.html")
    work = my_work(current_user, clock.now(), workspace.timezone)
    return render_template(
        "schedule/my_work.html",
        work=work,
        reviews=waiting_for_review(current_user),
        reviews_shown=may_approve(current_user.role),
    )
