"""A bare Flask app that serves one file's bytes from memory, with an ETag: the yardstick
the feed benchmark compares our feed with (``gunicorn bench.bare_feed:app``)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from flask import Flask, Response, request

BODY = Path(os.environ["BARE_FEED_FILE"]).read_bytes()
ETAG = hashlib.sha256(BODY).hexdigest()[:32]

app = Flask(__name__)


@app.route("/feed.ics")
def feed() -> Response:
    """The same bytes every time; a 304 when the client has them."""
    response = Response(status=200, mimetype="text/calendar")
    response.set_etag(ETAG)
    if request.if_none_match.contains(ETAG):
        response.status_code = 304
        return response
    response.set_data(BODY)
    return response
