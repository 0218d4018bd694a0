"""Friendly pages for the errors a person can run into."""

from __future__ import annotations

from typing import Any

from flask import Flask, render_template
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import ObjectDeletedError, StaleDataError
from werkzeug.exceptions import Conflict, ServiceUnavailable

from calendar_app.services.media_store import StorageUnavailable
from calendar_app.services.transaction import discard_changes


def render_error(error: Any) -> tuple[str, int]:
    """The error page; a view may abort with its own explanation, else the page has one."""
    custom = error.description if error.description != type(error).description else None
    return render_template("errors/error.html", error=error, message=custom), error.code


def conflict(error: IntegrityError) -> tuple[str, int]:
    """Two people made the same change at the same moment; the first one stands."""
    discard_changes()
    message = "Someone else made the same change at the same moment. Reload the page."
    return render_template("errors/error.html", error=Conflict(), message=message), 409


def gone_meanwhile(error: Exception) -> tuple[str, int]:
    """What the page showed was deleted by someone else before this change was saved."""
    discard_changes()
    message = "Someone else removed or changed this a moment ago. Reload the page."
    return render_template("errors/error.html", error=Conflict(), message=message), 409


def storage_unavailable(error: StorageUnavailable) -> tuple[str, int]:
    """The media store could not be reached (its warning is logged): try again later."""
    discard_changes()
    page = render_template("errors/error.html", error=ServiceUnavailable(), message=error.message)
    return page, 503


def server_error(error: Any) -> tuple[str, int]:
    """Something we did not foresee: nothing of the request is kept."""
    discard_changes()
    return render_template("errors/error.html", error=error, message=None), 500


def register_error_handlers(app: Flask) -> None:
    """Attach the error pages."""
    for code in (400, 403, 404, 405, 409, 413, 429):
        app.register_error_handler(code, render_error)
    app.register_error_handler(IntegrityError, conflict)
    app.register_error_handler(ObjectDeletedError, gone_meanwhile)
    app.register_error_handler(StaleDataError, gone_meanwhile)
    app.register_error_handler(StorageUnavailable, storage_unavailable)
    app.register_error_handler(500, server_error)
