"""Team members, their invitations and the failed logins that slow down guessing."""

from __future__ import annotations

import hashlib
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from calendar_app.domain.mail import CHOSEN_KINDS
from calendar_app.domain.workflow import may_approve, may_write
from calendar_app.extensions import db

from .base import Timestamped, UTCDateTime, utcnow


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
    # Kept with ``role``: true exactly when the role is "owner" (the index allows one).
    is_owner: Mapped[bool] = mapped_column(Boolean, default=False)
    # What the member may do: owner, editor, contributor or viewer (domain/workflow.py).
    role: Mapped[str] = mapped_column(String(20), default="editor", server_default="editor")
    # Raised at logout: every session cookie made before stops working.
    session_epoch: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The feed token is derived from the app's secret key and this salt; the database
    # keeps only digests, so a copy of it does not reveal anyone's feed address.
    feed_salt: Mapped[str | None] = mapped_column(String(32))
    # Minutes before each item their own feed's alarm rings; none: no alarm.
    feed_alarm_minutes: Mapped[int | None] = mapped_column(Integer)
    feed_token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    # The token before the last change of secret key or of the salt's scheme: it keeps
    # working so that subscriptions survive, until the user resets the address.
    old_feed_token_digest: Mapped[str | None] = mapped_column(String(64), unique=True)
    # The mails this member chose to get (Account page; domain/mail.py CHOSEN_KINDS).
    mail_review: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    mail_mention: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    mail_approval: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    mail_digest: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    # A mail before each of their items, as long before as their feed's alarm; asked for.
    mail_reminder: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=text("false")
    )

    @property
    def mail_choices(self) -> dict[str, bool]:
        """The mails this member gets, by kind."""
        return {kind: bool(getattr(self, f"mail_{kind}")) for kind in CHOSEN_KINDS}

    @property
    def may_write(self) -> bool:
        """Everyone but a viewer may change things."""
        return may_write(self.role)

    @property
    def may_approve(self) -> bool:
        """The owner and editors approve posts."""
        return may_approve(self.role)

    @property
    def session_key(self) -> str:
        """Changes with the password and at logout, ending the login sessions made before."""
        material = f"{self.id}:{self.password_hash}:{self.session_epoch or 0}"
        return hashlib.sha256(material.encode()).hexdigest()[:24]

    def get_id(self) -> str:
        """What the login session stores: the id and the current session key."""
        return f"{self.id}:{self.session_key}"


class Invitation(db.Model):
    """A one-time link the owner gives a new team member to create their account.

    Only the SHA-256 digest of the link's token is stored; the link is shown
    once, to the owner who makes it, and works until ``expires_at``.
    """

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    # The role the new member gets (never owner).
    role: Mapped[str] = mapped_column(String(20), default="editor", server_default="editor")
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())

    invited_by: Mapped[User | None] = relationship()


class FailedLogin(db.Model):
    """A wrong password, remembered for a while to slow down guessing.

    ``email`` is the address that was tried (known or not), ``address`` the
    client's IP address, ``device`` the trusted device it came from, if any.
    """

    __tablename__ = "failed_login"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    # The trusted device (one that logged in to this account before) the guess came from.
    device: Mapped[str | None] = mapped_column(String(32), index=True)
