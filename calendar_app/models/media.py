"""Images and linked assets attached to a schedule item."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from calendar_app.extensions import db

from .base import UTCDateTime, utcnow
from .schedule import ScheduleItem


class ItemMedia(db.Model):
    """One image (its file and thumbnail in the media store) or one linked asset of an item.

    ``storage_key`` and ``thumbnail_key`` are random names in the media store, never
    taken from the uploaded file's name; ``file_name`` is shown only.
    """

    __tablename__ = "item_media"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("schedule_item.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10))  # image | link
    storage_key: Mapped[str | None] = mapped_column(String(80), unique=True)
    thumbnail_key: Mapped[str | None] = mapped_column(String(80), unique=True)
    file_name: Mapped[str] = mapped_column(String(120), default="", server_default="")
    content_type: Mapped[str] = mapped_column(String(40), default="", server_default="")
    bytes: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    url: Mapped[str] = mapped_column(String(2000), default="", server_default="")
    alt_text: Mapped[str] = mapped_column(String(500), default="", server_default="")
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    item: Mapped[ScheduleItem] = relationship()
