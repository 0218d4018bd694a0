"""What the API tests share: a workspace with a team, and tokens for its members."""

from __future__ import annotations

from flask.testing import FlaskClient

from calendar_app.services import api_tokens
from tests.conftest import NOW
from tests.factories import make_user, make_workspace


def token_for(role: str, scope: str = "write", email: str | None = None) -> str:
    """A live token of a new member with ``role``."""
    user = make_user(email or f"{role}-{scope}@example.com", is_owner=role == "owner", role=role)
    return api_tokens.create_token(user, "Tests", scope, None, NOW)[1]


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def log_in(client: FlaskClient, user) -> FlaskClient:
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
    return client


def team() -> None:
    make_workspace()
