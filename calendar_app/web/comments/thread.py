"""What a comment thread shows, for the item page and the idea's page."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask_login import current_user
from markupsafe import Markup

from calendar_app import clock
from calendar_app.domain.comments import (
    MAX_COMMENT_LENGTH,
    comment_html,
    may_comment,
    may_delete,
    may_edit,
)
from calendar_app.models import Comment, Idea, ScheduleItem
from calendar_app.services.comments import member_handles, thread_of


def thread_context(target: ScheduleItem | Idea, typed: str = "", error: str = "") -> dict[str, Any]:
    """The thread of ``target`` and its form (``typed`` and ``error`` after a refusal)."""
    handles = sorted(member_handles())
    is_item = isinstance(target, ScheduleItem)
    now = clock.now()
    return {
        "thread": thread_of(target),
        "thread_action": url_for(
            "comments.on_item" if is_item else "comments.on_idea",
            **({"item_id": target.id} if is_item else {"idea_id": target.id}),
        ),
        "thread_handles": handles,
        "thread_typed": typed,
        "thread_error": error,
        "thread_max": MAX_COMMENT_LENGTH,
        "may_comment": may_comment(current_user.role),
        "may_ask_changes": is_item and target.status == "in_review" and current_user.may_approve,
        "may_edit": lambda c: may_edit(c.author_id, current_user.id, c.created_at, now),
        "may_delete": lambda c: may_delete(
            c.author_id, current_user.id, current_user.role, c.created_at, now
        ),
        "comment_text": lambda c: Markup(comment_html(c.body, handles)),  # escaped there
        "target_version": target.version if is_item else None,
    }


def comment_place(comment: Comment) -> str:
    """The address of a comment in its thread."""
    if comment.item_id is not None:
        return url_for("schedule.item", item_id=comment.item_id) + f"#comment-{comment.id}"
    return url_for("comments.idea_page", idea_id=comment.idea_id) + f"#comment-{comment.id}"
