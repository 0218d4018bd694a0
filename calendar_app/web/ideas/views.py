"""Ideas page views: thin wrappers around the ideas service."""

from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from calendar_app import clock
from calendar_app.domain.bulk import counted, read_picks
from calendar_app.domain.errors import FieldError
from calendar_app.extensions import db
from calendar_app.models import Channel, Idea, ScheduleItem
from calendar_app.services import ideas as service
from calendar_app.services import slots
from calendar_app.services.bulk import set_idea_status_many
from calendar_app.services.campaigns import all_campaigns
from calendar_app.services.comments import comment_counts
from calendar_app.services.top_content import best_template_keys
from calendar_app.web.forms import show_error
from calendar_app.web.presentation import (
    current_workspace,
    local,
    page_number,
    row_id,
    same_site_path,
)
from idea_bank import IDEA_STATUSES, PURPOSES, TEMPLATES, TEMPLATES_BY_KEY

from . import bp
from .forms import BulkAddForm, QuickAddForm

PAGE_SIZE = 50


def _back(anchor: str = "") -> Response:
    """Back to the list the action came from (its filters and page are in ?next=)."""
    target = same_site_path(request.args.get("next"), url_for("ideas.index"))
    if not target.startswith(url_for("ideas.index")):
        target = url_for("ideas.index")
    return redirect(target + anchor)


def _idea(idea_id: int) -> Idea:
    return db.session.get(Idea, idea_id) or abort(404)


@bp.route("/")
def index() -> str:
    """The bank: quick add, bulk paste, filters, and a page of ideas."""
    filters = service.IdeaFilter.from_args(request.args)
    best = best_template_keys(local(clock.now()).date())
    page = db.paginate(
        filters.query(best), page=page_number(), per_page=PAGE_SIZE, error_out=False, count=True
    )
    channels = db.session.scalars(
        select(Channel).where(Channel.paused.is_(False)).order_by(Channel.name)
    ).all()
    return render_template(
        "ideas/index.html",
        page=page,
        filters=filters,
        quick=QuickAddForm(),
        bulk=BulkAddForm(),
        channels=channels,
        campaigns=all_campaigns(),
        statuses=IDEA_STATUSES,
        purposes=PURPOSES,
        templates=TEMPLATES,
        templates_by_key=TEMPLATES_BY_KEY,
        best_templates=best,
        mix=service.upcoming_mix(clock.now()),
        now=clock.now(),
        comment_counts=comment_counts(idea.id for idea in page.items),
    )


@bp.route("/add", methods=["POST"])
def add() -> Response:
    """Add one headline."""
    form = QuickAddForm()
    try:
        idea, warnings = service.add_idea(form.headline.data, current_user)
    except service.IdeaError as exc:
        show_error(exc)
    else:
        flash(f"Added “{idea.headline}” (score {idea.score}).", "success")
        for warning in warnings:
            flash(warning, "info")
    return _back()


@bp.route("/bulk", methods=["POST"])
def bulk() -> Response:
    """Add many headlines, one per line."""
    form = BulkAddForm()
    try:
        result = service.add_many(form.lines.data, current_user)
    except service.IdeaError as exc:
        show_error(exc)
    else:
        flash(f"Added {len(result.added)} headlines.", "success")
        if result.skipped:
            flash(
                f"Skipped {len(result.skipped)} already in the bank: "
                + "; ".join(result.skipped[:5]),
                "info",
            )
    return _back()


@bp.route("/<int:idea_id>/edit", methods=["POST"])
def edit(idea_id: int) -> Response:
    """Change an idea in place."""
    idea = _idea(idea_id)
    try:
        service.update_idea(idea, request.form.to_dict())
    except FieldError as exc:
        show_error(exc)
    else:
        flash("Saved.", "success")
    return _back(f"#idea-{idea.id}")


@bp.route("/<int:idea_id>/status", methods=["POST"])
def status(idea_id: int) -> Response:
    """Archive, restore or mark published."""
    idea = _idea(idea_id)
    try:
        service.set_status(idea, request.form.get("status", ""), clock.now())
    except service.IdeaError as exc:
        show_error(exc)
    else:
        flash(f"“{idea.headline}” is now {idea.status}.", "success")
    return _back()


@bp.route("/selected", methods=["POST"])
def selected() -> Response:
    """Give every selected idea the chosen status (archive, restore…), or none of them."""
    status = request.form.get("action", "")
    try:
        picks = read_picks(request.form.getlist("selected"), versioned=False)
        changed = set_idea_status_many(picks, status, clock.now())
    except FieldError as exc:
        show_error(exc)
    else:
        flash(f"{counted(changed, 'idea').capitalize()} now {status}.", "success")
    return _back()


@bp.route("/<int:idea_id>/assign", methods=["POST"])
def assign(idea_id: int) -> Response:
    """Put the idea into the next free slot of the chosen channel."""
    idea = _idea(idea_id)
    channel = db.session.get(Channel, row_id(request.form.get("channel_id")) or 0)
    if channel is None:
        flash("Choose a channel.", "error")
        return _back()
    try:
        slot = slots.assign_to_next_free_slot(idea, channel, clock.now(), current_user)
    except service.IdeaError as exc:
        show_error(exc)
    else:
        when = local(slot.starts_at, channel.timezone)
        flash(f"Planned on {channel.name}, {when:%a %d %b %H:%M}.", "success")
    return _back()


@bp.route("/<int:idea_id>/unassign/<int:item_id>", methods=["POST"])
def unassign(idea_id: int, item_id: int) -> Response:
    """Take the idea out of one slot."""
    idea = _idea(idea_id)
    item = db.session.get(ScheduleItem, item_id) or abort(404)
    try:
        slots.unassign(idea, item, clock.now(), by=current_user)
    except service.IdeaError as exc:
        show_error(exc)
    else:
        flash("Taken out of the slot; the slot is open again.", "success")
    return _back()


@bp.route("/generate", methods=["POST"])
def generate() -> Response:
    """Generate more headlines from the workspace profile."""
    workspace = current_workspace() or abort(404)
    ideas = service.seed_ideas(workspace, local(clock.now()).date(), count=10)
    flash(f"Generated {len(ideas)} new headlines from your profile.", "success")
    return redirect(url_for("ideas.index", sort="newest"))


@bp.route("/check")
def check() -> Response:
    """Score and near-duplicates of a draft headline (JSON, for the live preview)."""
    return jsonify(service.check_headline(request.args.get("text", "")))
