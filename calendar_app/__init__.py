"""Editorial calendar: cadence rules become a schedule, a feed and tracked links."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from flask import Flask, abort, has_request_context, render_template, request
from flask_login import current_user
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import Conflict
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from .config import load_config
from .extensions import csrf, db, login_manager, migrate, passwords

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the Flask application."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
    )
    load_config(app, test_config)
    if app.config["TRUSTED_PROXIES"]:
        # Behind N reverse proxies, the client's address (login throttling) and the
        # scheme and host (absolute addresses) come from their X-Forwarded headers.
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    register_request_guards(app)
    register_extensions(app)
    register_blueprints(app)
    register_error_handlers(app)
    register_cli(app)
    register_template_helpers(app)
    register_security_headers(app)
    return app


def register_extensions(app: Flask) -> None:
    """Bind the database, migrations, login and CSRF protection to ``app``."""
    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "info"
    csrf.init_app(app)
    passwords.init_app(app)


class RowId(IntegerConverter):
    """An id in a URL: a whole number from 1 that a database INTEGER column can hold.

    Anything else (0, 2**63) is a 404, never an overflow in the database driver.
    """

    def __init__(self, url_map: Any, **kwargs: Any) -> None:
        super().__init__(url_map, min=1, max=2**31 - 1, **kwargs)


UPLOAD_ENDPOINTS = {"results.index"}


def register_request_guards(app: Flask) -> None:
    """Refuse what no page of ours can use, before any view sees it."""
    app.url_map.converters["int"] = RowId  # before the blueprints add their routes

    @app.before_request
    def allow_larger_uploads() -> None:
        # Results exports can be bigger than any form; set before anything reads the body.
        if request.endpoint in UPLOAD_ENDPOINTS:
            request.max_content_length = app.config["MAX_UPLOAD_LENGTH"]

    @app.before_request
    def one_change_at_a_time() -> None:
        # Like SQLite's write lock: on PostgreSQL a request that changes things first
        # takes the workspace row's lock, so two saves never deadlock over items.
        if request.method in ("GET", "HEAD", "OPTIONS") or not current_user.is_authenticated:
            return
        if db.session.get_bind().dialect.name == "postgresql":
            from calendar_app.services.planner import get_workspace, lock_planning

            workspace = get_workspace()
            if workspace is not None:
                lock_planning(workspace)

    @app.before_request
    def refuse_nul_characters() -> None:
        # PostgreSQL cannot store NUL in text, and no one types it: a clear 400, not a 500.
        sent = [request.path, *request.args.keys(), *request.form.keys()]
        sent += [v for values in request.args.listvalues() for v in values]
        sent += [v for values in request.form.listvalues() for v in values]
        if any("\x00" in text for text in sent):
            abort(400, "The request contained a NUL character, which no field accepts.")


def register_blueprints(app: Flask) -> None:
    """Attach one blueprint per area."""
    from calendar_app.web.auth import bp as auth_bp
    from calendar_app.web.calendar import bp as calendar_bp
    from calendar_app.web.channels import bp as channels_bp
    from calendar_app.web.feeds import bp as feeds_bp
    from calendar_app.web.ideas import bp as ideas_bp
    from calendar_app.web.links import bp as links_bp
    from calendar_app.web.results import bp as results_bp
    from calendar_app.web.schedule import bp as schedule_bp
    from calendar_app.web.settings import bp as settings_bp

    app.register_blueprint(auth_bp)
    app.register_blueprint(schedule_bp)
    app.register_blueprint(calendar_bp)
    app.register_blueprint(channels_bp)
    app.register_blueprint(ideas_bp)
    app.register_blueprint(feeds_bp)
    app.register_blueprint(links_bp)
    app.register_blueprint(results_bp)
    app.register_blueprint(settings_bp)


def register_error_handlers(app: Flask) -> None:
    """Friendly pages for the errors a person can run into."""

    def render_error(error: Any) -> tuple[str, int]:
        # A page may abort with its own explanation; otherwise the template has one per code.
        custom = error.description if error.description != type(error).description else None
        return render_template("errors/error.html", error=error, message=custom), error.code

    for code in (400, 403, 404, 405, 409, 413, 429):
        app.register_error_handler(code, render_error)

    @app.errorhandler(IntegrityError)
    def conflict(error: IntegrityError) -> tuple[str, int]:
        # Two people made the same change at the same moment; the first one stands.
        db.session.rollback()
        message = "Someone else made the same change at the same moment. Reload the page."
        return render_template("errors/error.html", error=Conflict(), message=message), 409

    @app.errorhandler(500)
    def server_error(error: Any) -> tuple[str, int]:
        db.session.rollback()
        return render_template("errors/error.html", error=error, message=None), 500


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


# Pages that show secret addresses (feeds, invitations): never kept by a browser or proxy.
SECRET_PAGES = {
    "feeds.subscribe",
    "settings.account",
    "settings.invite",
    "settings.change_password",
    "settings.add_member",
    "auth.join",
}


def register_security_headers(app: Flask) -> None:
    """Send the same protective headers with every response."""

    @app.after_request
    def protect(response: Any) -> Any:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if request.endpoint in SECRET_PAGES:
            response.headers["Cache-Control"] = "no-store"
        return response


def register_cli(app: Flask) -> None:
    """Add the ``flask`` sub-commands."""
    from .cli import register_commands

    register_commands(app)


def register_template_helpers(app: Flask) -> None:
    """Filters used by the templates."""
    from .web import presentation

    presentation.register(app)


@event.listens_for(Engine, "connect")
def _tune_sqlite(dbapi_connection: Any, connection_record: Any) -> None:
    """Foreign keys on, WAL journal and a busy timeout for every SQLite connection.

    The driver's own transaction handling is switched off so that ``_begin_sqlite``
    decides how each transaction starts.
    """
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()


@event.listens_for(Engine, "begin")
def _begin_sqlite(connection: Any) -> None:
    """Requests that change things take SQLite's write lock when they begin.

    A deferred transaction that reads and then writes fails at once ("database is
    locked") if another writer committed in between; BEGIN IMMEDIATE waits for the
    lock instead (up to the busy timeout). Page views (GET) and commands stay deferred,
    so readers never wait for one another; the few writes a page view makes retry
    (see ``planner.retry_write``).
    """
    if connection.dialect.name != "sqlite":
        return
    writing = has_request_context() and request.method not in ("GET", "HEAD", "OPTIONS")
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")
