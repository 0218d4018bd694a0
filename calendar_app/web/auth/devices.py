"""Trusted devices: a signed cookie that a browser gets when it logs in to an account.

It lets that browser keep an allowance of wrong passwords of its own, so that a
stranger guessing the account's password cannot lock its owner out (OWASP's
"device cookies"). The cookie names the account and a random device id, signed
with the app's secret key; anything else in it counts as no cookie at all.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from flask import current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug.wrappers import Response

DEVICE_COOKIE = "device"
DEVICE_LIFETIME = timedelta(days=365)


def _signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="trusted-device")


def trusted_device(email: str) -> str | None:
    """The id of this browser's device if it logged in to ``email``'s account before."""
    cookie = request.cookies.get(DEVICE_COOKIE)
    if not cookie:
        return None
    try:
        data = _signer().loads(cookie, max_age=int(DEVICE_LIFETIME.total_seconds()))
    except BadSignature:
        return None
    if not isinstance(data, dict) or data.get("e") != email.strip().lower():
        return None
    device = data.get("d")
    return device if isinstance(device, str) and len(device) == 32 else None


def remember_device(response: Response, email: str, device: str | None) -> Response:
    """Give the browser (again) its device cookie for ``email``'s account."""
    value = _signer().dumps({"e": email, "d": device or secrets.token_hex(16)})
    response.set_cookie(
        DEVICE_COOKIE,
        value,
        max_age=int(DEVICE_LIFETIME.total_seconds()),
        httponly=True,
        samesite="Lax",
        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
    )
    return response
