"""What the API's views share: the clock, pages, versions and field errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Request, abort, request
from flask_login import current_user
from marshmallow import Schema
from webargs.multidictproxy import MultiDictProxy
from werkzeug.datastructures import CombinedMultiDict

from calendar_app.domain import permissions
from calendar_app.domain.api_paging import decode_cursor, digest_version, etag, version_in
from calendar_app.domain.errors import FieldError

from . import bp
from .problems import PROBLEM_TYPE, problem
from .schemas import Problem

NO_IF_MATCH = (
    "Send the ETag you read in 'If-Match', so that a change made meanwhile is not overwritten."
)
STALE = "Changed since you read it: read it again (its ETag is new) and send your change again."


IF_MATCH = {
    "in": "header",
    "name": "If-Match",
    "required": True,
    "description": "The ETag you read: a change made since then is refused (412).",
    "schema": {"type": "string", "maxLength": 200},
}

MULTIPART = "multipart"  # a body of files and form fields together (an upload and its options)
bp.DEFAULT_LOCATION_CONTENT_TYPE_MAPPING = {
    **bp.DEFAULT_LOCATION_CONTENT_TYPE_MAPPING,
    MULTIPART: "multipart/form-data",
}


@bp.ARGUMENTS_PARSER.location_loader(MULTIPART)
def multipart_body(sent: Request, schema: Schema) -> MultiDictProxy:
    """A multipart body's files and fields read as one: one schema, one documented body."""
    return MultiDictProxy(CombinedMultiDict([sent.files, sent.form]), schema)


def refusal(status: int, description: str) -> Callable[..., Any]:
    """Document an error an operation answers with (Problem Details), saying when."""
    return bp.alt_response(  # type: ignore[no-any-return]
        status, description=description, schema=Problem, content_type=PROBLEM_TYPE
    )


def versioned(view: Callable[..., Any]) -> Callable[..., Any]:
    """Document that an operation wants ``If-Match`` (see ``seen_version``): the header, 412
    and 428. Place it under ``@bp.route``."""
    view = bp.alt_response(412, response="PRECONDITION_FAILED")(view)
    view = bp.alt_response(428, response="PRECONDITION_REQUIRED")(view)
    return bp.doc(parameters=[IF_MATCH])(view)  # type: ignore[no-any-return]


def refuse(error: FieldError, status: int = 422) -> None:
    """End the request with Problem Details naming the field at fault."""
    abort(problem(status, error.message, [{"field": error.field, "detail": error.message}]))


def role_may(action: str) -> None:
    """403 Problem Details when the token's member's role may not make a change of kind
    ``action``: the same matrix (domain/permissions.py) the web pages are checked against."""
    if not permissions.may(current_user.role, action):
        abort(problem(403, permissions.scope_of(current_user.role)))


def cursor_key(args: dict[str, Any]) -> Any:
    """The sort key the ``cursor`` parameter holds (None on the first page)."""
    if not args.get("cursor"):
        return None
    try:
        return decode_cursor(args["cursor"])
    except FieldError as error:
        refuse(error, 400)


def seen_version(kind: str, row_id: int, current: int) -> int | None:
    """The version the ``If-Match`` header says the client read: 428 without one, 412 when it
    names another version (``*``: whatever the version)."""
    header = request.headers.get("If-Match")
    if not header:
        abort(problem(428, NO_IF_MATCH))
    if header.strip() == "*":
        return None
    version = version_in(header, kind, row_id)
    if version is None or version != current:
        abort(problem(412, STALE))
    return version


def tagged(
    body: Any, kind: str, row_id: int, version: int, status: int = 200, location: str = ""
) -> Any:
    """A response with the resource's ETag (and, for one just made, its ``Location``)."""
    headers = {"ETag": etag(kind, row_id, version)}
    if location:
        headers["Location"] = location
    return body, status, headers


def shown_version(schema: type[Schema], row: Any) -> int:
    """The version of a row without a version column: a digest of what the API shows of it."""
    return digest_version(schema().dump(row))
