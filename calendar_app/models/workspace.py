"""The team's profile: one workspace per installation."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import JSON, Boolean, Date, Integer, Numeric, String
from sqlalchemy import true as sa_true
from sqlalchemy.orm import Mapped, mapped_column

from calendar_app.extensions import db

from .base import Timestamped


class Workspace(Timestamped, db.Model):
    """The team's profile (one per installation)."""

    __tablename__ = "workspace"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    mission: Mapped[str] = mapped_column(String(140), default="")
    industry: Mapped[str] = mapped_column(String(120), default="")
    audience: Mapped[str] = mapped_column(String(200), default="")
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    products: Mapped[list[str]] = mapped_column(JSON, default=list)
    site_url: Mapped[str] = mapped_column(String(2000), default="")
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    goal: Mapped[str] = mapped_column(String(40), default="")
    goal_target: Mapped[int | None] = mapped_column(Integer)
    hours_per_week: Mapped[float] = mapped_column(db.Float, default=0.0)
    # What an hour of the team's time costs, for the return on investment.
    hourly_rate: Mapped[Decimal] = mapped_column(
        Numeric(10, 2), default=Decimal(0), server_default="0"
    )
    # Amounts are in this currency (ISO 4217), numbers written as this locale writes them.
    currency: Mapped[str] = mapped_column(String(3), default="EUR", server_default="EUR")
    locale: Mapped[str] = mapped_column(String(20), default="en", server_default="en")
    # Where GA4 and Plausible exports report the same traffic, the one that counts.
    analytics_source: Mapped[str] = mapped_column(String(20), default="ga4", server_default="ga4")
    # What a lead is worth, for channels that bring leads but no revenue data.
    lead_value: Mapped[Decimal] = mapped_column(
        Numeric(10, 2), default=Decimal(0), server_default="0"
    )
    blackout_dates: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The month the team's fiscal year starts (1 = January): the yearly review falls in
    # the month before it.
    fiscal_year_start: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    planned_until: Mapped[date | None] = mapped_column(Date)
    # There is one workspace per installation: a second one (two first-run set-ups at
    # the same moment) breaks this unique constraint instead of splitting the team.
    # (Extra workspaces from before the constraint keep NULL here and are never used.)
    singleton: Mapped[bool | None] = mapped_column(
        Boolean, default=True, server_default=sa_true(), unique=True
    )

    @property
    def blackout_days(self) -> frozenset[date]:
        """Blackout dates as dates."""
        return frozenset(date.fromisoformat(d) for d in self.blackout_dates or ())
