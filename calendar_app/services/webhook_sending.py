"""Sending webhook deliveries: after the change commits, and by ``flask webhooks send``.

Deliveries are claimed (``claimed_until``) by one conditional UPDATE before they are
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
# Deliveries claimed, sent and recorded together.
BATCH = 50
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
    """Send each of these deliveries that is still waiting and unclaimed, once each.

    They are claimed a batch at a time, and each batch's answers are recorded in one
    unit of work: a sender killed halfway leaves at most one batch to be sent again once
    its claim runs out (receivers tell a repeat by its ``webhook-id``).
    """
    report = SendReport()
    own = transport is None
    transport = transport or Transport()
    try:
        for start in range(0, len(ids), BATCH):
            outcomes = [
                _try(delivery, settings, now, transport)
                for delivery in _claim(ids[start : start + BATCH], now)
            ]
            _record(outcomes, now, pause_after)
            report.delivered += sum(1 for o in outcomes if o.delivered)
            report.failed += sum(1 for o in outcomes if o.failed)
    finally:
        if own:
            transport.close()
    return report


def send_due(
    settings: webhooks.WebhookSettings, now: datetime, pause_after: timedelta = PAUSE_AFTER
) -> SendReport:
    """Send every delivery whose try is due (``flask webhooks send``, from cron)."""
    return send(due(now), settings, now, pause_after=pause_after)


@dataclass(frozen=True)
class _Outcome:
    """What one try gave: a 2xx code, another code, or an error; or nothing sent (paused)."""

    delivery_id: int
    code: int | None = None
    error: str = ""
    sent: bool = True

    @property
    def delivered(self) -> bool:
        return self.sent and self.code is not None and 200 <= self.code < 300

    @property
    def failed(self) -> bool:
        return self.sent and not self.delivered


def _try(
    delivery: Delivery, settings: webhooks.WebhookSettings, now: datetime, transport: Transport
) -> _Outcome:
    """Post one claimed delivery, its address checked again first."""
    subscription = db.session.get(Subscription, delivery.subscription_id)
    if subscription is None or not subscription.active:
        return _Outcome(delivery.id, sent=False)
    body = delivery.payload.encode()
    signed = headers(subscription.secret, delivery.msg_id, int(now.timestamp()), body)
    try:
        webhooks.check_url(subscription.url, settings)
        code = transport.post(subscription.url, body, signed)
    except (WebhookError, DeliveryFailed) as exc:
        return _Outcome(delivery.id, error=short_error(str(exc)))
    return _Outcome(delivery.id, code=code, error="" if 200 <= code < 300 else f"HTTP {code}")


def _claim(batch: Sequence[int], now: datetime) -> list[Delivery]:
    """Take the rows of ``batch`` that are waiting and that nobody else holds."""
    with unit_of_work():
        claimed = db.session.scalars(
            update(Delivery)
            .where(
                Delivery.id.in_(batch),
                Delivery.status.in_(WAITING),
                or_(Delivery.claimed_until.is_(None), Delivery.claimed_until < now),
            )
            .values(claimed_until=now + CLAIM_FOR)
            .returning(Delivery.id)
            .execution_options(synchronize_session=False)
        ).all()
    if not claimed:
        return []
    query = select(Delivery).where(Delivery.id.in_(claimed)).order_by(Delivery.id)
    return list(db.session.scalars(query.execution_options(populate_existing=True)))


@unit_of_work()
def _record(outcomes: Sequence[_Outcome], now: datetime, pause_after: timedelta) -> None:
    """Write what each try gave, in one unit of work."""
    for outcome in outcomes:
        delivery = db.session.get(Delivery, outcome.delivery_id)
        if delivery is None:
            continue
        delivery.claimed_until = None
        if not outcome.sent:
            continue
        if outcome.delivered:
            _delivered(delivery, now, outcome.code)
        else:
            _failed(delivery, now, outcome.code, outcome.error, pause_after)


def _delivered(delivery: Delivery, now: datetime, code: int | None) -> None:
    delivery.attempts = (delivery.attempts or 0) + 1
    delivery.status, delivery.delivered_at = "delivered", now
    delivery.response_code, delivery.last_error = code, ""
    subscription = db.session.get(Subscription, delivery.subscription_id)
    if subscription is not None:
        subscription.failing_since = None


def _failed(
    delivery: Delivery, now: datetime, code: int | None, error: str, pause_after: timedelta
) -> None:
    delivery.attempts = (delivery.attempts or 0) + 1
    delivery.response_code, delivery.last_error = code, error[:200]
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
