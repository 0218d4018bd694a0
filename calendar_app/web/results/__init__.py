"""The Results page: analytics exports imported and summed per channel and month."""

from flask import Blueprint

bp = Blueprint("results", __name__, url_prefix="/results")

from . import metrics, top, views  # noqa: E402,F401
