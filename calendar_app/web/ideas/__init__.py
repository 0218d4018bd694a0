"""The Ideas page: brainstorm, score, filter and plan headlines."""

from flask import Blueprint

bp = Blueprint("ideas", __name__, url_prefix="/ideas")

from . import views  # noqa: E402,F401
