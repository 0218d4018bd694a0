"""Personal API tokens: made and revoked by their person, checked on every API request.

Only each token's digest is stored; the secret is returned once, when the token is
made. A revoked, expired or unknown token opens nothing, and the caller cannot tell
which of the three it was.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import select

from calendar_app.domain.api_tokens import (
    PREFIX,
    check_label,
    check_scope,
    expiry,
    token_is_live,
)
from calendar_app.domain.tokens import digest_token
from calendar_app.extensions import db
from calendar_app.models import ApiToken, User

from .transaction import unit_of_work

# How often a token's "last used" is written: a script's every request is not a write.
LAST_USED_EVERY = timedelta(minutes=5)
# Compared against when no token has the digest, so an unknown secret costs the same.
_NO_DIGEST = "0" * 64


@unit_of_work()
def create_token(
    user: User, label: str, scope: str, days: int | None, now: datetime
) -> tuple[ApiToken, str]:
    """A new token of ``user`` and its secret (returned once, never stored).

    ``days``: how long it works (None: until revoked). TokenError names the field at fault.
    """
    token = ApiToken(
        user=user,
        label=check_label(label),
        scope=check_scope(scope),
        expires_at=expiry(days, now),
        created_at=now,
    )
    secret = PREFIX + secrets.token_urlsafe(32)
    token.digest = digest_token(secret)
    db.session.add(token)
    return token, secret


@unit_of_work()
def revoke_token(token: ApiToken, now: datetime) -> bool:
    """Stop a token at once; False if it was revoked already (nothing changes then)."""
    if token.revoked_at is not None:
        return False
    token.revoked_at = now
    return True


def tokens_of(user: User) -> Sequence[ApiToken]:
    """A person's tokens, the newest first (revoked and expired ones too)."""
    return db.session.scalars(
        select(ApiToken)
        .where(ApiToken.user_id == user.id)
        .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    ).all()


def token_of(user: User, token_id: int) -> ApiToken | None:
    """One of the person's tokens by id; None for another person's or an unknown one."""
    token = db.session.get(ApiToken, token_id)
    return token if token is not None and token.user_id == user.id else None


def authenticate(secret: str, now: datetime) -> ApiToken | None:
    """The live token a secret is; None when it is unknown, revoked or expired.

    The secret is hashed whatever its length and the digests compared in constant
    time, so how long the answer takes tells nothing about how close a guess was.
    """
    digest = digest_token(secret[:200])
    token = db.session.scalar(select(ApiToken).where(ApiToken.digest == digest))
    matches = hmac.compare_digest(digest, token.digest if token else _NO_DIGEST)
    if token is None or not matches or not token_is_live(token.revoked_at, token.expires_at, now):
        return None
    return token


def note_use(token: ApiToken, now: datetime) -> None:
    """Remember when the token was last used (at most every few minutes)."""
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_EVERY:
        return
    with unit_of_work():
        token.last_used_at = now
