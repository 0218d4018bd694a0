"""Database models (SQLAlchemy 2.0, typed). The schema comes from migrations/."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import uuid
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    Time,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy import true as sa_true
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates
from werkzeug.security import check_password_hash, generate_password_hash

from calendar_app import clock
from calendar_app.domain.cadence import Cadence
from calendar_app.extensions import db
from idea_bank import headline_key, score_headline

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
    # What an hour of the team's time costs, for the return on investment.
    hourly_rate: Mapped[Decimal] = mapped_column(
        Numeric(10, 2), default=Decimal(0), server_default="0"
    )
    blackout_dates: Mapped[list[str]] = mapped_column(JSON, default=list)
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


def derive_feed_token(salt: str) -> str:
    """HMAC-SHA256 of the salt under the app's secret key, URL-safe (43 characters)."""
    key = str(current_app.config["SECRET_KEY"]).encode()
    mac = hmac.new(key, f"feed-token:{salt}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


def digest_token(token: str) -> str:
    """The SHA-256 hex digest a secret token (feed, invitation) is looked up by."""
    return hashlib.sha256(token.encode()).hexdigest()


class User(UserMixin, Timestamped, db.Model):
    """A team member who logs in; each has a secret calendar feed token."""

    __tablename__ = "user"
    # One owner: two first-run set-ups at the same moment cannot both make one.
    __table_args__ = (
        Index(
            "uq_user_one_owner",
            "is_owner",
            unique=True,
            sqlite_where=text("is_owner"),
            postgresql_where=text("is_owner"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255), default="")
    is_owner: Mapped[bool] = mapped_column(Boolean, default=False)
    # Raised at logout: every session cookie made before stops working.
    session_epoch: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The feed token is derived from the app's secret key and this salt; the database
    # keeps only digests, so a copy of it does not reveal anyone's feed address.
    feed_salt: Mapped[str | None] = mapped_column(String(32))
    feed_token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    # The token before the last change of secret key or of the salt's scheme: it keeps
    # working so that subscriptions survive, until the user resets the address.
    old_feed_token_digest: Mapped[str | None] = mapped_column(String(64), unique=True)

    def set_password(self, password: str) -> None:
        """Store a salted hash of ``password``."""
        self.password_hash = generate_password_hash(password)

    @property
    def session_key(self) -> str:
        """Changes with the password and at logout, ending the login sessions made before."""
        material = f"{self.id}:{self.password_hash}:{self.session_epoch or 0}"
        return hashlib.sha256(material.encode()).hexdigest()[:24]

    def get_id(self) -> str:
        """What the login session stores: the id and the current session key."""
        return f"{self.id}:{self.session_key}"

    def check_password(self, password: str) -> bool:
        """Whether ``password`` matches (always False for a user without one)."""
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

    @property
    def feed_token(self) -> str:
        """The secret in the user's feed addresses (needs the app's secret key)."""
        return derive_feed_token(self.feed_salt or "")

    def reset_feed_token(self) -> None:
        """A new feed token; every earlier one stops working."""
        self.feed_salt = secrets.token_hex(16)
        self.feed_token_digest = digest_token(self.feed_token)
        self.old_feed_token_digest = None


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


class FailedLogin(db.Model):
    """A wrong password, remembered for a while to slow down guessing.

    ``email`` is the address that was tried (known or not), ``address`` the
    client's IP address.
    """

    __tablename__ = "failed_login"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)


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
    # What a visit from this channel would cost as a paid-search click: its traffic's value.
    click_value: Mapped[Decimal] = mapped_column(
        Numeric(10, 2), default=Decimal(0), server_default="0"
    )

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
    # The same headline twice (two people adding it at the same moment) is refused here.
    __table_args__ = (
        Index(
            "uq_idea_headline_key",
            "headline_key",
            unique=True,
            sqlite_where=text("headline_key != ''"),
            postgresql_where=text("headline_key != ''"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    headline: Mapped[str] = mapped_column(String(200))
    headline_key: Mapped[str] = mapped_column(String(200), default="", server_default="")
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
    # Raised by every change a person makes; a save from a page showing an older
    # version is refused instead of overwriting someone else's change.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # Minutes a person actually spent on it (None: not logged).
    actual_minutes: Mapped[int | None] = mapped_column(Integer)
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


class ResultRecord(Timestamped, db.Model):
    """Visits, leads, customers and revenue an analytics export reported for one set of
    tracking values over one period (a day, or the report's period).

    ``item_id`` is the schedule item whose link carries the ``utm_content``; otherwise
    ``channel_id`` is the channel with that source and medium; both empty means the
    row matched nothing of ours (it is kept and shown, not dropped).
    """

    __tablename__ = "result_record"
    __table_args__ = (
        UniqueConstraint(
            "starts_on", "ends_on", "utm_source", "utm_medium", "utm_campaign", "utm_content"
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
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("schedule_item.id", ondelete="SET NULL"), index=True
    )
    channel_id: Mapped[int | None] = mapped_column(
        ForeignKey("channel.id", ondelete="SET NULL"), index=True
    )

    item: Mapped[ScheduleItem | None] = relationship()
    channel: Mapped[Channel | None] = relationship()


class ChannelSpend(Timestamped, db.Model):
    """Money spent on a channel in a month besides the team's time (ads, tools)."""

    __tablename__ = "channel_spend"
    __table_args__ = (UniqueConstraint("channel_id", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel_id: Mapped[int] = mapped_column(ForeignKey("channel.id", ondelete="CASCADE"))
    month: Mapped[date] = mapped_column(Date)  # the first day of the month
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))
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
