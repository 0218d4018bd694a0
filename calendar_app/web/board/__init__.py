"""The Board page: posts and videos in one column per status, moved by a form or by dragging."""

from flask import Blueprint

bp = Blueprint("board", __name__)

from . import views  # noqa: E402,F401
