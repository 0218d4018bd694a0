"""Comment threads: writing, editing, deleting and resolving comments on items and ideas."""

from flask import Blueprint

bp = Blueprint("comments", __name__)

from . import views  # noqa: E402,F401
