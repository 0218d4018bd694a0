"""The "This week" agenda."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from calendar_app import clock
from calendar_app.domain.activities import ITEM_STATUSES
from calendar_app.domain.bulk import ITEM_ACTIONS
from calendar_app.domain.errors import FieldError
from calendar_app.domain.workflow import next_steps, status_word
from calendar_app.extensions import db
from calendar_app.models import Channel, Goal, Idea, ScheduleItem
from calendar_app.services import ideas, media, slots
from calendar_app.services.agenda import Week, first_item_after, load_week
from calendar_app.services.goals import goal_progress
from calendar_app.services.items import (
    ItemError,
    add_one_off,
    edit_item,
    log_time,
    reschedule,
    set_status,
)
from calendar_app.services.media_store import media_store
from calendar_app.services.owners import members
from calendar_app.services.routines import week_routines
from calendar_app.web.forms import show_error
from calendar_app.web.guards import plans_ahead
from calendar_app.web.presentation import (
    current_workspace,
    day_in_reach,
    local,
    row_id,
    same_site_path,
    seen_version,
)

from . import bp
from .item_page import render_item

# The week page's one-click buttons: a status, or the planned minutes taken.
WEEK_ACTIONS = (*ITEM_STATUSES, "took")


@bp.route("/")
def home() -> Response:
    """The home page is this week's agenda."""
    return redirect(url_for("schedule.week"))


@bp.route("/week")
@plans_ahead
def week() -> str:
    """The agenda of a week: ?start=YYYY-MM-DD picks the week, default this one."""
    now = clock.now()
    workspace = current_workspace()
    if workspace is None:
        return render_template("schedule/no_workspace.html")
    today = local(now).date()
    day = day_in_reach(request.args.get("start"), today)
    if day is None:
        if "start" in request.args:
            flash("That is not a date within ten years of today; showing this week.", "error")
        day = today
    agenda = load_week(workspace, day)
    routines = week_routines([item for d in agenda.days for item in d.items], now)
    return render_template(
        "schedule/week.html",
        agenda=agenda,
        routines=routines,
        next_items=_next_items(agenda, today, now),
        channels=db.session.scalars(select(Channel).order_by(Channel.name)).all(),
        today=today,
        next_steps=lambda item: next_steps(item.activity, item.status, current_user.role),
        previous=agenda.start - timedelta(days=7),
        following=agenda.start + timedelta(days=7),
        goals=goal_progress(list(db.session.scalars(select(Goal).order_by(Goal.id))), today),
        members=members(),
        bulk_actions=ITEM_ACTIONS,
        bulk_statuses=[(status, status_word(status)) for status in ITEM_STATUSES],
    )


def _next_items(agenda: Week, today: date, now: datetime) -> ScheduleItem | None:
    """This week with nothing left from today: the first item to come, so the page says
    when (and links there) instead of showing an empty week; else None."""
    if not agenda.start <= today <= agenda.end:
        return None
    if any(day.items for day in agenda.days if day.day >= today):
        return None
    return first_item_after(now)


@bp.route("/items/<int:item_id>/status", methods=["POST"])
def item_status(item_id: int) -> Response:
    """Move an item to another status (with a note when asking for changes)."""
    item = db.session.get(ScheduleItem, item_id) or abort(404)
    _change_status(item, request.form.get("status", ""), seen_version(), request.form.get("note"))
    return _back_to(item)


@bp.route("/items/<int:item_id>/time", methods=["POST"])
def item_time(item_id: int) -> Response:
    """Log the minutes spent on an item, or its planned duration in one click."""
    item = db.session.get(ScheduleItem, item_id) or abort(404)
    text = request.form.get("minutes", "").strip()
    if request.form.get("planned") or not text:
        _log_minutes(item, None, seen_version())
    elif text.isascii() and text.isdigit() and len(text) <= 5:
        _log_minutes(item, int(text), seen_version())
    else:
        show_error(ItemError("minutes", "Give the minutes as a whole number, like 45."))
    return _back_to(item)


@bp.route("/week/actions", methods=["POST"])
def week_action() -> Response:
    """The week page's one-click buttons, all in one small form: the clicked button sends
    ``<action>=<item id>:<version>`` (a status, or ``took`` for the planned minutes)."""
    action = next((name for name in WEEK_ACTIONS if name in request.form), "")
    item_id, _, seen = request.form.get(action, "").partition(":")
    item_id, version = row_id(item_id), row_id(seen)
    item = db.session.get(ScheduleItem, item_id) if item_id and version else None
    if item is None:
        abort(404)
    if action == "took":
        _log_minutes(item, None, version)
    else:
        _change_status(item, action, version)
    return _back_to(item)


def _change_status(
    item: ScheduleItem, status: str, version: int | None, note: str | None = None
) -> None:
    try:
        set_status(item, status, clock.now(), version, by=current_user, note=note or "")
    except FieldError as exc:
        show_error(exc)
    else:
        flash(f"Marked {status_word(item.status).lower()}.", "success")


