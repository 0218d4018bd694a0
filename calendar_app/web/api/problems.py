"""Every error under /api is RFC 9457 Problem Details (``application/problem+json``).

The body names what went wrong (``title``, ``detail``) and, for input, each field
at fault in ``errors``; HTML error pages stay with the web pages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, jsonify, request
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import ObjectDeletedError, StaleDataError
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.http import HTTP_STATUS_CODES
from werkzeug.wrappers import Response

from calendar_app.services.transaction import discard_changes

PROBLEM_TYPE = "application/problem+json"


def is_api_request() -> bool:
    """Whether this request is addressed to the API (its documents and pages excepted)."""
    return request.path.startswith("/api/v1/") or request.path == "/api/v1"


def problem(
    status: int,
    detail: str,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """A Problem Details response."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTP_STATUS_CODES.get(status, "Error"),
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    response = jsonify(body)
    response.status_code = status
    response.mimetype = PROBLEM_TYPE
    response.headers.update(headers or {})
    return response


def field_errors(messages: Any, where: str = "") -> list[dict[str, str]]:
    """webargs' nested messages as a flat list, each naming its field (``json.headline``)."""
    if isinstance(messages, dict):
        found = []
        for key, value in messages.items():
            name = str(key) if where in ("", "json", "query", "multipart") else f"{where}.{key}"
            found += field_errors(value, name)
        return found
    if isinstance(messages, list | tuple) and all(isinstance(m, str) for m in messages):
        return [{"field": where, "detail": " ".join(messages)}]
    if isinstance(messages, list | tuple):
        return [e for m in messages for e in field_errors(m, where)]
    return [{"field": where, "detail": str(messages)}]


def from_http_error(error: HTTPException) -> Response:
    """An HTTP error (abort, webargs' validation, the rate limiter) as Problem Details."""
    data = getattr(error, "data", None) or {}
    errors = field_errors(data["messages"]) if "messages" in data else None
    detail = error.description or ""
    if errors:
        detail = "; ".join(f"{e['field']}: {e['detail']}" for e in errors)
    code = error.code or 500
    response = problem(code, detail, errors, dict(data.get("headers") or {}))
    if code == 405 and error.get_response().headers.get("Allow"):
        response.headers["Allow"] = error.get_response().headers["Allow"]
    if code == 429 and getattr(error, "retry_after", None):
        response.headers["Retry-After"] = str(error.retry_after)
    return response


def from_unexpected(error: Exception) -> Response:
    """Something unforeseen: nothing of the request is kept, and nothing of it is shown."""
    discard_changes()
    return problem(500, InternalServerError.description)


CONFLICT = "Someone else changed or removed this at the same moment; read it again."


def problems_under_api(handler: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """The app's error page, except under /api/v1 where the same error is Problem Details."""

    def answer(error: Any) -> Any:
        if not is_api_request():
            return handler(error)
        if isinstance(error, HTTPException) and (error.code or 500) < 500:
            return from_http_error(error)
        if isinstance(error, IntegrityError | ObjectDeletedError | StaleDataError):
            discard_changes()
            return problem(409, CONFLICT)
        return from_unexpected(error)

    return answer


def register_problems(app: Flask) -> None:
    """Problem Details for every error under /api/v1, the addresses that match no route too.

    The app's own handlers (its HTML pages) are wrapped; HTTP errors it has no page for
    keep Werkzeug's answer outside the API.
    """
    for handlers in app.error_handler_spec[None].values():
        for kind, handler in list(handlers.items()):
            handlers[kind] = problems_under_api(handler)
    app.register_error_handler(HTTPException, problems_under_api(lambda error: error))
