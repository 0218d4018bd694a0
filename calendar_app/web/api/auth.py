"""Who an API request is: the person of a Bearer token, never of a session cookie.

Runs before every other check (login, CSRF, the viewer's refusal, the rate limit):
a request to /api/v1 without a live token is a 401; with one, its person is the
request's user, so the role checks the web pages pass apply unchanged. A read
token, or any token of a viewer, cannot change anything.
"""

from __future__ import annotations

from flask import g, request
from werkzeug.wrappers import Response

from calendar_app import clock
from calendar_app.domain.api_tokens import token_may_write
from calendar_app.services import api_tokens

from .problems import is_api_request, problem

READS = ("GET", "HEAD", "OPTIONS")
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="api"'}
NO_TOKEN = "Send a personal API token as 'Authorization: Bearer <token>' (Account → API tokens)."
BAD_TOKEN = "This token is unknown, revoked or expired: make a new one on the Account page."
READ_ONLY = (
    "This token may only read: a read token, or the token of a viewer. "
    "Make a write token (an editor's, contributor's or the owner's) to change things."
)


def bearer_secret() -> str:
    """The secret of the Authorization header's Bearer credentials ("" when there is none)."""
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    return secret.strip() if scheme.lower() == "bearer" else ""


def authenticate_api_request() -> Response | None:
    """Make the token's person this request's user, or answer 401/403 at once."""
    if not is_api_request():
        return None
    secret = bearer_secret()
    if not secret:
        return problem(401, NO_TOKEN, headers=CHALLENGE)
    now = clock.now()
    token = api_tokens.authenticate(secret, now)
    if token is None:
        return problem(401, BAD_TOKEN, headers=CHALLENGE)
    api_tokens.note_use(token, now)
    g.api_token = token
    # Flask-Login reads the user from here first: the session cookie is never looked at.
    g._login_user = token.user
    if request.method not in READS and not token_may_write(token.scope, token.user.role):
        return problem(403, READ_ONLY)
    return None


def rate_limit_key() -> str:
    """Requests are counted per token (the documents and the docs page per address)."""
    token = g.get("api_token")
    return f"token:{token.id}" if token is not None else f"address:{request.remote_addr}"
