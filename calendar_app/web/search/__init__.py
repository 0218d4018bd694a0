"""Search: items, ideas and campaigns containing the words typed."""

from flask import Blueprint

bp = Blueprint("search", __name__, url_prefix="/search")

from . import views  # noqa: E402,F401
