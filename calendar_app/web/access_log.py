"""The server's access log without secrets: feed and invitation tokens are masked.

A feed address is a password for the calendar; an access log kept for weeks must
not hand it to whoever reads the log. ``scripts/serve`` runs gunicorn with
``--logger-class calendar_app.web.access_log.MaskedLogger``.
"""

from __future__ import annotations

import re
from typing import Any

from gunicorn.glogging import Logger

# /feeds/<token>.ics, /feeds/<token>/<slug>.ics and /join/<token>
_SECRET_IN_PATH = re.compile(r"(/(?:feeds|join)/)[^/\s?#.]+")


def mask_secrets(text: str) -> str:
    """``text`` with every token in a feed or invitation address replaced by ``…``."""
    return _SECRET_IN_PATH.sub(r"\1…", text)


class MaskedLogger(Logger):
    """gunicorn's logger, masking secret addresses in every atom of the access log."""

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        """The log line's values, each with its secrets masked."""
        atoms = super().atoms(resp, req, environ, request_time)
        return {k: mask_secrets(v) if isinstance(v, str) else v for k, v in atoms.items()}
