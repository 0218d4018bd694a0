"""Ideas: listed one page at a time, added with the bank's own checks (duplicates), read
and changed under ``If-Match`` (an idea has no version column: its ETag is a digest of what
a client reads of it), generated from the workspace profile, and headlines scored."""

from __future__ import annotations

from typing import Any

from flask import abort
from flask_login import current_user

from calendar_app import clock
from calendar_app.domain import permissions
from calendar_app.domain.api_paging import digest_version, encode_cursor
from calendar_app.domain.errors import FieldError
from calendar_app.extensions import db
from calendar_app.models import Idea
from calendar_app.services import api_queries, api_writes, ideas
from calendar_app.web.presentation import current_workspace, local

from . import bp
from .common import cursor_key, refusal, refuse, role_may, seen_version, tagged, versioned
from .schemas import IdeaArgs, IdeaCreated, IdeaIn, IdeaOut, IdeaPage, dumped
from .work_schemas import GeneratedOut, IdeaChange, ScoreArgs, ScoreOut


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


def _idea(idea_id: int) -> Idea:
    return db.session.get(Idea, idea_id) or abort(404)


def _version(idea: Idea) -> int:
    return digest_version(dumped(IdeaOut, idea))


@bp.route("/v1/ideas/<int:idea_id>")
@bp.response(200, IdeaOut)
def get_idea(idea_id: int) -> Any:
    """One idea; its ETag changes whenever what you read of it does."""
    idea = _idea(idea_id)
    return tagged(idea, "idea", idea.id, _version(idea))


@bp.route("/v1/ideas/<int:idea_id>", methods=["PATCH"])
@bp.arguments(IdeaChange)
@bp.response(200, IdeaOut)
@refusal(403, "Your role may not change ideas.")
@refusal(404, "No such idea.")
@versioned
@refusal(422, "A field is refused; the problem names it.")
def change_idea(values: dict[str, Any], idea_id: int) -> Any:
    """Change an idea's headline, notes, purpose, campaign and/or status (archive, restore,
    published), with the Ideas page's checks. Send the idea's ETag in ``If-Match``."""
    role_may(permissions.POSTS)
    idea = _idea(idea_id)
    seen_version("idea", idea.id, _version(idea))
    try:
        api_writes.change_idea(idea, values, clock.now())
    except FieldError as error:
        refuse(error)
    db.session.refresh(idea)
    return tagged(idea, "idea", idea.id, _version(idea))


@bp.route("/v1/ideas/generate", methods=["POST"])
@bp.response(201, GeneratedOut)
@refusal(403, "Your role may not add ideas.")
@refusal(404, "The workspace is not set up yet.")
def generate_ideas() -> Any:
    """Generate ten new headlines from the workspace profile, as the Ideas page does."""
    role_may(permissions.POSTS)
    workspace = current_workspace() or abort(404)
    return {"ideas": ideas.seed_ideas(workspace, local(clock.now()).date(), count=10)}


@bp.route("/v1/ideas/score")
@bp.arguments(ScoreArgs, location="query")
@bp.response(200, ScoreOut)
def score_idea(args: dict[str, Any]) -> Any:
    """Score a draft headline, with tips and near-duplicates in the bank; nothing is saved."""
    return ideas.check_headline(args["headline"])
