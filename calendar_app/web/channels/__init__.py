"""Channels, their cadence rules, the ready-made routines and the capacity overview."""

from flask import Blueprint

bp = Blueprint("channels", __name__, url_prefix="/channels")

from . import views  # noqa: E402,F401
