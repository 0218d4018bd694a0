"""Comment views: thin wrappers around the comments service."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from calendar_app import clock
from calendar_app.domain.errors import FieldError
from calendar_app.extensions import db
from calendar_app.models import Comment, Idea, ScheduleItem
from calendar_app.services import comments as service
from calendar_app.services.items import set_status
from calendar_app.web.forms import show_error
from calendar_app.web.presentation import seen_version
from calendar_app.web.schedule import item_page

from . import bp
from .thread import comment_place, thread_context


def _comment(comment_id: int) -> Comment:
    return db.session.get(Comment, comment_id) or abort(404)


@bp.route("/ideas/<int:idea_id>/comments")
def idea_page(idea_id: int) -> str:
    """An idea's headline, notes and comment thread."""
    idea = db.session.get(Idea, idea_id) or abort(404)
    return render_template("comments/idea.html", idea=idea, **thread_context(idea))


@bp.route("/ideas/<int:idea_id>/comments", methods=["POST"])
def on_idea(idea_id: int) -> Response | str:
    """Write a comment on an idea; a refused one is shown again as typed, with why."""
    idea = db.session.get(Idea, idea_id) or abort(404)
    body = request.form.get("body", "")
    try:
        comment, _told = service.add_comment(idea, current_user, body, clock.now())
    except FieldError as exc:
        context = thread_context(idea, body, exc.message)
        return render_template("comments/idea.html", idea=idea, **context)
    flash("Comment added.", "success")
    return redirect(comment_place(comment))


@bp.route("/items/<int:item_id>/comments", methods=["POST"])
def on_item(item_id: int) -> Response | str:
    """Write a comment on an item; "Ask for changes" also sends a post in review back to
    draft, with the comment as the note. A refused one is shown again as typed."""
    item = db.session.get(ScheduleItem, item_id) or abort(404)
    body = request.form.get("body", "")
    try:
        if request.form.get("ask_changes"):
            set_status(item, "draft", clock.now(), seen_version(), by=current_user, note=body)
            flash("Sent back to draft with your comment.", "success")
        else:
            service.add_comment(item, current_user, body, clock.now())
            flash("Comment added.", "success")
    except FieldError as exc:
        db.session.refresh(item)
        return item_page.render_item(item, comment=(body, exc.message))
    return redirect(url_for("schedule.item", item_id=item.id) + "#comments")


@bp.route("/comments/<int:comment_id>/edit", methods=["POST"])
def edit(comment_id: int) -> Response:
    """Change the text of one's own comment (for 15 minutes after writing it)."""
    comment = _comment(comment_id)
    try:
        service.edit_comment(comment, current_user, request.form.get("body", ""), clock.now())
    except FieldError as exc:
        show_error(exc)
    else:
        flash("Comment changed.", "success")
    return redirect(comment_place(comment))


@bp.route("/comments/<int:comment_id>/delete", methods=["POST"])
def delete(comment_id: int) -> Response:
    """Delete a comment: one's own for 15 minutes, or any as the owner."""
    comment = _comment(comment_id)
    back = comment_place(comment).partition("#")[0] + "#comments"
    try:
        service.delete_comment(comment, current_user, clock.now())
    except FieldError as exc:
        show_error(exc)
        return redirect(comment_place(comment))
    flash("Comment deleted.", "success")
    return redirect(back)


@bp.route("/comments/<int:comment_id>/resolve", methods=["POST"])
def resolve(comment_id: int) -> Response:
    """Mark a remark resolved, or open it again."""
    comment = _comment(comment_id)
    resolved = request.form.get("resolved") == "1"
    try:
        service.set_resolved(comment, current_user, resolved, clock.now())
    except FieldError as exc:
        show_error(exc)
    else:
        flash("Marked resolved." if resolved else "Opened again.", "success")
    return redirect(comment_place(comment))
