"""Comment threads on items and ideas: writing, editing, deleting and resolving comments.

Writing a comment on an item marks the item worked on, so re-planning keeps it and its
thread; deleting an item or an idea deletes its thread. Each change returns the members
it notified (mentions), the place where a message by e-mail can be sent as well.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from calendar_app.domain import comments as rules
from calendar_app.domain.comments import CommentError
from calendar_app.extensions import db
from calendar_app.models import Comment, Idea, InboxEntry, ScheduleItem, User

from .inbox import notify, reviewers
from .transaction import unit_of_work

Target = ScheduleItem | Idea
VIEWER_REFUSAL = "Viewers read the comments but do not write them."
CHANGES_ASKED = "Asked for changes."


def member_handles() -> dict[str, list[User]]:
    """Every member by the name they are mentioned by (two members may share one)."""
    handles: dict[str, list[User]] = defaultdict(list)
    for member in db.session.scalars(select(User).order_by(User.email)):
        handles[rules.handle(member.email)].append(member)
    return dict(handles)


def thread_of(target: Target) -> Sequence[Comment]:
    """The comments on an item or an idea, oldest first."""
    column = Comment.item_id if isinstance(target, ScheduleItem) else Comment.idea_id
    return db.session.scalars(
        select(Comment)
        .where(column == target.id)
        .options(selectinload(Comment.author), selectinload(Comment.resolved_by))
        .order_by(Comment.created_at, Comment.id)
    ).all()


def comment_counts(idea_ids: Iterable[int]) -> dict[int, int]:
    """How many comments each of these ideas has (ideas without any left out)."""
    ids = list(idea_ids)
    if not ids:
        return {}
    rows = db.session.execute(
        select(Comment.idea_id, func.count())
        .where(Comment.idea_id.in_(ids))
        .group_by(Comment.idea_id)
    )
    return {idea_id: count for idea_id, count in rows}


def _check_writer(by: User) -> None:
    if not rules.may_comment(by.role):
        raise CommentError("body", VIEWER_REFUSAL)


def _notify_mentions(comment: Comment, by: User, now: datetime, skip: set[int]) -> list[User]:
    """Tell the members ``comment`` mentions (but those in ``skip``) in their inbox."""
    handles = member_handles()
    users = [
        user
        for name in rules.mentioned(comment.body, handles)
        for user in handles[name]
        if user.id not in skip
    ]
    return notify(users, "mention", by, now, item=comment.item, idea=comment.idea, comment=comment)


@unit_of_work()
def add_comment(
    target: Target, by: User, body: str, now: datetime, kind: str = "comment"
) -> tuple[Comment, list[User]]:
    """Write a comment on an item or an idea; the comment and the members it mentions (who
    find it in their inbox). CommentError for an empty or too long text, or a viewer."""
    _check_writer(by)
    text = rules.check_body(body)
    comment = Comment(author=by, body=text, kind=kind, created_at=now)
    if isinstance(target, ScheduleItem):
        comment.item = target
        if target.touched_at is None:
            target.touched_at = now  # worked on: re-planning keeps it and its thread
    else:
        comment.idea = target
    db.session.add(comment)
    db.session.flush()
    return comment, _notify_mentions(comment, by, now, set())


@unit_of_work()
def edit_comment(comment: Comment, by: User, body: str, now: datetime) -> list[User]:
    """Change the text of one's own comment within 15 minutes of writing it; the members
    mentioned only now (those mentioned before were told already)."""
    _check_writer(by)
    if not rules.may_edit(comment.author_id, by.id, comment.created_at, now):
        raise CommentError(
            "body", "You can edit your own comments for 15 minutes after writing them."
        )
    comment.body = rules.check_body(body)
    comment.edited_at = now
    told = db.session.scalars(
        select(InboxEntry.user_id).where(
            InboxEntry.comment_id == comment.id, InboxEntry.kind == "mention"
        )
    )
    return _notify_mentions(comment, by, now, set(told))


@unit_of_work()
def delete_comment(comment: Comment, by: User, now: datetime) -> None:
    """Delete a comment (its mentions leave the inbox with it): one's own within 15
    minutes of writing it, or any as the owner."""
    _check_writer(by)
    if not rules.may_delete(comment.author_id, by.id, by.role, comment.created_at, now):
        raise CommentError(
            "comment",
            "You can delete your own comments for 15 minutes after writing them; "
            "the owner can delete any.",
        )
    db.session.delete(comment)


@unit_of_work()
def set_resolved(comment: Comment, by: User, resolved: bool, now: datetime) -> None:
    """Mark a remark resolved (by whom, when), or open it again."""
    if not rules.may_resolve(by.role):
        raise CommentError("comment", VIEWER_REFUSAL)
    if resolved and comment.resolved_at is None:
        comment.resolved_at, comment.resolved_by = now, by
    elif not resolved:
        comment.resolved_at, comment.resolved_by = None, None


def review_news(
    item: ScheduleItem, status: str, by: User | None, note: str, now: datetime
) -> list[User]:
    """What a status change tells the team, inside its unit of work: a post sent for review
    asks the owner and editors for a review; an approval tells its assignee; "Ask for
    changes" (in review → draft) is a comment in the item's thread, with the note, sent to
    the assignee. The members told."""
    if status == "in_review" and item.status != "in_review":
        return notify(reviewers(), "review_request", by, now, item=item)
    if status == "approved" and item.status == "in_review":
        assignee = [item.assignee] if item.assignee is not None else []
        return notify(assignee, "approved", by, now, item=item)
    if not (item.status == "in_review" and status == "draft") or by is None:
        return []
    comment, told = add_comment(item, by, note.strip() or CHANGES_ASKED, now, "changes_requested")
    assignee = [item.assignee] if item.assignee is not None else []
    return told + [
        user
        for user in notify(assignee, "changes_requested", by, now, item=item, comment=comment)
        if user not in told
    ]
