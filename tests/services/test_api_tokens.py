"""API tokens: made with a secret shown once, stored as a digest, revoked, checked."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from calendar_app.domain.api_tokens import TokenError
from calendar_app.domain.tokens import digest_token
from calendar_app.extensions import db
from calendar_app.models import ApiToken
from calendar_app.services import api_tokens
from tests.conftest import NOW
from tests.factories import make_user


def test_a_token_is_stored_only_as_the_digest_of_its_secret(app) -> None:
    user = make_user()
    token, secret = api_tokens.create_token(user, " Script ", "write", 30, NOW)
    assert secret.startswith("cal_") and len(secret) > 40
    stored = db.session.scalar(select(ApiToken))
    assert stored.digest == digest_token(secret) and secret not in str(vars(stored))
    assert (stored.label, stored.scope) == ("Script", "write")
    assert stored.expires_at == NOW + timedelta(days=30)
    assert api_tokens.authenticate(secret, NOW) == token


def test_a_refused_token_saves_nothing(app) -> None:
    user = make_user()
    for label, scope, days, field in (
        ("", "read", None, "label"),
        ("S", "all", None, "scope"),
        ("S", "read", 0, "days"),
    ):
        with pytest.raises(TokenError) as caught:
            api_tokens.create_token(user, label, scope, days, NOW)
        assert caught.value.field == field
    assert db.session.scalar(select(ApiToken)) is None


def test_unknown_revoked_and_expired_tokens_open_nothing(app) -> None:
    user = make_user()
    token, secret = api_tokens.create_token(user, "Script", "read", 1, NOW)
    assert api_tokens.authenticate("cal_guess", NOW) is None
    assert api_tokens.authenticate(secret + "x", NOW) is None
    assert api_tokens.authenticate(secret, NOW + timedelta(days=1)) is None
    assert api_tokens.authenticate(secret, NOW + timedelta(hours=23)) == token
    assert api_tokens.revoke_token(token, NOW) is True
    assert api_tokens.revoke_token(token, NOW) is False
    assert api_tokens.authenticate(secret, NOW) is None


def test_each_person_sees_only_their_own_tokens(app) -> None:
    ann, bob = make_user("ann@example.com"), make_user("bob@example.com")
    mine, _ = api_tokens.create_token(ann, "Mine", "read", None, NOW)
    theirs, _ = api_tokens.create_token(bob, "Theirs", "read", None, NOW)
    assert api_tokens.tokens_of(ann) == [mine]
    assert api_tokens.token_of(ann, mine.id) == mine
    assert api_tokens.token_of(ann, theirs.id) is None


def test_last_use_is_written_at_most_every_few_minutes(app) -> None:
    token, _ = api_tokens.create_token(make_user(), "Script", "read", None, NOW)
    api_tokens.note_use(token, NOW)
    api_tokens.note_use(token, NOW + timedelta(minutes=1))
    assert token.last_used_at == NOW
    api_tokens.note_use(token, NOW + timedelta(minutes=6))
    assert token.last_used_at == NOW + timedelta(minutes=6)