def _log_minutes(item: ScheduleItem, minutes: int | None, version: int | None) -> None:
    try:
        logged = log_time(item, minutes, clock.now(), version)
    except FieldError as exc:
        show_error(exc)
    else:
        flash(f"Logged {logged} minutes.", "success")


def _back_to(item: ScheduleItem) -> Response:
    """To the item's page when the form came from there, else to its week."""
    if request.form.get("back") == "item":
        return redirect(url_for("schedule.item", item_id=item.id))
    start = local(item.starts_at).date().isoformat()
    return redirect(url_for("schedule.week", start=start) + f"#item-{item.id}")


@bp.route("/items/<int:item_id>", methods=["GET", "POST"])
def item(item_id: int) -> Response | str:
    """One item: its tracked link, its details, and a form to move it."""
    item = db.session.get(ScheduleItem, item_id) or abort(404)
    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            edit_item(item, request.form.to_dict(), clock.now(), seen_version(), by=current_user)
        except FieldError as exc:
            errors[exc.field] = exc.message
        else:
            flash("Saved.", "success")
            return redirect(url_for("schedule.item", item_id=item.id))
    return render_item(item, errors)


@bp.route("/items/<int:item_id>/headline", methods=["POST"])
def headline(item_id: int) -> Response:
    """Put a headline into this slot: one from the bank, or a new one typed here."""
    item = db.session.get(ScheduleItem, item_id) or abort(404)
    now = clock.now()
    try:
        if request.form.get("headline", "").strip():
            idea, warnings = slots.add_to_slot(
                request.form["headline"], item, current_user, now, seen_version()
            )
            for warning in warnings:
                flash(warning, "warning")
        else:
            idea = db.session.get(Idea, row_id(request.form.get("idea_id")) or 0)
            if idea is None:
                raise ideas.IdeaError("Choose a headline from the bank, or write a new one.")
            slots.assign_to_slot(idea, item, now, seen_version(), by=current_user)
    except FieldError as exc:
        show_error(exc)
    else:
        flash(f"“{idea.headline}” is planned in this slot.", "success")
    return redirect(url_for("schedule.item", item_id=item.id) + "#headline")


@bp.route("/items/<int:item_id>/headline/remove", methods=["POST"])
def remove_headline(item_id: int) -> Response:
    """Take the headline out of this slot; the slot is open again."""
    item = db.session.get(ScheduleItem, item_id) or abort(404)
    if item.idea is not None:
        try:
            slots.unassign(item.idea, item, clock.now(), seen_version(), by=current_user)
        except FieldError as exc:
            show_error(exc)
        else:
            flash("The headline went back to the bank; this slot is open again.", "success")
    return redirect(url_for("schedule.item", item_id=item.id) + "#headline")


@bp.route("/items/<int:item_id>/move", methods=["POST"])
def move(item_id: int) -> Response:
    """Move an item to another day and time (the form fallback for drag and drop)."""
    item = db.session.get(ScheduleItem, item_id) or abort(404)
    zone = item.channel.timezone or current_workspace().timezone
    try:
        day = date.fromisoformat(request.form.get("day", ""))
        at = time.fromisoformat(request.form.get("time", ""))
    except ValueError:
        flash("Give a date like 2026-12-07 and a time like 09:30.", "error")
    else:
        try:
            reschedule(item, day, at, zone, clock.now(), seen_version())
        except FieldError as exc:
            show_error(exc)
        else:
            flash(f"Moved to {day:%a %d %b} {at:%H:%M}.", "success")
    return redirect(url_for("schedule.item", item_id=item.id))


@bp.route("/items/new", methods=["POST"])
def new_item() -> Response:
    """Add a one-off item (outside the rules) and open it."""
    workspace = current_workspace() or abort(404)
    channel = db.session.get(Channel, row_id(request.form.get("channel_id")) or 0)
    back = same_site_path(request.form.get("back"), url_for("calendar.index"))
    try:
        day = date.fromisoformat(request.form.get("day", ""))
        at = time.fromisoformat(request.form.get("time", ""))
    except ValueError:
        flash("Give a date like 2026-12-07 and a time like 09:30.", "error")
        return redirect(back)
    if channel is None:
        flash("Choose a channel.", "error")
        return redirect(back)
    try:
        item = add_one_off(
            channel, request.form.get("activity", ""), day, at, workspace, clock.now()
        )
    except FieldError as exc:
        show_error(exc)
        return redirect(back)
    flash(f"Added on {day:%a %d %b} at {at:%H:%M}.", "success")
    return redirect(url_for("schedule.item", item_id=item.id))


@bp.route("/items/<int:item_id>/delete", methods=["POST"])
def delete_item(item_id: int) -> Response:
    """Delete an item; a rule will not plan that occurrence again."""
    item = db.session.get(ScheduleItem, item_id) or abort(404)
    week_of = local(item.starts_at).date().isoformat()
    message = "Deleted."
    if item.rule_id is not None:
        message += " Its rule will not plan it again."
    if item.idea is not None:
        message += " Its headline is back in the bank."
    media.delete_item(item, media_store(current_app.config))
    flash(message, "success")
    return redirect(url_for("schedule.week", start=week_of))
