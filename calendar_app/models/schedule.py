"""Channels, their cadence rules, and the schedule items planned from them."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    Time,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from calendar_app.domain.cadence import Cadence
from calendar_app.domain.recycling import DEFAULT_COOLDOWN_DAYS, DEFAULT_MAX_RUNS
from calendar_app.domain.workflow import first_status
from calendar_app.extensions import db

from .base import Timestamped, UTCDateTime, new_uid

if TYPE_CHECKING:
    from .campaigns import Campaign
    from .copy import HashtagSet, ItemCopy
    from .ideas import Idea
    from .people import User


class Channel(Timestamped, db.Model):
    """Where content goes: a blog, a newsletter, a social network..."""

    __tablename__ = "channel"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    utm_source: Mapped[str] = mapped_column(String(100))
    utm_medium: Mapped[str] = mapped_column(String(100))
    timezone: Mapped[str | None] = mapped_column(String(64))
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    # The channel's colour on the calendar: one of the palette's (domain/campaigns.py).
    colour: Mapped[str] = mapped_column(String(7), default="#1f5fbf", server_default="#1f5fbf")
    # What a visit from this channel would cost as a paid-search click: its traffic's value.
    click_value: Mapped[Decimal] = mapped_column(
        Numeric(10, 2), default=Decimal(0), server_default="0"
    )
    # What a lead from this channel is worth; none: the workspace's value of a lead.
    lead_value: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    # Made by the demo plan ("Remove the demo" removes it unless people worked on it).
    from_demo: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The network its posts go to (domain/networks.py), and its own limit of a post's
    # length where the network lets a channel set one (Mastodon, other).
    network: Mapped[str] = mapped_column(String(20), default="other", server_default="other")
    own_limit: Mapped[int | None] = mapped_column(Integer)
    # Who its planned items are assigned to; none: they are planned for nobody.
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    # A contributor's post waits for an editor's approval before it is scheduled.
    requires_approval: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # How many hours the team takes at most to answer comments here; none: no standard.
    response_hours: Mapped[int | None] = mapped_column(Integer)

    owner: Mapped[User | None] = relationship()
    rules: Mapped[list[CadenceRule]] = relationship(
        back_populates="channel", cascade="all, delete-orphan", order_by="CadenceRule.id"
    )
    hashtag_sets: Mapped[list[HashtagSet]] = relationship(
        back_populates="channel", cascade="all, delete-orphan", order_by="HashtagSet.name"
    )


class CadenceRule(Timestamped, db.Model):
    """How often an activity happens on a channel; see :mod:`calendar_app.domain.cadence`."""

    __tablename__ = "cadence_rule"

    id: Mapped[int] = mapped_column(primary_key=True)
    channel_id: Mapped[int] = mapped_column(ForeignKey("channel.id", ondelete="CASCADE"))
    activity: Mapped[str] = mapped_column(String(20))
    rrule: Mapped[str | None] = mapped_column(String(500))
    per_week: Mapped[int | None] = mapped_column(Integer)
    time_of_day: Mapped[time] = mapped_column(Time)
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    count: Mapped[int | None] = mapped_column(Integer)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    routine_key: Mapped[str | None] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(120), default="")
    # Made by the demo plan ("Remove the demo" removes it unless people worked on it).
    from_demo: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    channel: Mapped[Channel] = relationship(back_populates="rules")

    @property
    def cadence(self) -> Cadence:
        """The rule as the pure domain value that plans it."""
        return Cadence(
            activity=self.activity,
            time_of_day=self.time_of_day,
            starts_on=self.starts_on,
            rrule=self.rrule,
            per_week=self.per_week,
            ends_on=self.ends_on,
            count=self.count,
            duration_minutes=self.duration_minutes,
        )


class RuleException(db.Model):
    """An occurrence a person deleted: the planner never creates it again (like EXDATE)."""

    __tablename__ = "rule_exception"

    rule_id: Mapped[int] = mapped_column(
        ForeignKey("cadence_rule.id", ondelete="CASCADE"), primary_key=True
    )
    occurrence_date: Mapped[date] = mapped_column(Date, primary_key=True)


def _first_status(context: Any) -> str:
    """A new item starts as a draft (posts, videos) or to do (the rest)."""
    return first_status(context.get_current_parameters()["activity"])


class ScheduleItem(Timestamped, db.Model):
    """One slot in the schedule: planned from a rule, or added by hand (a one-off).

    ``touched_at`` is set when a person moves, assigns, annotates or changes
    the status of the item; the planner never changes or deletes a touched
    item, and sets ``off_rule`` when it no longer fits its rule.
    ``occurrence_date`` is the rule occurrence the item stands for.
    """

    __tablename__ = "schedule_item"
    __table_args__ = (UniqueConstraint("rule_id", "occurrence_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(64), unique=True, default=new_uid)
    channel_id: Mapped[int] = mapped_column(
        ForeignKey("channel.id", ondelete="CASCADE"), index=True
    )
    rule_id: Mapped[int | None] = mapped_column(
        ForeignKey("cadence_rule.id", ondelete="SET NULL"), index=True
    )
    occurrence_date: Mapped[date | None] = mapped_column(Date)
    activity: Mapped[str] = mapped_column(String(20))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(20), default=_first_status)
    idea_id: Mapped[int | None] = mapped_column(
        ForeignKey("idea.id", ondelete="SET NULL"), index=True
    )
    destination_url: Mapped[str] = mapped_column(String(2000), default="")
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaign.id", ondelete="SET NULL"), index=True
    )
    utm_term: Mapped[str] = mapped_column(String(100), default="", server_default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    touched_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    off_rule: Mapped[bool] = mapped_column(Boolean, default=False)
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    # Raised by every change a person makes; a save from a page showing an older
    # version is refused instead of overwriting someone else's change.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # Minutes a person actually spent on it (None: not logged).
    actual_minutes: Mapped[int | None] = mapped_column(Integer)
    # The serialised VEVENT, and the modification times it was made from (a cache).
    ical_text: Mapped[str | None] = mapped_column(Text)
    ical_fingerprint: Mapped[str | None] = mapped_column(String(250))
    # A published post that may run again (see calendar_app.domain.recycling): after
    # ``cooldown_days`` since its latest run, at most ``max_runs`` more times (None: no limit).
    evergreen: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    cooldown_days: Mapped[int] = mapped_column(
        Integer, default=DEFAULT_COOLDOWN_DAYS, server_default=str(DEFAULT_COOLDOWN_DAYS)
    )
    max_runs: Mapped[int | None] = mapped_column(
        Integer, default=DEFAULT_MAX_RUNS, server_default=str(DEFAULT_MAX_RUNS)
    )
    # The original post this item runs again (always the original, never another rerun).
    recycled_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("schedule_item.id", ondelete="SET NULL"), index=True
    )
    # The team member who does it (any member; none: nobody yet).
    assignee_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )

    # The latest approval: who gave it, when, and the text they approved (to show a
    # reviewer what changed since); the note of the latest "Ask for changes".
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    approved_text: Mapped[str | None] = mapped_column(Text)
    review_note: Mapped[str] = mapped_column(Text, default="", server_default="")
    # An approval given through a share link: "<name> (through share link “<label>”)".
    approved_through: Mapped[str] = mapped_column(String(240), default="", server_default="")

    channel: Mapped[Channel] = relationship()
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])
    rule: Mapped[CadenceRule | None] = relationship()
    idea: Mapped[Idea | None] = relationship(back_populates="items")
    campaign: Mapped[Campaign | None] = relationship()
    # Its copy: the text that goes out (None until someone writes it).
    copy: Mapped[ItemCopy | None] = relationship(
        back_populates="item", cascade="all, delete-orphan", passive_deletes=True
    )
    approved_by: Mapped[User | None] = relationship(foreign_keys=[approved_by_id])

    @property
    def touched(self) -> bool:
        """Whether a person has worked on this item."""
        return self.touched_at is not None


class RoutineTick(db.Model):
    """A ticked step of a routine item's checklist, with the number it counted (if any)."""

    __tablename__ = "routine_tick"

    item_id: Mapped[int] = mapped_column(
        ForeignKey("schedule_item.id", ondelete="CASCADE"), primary_key=True
    )
    # The step's place in the routine's checklist, from 0.
    step: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[int | None] = mapped_column(Integer)
    ticked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    ticked_at: Mapped[datetime] = mapped_column(UTCDateTime())
