"""Inbox views: thin wrappers around the inbox service."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from calendar_app import clock
from calendar_app.domain.comments import INBOX_LABELS
from calendar_app.domain.errors import FieldError
from calendar_app.services import inbox as service
from calendar_app.web.forms import show_error

from . import bp


@bp.app_context_processor
def unread() -> dict[str, Any]:
    """The header's count of unread entries, on every page of a logged-in member."""
    if not current_user.is_authenticated:
        return {}
    return {"inbox_unread": service.unread_count(current_user)}


@bp.route("/")
def index() -> str:
    """The member's inbox, newest first."""
    return render_template(
        "inbox/index.html", entries=service.inbox_of(current_user), labels=INBOX_LABELS
    )


@bp.route("/<int:entry_id>/read", methods=["POST"])
def read(entry_id: int) -> Response:
    """Mark one entry read."""
    try:
        service.mark_read(entry_id, current_user, clock.now())
    except FieldError as exc:
        show_error(exc)
    return redirect(url_for("inbox.index"))


@bp.route("/read", methods=["POST"])
def read_all() -> Response:
    """Mark every entry read."""
    count = service.mark_all_read(current_user, clock.now())
    flash(f"Marked {count} read." if count else "Nothing was unread.", "success")
    return redirect(url_for("inbox.index"))
