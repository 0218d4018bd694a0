"""The search page (a GET form: a search changes nothing)."""

from __future__ import annotations

from flask import render_template, request

from calendar_app.domain.errors import FieldError
from calendar_app.services import search as service

from . import bp


@bp.route("/")
def index() -> str:
    """?q=words: what contains them; without q, only the form."""
    typed = request.args.get("q")
    found, error = None, None
    if typed is not None:
        try:
            found = service.search(service.checked_text(typed))
        except FieldError as exc:
            error = exc.message
    return render_template(
        "search/index.html", typed=typed or "", found=found, error=error, limit=service.LIMIT
    )
