"""Template filters and globals: local times, labels and the navigation."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, current_app, g, request, url_for
from flask_login import current_user

from .cadence import ACTIVITY_LABELS, resolve_timezone
from .item_links import link_for, post_text
from .planner import get_workspace

NAVIGATION = (
    ("schedule.week", "This week"),
    ("calendar.index", "Calendar"),
    ("channels.index", "Channels"),
    ("ideas.index", "Ideas"),
    ("links.index", "Links"),
    ("feeds.subscribe", "Subscribe"),
    ("settings.profile", "Settings"),
    ("settings.account", "Account"),
)


def current_workspace() -> Any:
    """The workspace, loaded once per request."""
    if "workspace" not in g:
        g.workspace = get_workspace()
    return g.workspace


def absolute_url(endpoint: str, **values: Any) -> str:
    """An address to give to others: on ``BASE_URL`` when set, else on the request's host."""
    base = current_app.config["BASE_URL"] or request.host_url.rstrip("/")
    return base + url_for(endpoint, **values)


def same_site_path(target: str | None, default: str) -> str:
    """``target`` if it is a path on this site (never another host), else ``default``."""
    if (
        target
        and target.startswith("/")
        and not target.startswith("//")
        and not urlsplit(target).netloc
    ):
        return target
    return default


def local(value: datetime, zone: str | None = None) -> datetime:
    """``value`` in the given zone, else the workspace's."""
    workspace = current_workspace()
    name = zone or (workspace.timezone if workspace else "UTC")
    return value.astimezone(resolve_timezone(name))


def score_band(score: int) -> str:
    """The colour band of a headline score: high (70+), mid (45+), low (as in ideas.js)."""
    return "high" if score >= 70 else "mid" if score >= 45 else "low"


def register(app: Flask) -> None:
    """Install the filters and globals on ``app``."""
    app.jinja_env.filters["local"] = local
    app.jinja_env.filters["score_band"] = score_band
    app.jinja_env.filters["activity_label"] = lambda key: ACTIVITY_LABELS.get(key, key)
    app.jinja_env.globals["navigation"] = NAVIGATION
    app.jinja_env.globals["activity_labels"] = ACTIVITY_LABELS
    app.jinja_env.globals["link_for"] = link_for
    app.jinja_env.globals["post_text"] = post_text

    @app.context_processor
    def inject() -> dict[str, Any]:
        return {"workspace": current_workspace() if current_user.is_authenticated else None}
