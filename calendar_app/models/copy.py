"""A post's copy (the text that goes out), its earlier versions, and channels' hashtag sets."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from calendar_app.extensions import db

from .base import Timestamped, UTCDateTime
from .people import User
from .schedule import Channel, ScheduleItem


class ItemCopy(db.Model):
    """The current copy of one schedule item (an item is already one channel's): the post's
    text (``body``; an article's summary or lead, a video's description), a ``title`` for
    articles and videos, and an article's optional ``outline``."""

    __tablename__ = "item_copy"

    item_id: Mapped[int] = mapped_column(
        ForeignKey("schedule_item.id", ondelete="CASCADE"), primary_key=True
    )
    title: Mapped[str] = mapped_column(String(300), default="", server_default="")
    body: Mapped[str] = mapped_column(Text, default="", server_default="")
    outline: Mapped[str] = mapped_column(Text, default="", server_default="")
    saved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime())

    item: Mapped[ScheduleItem] = relationship(back_populates="copy")
    saved_by: Mapped[User | None] = relationship()


class CopyVersion(db.Model):
    """A copy as it was before a save replaced it, with who saved it and when."""

    __tablename__ = "copy_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("schedule_item.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(300), default="", server_default="")
    body: Mapped[str] = mapped_column(Text, default="", server_default="")
    outline: Mapped[str] = mapped_column(Text, default="", server_default="")
    saved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime())

    saved_by: Mapped[User | None] = relationship()


class HashtagSet(Timestamped, db.Model):
    """A named list of hashtags a channel's posts use, inserted with one click."""

    __tablename__ = "hashtag_set"
    __table_args__ = (UniqueConstraint("channel_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel_id: Mapped[int] = mapped_column(
        ForeignKey("channel.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(60))
    # The tags, each with its "#", separated by single spaces.
    tags: Mapped[str] = mapped_column(Text)

    channel: Mapped[Channel] = relationship(back_populates="hashtag_sets")

    @property
    def tag_list(self) -> list[str]:
        """The tags, each with its "#"."""
        return self.tags.split()
