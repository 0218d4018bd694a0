"""What every request passes before a view sees it, and what every response carries.

Login is the default: a view is open to visitors only when it is marked
:func:`public`. Other marks say what a view needs: :func:`accepts_uploads`
(bodies up to ``MAX_UPLOAD_LENGTH``), :func:`secret_page` (never cached: it
shows secret addresses) and :func:`plans_ahead` (the schedule it shows is
extended to the planning horizon first). A viewer's changes are refused here,
for every view at once.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Flask, abort, current_app, redirect, request, url_for
from flask_login import current_user
from werkzeug.routing import IntegerConverter
from werkzeug.wrappers import Response

from calendar_app import clock
from calendar_app.extensions import db, login_manager
from calendar_app.models import User
from calendar_app.services import accounts, planner
from calendar_app.web.presentation import current_workspace

View = TypeVar("View", bound=Callable[..., Any])


def public(view: View) -> View:
    """Open this view to visitors who are not logged in."""
    view.is_public = True  # type: ignore[attr-defined]
    return view


def accepts_uploads(view: View) -> View:
    """Let this view receive bodies up to ``MAX_UPLOAD_LENGTH`` (other forms stop at 2 MB)."""
    view.accepts_uploads = True  # type: ignore[attr-defined]
    return view


def secret_page(view: View) -> View:
    """This page shows secret addresses (feeds, invitations): no browser or proxy keeps it."""
    view.secret_page = True  # type: ignore[attr-defined]
    return view


def plan_ahead() -> bool:
    """Extend the schedule to the planning horizon if it falls short (once a day); whether
    anything changed. The one place pages and feeds do it from."""
    weeks = current_app.config["PLANNING_HORIZON_WEEKS"]
    return planner.keep_planned_ahead(clock.now(), weeks, current_workspace()).changed > 0


def plans_ahead(view: View) -> View:
    """Extend the schedule to the planning horizon (once a day) before the view reads it."""

    @wraps(view)
    def planned(*args: Any, **kwargs: Any) -> Any:
        plan_ahead()
        return view(*args, **kwargs)

    return planned  # type: ignore[return-value]


def _marked(mark: str) -> bool:
    """Whether the view of this request carries ``mark`` (static files count as public)."""
    if request.endpoint == "static":
        return mark == "is_public"
    view = current_app.view_functions.get(request.endpoint or "")
    return bool(getattr(view, mark, False))


class RowId(IntegerConverter):
    """An id in a URL: a whole number from 1 that a database INTEGER column can hold.

    Anything else (0, 2**63) is a 404, never an overflow in the database driver.
    """

    def __init__(self, url_map: Any, **kwargs: Any) -> None:
        super().__init__(url_map, min=1, max=2**31 - 1, **kwargs)


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """Flask-Login's hook: the logged-in user, unless their password changed since login."""
    user_id, _, key = session_id.partition(":")
    user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
    if user is None or not hmac.compare_digest(user.session_key, key):
        return None
    return user


def require_login() -> Response | None:
    """Send anonymous visitors to the setup (no account yet) or the login page."""
    if _marked("is_public") or current_user.is_authenticated:
        return None
    if not accounts.has_users():
        return redirect(url_for("auth.setup"))
    return login_manager.unauthorized()


# A viewer reads every page; the only changes they make are to their own session, password,
# feed (a leaked address must be resettable; a reminder rings only for them) and API tokens
# (which only read for them).
VIEWER_MAY_POST = frozenset(
    {
        "auth.logout",
        "settings.change_password",
        "feeds.reset",
        "feeds.reminder",
        "settings.create_token",
        "settings.revoke_token",
    }
)
VIEWER_REFUSAL = (
    "You are a viewer: you can read every page, but not change anything. "
    "Ask the owner for the editor or contributor role."
)


def refuse_viewers_changes() -> None:
    """Every change a viewer sends is a 403 with a clear page, whatever view it is for."""
    if request.method in ("GET", "HEAD", "OPTIONS") or not current_user.is_authenticated:
        return
    if current_user.may_write or request.endpoint in VIEWER_MAY_POST:
        return
    abort(403, VIEWER_REFUSAL)


def allow_larger_uploads() -> None:
    """Results exports can be bigger than any form; set before anything reads the body."""
    if _marked("accepts_uploads"):
        request.max_content_length = current_app.config["MAX_UPLOAD_LENGTH"]


def refuse_nul_characters() -> None:
    """PostgreSQL cannot store NUL in text, and no one types it: a clear 400, not a 500."""
    sent = [request.path]
    if b"%00" in request.query_string or b"\x00" in request.query_string:  # else none in it
        sent += [*request.args.keys(), *(v for vs in request.args.listvalues() for v in vs)]
    if request.method not in ("GET", "HEAD"):  # a page view has no form to read
        sent += [*request.form.keys(), *(v for vs in request.form.listvalues() for v in vs)]
    if any("\x00" in text for text in sent):
        abort(400, "The request contained a NUL character, which no field accepts.")


# Scripts and styles come only from our own static files (no inline code, no CDN); no page may
# be framed; addresses with secrets in them (feed, invitation) are never sent as a Referer.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def protect(response: Response) -> Response:
    """The same protective headers on every response; secret pages are never stored."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if _marked("secret_page"):
        response.headers["Cache-Control"] = "no-store"
    return response


def register_guards(app: Flask) -> None:
    """Install the URL id converter, the request guards and the response headers."""
    app.url_map.converters["int"] = RowId  # before the blueprints add their routes
    # First of all, before the CSRF check, which reads the body with the limit in force.
    app.before_request_funcs.setdefault(None, []).insert(0, allow_larger_uploads)
    app.before_request(refuse_nul_characters)
    app.before_request(require_login)
    app.before_request(refuse_viewers_changes)
    app.after_request(protect)
