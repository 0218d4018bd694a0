"""Comment threads on items and ideas, and each member's inbox."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from calendar_app.extensions import db

from .base import UTCDateTime, utcnow
from .ideas import Idea
from .people import User
from .schedule import ScheduleItem

# A comment, and an inbox entry, is about exactly one item or one idea.
ONE_TARGET = "(item_id IS NULL) <> (idea_id IS NULL)"


class Comment(db.Model):
    """A remark in the thread of an item or an idea.

    Deleting the item or idea deletes its thread; a deleted comment is gone (its
    author deletes it within minutes of writing it, or the owner does).
    ``kind`` is ``changes_requested`` for a reviewer's "Ask for changes".
    """

    __tablename__ = "comment"
    __table_args__ = (CheckConstraint(ONE_TARGET, name="one_target"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("schedule_item.id", ondelete="CASCADE"), index=True
    )
    idea_id: Mapped[int | None] = mapped_column(
        ForeignKey("idea.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(20), default="comment", server_default="comment")
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # A review remark marked dealt with: when and by whom (None: still open).
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    item: Mapped[ScheduleItem | None] = relationship()
    idea: Mapped[Idea | None] = relationship()
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    resolved_by: Mapped[User | None] = relationship(foreign_keys=[resolved_by_id])


class InboxEntry(db.Model):
    """Something a member should see: a mention, a review request or asked-for changes.

    ``read_at`` is None until they mark it read.
    """

    __tablename__ = "inbox_entry"
    __table_args__ = (
        CheckConstraint(ONE_TARGET, name="one_target"),
        Index("ix_inbox_entry_user_id_read_at", "user_id", "read_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("schedule_item.id", ondelete="CASCADE"), index=True
    )
    idea_id: Mapped[int | None] = mapped_column(
        ForeignKey("idea.id", ondelete="CASCADE"), index=True
    )
    comment_id: Mapped[int | None] = mapped_column(
        ForeignKey("comment.id", ondelete="CASCADE"), index=True
    )
    # Who did what the entry tells of (None: they left the team).
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])
    item: Mapped[ScheduleItem | None] = relationship()
    idea: Mapped[Idea | None] = relationship()
    comment: Mapped[Comment | None] = relationship()
