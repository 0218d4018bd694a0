"""The workspace, read-only."""

from __future__ import annotations

from typing import Any

from flask import abort

from calendar_app.web.presentation import current_workspace

from . import bp
from .schemas import WorkspaceOut


@bp.route("/v1/workspace")
@bp.response(200, WorkspaceOut)
def workspace() -> Any:
    """The workspace: its name, time zone, currency and rates."""
    return current_workspace() or abort(404)
