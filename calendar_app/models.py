"""Database models (SQLAlchemy 2.0, typed). The schema comes from migrations/."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import UTC, date, datetime, time
from typing import Any

from flask_login import UserMixin
from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    Time,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates
from werkzeug.security import check_password_hash, generate_password_hash

from idea_bank import headline_key, score_headline

from . import clock
from .cadence import Cadence
from .extensions import db

ITEM_STATUSES = ("planned", "ready", "published", "skipped")


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as naive UTC and gives them back aware in UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        """Refuse naive datetimes: every stored instant must be unambiguous."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where an aware one is required")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        """Attach UTC to the stored naive value."""
        return None if value is None else value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    """The current instant, aware, in UTC (used only as a column default).

    Microseconds are kept: feed versions compare modification times, and two
    edits within one second must still differ.
    """
    return clock.now()


class Timestamped:
    """Creation and modification times, kept by every edit."""

    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


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
    blackout_dates: Mapped[list[str]] = mapped_column(JSON, default=list)
    planned_until: Mapped[date | None] = mapped_column(Date)

    @property
    def blackout_days(self) -> frozenset[date]:
        """Blackout dates as dates."""
        return frozenset(date.fromisoformat(d) for d in self.blackout_dates or ())


def digest_token(token: str) -> str:
    """The SHA-256 hex digest a secret token (feed, invitation) is looked up by."""
    return hashlib.sha256(token.encode()).hexdigest()


class User(UserMixin, Timestamped, db.Model):
    """A team member who logs in; each has a secret calendar feed token."""

    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255), default="")
    is_owner: Mapped[bool] = mapped_column(Boolean, default=False)
    feed_token: Mapped[str] = mapped_column(String(64))
    feed_token_digest: Mapped[str] = mapped_column(String(64), unique=True)

    def set_password(self, password: str) -> None:
        """Store a salted hash of ``password``."""
        self.password_hash = generate_password_hash(password)

    @property
    def session_key(self) -> str:
        """Changes with the password, so a new password ends every other login session."""
        return hashlib.sha256(f"{self.id}:{self.password_hash}".encode()).hexdigest()[:24]

    def get_id(self) -> str:
        """What the login session stores: the id and the current session key."""
        return f"{self.id}:{self.session_key}"

    def check_password(self, password: str) -> bool:
        """Whether ``password`` matches (always False for a user without one)."""
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

    def reset_feed_token(self) -> None:
        """Give the user a new random feed token (32 bytes); the old one stops working."""
        self.set_feed_token(secrets.token_urlsafe(32))

    def set_feed_token(self, token: str) -> None:
        """Store ``token`` and the digest it is looked up by."""
        self.feed_token = token
        self.feed_token_digest = digest_token(token)


class Invitation(db.Model):
    """A one-time link the owner gives a new team member to create their account.

    Only the SHA-256 digest of the link's token is stored; the link is shown
    once, to the owner who makes it, and works until ``expires_at``.
    """

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())

    invited_by: Mapped[User | None] = relationship()


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

    rules: Mapped[list[CadenceRule]] = relationship(
        back_populates="channel", cascade="all, delete-orphan", order_by="CadenceRule.id"
    )


class CadenceRule(Timestamped, db.Model):
    """How often an activity happens on a channel; see :mod:`calendar_app.cadence`."""

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


class Idea(Timestamped, db.Model):
    """A headline in the idea bank."""

    __tablename__ = "idea"

    id: Mapped[int] = mapped_column(primary_key=True)
    headline: Mapped[str] = mapped_column(String(200))
    headline_key: Mapped[str] = mapped_column(
        String(200), default="", server_default="", index=True
    )
    status: Mapped[str] = mapped_column(String(20), default="backlog", index=True)
    score: Mapped[int] = mapped_column(Integer, default=0, server_default="0", index=True)
    template_key: Mapped[str | None] = mapped_column(String(40))
    purpose: Mapped[str | None] = mapped_column(String(20))
    notes: Mapped[str] = mapped_column(Text, default="")
    target_url: Mapped[str] = mapped_column(String(2000), default="")
    campaign: Mapped[str] = mapped_column(String(100), default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    author: Mapped[User | None] = relationship()
    items: Mapped[list[ScheduleItem]] = relationship(
        back_populates="idea", order_by="ScheduleItem.starts_at"
    )

    @validates("headline")
    def _derive_from_headline(self, _key: str, headline: str) -> str:
        """Keep the duplicate-check key and the score in step with the headline."""
        self.headline_key = headline_key(headline)
        self.score = score_headline(headline).score
        return headline


def new_uid() -> str:
    """A random, permanent identity for a schedule item (its iCal UID)."""
    return uuid.uuid4().hex


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
    status: Mapped[str] = mapped_column(String(20), default="planned")
    idea_id: Mapped[int | None] = mapped_column(
        ForeignKey("idea.id", ondelete="SET NULL"), index=True
    )
    destination_url: Mapped[str] = mapped_column(String(2000), default="")
    campaign: Mapped[str] = mapped_column(String(100), default="")
    utm_term: Mapped[str] = mapped_column(String(100), default="", server_default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    touched_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    off_rule: Mapped[bool] = mapped_column(Boolean, default=False)
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    # The serialised VEVENT, and the modification times it was made from (a cache).
    ical_text: Mapped[str | None] = mapped_column(Text)
    ical_fingerprint: Mapped[str | None] = mapped_column(String(250))

    channel: Mapped[Channel] = relationship()
    rule: Mapped[CadenceRule | None] = relationship()
    idea: Mapped[Idea | None] = relationship(back_populates="items")

    @property
    def touched(self) -> bool:
        """Whether a person has worked on this item."""
        return self.touched_at is not None


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
