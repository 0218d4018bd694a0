"""What the tests of the plan's API share: the refusals every writing operation gives."""

from __future__ import annotations

from itertools import count

from flask.testing import FlaskClient

from tests.web.api_helpers import bearer, token_for
from tests.web.test_api_auth import problem_of

STALE_TAG = '"nothing-1-v1"'
_MEMBERS = count(1)


def member_token(role: str, scope: str = "write") -> str:
    """A token of another new member with ``role``."""
    return token_for(role, scope, f"{role}-{next(_MEMBERS)}@example.com")


def send(client: FlaskClient, method: str, path: str, secret: str, **kw):
    """A request with the token and, when given, an If-Match header."""
    headers = bearer(secret)
    if kw.get("if_match"):
        headers["If-Match"] = kw.pop("if_match")
    kw.pop("if_match", None)
    return client.open(path, method=method, headers=headers, **kw)


def etag_of(client: FlaskClient, path: str, secret: str) -> str:
    response = client.get(path, headers=bearer(secret))
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.headers["ETag"]


def assert_refused_to_others(
    client: FlaskClient, method: str, path: str, kw: dict, refused_role: str
) -> None:
    """401 without a token, 403 for a read token and for ``refused_role``."""
    problem_of(client.open(path, method=method, **kw), 401)
    problem_of(send(client, method, path, member_token("editor", "read"), **kw), 403)
    body = problem_of(send(client, method, path, member_token(refused_role), **kw), 403)
    assert refused_role in body["detail"]


def assert_needs_if_match(client: FlaskClient, method: str, path: str, secret: str, **kw) -> None:
    """428 without If-Match, 412 with a tag of another version."""
    problem_of(send(client, method, path, secret, **kw), 428)
    problem_of(send(client, method, path, secret, if_match=STALE_TAG, **kw), 412)


def field_of(response, status: int = 422) -> str:
    """The field the refusal names."""
    return problem_of(response, status)["errors"][0]["field"]
