"""First run: the demo or an empty calendar, then a short guided set-up (owner only)."""

from flask import Blueprint

bp = Blueprint("welcome", __name__, url_prefix="/welcome")

from . import views  # noqa: E402,F401
