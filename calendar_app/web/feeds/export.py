"""``FEED_EXPORT_DIR``: after every change, the feed files on disk are brought up to date.

The export runs once the answer has gone to the browser (nobody waits for it), after a
request or command whose unit of work changed a feed or someone's feed addresses (a
failed login, a logged time or a new headline in the bank export nothing).
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, Response

from calendar_app.services.feed_export import ExportReport, export_feeds
from calendar_app.services.feed_store import BodyStore
from calendar_app.services.transaction import feeds_changed_since_asked

from .polls import feed_window


def export_now(app: Flask) -> ExportReport | None:
    """Write the changed feeds to ``FEED_EXPORT_DIR`` (None when it is not set)."""
    folder = app.config.get("FEED_EXPORT_DIR")
    if not folder:
        return None
    with app.app_context():
        store = BodyStore(Path(app.config["FEED_CACHE_DIR"]))
        return export_feeds(Path(folder), feed_window(app), store, str(app.config["SECRET_KEY"]))


def export_after_a_change(app: Flask) -> None:
    """Export if this app context's session changed a feed (commands call it)."""
    if feeds_changed_since_asked() and app.config.get("FEED_EXPORT_DIR"):
        export_now(app)


def register_feed_export(app: Flask) -> None:
    """After a request that changed something, export once its answer is sent."""

    @app.after_request
    def export_once_answered(response: Response) -> Response:
        if feeds_changed_since_asked() and app.config.get("FEED_EXPORT_DIR"):
            response.call_on_close(lambda: _export_quietly(app))
        return response


def _export_quietly(app: Flask) -> None:
    """An export that fails is logged; the change itself is saved and the app serves feeds."""
    try:
        export_now(app)
    except Exception:
        app.logger.exception("Writing the feeds to FEED_EXPORT_DIR failed")
