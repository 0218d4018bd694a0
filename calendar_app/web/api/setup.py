"""Wiring the API into the app: the OpenAPI generator, the token check, the rate limit,
Problem Details, and no CSRF check for a blueprint that no cookie opens."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from apispec import APISpec
from flask import Flask, current_app, request
from flask_limiter import Limiter
from flask_smorest import Api, Blueprint
from werkzeug.wrappers import Response

from calendar_app.extensions import csrf
from calendar_app.web.guards import RowId

from . import bp
from .auth import authenticate_api_request, rate_limit_key
from .openapi_links import add_links
from .problems import PROBLEM_TYPE, register_problems
from .schemas import Problem

ROW_ID_SCHEMA = {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}
limiter = Limiter(key_func=rate_limit_key, default_limits=[], headers_enabled=True)


class LinkedSpec(APISpec):  # type: ignore[misc]
    """The OpenAPI document with the links between operations (openapi_links.py), wherever
    it is written: the /api/openapi.json page and ``flask openapi write`` alike.

    The operations are written into it when it is first asked for (``pending``): most
    apps, and every test's, never show their document and need not spend 60 ms on it.
    """

    pending: list[Callable[[], None]]
    writing: threading.Lock

    def to_dict(self) -> dict[str, Any]:
        with self.writing:
            while self.pending:
                self.pending.pop(0)()
        return add_links(super().to_dict())


class CalendarApi(Api):  # type: ignore[misc]
    """flask-smorest's Api without its app-wide JSON error handler: web pages keep theirs."""

    ERROR_SCHEMA = Problem

    def _register_error_handlers(self) -> None:
        """The API's errors are Problem Details (problems.py); nothing app-wide here."""

    def _init_spec(self, *args: Any, **kwargs: Any) -> None:
        super()._init_spec(*args, **kwargs)
        self.spec.__class__ = LinkedSpec
        self.spec.pending = []
        self.spec.writing = threading.Lock()

    def register_blueprint(
        self, blp: Blueprint, *, parameters: list[Any] | None = None, **options: Any
    ) -> None:
        """flask-smorest's, with the blueprint's operations documented on first use."""
        name = options.get("name", blp.name)
        self._app.extensions["flask-smorest"]["blp_name_to_api"][name] = self
        self._app.register_blueprint(blp, **options)

        def document() -> None:
            blp.register_views_in_doc(self, self._app, self.spec, name=name, parameters=parameters)
            self.spec.tag({"name": name, "description": blp.description})

        self.spec.pending.append(document)

    def _register_responses(self) -> None:
        """The error responses the operations refer to are documented as what they are:
        ``application/problem+json`` (successes stay ``application/json``)."""
        self.DEFAULT_RESPONSE_CONTENT_TYPE = PROBLEM_TYPE
        try:
            super()._register_responses()
        finally:
            self.DEFAULT_RESPONSE_CONTENT_TYPE = "application/json"


def tag_reads(response: Response) -> Response:
    """Every read answers with an ETag: a resource's own (its version) where it has one, else
    a digest of the body; ``If-None-Match`` with it gets a 304 without the body."""
    if request.method in ("GET", "HEAD") and response.status_code == 200:
        if "ETag" not in response.headers:
            response.add_etag()
        response.make_conditional(request)
    return response


bp.after_request(tag_reads)


def _rate() -> str:
    return str(current_app.config["API_RATE_LIMIT"])


def register_api(app: Flask) -> None:
    """Attach the API blueprint and everything it needs (after the app's error pages)."""
    app.config.setdefault("API_TITLE", "Editorial calendar")
    app.config.setdefault("API_VERSION", "v1")
    app.config.setdefault("OPENAPI_VERSION", "3.1.0")
    app.config.setdefault("API_RATE_LIMIT", "300 per minute")
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    app.config.setdefault(
        "API_SPEC_OPTIONS",
        {
            "security": [{"bearer": []}],
            "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
            "servers": [{"url": "/"}],
        },
    )
    api = CalendarApi(app)
    api.register_converter(RowId, lambda converter: dict(ROW_ID_SCHEMA))
    limiter.init_app(app)
    limiter.limit(_rate)(bp)
    api.register_blueprint(bp)
    app.extensions["calendar_api"] = api
    csrf.exempt(bp)
    # Before every other check: the login gate then sees the token's person.
    app.before_request_funcs.setdefault(None, []).insert(0, authenticate_api_request)
    register_problems(app)
