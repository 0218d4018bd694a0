"""Webhook subscriptions (the owner's) and the events queued for them.

An event is queued in the unit of work of the change that caused it, one delivery row
per active subscription that chose it: a change rolled back queues nothing, and with no
subscription for an event nothing is written at all. The rows are sent once the unit
commits (:mod:`calendar_app.services.webhook_sending`).
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select

from calendar_app.domain.webhooks import (
    PING,
    SECRET_BYTES,
    check_addresses,
    check_description,
    check_events,
    encode_secret,
    item_data,
    payload,
    status_events,
    url_parts,
)
from calendar_app.extensions import db
from calendar_app.models import CadenceRule, ScheduleItem, User, WebhookDelivery
from calendar_app.models import WebhookSubscription as Subscription

from . import webhook_transport
from .transaction import unit_of_work

_QUEUED = "webhooks_queued"
RECENT = 50


@dataclass(frozen=True)
class WebhookSettings:
    """What the operator allows: calling addresses inside the network (a test receiver)."""

    allow_private: bool = False


def check_url(
    url: str, settings: WebhookSettings, resolve: Callable[..., list[str]] | None = None
) -> str:
    """The address, if it may be called: http(s), no credentials, and (unless the operator
    allows it) a host whose every address is public. WebhookError says what is wrong."""
    host, port = url_parts(url)
    if not settings.allow_private:
        check_addresses(host, (resolve or webhook_transport.addresses_of)(host, port))
    return url.strip()


@unit_of_work()
def create_subscription(
    url: str,
    description: str,
    events: Sequence[str],
    by: User,
    now: datetime,
    settings: WebhookSettings,
) -> Subscription:
    """A new subscription with a new secret. WebhookError names the field at fault."""
    subscription = Subscription(
        url=check_url(url, settings),
        description=check_description(description),
        events=" ".join(check_events(events)),
        secret=encode_secret(secrets.token_bytes(SECRET_BYTES)),
        active=True,
        paused_reason="",
        created_at=now,
        created_by_id=by.id,
    )
    db.session.add(subscription)
    return subscription


@unit_of_work()
def set_active(subscription: Subscription, active: bool, now: datetime) -> None:
    """Pause or resume; resuming tries every waiting delivery again at once."""
    subscription.active = active
    if not active:
        subscription.paused_reason = f"Paused by the owner on {now:%d %b %Y %H:%M} UTC"
        return
    subscription.paused_reason = ""
    subscription.failing_since = None
    waiting = db.session.scalars(
        select(WebhookDelivery).where(
            WebhookDelivery.subscription_id == subscription.id,
            WebhookDelivery.status.in_(("pending", "failed")),
        )
    )
    for delivery in waiting:
        delivery.next_attempt_at = now
        _remember(delivery.id)


@unit_of_work()
def delete_subscription(subscription: Subscription) -> None:
    """Delete a subscription and its deliveries."""
    db.session.delete(subscription)


@unit_of_work()
def ping(subscription: Subscription, now: datetime) -> None:
    """Queue a test event for this subscription alone, whatever it chose."""
    _queue([subscription.id], PING, [{"subscription_id": subscription.id}], now)


def all_subscriptions() -> Sequence[Subscription]:
    """Every subscription, the oldest first."""
    return db.session.scalars(select(Subscription).order_by(Subscription.id)).all()


def recent_deliveries(subscription: Subscription) -> Sequence[WebhookDelivery]:
    """The subscription's last 50 deliveries, the newest first."""
    return db.session.scalars(
        select(WebhookDelivery)
        .where(WebhookDelivery.subscription_id == subscription.id)
        .order_by(WebhookDelivery.id.desc())
        .limit(RECENT)
    ).all()


def subscribers(event: str) -> list[int]:
    """The active subscriptions that chose ``event`` (one small query)."""
    rows = db.session.execute(
        select(Subscription.id, Subscription.events).where(Subscription.active.is_(True))
    )
    return [row.id for row in rows if event in row.events.split()]


def emit(event: str, data: dict[str, Any], now: datetime) -> None:
    """Queue ``event`` for its subscribers, in the current unit of work."""
    emit_many(event, [data], now)


def emit_many(event: str, many: Sequence[dict[str, Any]], now: datetime) -> None:
    """Queue one ``event`` per entry of ``many`` for each subscriber; nothing without any."""
    ids = subscribers(event) if many else []
    if ids:
        _queue(ids, event, many, now)


def item_event_data(item: ScheduleItem) -> dict[str, Any]:
    """An item as a payload shows it."""
    headline = item.idea.headline if item.idea is not None else None
    return item_data(item.id, item.status, item.starts_at, item.channel_id, item.activity, headline)


def item_created(item: ScheduleItem, now: datetime) -> None:
    """``item.created`` for an item a person added (flushed, so it has its id)."""
    emit("item.created", item_event_data(item), now)


def status_changed(item: ScheduleItem, old: str, now: datetime) -> None:
    """The events of a status move (changed; approved, published), with the old status."""
    for event in status_events(old, item.status):
        emit(event, {**item_event_data(item), "previous_status": old}, now)


def rule_changed(rule: CadenceRule, change: str, now: datetime) -> None:
    """``rule.changed``: made, changed, switched on or off, or deleted."""
    data = {
        "id": rule.id,
        "channel_id": rule.channel_id,
        "activity": rule.activity,
        "label": rule.label,
        "enabled": rule.enabled,
        "change": change,
    }
    emit("rule.changed", data, now)


def insert_planned(rows: list[dict[str, Any]], now: datetime) -> None:
    """Insert the planner's new items in one multi-row INSERT; with a subscriber for
    ``item.created``, read their ids back and queue one event per item."""
    wanted = subscribers("item.created")
    if not wanted:
        db.session.execute(insert(ScheduleItem), rows)
        return
    statement = insert(ScheduleItem).returning(
        ScheduleItem.id, ScheduleItem.status, sort_by_parameter_order=True
    )
    made = db.session.execute(statement, rows).all()
    many = [
        item_data(new.id, new.status, row["starts_at"], row["channel_id"], row["activity"], None)
        for new, row in zip(made, rows, strict=True)
    ]
    _queue(wanted, "item.created", many, now)


def _queue(
    subscription_ids: Sequence[int], event: str, many: Sequence[dict[str, Any]], now: datetime
) -> None:
    rows = [
        {
            "msg_id": "msg_" + uuid.uuid4().hex,
            "subscription_id": subscription_id,
            "event": event,
            "payload": payload(event, now, data),
            "created_at": now,
            "attempts": 0,
            "next_attempt_at": now,
            "status": "pending",
            "last_error": "",
        }
        for data in many
        for subscription_id in subscription_ids
    ]
    with unit_of_work():
        statement = insert(WebhookDelivery).returning(WebhookDelivery.id)
        for delivery_id in db.session.scalars(statement, rows):
            _remember(delivery_id)


def _remember(delivery_id: int) -> None:
    db.session().info.setdefault(_QUEUED, set()).add(delivery_id)


def queued_since_asked() -> set[int]:
    """The deliveries this session queued (or resumed) since the last time it was asked."""
    return db.session().info.pop(_QUEUED, set())
