"""Where an item stands and who may move it: statuses, roles and approval (pure domain code).

Posts and videos go draft → in review → approved → scheduled → published (or are
skipped); reply time, listening and routines go to do → done (or are skipped).

Roles: the owner and editors may do everything, including approving; a
contributor writes and sends posts for review; a viewer only reads. When a
channel requires approval, a contributor cannot move a post to scheduled or
published before an editor approved it, and a contributor's edit of an approved
or scheduled post's text sends it back to review (an editor's own edit keeps
the approval: they could approve it again themselves).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

POST_STATUSES = ("draft", "in_review", "approved", "scheduled", "published", "skipped")
TASK_STATUSES = ("todo", "done", "skipped")
# Every status, in the order the board shows its columns.
ITEM_STATUSES = ("draft", "in_review", "approved", "scheduled", "published", "todo", "done",
                 "skipped")  # fmt: skip
# A sign to see and a word that is always there, so no status is told by colour alone.
STATUS_MARKS = {
    "draft": ("○", "Draft"),
    "in_review": ("◔", "In review"),
    "approved": ("◑", "Approved"),
    "scheduled": ("◕", "Scheduled"),
    "published": ("✓", "Published"),
    "todo": ("□", "To do"),
    "done": ("☑", "Done"),
    "skipped": ("⊘", "Skipped"),
}
ROLES = ("owner", "editor", "contributor", "viewer")
ROLE_LABELS = {
    "owner": "Owner",
    "editor": "Editor (may approve)",
    "contributor": "Contributor (writes, sends for review)",
    "viewer": "Viewer (reads)",
}
# The longest note a reviewer's "Ask for changes" keeps.
MAX_REVIEW_NOTE = 2000
# Statuses a post only reaches through an approval.
APPROVED_STATUSES = ("approved", "scheduled", "published")
# Nothing is left to do for an item in one of these: it is never late.
FINISHED_STATUSES = ("published", "done", "skipped")
# What the feed says of each status (RFC 5545 §3.8.1.11).
FEED_STATUS = {
    "draft": "TENTATIVE",
    "in_review": "TENTATIVE",
    "approved": "CONFIRMED",
    "scheduled": "CONFIRMED",
    "published": "CONFIRMED",
    "todo": "CONFIRMED",
    "done": "CONFIRMED",
    "skipped": "CANCELLED",
}
_TASK_BEFORE = {"planned": "todo", "ready": "done", "published": "done"}
_POST_BEFORE = {"planned": "draft", "ready": "approved"}
_POST_BACK = {"draft": "planned", "in_review": "planned", "approved": "ready", "scheduled": "ready"}
_TASK_BACK = {"todo": "planned", "done": "published"}


class WorkflowError(ValueError):
    """A status change the person may not make; the message says why, in their words."""


class RoleRefusal(WorkflowError):
    """A status change the person's role never allows (approving as a contributor, any change
    as a viewer), as opposed to one the item's state does not allow yet."""


def is_post(activity: str) -> bool:
    """Posts and videos go through review; every other activity is a task to do."""
    return activity in ("post", "video")


def statuses_for(activity: str) -> tuple[str, ...]:
    """The statuses an item of ``activity`` can have."""
    return POST_STATUSES if is_post(activity) else TASK_STATUSES


def first_status(activity: str) -> str:
    """Where a new item starts: ``draft`` for posts and videos, ``todo`` for the rest."""
    return statuses_for(activity)[0]


def status_word(status: str) -> str:
    """ "In review" for ``in_review``; an unknown status is shown as it is."""
    return STATUS_MARKS.get(status, ("", status))[1]


def may_write(role: str) -> bool:
    """Everyone but a viewer may change things."""
    return role in ("owner", "editor", "contributor")


def may_approve(role: str) -> bool:
    """The owner and editors approve."""
    return role in ("owner", "editor")


def check_transition(
    activity: str, current: str, target: str, role: str, requires_approval: bool
) -> None:
    """Raise :class:`WorkflowError` unless ``role`` may move an item from ``current`` to
    ``target``. Staying where it is is always allowed to a writer (nothing changes)."""
    if not may_write(role):
        raise RoleRefusal("Viewers can read the calendar but not change it.")
    if target not in statuses_for(activity):
        raise WorkflowError(f"Unknown status {target!r}.")
    if target == current or may_approve(role) or not is_post(activity):
        return
    if target == "approved":
        raise RoleRefusal("Only an editor or the owner can approve a post.")
    if target in ("scheduled", "published") and requires_approval:
        if current not in APPROVED_STATUSES:
            raise WorkflowError(
                "This channel requires approval: send the post for review and wait for an "
                "editor to approve it before it is scheduled."
            )


@dataclass(frozen=True)
class Step:
    """A one-click button: the status it moves to and its words."""

    status: str
    words: str


def next_steps(activity: str, status: str, role: str) -> tuple[Step, ...]:
    """The buttons a person of ``role`` sees for an item in ``status`` (none for viewers)."""
    if not may_write(role):
        return ()
    editor = may_approve(role)
    steps = {
        "draft": [Step("approved", "Approve") if editor else Step("in_review", "Send for review")],
        "in_review": [Step("approved", "Approve"), Step("draft", "Ask for changes")]
        if editor
        else [],
        "approved": [Step("scheduled", "Mark scheduled")],
        "scheduled": [Step("published", "Mark published")],
        "todo": [Step("done", "Mark done")],
        "skipped": [Step(first_status(activity), "Plan again")],
    }
    return tuple(s for s in steps.get(status, []) if s.status in statuses_for(activity))


def edit_returns_to_review(status: str, role: str, requires_approval: bool) -> bool:
    """Whether an edit of an approved or scheduled post's text sends it back to review:
    on a channel that requires approval, when someone other than an editor edits it."""
    return requires_approval and status in ("approved", "scheduled") and not may_approve(role)


def reviewed_text(headline: str, notes: str) -> str:
    """The text a reviewer approves: the headline, then the notes."""
    return f"{headline.strip()}\n\n{notes.strip()}".strip()


@dataclass(frozen=True)
class Change:
    """A run of words of a diff: ``kind`` is ``same``, ``removed`` or ``added``."""

    kind: str
    words: str


def word_diff(before: str, after: str) -> list[Change]:
    """The words removed and added between two texts, with the unchanged runs between.

    Whitespace differences alone are no change; two empty texts give no runs."""
    old, new = before.split(), after.split()
    changes: list[Change] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            changes.append(Change("same", " ".join(old[i1:i2])))
            continue
        if i2 > i1:
            changes.append(Change("removed", " ".join(old[i1:i2])))
        if j2 > j1:
            changes.append(Change("added", " ".join(new[j1:j2])))
    return changes


def status_from_before(activity: str, status: str) -> str:
    """An item's status as the workflow names it, from the statuses before it (planned,
    ready, published, skipped); a status already in the workflow stays as it is."""
    if status in statuses_for(activity):
        return status
    table = _POST_BEFORE if is_post(activity) else _TASK_BEFORE
    return table.get(status, status)


def status_before(activity: str, status: str) -> str:
    """The status before the workflow that stands for ``status`` (for going back)."""
    return (_POST_BACK if is_post(activity) else _TASK_BACK).get(status, status)


def role_from_before(is_owner: bool) -> str:
    """Before roles, the owner was the owner and everyone else could do everything."""
    return "owner" if is_owner else "editor"
