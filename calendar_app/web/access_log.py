"""Logs without secrets: feed, invitation, share-link, reset and unsubscribe tokens are masked.

A feed address is a password for the calendar; a log kept for weeks must not hand
it to whoever reads it. ``scripts/serve`` runs gunicorn with
``--logger-class calendar_app.web.access_log.MaskedLogger`` (its access and error
logs), and the app's own logger ("Exception on /feeds/…") carries a
:class:`SecretsFilter`.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from gunicorn.glogging import Logger

# /feeds/<token>.ics, /feeds/<token>/<slug>.ics, /join/<token>, /share/<token>,
# /reset/<token> and /unsubscribe/<signed token> (whose signature follows a dot)
_SECRET_IN_PATH = re.compile(r"(/(?:feeds|join|share|reset)/)[^/\s?#.]+|(/unsubscribe/)[^/\s?#]+")
_TRACEBACKS = logging.Formatter()


def mask_secrets(text: str) -> str:
    """``text`` with every token in a feed or invitation address replaced by ``…``."""
    return _SECRET_IN_PATH.sub(lambda found: (found[1] or found[2]) + "…", text)


class SecretsFilter(logging.Filter):
    """Masks secret addresses in a log record's message."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the message and its traceback (a file's path names its feed) with their
        secrets masked; the record is always kept."""
        message = record.getMessage()
        masked = mask_secrets(message)
        if masked != message:
            record.msg, record.args = masked, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = _TRACEBACKS.formatException(record.exc_info)
        if record.exc_text:  # handlers print this text rather than format the exception
            record.exc_text = mask_secrets(record.exc_text)
        return True


class MaskedLogger(Logger):
    """gunicorn's logger, masking secret addresses in the access log and the error log."""

    def __init__(self, cfg: Any) -> None:
        super().__init__(cfg)
        self.error_log.addFilter(SecretsFilter())

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        """The log line's values, each with its secrets masked."""
        atoms = super().atoms(resp, req, environ, request_time)
        return {k: mask_secrets(v) if isinstance(v, str) else v for k, v in atoms.items()}
