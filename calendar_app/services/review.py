"""What a reviewer approves and what sends a post back to review (see domain/workflow.py).

Part of the caller's unit of work: an edit of the copy, the notes or the headline.
"""

from __future__ import annotations

from calendar_app.domain.workflow import Change, edit_returns_to_review, reviewed_text, word_diff
from calendar_app.models import ScheduleItem, User


def item_text(item: ScheduleItem) -> str:
    """The text of an item a reviewer approves: its headline, its copy and its notes."""
    written = item.copy
    parts = (written.title, written.body, written.outline) if written is not None else ()
    text = "\n\n".join(part for part in (*parts, item.notes) if part)
    return reviewed_text(item.idea.headline if item.idea else "", text)


def changes_since_approval(item: ScheduleItem) -> list[Change]:
    """The words changed since the item was approved, for a reviewer; none unless it is
    back in review after an approval."""
    if item.status != "in_review" or item.approved_text is None:
        return []
    return word_diff(item.approved_text, item_text(item))


def back_to_review(item: ScheduleItem, before: str, by: User | None) -> None:
    """After an edit: a contributor's change of an approved post's text on a channel that
    requires approval sends it back to review (see domain/workflow.py)."""
    role = by.role if by is not None else "owner"
    if item_text(item) == before:
        return
    if edit_returns_to_review(item.status, role, item.channel.requires_approval):
        item.status = "in_review"
        item.sequence += 1
