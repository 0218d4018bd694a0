"""Webhooks as values: signatures (Standard Webhooks), addresses, backoff and pausing."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendar_app.domain.webhooks import (
    BACKOFF,
    LATER_WAIT,
    WebhookError,
    check_addresses,
    check_description,
    check_events,
    encode_secret,
    forbidden_address,
    gives_up,
    headers,
    item_data,
    pause_reason,
    payload,
    secret_bytes,
    should_pause,
    signature,
    status_events,
    url_parts,
    verify,
    wait_before,
)

secrets_ = st.binary(min_size=24, max_size=48).map(encode_secret)
ids = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_", min_size=1, max_size=40)
stamps = st.integers(min_value=0, max_value=4_000_000_000)
bodies = st.binary(max_size=300)


@given(secrets_, ids, stamps, bodies)
def test_a_signed_delivery_verifies(secret: str, msg_id: str, stamp: int, body: bytes) -> None:
    header = signature(secret, msg_id, stamp, body)
    assert header.startswith("v1,")
    assert verify(secret, msg_id, stamp, body, header)
    assert verify(secret, msg_id, str(stamp), body, f"v1,bm90IGl0 {header}")


@given(secrets_, ids, stamps, bodies, st.data())
def test_any_changed_byte_id_timestamp_or_secret_is_refused(
    secret: str, msg_id: str, stamp: int, body: bytes, data: st.DataObject
) -> None:
    header = signature(secret, msg_id, stamp, body)
    if body:
        at = data.draw(st.integers(0, len(body) - 1))
        flip = data.draw(st.integers(1, 255))
        changed = body[:at] + bytes([body[at] ^ flip]) + body[at + 1 :]
        assert not verify(secret, msg_id, stamp, changed, header)
    assert not verify(secret, msg_id, stamp, body + b" ", header)
    assert not verify(secret, msg_id + "x", stamp, body, header)
    assert not verify(secret, msg_id, stamp + 1, body, header)
    other = data.draw(secrets_.filter(lambda s: s != secret))
    assert not verify(other, msg_id, stamp, body, header)


def test_the_signature_is_the_standard_webhooks_one() -> None:
    # The example of the Standard Webhooks specification.
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    body = b'{"test": 2432232314}'
    header = signature(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body)
    assert header == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def test_bad_secrets_and_headers_verify_nothing() -> None:
    assert not verify("sk_nope", "msg", 1, b"{}", "v1,AAAA")
    assert not verify("whsec_not base64!", "msg", 1, b"{}", "v1,AAAA")
    assert not verify(encode_secret(b"k" * 24), "msg", "soon", b"{}", "v1,AAAA")
    assert not verify(encode_secret(b"k" * 24), "msg", 1, b"{}", "")
    with pytest.raises(ValueError):
        secret_bytes("whsec_***")


def test_a_secret_is_whsec_and_base64_of_its_bytes() -> None:
    secret = encode_secret(b"\x01" * 24)
    assert secret.startswith("whsec_")
    assert base64.b64decode(secret[6:]) == b"\x01" * 24
    assert secret_bytes(secret) == b"\x01" * 24


def test_headers_name_the_message_its_time_and_the_product() -> None:
    sent = headers(encode_secret(b"s" * 24), "msg_1", 1700000000, b"{}")
    assert sent["webhook-id"] == "msg_1"
    assert sent["webhook-timestamp"] == "1700000000"
    assert sent["Content-Type"] == "application/json"
    assert "Calendar" in sent["User-Agent"]


def test_the_payload_is_type_timestamp_and_data() -> None:
    at = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
    body = json.loads(payload("item.created", at, {"id": 4}))
    assert body == {"type": "item.created", "timestamp": "2026-11-23T06:00:00Z", "data": {"id": 4}}
    data = item_data(4, "draft", at, 2, "post", None)
    assert data["starts_at"] == "2026-11-23T06:00:00Z" and data["channel_id"] == 2


@pytest.mark.parametrize(
    ("old", "new", "events"),
    [
        ("draft", "in_review", ["item.status_changed"]),
        ("in_review", "approved", ["item.status_changed", "item.approved"]),
        ("scheduled", "published", ["item.status_changed", "item.published"]),
        ("draft", "draft", []),
    ],
)
def test_a_status_move_emits_its_events(old: str, new: str, events: list[str]) -> None:
    assert status_events(old, new) == events


@pytest.mark.parametrize(
    "address",
    ["10.0.0.1", "127.0.0.1", "169.254.169.254", "::1", "::ffff:127.0.0.1", "192.168.1.20",
     "172.16.0.1", "0.0.0.0", "224.0.0.1", "240.0.0.1", "fe80::1", "fc00::1", "::"],
)  # fmt: skip
def test_addresses_inside_the_network_are_forbidden(address: str) -> None:
    assert forbidden_address(address)
    with pytest.raises(WebhookError, match="inside the network"):
        check_addresses("hooks.example.com", ["93.184.216.34", address])


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_are_allowed(address: str) -> None:
    assert not forbidden_address(address)
    check_addresses("hooks.example.com", [address])


def test_a_host_that_resolves_to_nothing_is_refused() -> None:
    with pytest.raises(WebhookError, match="does not resolve"):
        check_addresses("nowhere.invalid", [])


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.com/h", "https://"),
        ("file:///etc/passwd", "https://"),
        ("https://user:pw@example.com/h", "user name and password"),
        ("https://user@example.com/h", "user name and password"),
        ("https:///h", "host name"),
        ("https://example.com:99999/h", "cannot be read"),
        ("", "address"),
        ("https://example.com/" + "a" * 500, "500"),
    ],
)
def test_urls_that_are_not_plain_http_are_refused(url: str, message: str) -> None:
    with pytest.raises(WebhookError, match=message):
        url_parts(url)


def test_plain_http_and_https_urls_are_read() -> None:
    assert url_parts("https://hooks.example.com/in") == ("hooks.example.com", 443)
    assert url_parts(" http://hooks.example.com:8080/in ") == ("hooks.example.com", 8080)


def test_events_must_be_known_and_at_least_one() -> None:
    assert check_events(["rule.changed", "item.created"]) == ["item.created", "rule.changed"]
    with pytest.raises(WebhookError):
        check_events([])
    with pytest.raises(WebhookError):
        check_events(["item.created", "item.deleted"])


def test_a_description_is_one_line_and_short() -> None:
    assert check_description("  For\nZapier ") == "For Zapier"
    with pytest.raises(WebhookError):
        check_description("x" * 201)


def test_tries_wait_longer_each_time_then_every_twelve_hours() -> None:
    assert [wait_before(n) for n in range(1, 7)] == list(BACKOFF)
    assert BACKOFF[0] == timedelta(minutes=1) and BACKOFF[-1] == timedelta(hours=10)
    assert wait_before(7) == wait_before(30) == LATER_WAIT == timedelta(hours=12)
    assert wait_before(0) == timedelta(0)


def test_a_subscription_pauses_after_three_days_of_failing() -> None:
    now = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
    assert not should_pause(None, now)
    assert not should_pause(now - timedelta(days=3) + timedelta(seconds=1), now)
    assert should_pause(now - timedelta(days=3), now)
    assert should_pause(now - timedelta(days=1), now, timedelta(hours=12))
    reason = pause_reason(now, now - timedelta(days=3), "500")
    assert reason == (
        "Paused on 23 Nov 2026 06:00 UTC after failing since 20 Nov 2026 06:00 UTC: last answer 500"
    )


def test_a_delivery_is_given_up_after_two_weeks() -> None:
    now = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
    assert not gives_up(now - timedelta(days=13), now)
    assert gives_up(now - timedelta(days=14), now)
