"""Sending webhook deliveries: after the change commits, and by ``flask webhooks send``.

Each delivery is claimed (``claimed_until``) by one conditional UPDATE before it is
sent, so two senders never send the same row, and a delivered row is never sent again.
A refused address, a network error or an answer other than 2xx is a failed try: the
delivery waits longer each time; a subscription that failed without a break for days
is paused, with a reason its owner reads. Nothing here raises to the caller.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update

from calendar_app.domain.webhooks import (
    PAUSE_AFTER,
    WebhookError,
    gives_up,
    headers,
    pause_reason,
    short_error,
    should_pause,
    wait_before,
)
from calendar_app.extensions import db
from calendar_app.models import WebhookDelivery as Delivery
from calendar_app.models import WebhookSubscription as Subscription

from . import webhooks
from .transaction import unit_of_work
from .webhook_transport import DeliveryFailed, Transport

# A sender that stopped halfway (killed) gives its claim up after this long.
CLAIM_FOR = timedelta(minutes=5)
WAITING = ("pending", "failed")


@dataclass
class SendReport:
    """What one round of sending did."""

    delivered: int = 0
    failed: int = 0


def due(now: datetime, limit: int = 1000) -> Sequence[int]:
    """The ids of waiting deliveries of active subscriptions whose next try is due."""
    return db.session.scalars(
        select(Delivery.id)
        .join(Subscription, Subscription.id == Delivery.subscription_id)
        .where(
            Subscription.active.is_(True),
            Delivery.status.in_(WAITING),
            Delivery.next_attempt_at <= now,
            or_(Delivery.claimed_until.is_(None), Delivery.claimed_until < now),
        )
        .order_by(Delivery.id)
        .limit(limit)
    ).all()


def send(
    ids: Sequence[int],
    settings: webhooks.WebhookSettings,
    now: datetime,
    transport: Transport | None = None,
    pause_after: timedelta = PAUSE_AFTER,
) -> SendReport:
    """Send each of these deliveries that is still waiting and unclaimed, once each."""
    report = SendReport()
    own = transport is None
    transport = transport or Transport()
    try:
        for delivery_id in ids:
            outcome = _send_one(delivery_id, settings, now, transport, pause_after)
            if outcome is True:
                report.delivered += 1
            elif outcome is False:
                report.failed += 1
    finally:
        if own:
            transport.close()
    return report


def send_due(
    settings: webhooks.WebhookSettings, now: datetime, pause_after: timedelta = PAUSE_AFTER
) -> SendReport:
    """Send every delivery whose try is due (``flask webhooks send``, from cron)."""
    return send(due(now), settings, now, pause_after=pause_after)


def _send_one(
    delivery_id: int,
    settings: webhooks.WebhookSettings,
    now: datetime,
    transport: Transport,
    pause_after: timedelta,
) -> bool | None:
    """True delivered, False failed, None not sent (claimed elsewhere, paused, done)."""
    delivery = _claim(delivery_id, now)
    if delivery is None:
        return None
    subscription = db.session.get(Subscription, delivery.subscription_id)
    if subscription is None or not subscription.active:
        _release(delivery_id)
        return None
    url, secret = subscription.url, subscription.secret
    body = delivery.payload.encode()
    timestamp = int(now.timestamp())
    try:
        webhooks.check_url(url, settings)
        code = transport.post(url, body, headers(secret, delivery.msg_id, timestamp, body))
    except (WebhookError, DeliveryFailed) as exc:
        _failed(delivery_id, now, None, short_error(str(exc)), pause_after)
        return False
    if 200 <= code < 300:
        _delivered(delivery_id, now, code)
        return True
    _failed(delivery_id, now, code, f"HTTP {code}", pause_after)
    return False


def _claim(delivery_id: int, now: datetime) -> Delivery | None:
    """Take the row for this sender, if it is waiting and nobody else holds it."""
    with unit_of_work():
        claimed = db.session.execute(
            update(Delivery)
            .where(
                Delivery.id == delivery_id,
                Delivery.status.in_(WAITING),
                or_(Delivery.claimed_until.is_(None), Delivery.claimed_until < now),
            )
            .values(claimed_until=now + CLAIM_FOR)
            .execution_options(synchronize_session=False)
        )
    if claimed.rowcount != 1:
        return None
    return db.session.get(Delivery, delivery_id, populate_existing=True)


@unit_of_work()
def _release(delivery_id: int) -> None:
    delivery = db.session.get(Delivery, delivery_id)
    if delivery is not None:
        delivery.claimed_until = None


@unit_of_work()
def _delivered(delivery_id: int, now: datetime, code: int) -> None:
    delivery = db.session.get(Delivery, delivery_id)
    if delivery is None:
        return
    delivery.attempts = (delivery.attempts or 0) + 1
    delivery.status, delivery.delivered_at = "delivered", now
    delivery.response_code, delivery.last_error = code, ""
    delivery.claimed_until = None
    subscription = db.session.get(Subscription, delivery.subscription_id)
    if subscription is not None:
        subscription.failing_since = None


@unit_of_work()
def _failed(
    delivery_id: int, now: datetime, code: int | None, error: str, pause_after: timedelta
) -> None:
    delivery = db.session.get(Delivery, delivery_id)
    if delivery is None:
        return
    delivery.attempts = (delivery.attempts or 0) + 1
    delivery.response_code, delivery.last_error = code, error[:200]
    delivery.claimed_until = None
    if gives_up(delivery.created_at, now):
        delivery.status = "given_up"
    else:
        delivery.status = "failed"
        delivery.next_attempt_at = now + wait_before(delivery.attempts)
    subscription = db.session.get(Subscription, delivery.subscription_id)
    if subscription is None:
        return
    if subscription.failing_since is None:
        subscription.failing_since = now
    if subscription.active and should_pause(subscription.failing_since, now, pause_after):
        subscription.active = False
        answer = str(code) if code is not None else error
        subscription.paused_reason = pause_reason(now, subscription.failing_since, answer)
