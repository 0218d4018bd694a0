"""Editorial calendar: cadence rules become a schedule, a feed and tracked links.

This package only wires the floors together: ``domain/`` (pure rules),
``models/`` (tables), ``services/`` (units of work) and ``web/`` (HTTP).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

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
    register_proxies(app)
    register_extensions(app)
    register_guards(app)
    register_feed_polls(app)
    register_feed_export(app)
    register_mail(app)
    register_webhooks(app)
    register_blueprints(app)
    register_error_handlers(app)
    register_api(app)
    register_cli(app)
    register_template_helpers(app)
    register_logging(app)
    return app


def register_proxies(app: Flask) -> None:
    """Behind N reverse proxies, the client's address (login throttling) and the scheme and
    host (absolute addresses) come from their X-Forwarded headers."""
    hops = app.config["TRUSTED_PROXIES"]
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]


def register_extensions(app: Flask) -> None:
    """Bind the database, migrations, login, CSRF protection and password hashing."""
    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "info"
    csrf.init_app(app)
    passwords.init_app(app)


def register_guards(app: Flask) -> None:
    """The login gate and the other checks every request passes, and the security headers."""
    from .web.guards import register_guards as install

    install(app)


def register_feed_polls(app: Flask) -> None:
    """Calendars' polls of unchanged feeds are answered before a request is set up."""
    from .web.feeds.polls import FeedPolls

    app.wsgi_app = FeedPolls(app, app.wsgi_app)  # type: ignore[method-assign]


def register_feed_export(app: Flask) -> None:
    """With FEED_EXPORT_DIR set, every change is written to the feed files on disk."""
    from .web.feeds.export import register_feed_export

    register_feed_export(app)


def register_mail(app: Flask) -> None:
    """Mail a request queued is sent after its response has gone out."""
    from .web.mail import register_mail as install

    install(app)


def register_webhooks(app: Flask) -> None:
    """Webhook deliveries a request queued are sent after its response has gone out."""
    from .web.webhooks import register_webhooks as install

    install(app)


def register_blueprints(app: Flask) -> None:
    """Attach one blueprint per area (package, blueprint and template folder share a name)."""
    from .web import (
        auth,
        board,
        calendar,
        campaigns,
        channels,
        comments,
        feeds,
        ideas,
        inbox,
        links,
        results,
        schedule,
        search,
        settings,
        share,
        welcome,
    )

    areas = (
        auth,
        schedule,
        calendar,
        board,
        channels,
        ideas,
        campaigns,
        feeds,
        links,
        results,
        search,
        settings,
        welcome,
        share,
        comments,
        inbox,
    )
    for area in areas:
        app.register_blueprint(area.bp)


def register_error_handlers(app: Flask) -> None:
    """Friendly error pages."""
    from .web.errors import register_error_handlers as install

    install(app)


def register_api(app: Flask) -> None:
    """The JSON API under /api/v1, after the error pages (its errors are Problem Details)."""
    from .web.api.setup import register_api as install

    install(app)


def register_cli(app: Flask) -> None:
    """Add the ``flask`` sub-commands."""
    from .cli import register_commands

    register_commands(app)


def register_logging(app: Flask) -> None:
    """The app's log never shows a feed or invitation token."""
    from .web.access_log import SecretsFilter

    app.logger.addFilter(SecretsFilter())


def register_template_helpers(app: Flask) -> None:
    """Filters and globals used by the templates."""
    from .web import presentation

    presentation.register(app)
