"""Tracked links made by hand on the Links page."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from calendar_app.extensions import db

from .base import UTCDateTime, new_uid, utcnow
from .people import User


class LinkRecord(db.Model):
    """A tracked link made on the Links page: who made it, when, and for what."""

    __tablename__ = "link_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(64), unique=True, default=new_uid)
    destination: Mapped[str] = mapped_column(String(2000))
    utm_source: Mapped[str] = mapped_column(String(100))
    utm_medium: Mapped[str] = mapped_column(String(100))
    utm_campaign: Mapped[str] = mapped_column(String(100))
    utm_content: Mapped[str] = mapped_column(String(100))
    utm_term: Mapped[str] = mapped_column(String(100), default="")
    url: Mapped[str] = mapped_column(Text)
    purpose: Mapped[str] = mapped_column(String(200), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)

    created_by: Mapped[User | None] = relationship()
