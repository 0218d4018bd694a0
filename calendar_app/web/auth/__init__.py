"""Logging in, logging out and the first-run setup."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from . import unsubscribe, views  # noqa: E402,F401
