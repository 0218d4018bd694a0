"""The Links page: ad-hoc tracked links and their history."""

from flask import Blueprint

bp = Blueprint("links", __name__, url_prefix="/links")

from . import views  # noqa: E402,F401
