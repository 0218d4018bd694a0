"""Campaigns, the channels they run on, and what was spent on them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Numeric,
    String,
    Table,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from calendar_app.extensions import db

from .base import Timestamped
from .schedule import Channel

campaign_channel = Table(
    "campaign_channel",
    db.metadata,
    Column("campaign_id", ForeignKey("campaign.id", ondelete="CASCADE"), primary_key=True),
    Column("channel_id", ForeignKey("channel.id", ondelete="CASCADE"), primary_key=True),
)


class Campaign(Timestamped, db.Model):
    """A named push whose posts carry ``token`` as their ``utm_campaign``."""

    __tablename__ = "campaign"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    token: Mapped[str] = mapped_column(String(100), unique=True)
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    goal: Mapped[str] = mapped_column(String(200), default="")
    colour: Mapped[str] = mapped_column(String(7))
    # Made by the demo plan ("Remove the demo" removes it unless people worked on it).
    from_demo: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    channels: Mapped[list[Channel]] = relationship(
        secondary=campaign_channel, order_by="Channel.name"
    )


class CampaignSpend(Timestamped, db.Model):
    """Money spent on a campaign in a month (ads, a designer, prizes), besides the logged
    time of its posts and its channels' own spend."""

    __tablename__ = "campaign_spend"
    __table_args__ = (UniqueConstraint("campaign_id", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    month: Mapped[date] = mapped_column(Date)  # the first day of the month
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal(0))
    note: Mapped[str] = mapped_column(String(200), default="")

    campaign: Mapped[Campaign] = relationship()
