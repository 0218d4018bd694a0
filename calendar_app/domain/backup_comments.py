"""What a restored comment or inbox entry must satisfy: the same rules as the forms (pure
domain code). Each check gives the problems it finds by field;
:mod:`calendar_app.domain.backup_checks` names them with their place."""

from __future__ import annotations

from typing import Any

from .comments import COMMENT_KINDS, INBOX_KINDS, CommentError, check_body


def _one_target(row: dict[str, Any]) -> dict[str, str]:
    """An item or an idea, never both nor neither."""
    if (row.get("item_id") is None) == (row.get("idea_id") is None):
        return {"item_id": "give exactly one of item_id and idea_id."}
    return {}


def comment_problems(row: dict[str, Any]) -> dict[str, str]:
    """A known kind, one target, a text the form would keep as it is, and no resolution
    time without one and no resolver without a time."""
    problems = _one_target(row)
    if row.get("kind") not in COMMENT_KINDS:
        problems["kind"] = f"must be one of {', '.join(COMMENT_KINDS)}."
    try:
        if check_body(row.get("body") or "") != row.get("body"):
            problems["body"] = "must not start or end with blank space or hold control characters."
    except CommentError as exc:
        problems["body"] = exc.message
    if row.get("resolved_by_id") is not None and row.get("resolved_at") is None:
        problems["resolved_at"] = "is missing for a resolved comment."
    return problems


def inbox_entry_problems(row: dict[str, Any]) -> dict[str, str]:
    """A known kind and one target."""
    problems = _one_target(row)
    if row.get("kind") not in INBOX_KINDS:
        problems["kind"] = f"must be one of {', '.join(INBOX_KINDS)}."
    return problems
