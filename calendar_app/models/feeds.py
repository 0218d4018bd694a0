"""What the calendar feeds need to answer quickly: a revision per feed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from calendar_app.extensions import db

from .base import UTCDateTime, utcnow


class FeedRevision(db.Model):
    """How many times what a feed shows has changed (``scope``: ``all`` or ``channel:<id>``).

    The services raise it in the same transaction as the change, so knowing whether a
    feed changed costs one lookup by primary key.
    """

    __tablename__ = "feed_revision"

    scope: Mapped[str] = mapped_column(String(40), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
