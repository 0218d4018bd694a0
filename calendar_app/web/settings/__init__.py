"""Settings (the workspace profile) and the Account page."""

from flask import Blueprint

bp = Blueprint("settings", __name__)

from . import activity, files, shares, tokens, views, webhooks  # noqa: E402,F401
