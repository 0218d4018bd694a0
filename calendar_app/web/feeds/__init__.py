"""The subscribable calendar feeds and the Subscribe page."""

from flask import Blueprint

bp = Blueprint("feeds", __name__)

from . import views  # noqa: E402,F401
