"""The Campaigns page: campaigns with their token, dates, goal, colour, channels and spend."""

from flask import Blueprint

bp = Blueprint("campaigns", __name__, url_prefix="/campaigns")

from . import views  # noqa: E402,F401
