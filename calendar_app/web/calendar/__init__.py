"""The Calendar page: month and week grids, a channel filter, drag-and-drop rescheduling."""

from flask import Blueprint

bp = Blueprint("calendar", __name__)

from . import views  # noqa: E402,F401
