"""A client's review through a share link: approve a post or ask for changes, by name. Pure.

Only posts and videos *in review* can be reviewed through a link: a draft is still
the team's to write and send for review, and an approved post was approved already.
Approving moves the post to approved, asking for changes sends it back to draft
with the note; the status rule itself is :func:`.workflow.check_transition`'s.
"""

from __future__ import annotations

from .errors import FieldError
from .text import clean_text, single_line_problem
from .workflow import MAX_REVIEW_NOTE, is_post

MAX_VIEWER_NAME = 80
# What the viewer chose: the status it moves the post to.
DECISIONS = {"approve": "approved", "changes": "draft"}


class ReviewError(FieldError):
    """A review that cannot be taken as given; ``field`` names the form field."""


def may_review(activity: str, status: str) -> bool:
    """Whether a viewer may review the item: a post or video that is in review."""
    return is_post(activity) and status == "in_review"


def check_viewer_name(name: str) -> str:
    """The viewer's name without surrounding spaces: required, one line, 1–80 characters."""
    name = name.strip()
    if not name:
        raise ReviewError("name", "Type your name, so the team knows who reviewed it.")
    if len(name) > MAX_VIEWER_NAME:
        raise ReviewError(
            "name", f"The name has {len(name)} characters; at most {MAX_VIEWER_NAME}."
        )
    if problem := single_line_problem(name):
        raise ReviewError("name", f"The name {problem}")
    return name


def check_decision(decision: str, note: str) -> tuple[str, str]:
    """The status the decision moves the post to, and the note (required to ask for
    changes, at most 2,000 characters; kept but unused when approving)."""
    if decision not in DECISIONS:
        raise ReviewError("decision", "Approve the post or ask for changes.")
    note = clean_text(note).strip()
    if len(note) > MAX_REVIEW_NOTE:
        raise ReviewError(
            "note", f"The note has {len(note):,} characters; at most {MAX_REVIEW_NOTE:,}."
        )
    if decision == "changes" and not note:
        raise ReviewError("note", "Say what should change, so the team can fix it.")
    return DECISIONS[decision], note


def approved_through(name: str, label: str) -> str:
    """How an approval through a link is recorded: who gave it, and through which link.

    >>> approved_through("Ana", "Client review")
    'Ana (through share link “Client review”)'
    """
    return f"{name} (through share link “{label}”)"
