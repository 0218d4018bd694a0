"""Ideas: listed one page at a time, and added with the bank's own checks (duplicates)."""

from __future__ import annotations

from typing import Any

from flask_login import current_user

from calendar_app.domain import permissions
from calendar_app.domain.api_paging import encode_cursor
from calendar_app.domain.errors import FieldError
from calendar_app.services import api_queries, ideas

from . import bp
from .common import cursor_key, refuse, role_may
from .schemas import IdeaArgs, IdeaCreated, IdeaIn, IdeaPage


@bp.route("/v1/ideas")
@bp.arguments(IdeaArgs, location="query")
@bp.response(200, IdeaPage)
def list_ideas(args: dict[str, Any]) -> Any:
    """Ideas, oldest first, of one ``status`` or all; pass ``next_cursor`` as ``cursor``."""
    limit = args["limit"]
    after = cursor_key(args)
    found = api_queries.list_ideas(args.get("status"), after[1] if after else None, limit)
    last = found[limit - 1] if len(found) > limit else None
    return {"ideas": found[:limit], "next_cursor": encode_cursor(None, last.id) if last else None}


@bp.route("/v1/ideas", methods=["POST"])
@bp.arguments(IdeaIn)
@bp.response(201, IdeaCreated)
def add_idea(values: dict[str, Any]) -> Any:
    """Add a headline to the bank: an exact duplicate is refused, near ones come back as
    ``warnings``; its purpose is guessed when none is given."""
    role_may(permissions.POSTS)
    fields = {key: values[key] for key in ("notes", "purpose") if values.get(key)}
    try:
        idea, warnings = ideas.add_idea(values["headline"], current_user, **fields)
    except FieldError as error:
        refuse(error)
    return {"idea": idea, "warnings": warnings}
