"""The inbox: mentions, review requests and asked-for changes, with a count in the header."""

from flask import Blueprint

bp = Blueprint("inbox", __name__, url_prefix="/inbox")

from . import views  # noqa: E402,F401
