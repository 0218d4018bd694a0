"""The one place the app reads the time.

Everything that needs "now" asks :func:`now`. An app whose configuration sets
``CLOCK`` to a callable returning an aware datetime uses that instead of the
system clock, so tests (and demos) can pin the date.
"""

from __future__ import annotations

from datetime import UTC, datetime

from flask import current_app, has_app_context


def now() -> datetime:
    """The current instant, aware, in UTC."""
    if has_app_context():
        clock = current_app.config.get("CLOCK")
        if clock is not None:
            return clock().astimezone(UTC)
    return datetime.now(UTC)
