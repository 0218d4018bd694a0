"""The schedule: the "This week" agenda and item status changes."""

from flask import Blueprint

bp = Blueprint("schedule", __name__)

from . import views  # noqa: E402,F401
