"""The schedule: the "This week" agenda, item changes and evergreen recycling."""

from flask import Blueprint

bp = Blueprint("schedule", __name__)

from . import media, recycling, routines, views  # noqa: E402,F401
