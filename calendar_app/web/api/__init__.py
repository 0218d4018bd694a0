"""The JSON API under /api/v1 (Bearer tokens), its OpenAPI document and its docs page."""

from flask_smorest import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api", description="The editorial calendar's JSON API.")

from . import (  # noqa: E402,F401
    campaigns,
    channels,
    feeds,
    ideas,
    item_copy,
    items,
    links,
    reads,
    results,
    rules,
    time_log,
    views,
)
