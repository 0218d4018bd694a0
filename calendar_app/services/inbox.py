"""Each member's inbox: mentions, review requests, approvals and asked-for changes, and
marking them read. Each new entry is mailed too, to members who chose such mails.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from calendar_app.domain.comments import CommentError
from calendar_app.domain.workflow import may_approve
from calendar_app.extensions import db
from calendar_app.models import Comment, Idea, InboxEntry, ScheduleItem, User

from .notice_mail import mail_notice
from .transaction import unit_of_work

INBOX_PAGE = 200


def notify(
    users: Iterable[User],
    kind: str,
    by: User | None,
    now: datetime,
    *,
    item: ScheduleItem | None = None,
    idea: Idea | None = None,
    comment: Comment | None = None,
) -> list[User]:
    """Put an entry of ``kind`` in the inbox of each of ``users`` but ``by`` (nobody is told
    of what they did themselves), each once, and queue its mail; the members notified. Runs
    inside the caller's unit of work."""
    told: list[User] = []
    for user in users:
        if (by is not None and user.id == by.id) or any(user.id == t.id for t in told):
            continue
        entry = InboxEntry(
            user=user, kind=kind, actor=by, item=item, idea=idea, comment=comment, created_at=now
        )
        db.session.add(entry)
        db.session.flush()
        mail_notice(entry)
        told.append(user)
    return told


def reviewers() -> Sequence[User]:
    """The members who approve posts: the owner and the editors."""
    members = db.session.scalars(select(User).order_by(User.email)).all()
    return [member for member in members if may_approve(member.role)]


def inbox_of(user: User) -> Sequence[InboxEntry]:
    """A member's inbox, newest first (the latest 200)."""
    return db.session.scalars(
        select(InboxEntry)
        .where(InboxEntry.user_id == user.id)
        .options(
            selectinload(InboxEntry.actor),
            selectinload(InboxEntry.comment),
            selectinload(InboxEntry.item).selectinload(ScheduleItem.channel),
            selectinload(InboxEntry.item).selectinload(ScheduleItem.idea),
            selectinload(InboxEntry.idea),
        )
        .order_by(InboxEntry.created_at.desc(), InboxEntry.id.desc())
        .limit(INBOX_PAGE)
    ).all()


def unread_count(user: User) -> int:
    """How many entries of a member's inbox are not read yet."""
    query = select(func.count()).where(InboxEntry.user_id == user.id, InboxEntry.read_at.is_(None))
    return db.session.scalar(query) or 0


@unit_of_work()
def mark_read(entry_id: int, user: User, now: datetime) -> InboxEntry:
    """Mark one of ``user``'s entries read (again: it stays read as it was); CommentError
    for an entry that is not theirs or no longer there."""
    entry = db.session.get(InboxEntry, entry_id)
    if entry is None or entry.user_id != user.id:
        raise CommentError("entry", "That is not in your inbox (any more).")
    if entry.read_at is None:
        entry.read_at = now
    return entry


@unit_of_work()
def mark_all_read(user: User, now: datetime) -> int:
    """Mark every unread entry of ``user``'s inbox read; how many there were."""
    result = db.session.execute(
        update(InboxEntry)
        .where(InboxEntry.user_id == user.id, InboxEntry.read_at.is_(None))
        .values(read_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0
