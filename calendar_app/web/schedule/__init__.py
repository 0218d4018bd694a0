"""The schedule: the "This week" agenda, item changes, assignees, My work and recycling."""

from flask import Blueprint

bp = Blueprint("schedule", __name__)

from . import bulk, copy, media, owners, recycling, routines, views  # noqa: E402,F401
