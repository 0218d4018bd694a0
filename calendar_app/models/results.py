"""What came back (imported analytics results, and awareness and community numbers), what went
in (spend), and goals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from calendar_app.extensions import db

from .base import Timestamped
from .schedule import Channel, ScheduleItem


class ResultRecord(Timestamped, db.Model):
    """Visits, leads, customers and revenue an analytics export reported for one set of
    tracking values over one period (a day, or the report's period).

    The same period and tracking values may come from two sources (a GA4 export and a
    Plausible one): both rows are kept, and only the workspace's source of truth counts
    where they overlap (see services/result_months.py).

    ``item_id`` is the schedule item whose link carries the ``utm_content``; otherwise
    ``channel_id`` is the channel with that source and medium; both empty means the
    row matched nothing of ours (it is kept and shown, not dropped).
    """

    __tablename__ = "result_record"
    __table_args__ = (
        UniqueConstraint(
            "starts_on",
            "ends_on",
            "utm_source",
            "utm_medium",
            "utm_campaign",
            "utm_content",
            "source",
        ),
        # Finds the rows of another source with the same tracking values (overlaps).
        Index(
            "ix_result_record_tracking",
            "utm_content",
            "utm_source",
            "utm_medium",
            "utm_campaign",
            "source",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    starts_on: Mapped[date] = mapped_column(Date, index=True)
    ends_on: Mapped[date] = mapped_column(Date)
    utm_source: Mapped[str] = mapped_column(String(100), default="")
    utm_medium: Mapped[str] = mapped_column(String(100), default="")
    utm_campaign: Mapped[str] = mapped_column(String(100), default="")
    utm_content: Mapped[str] = mapped_column(String(100), default="")
    visits: Mapped[int] = mapped_column(Integer, default=0)
    leads: Mapped[int] = mapped_column(Integer, default=0)
    customers: Mapped[int] = mapped_column(Integer, default=0)
    revenue: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal(0))
    # The kind of file it came from: ga4, plausible, simple (ours), or unknown.
    source: Mapped[str] = mapped_column(String(20), default="unknown", server_default="unknown")
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("schedule_item.id", ondelete="SET NULL"), index=True
    )
    channel_id: Mapped[int | None] = mapped_column(
        ForeignKey("channel.id", ondelete="SET NULL"), index=True
    )

    item: Mapped[ScheduleItem | None] = relationship()
    channel: Mapped[Channel | None] = relationship()


class ResultMonth(db.Model):
    """The sums of ``result_record`` per month, channel and campaign, which the Results page
    reads. Derived: every import (and a restore) makes the months it touched again, and
    backups leave it out."""

    __tablename__ = "result_month"

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[date] = mapped_column(Date, index=True)  # its first day
    channel_id: Mapped[int | None] = mapped_column(ForeignKey("channel.id", ondelete="SET NULL"))
    utm_campaign: Mapped[str] = mapped_column(String(100), default="")
    # Sums of many rows: wider than a row's own columns.
    visits: Mapped[int] = mapped_column(BigInteger, default=0)
    leads: Mapped[int] = mapped_column(BigInteger, default=0)
    customers: Mapped[int] = mapped_column(BigInteger, default=0)
    revenue: Mapped[Decimal] = mapped_column(Numeric(20, 2), default=Decimal(0))


class ChannelSpend(Timestamped, db.Model):
    """Money spent on a channel in a month besides the logged time (ads, tools), and hours
    of the team's time that were not logged on items (months before the calendar)."""

    __tablename__ = "channel_spend"
    __table_args__ = (UniqueConstraint("channel_id", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel_id: Mapped[int] = mapped_column(ForeignKey("channel.id", ondelete="CASCADE"))
    month: Mapped[date] = mapped_column(Date)  # the first day of the month
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal(0))
    hours: Mapped[Decimal] = mapped_column(Numeric(5, 1), default=Decimal(0), server_default="0")
    note: Mapped[str] = mapped_column(String(200), default="")

    channel: Mapped[Channel] = relationship()


class Goal(Timestamped, db.Model):
    """A measurable goal (at most two): reach ``target`` of ``metric`` per ``period``."""

    __tablename__ = "goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # awareness, traffic, community, sales
    metric: Mapped[str] = mapped_column(String(20))  # visits, leads, customers, revenue
    target: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    period: Mapped[str] = mapped_column(String(10))  # month, quarter, year
    baseline: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal(0))


class ChannelMetric(Timestamped, db.Model):
    """A channel's awareness and community numbers for a month, entered or imported.

    Each number is None while it is not known, which is not the same as 0. Followers is
    a level (how many at the end of the month, or the last day known); the others are
    what the month brought.
    """

    __tablename__ = "channel_metric"
    __table_args__ = (UniqueConstraint("channel_id", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel_id: Mapped[int] = mapped_column(ForeignKey("channel.id", ondelete="CASCADE"))
    month: Mapped[date] = mapped_column(Date)  # the first day of the month
    followers: Mapped[int | None] = mapped_column(Integer)
    reach: Mapped[int | None] = mapped_column(Integer)
    impressions: Mapped[int | None] = mapped_column(Integer)
    engagements: Mapped[int | None] = mapped_column(Integer)
    mentions: Mapped[int | None] = mapped_column(Integer)
    positive_mentions: Mapped[int | None] = mapped_column(Integer)
    negative_mentions: Mapped[int | None] = mapped_column(Integer)

    channel: Mapped[Channel] = relationship()
