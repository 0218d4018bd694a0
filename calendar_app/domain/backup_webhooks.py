"""What a restored webhook subscription must satisfy: the same rules as the form (pure
domain code). Whether its address resolves inside the network is not checked here (a
restore reads no network); it is checked again before every delivery."""

from __future__ import annotations

from typing import Any

from .text import single_line_problem
from .webhooks import (
    EVENTS,
    MAX_DESCRIPTION,
    SECRET_BYTES,
    WebhookError,
    check_events,
    secret_bytes,
    url_parts,
)


def webhook_subscription_problems(row: dict[str, Any]) -> dict[str, str]:
    """An http(s) address without credentials, known events, a ``whsec_`` secret of at
    least 24 bytes, and a one-line description and pause reason."""
    problems: dict[str, str] = {}
    try:
        url_parts(row.get("url") or "")
    except WebhookError as exc:
        problems["url"] = exc.message
    events = str(row.get("events") or "").split()
    try:
        if check_events(events) != events:
            problems["events"] = f"must be known events in this order: {', '.join(EVENTS)}."
    except WebhookError:
        problems["events"] = f"must be one or more of {', '.join(EVENTS)}."
    try:
        if len(secret_bytes(str(row.get("secret") or ""))) < SECRET_BYTES:
            problems["secret"] = f"must hold at least {SECRET_BYTES} bytes."
    except ValueError as exc:
        problems["secret"] = str(exc)
    for key in ("description", "paused_reason"):
        text = row.get(key) or ""
        if problem := single_line_problem(text):
            problems[key] = problem
        elif key == "description" and len(text) > MAX_DESCRIPTION:
            problems[key] = f"must be at most {MAX_DESCRIPTION} characters."
    return problems
