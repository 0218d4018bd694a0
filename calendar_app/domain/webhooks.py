"""Outgoing webhooks as values: events, the signature, whose addresses may be called,
when to try again and when to pause. Pure.

Signatures follow the Standard Webhooks scheme: the receiver is told ``webhook-id``,
``webhook-timestamp`` (unix seconds) and ``webhook-signature: v1,<base64 HMAC-SHA256>``
of ``"{id}.{timestamp}.{body}"`` under the subscription's secret (``whsec_`` + base64).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import ipaddress
import json
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from .errors import FieldError

EVENTS = {
    "item.created": "An item is added (by a person, or by a rule's planning)",
    "item.status_changed": "An item's status changes",
    "item.approved": "An item is approved",
    "item.published": "An item is published",
    "results.imported": "A results file is imported",
    "rule.changed": "A cadence rule is made, changed, switched on or off, or deleted",
}
PING = "webhook.ping"
SECRET_PREFIX = "whsec_"
SECRET_BYTES = 24
USER_AGENT = "EditorialCalendar-Webhooks/1"
MAX_URL_LENGTH = 500
MAX_DESCRIPTION = 200
# Waits before the 2nd, 3rd… try; after the last, every 12 hours.
BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=10),
)
LATER_WAIT = timedelta(hours=12)
PAUSE_AFTER = timedelta(days=3)


class WebhookError(FieldError):
    """A subscription that cannot be saved or an address that may not be called."""


def encode_secret(raw: bytes) -> str:
    """The secret as shown to the owner and the receiver: ``whsec_`` + base64."""
    return SECRET_PREFIX + base64.b64encode(raw).decode("ascii")


def secret_bytes(secret: str) -> bytes:
    """The key a ``whsec_`` secret stands for; ValueError for anything else."""
    if not secret.startswith(SECRET_PREFIX):
        raise ValueError("A webhook secret starts with whsec_.")
    try:
        return base64.b64decode(secret[len(SECRET_PREFIX) :], validate=True)
    except binascii.Error:
        raise ValueError("A webhook secret is whsec_ and base64.") from None


def signature(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """The ``webhook-signature`` header of a delivery: ``v1,`` + base64 HMAC-SHA256."""
    signed = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_bytes(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def headers(secret: str, msg_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    """Every header of a delivery."""
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature(secret, msg_id, timestamp, body),
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
    }


def verify(secret: str, msg_id: str, timestamp: str | int, body: bytes, header: str) -> bool:
    """Whether ``header`` (one or more space-separated ``v1,…`` signatures) signs this
    id, timestamp and body under ``secret``: what a receiver checks."""
    try:
        expected = signature(secret, msg_id, int(timestamp), body).encode()
    except ValueError:
        return False
    return any(hmac.compare_digest(expected, part.encode()) for part in header.split())


def payload(event: str, at: datetime, data: dict[str, Any]) -> str:
    """The body of a delivery: ``{"type", "timestamp" (RFC 3339), "data"}`` as JSON."""
    stamp = at.isoformat(timespec="seconds").replace("+00:00", "Z")
    return json.dumps({"type": event, "timestamp": stamp, "data": data}, sort_keys=True)


def check_events(chosen: Iterable[str]) -> list[str]:
    """The events a subscription is for, in the usual order; at least one, all known."""
    chosen = set(chosen)
    if not chosen or not chosen <= set(EVENTS):
        raise WebhookError("events", "Choose at least one event from the list.")
    return [event for event in EVENTS if event in chosen]


def check_description(text: str) -> str:
    """A description of at most 200 characters, on one line."""
    text = " ".join(text.split())
    if len(text) > MAX_DESCRIPTION:
        raise WebhookError(
            "description", f"Keep the description under {MAX_DESCRIPTION} characters."
        )
    return text


def url_parts(url: str) -> tuple[str, int]:
    """The host and port of an address that may be a webhook's: http(s), with a host and
    no user or password in it. Raises WebhookError saying what is wrong."""
    url = url.strip()
    if not url or len(url) > MAX_URL_LENGTH:
        raise WebhookError(
            "url", f"Give the receiver's address (up to {MAX_URL_LENGTH} characters)."
        )
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise WebhookError("url", "That address cannot be read.") from None
    if parts.scheme not in ("http", "https"):
        raise WebhookError("url", "The address must start with https:// or http://.")
    if parts.username is not None or parts.password is not None:
        raise WebhookError("url", "Leave the user name and password out of the address.")
    if not parts.hostname:
        raise WebhookError("url", "The address needs a host name.")
    return parts.hostname, port or (443 if parts.scheme == "https" else 80)


def forbidden_address(address: str) -> bool:
    """Whether an IP address is inside the network (private, loopback, link-local,
    multicast, reserved, unspecified), an IPv4-mapped IPv6 address by its IPv4 one."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def check_addresses(host: str, addresses: Iterable[str]) -> None:
    """Refuse a host that resolves to no address, or to any address inside the network."""
    addresses = list(addresses)
    if not addresses:
        raise WebhookError("url", f"“{host}” does not resolve to any address.")
    for address in addresses:
        if forbidden_address(address):
            raise WebhookError(
                "url",
                f"“{host}” points inside the network ({address}): webhooks go to public addresses.",
            )


def wait_before(attempts: int) -> timedelta:
    """How long to wait after ``attempts`` failed tries before the next one."""
    if attempts <= 0:
        return timedelta(0)
    return BACKOFF[attempts - 1] if attempts <= len(BACKOFF) else LATER_WAIT


def should_pause(
    failing_since: datetime | None, now: datetime, after: timedelta = PAUSE_AFTER
) -> bool:
    """Whether a subscription failing since ``failing_since`` has failed long enough."""
    return failing_since is not None and now - failing_since >= after


def pause_reason(now: datetime, failing_since: datetime, last_answer: str) -> str:
    """What the owner reads on a paused subscription (UTC dates)."""
    return (
        f"Paused on {now:%d %b %Y %H:%M} UTC after failing since "
        f"{failing_since:%d %b %Y %H:%M} UTC: last answer {last_answer}"
    )[:300]


def short_error(text: str) -> str:
    """An error on one line, short enough to show in a table."""
    return " ".join(text.split())[:200]


GIVE_UP_AFTER = timedelta(days=14)


def gives_up(created_at: datetime, now: datetime) -> bool:
    """Whether a delivery still failing this long after its event is no longer tried."""
    return now - created_at >= GIVE_UP_AFTER


def instant(at: datetime | None) -> str | None:
    """An instant as RFC 3339 in UTC (``2026-11-23T09:00:00Z``)."""
    return at.isoformat(timespec="seconds").replace("+00:00", "Z") if at else None


def item_data(
    item_id: int,
    status: str,
    starts_at: datetime,
    channel_id: int,
    activity: str,
    headline: str | None,
) -> dict[str, Any]:
    """An item in a payload: the API's names, only what a receiver needs to look it up."""
    return {
        "id": item_id,
        "status": status,
        "starts_at": instant(starts_at),
        "channel_id": channel_id,
        "activity": activity,
        "headline": headline,
    }


def status_events(old: str, new: str) -> list[str]:
    """The events a status move from ``old`` to ``new`` emits (none when it stays)."""
    if old == new:
        return []
    events = ["item.status_changed"]
    if new in ("approved", "published"):
        events.append(f"item.{new}")
    return events
