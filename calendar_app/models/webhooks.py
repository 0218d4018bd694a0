"""Outgoing webhooks: the owner's subscriptions, and the outbox of their deliveries."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from calendar_app.extensions import db

from .base import UTCDateTime, utcnow


class WebhookSubscription(db.Model):
    """An address the calendar calls when one of the chosen ``events`` happens.

    ``secret`` (``whsec_`` + base64) signs every delivery; it is kept as it is, since
    signing needs it, and shown to the owner so the receiver can check signatures. A
    subscription whose deliveries failed for days is paused (``paused_reason``).
    """

    __tablename__ = "webhook_subscription"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(String(200), default="")
    # The chosen events, separated by spaces (``item.created rule.changed``).
    events: Mapped[str] = mapped_column(String(300), default="")
    secret: Mapped[str] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    paused_reason: Mapped[str] = mapped_column(String(300), default="")
    failing_since: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))


class WebhookDelivery(db.Model):
    """One event for one subscription: queued in the transaction of the change, sent after
    it commits, tried again (``next_attempt_at``) until delivered or given up.
    ``msg_id`` is the ``webhook-id`` the receiver sees, the same on every try;
    ``claimed_until`` keeps two senders from sending the same row."""

    __tablename__ = "webhook_delivery"

    id: Mapped[int] = mapped_column(primary_key=True)
    msg_id: Mapped[str] = mapped_column(String(40), unique=True)
    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("webhook_subscription.id", ondelete="CASCADE"), index=True
    )
    event: Mapped[str] = mapped_column(String(40))
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    status: Mapped[str] = mapped_column(String(12), default="pending")
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    response_code: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str] = mapped_column(String(200), default="")
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
