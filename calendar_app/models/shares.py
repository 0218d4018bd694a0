"""Share links: read-only addresses of the plan for people outside the team."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Column, ForeignKey, String, Table, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from calendar_app.extensions import db

from .base import UTCDateTime, utcnow
from .people import User
from .schedule import Channel

share_link_channel = Table(
    "share_link_channel",
    db.metadata,
    Column("share_link_id", ForeignKey("share_link.id", ondelete="CASCADE"), primary_key=True),
    Column("channel_id", ForeignKey("channel.id", ondelete="CASCADE"), primary_key=True),
)


class ShareLink(db.Model):
    """A secret address that shows the plan of every channel or of the chosen ones.

    Only the SHA-256 digest of the address's token is stored; the address is shown
    once, to the owner who makes it. It works until ``revoked_at`` or ``expires_at``.
    """

    __tablename__ = "share_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(120))
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    # Every channel, those added later too; else only ``channels``.
    all_channels: Mapped[bool] = mapped_column(Boolean, default=True)
    show_notes: Mapped[bool] = mapped_column(Boolean, default=False)
    # Whether its viewers may approve posts in review or ask for changes, by name.
    allow_approval: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    channels: Mapped[list[Channel]] = relationship(
        secondary=share_link_channel, order_by="Channel.name"
    )
    created_by: Mapped[User | None] = relationship()
