"""The public, read-only page a share link opens."""

from flask import Blueprint

bp = Blueprint("share", __name__)

from . import reviews, views  # noqa: E402,F401
