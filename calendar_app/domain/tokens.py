"""Secret tokens in addresses (feeds, invitations): derived, and looked up by digest. Pure."""

from __future__ import annotations

import base64
import hashlib
import hmac


def derive_feed_token(secret_key: str, salt: str) -> str:
    """HMAC-SHA256 of the salt under the app's secret key, URL-safe (43 characters).

    The database keeps only the salt and the token's digest, so a copy of it does
    not reveal anyone's feed address; a new secret key gives every user a new token.
    """
    mac = hmac.new(secret_key.encode(), f"feed-token:{salt}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


def digest_token(token: str) -> str:
    """The SHA-256 hex digest a secret token (feed, invitation) is looked up by."""
    return hashlib.sha256(token.encode()).hexdigest()


def same_digest(token: str, digest: str) -> bool:
    """Whether ``token`` has this digest, compared in constant time."""
    return hmac.compare_digest(digest_token(token), digest)
