"""API tokens' pure rules: label, scope, lifetime, liveness and who may write."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from calendar_app.domain.api_tokens import (
    MAX_LIFETIME_DAYS,
    TokenError,
    check_label,
    check_scope,
    expiry,
    token_is_live,
    token_may_write,
)

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_a_label_is_trimmed_and_must_be_one_short_line() -> None:
    assert check_label("  Publishing script ") == "Publishing script"
    assert check_label("x" * 120) == "x" * 120
    for bad in ("", "   ", "x" * 121, "two\nlines"):
        with pytest.raises(TokenError) as caught:
            check_label(bad)
        assert caught.value.field == "label"


def test_the_scope_is_read_or_write() -> None:
    assert check_scope("read") == "read"
    assert check_scope("write") == "write"
    with pytest.raises(TokenError, match="read or write"):
        check_scope("admin")


def test_a_token_lives_from_one_day_to_two_years_or_until_revoked() -> None:
    assert expiry(None, NOW) is None
    assert expiry(1, NOW) == NOW + timedelta(days=1)
    assert expiry(MAX_LIFETIME_DAYS, NOW) == NOW + timedelta(days=MAX_LIFETIME_DAYS)
    for bad in (0, -1, MAX_LIFETIME_DAYS + 1):
        with pytest.raises(TokenError) as caught:
            expiry(bad, NOW)
        assert caught.value.field == "days"


def test_a_revoked_or_expired_token_is_dead_and_a_fresh_one_lives() -> None:
    assert token_is_live(None, None, NOW)
    assert token_is_live(None, NOW + timedelta(seconds=1), NOW)
    assert not token_is_live(None, NOW, NOW)
    assert not token_is_live(NOW - timedelta(days=1), None, NOW)


def test_only_a_write_token_of_a_role_that_writes_may_write() -> None:
    for role in ("owner", "editor", "contributor"):
        assert token_may_write("write", role)
        assert not token_may_write("read", role)
    assert not token_may_write("write", "viewer")
    assert not token_may_write("read", "viewer")
