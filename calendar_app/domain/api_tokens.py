"""Personal API tokens: what a token may do and how long it lives. Pure.

A token is a secret shown once; the database keeps only its digest
(:mod:`.tokens`). Its scope says whether it reads only or also writes; a
token never does more than its person's role allows (a viewer's token reads,
whatever its scope).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from .errors import FieldError
from .shares import is_live
from .text import label_problem
from .workflow import may_write

SCOPES = ("read", "write")
SCOPE_LABELS = {"read": "Read only", "write": "Read and write"}
MAX_LABEL = 120
# A token may run for two years at most; none given: until revoked.
MAX_LIFETIME_DAYS = 730
# Every secret starts with this, so a leaked one is easy to recognise in logs and repositories.
PREFIX = "cal_"


class TokenError(FieldError):
    """A token that cannot be made as asked; ``field`` names the form field."""


def check_label(label: str) -> str:
    """The label without surrounding spaces: required, one line, at most 120 characters."""
    label = label.strip()
    if problem := label_problem(
        label, "Give the token a label, such as the script that uses it.", MAX_LABEL
    ):
        raise TokenError("label", problem)
    return label


def check_scope(scope: str) -> str:
    """``read`` or ``write``; anything else is refused."""
    if scope not in SCOPES:
        raise TokenError("scope", "Choose read or write.")
    return scope


def expiry(days: int | None, now: datetime) -> datetime | None:
    """When a token made at ``now`` to live ``days`` days stops (None: no end)."""
    if days is None:
        return None
    if not 1 <= days <= MAX_LIFETIME_DAYS:
        raise TokenError("days", f"A token lives from 1 to {MAX_LIFETIME_DAYS} days.")
    return now + timedelta(days=days)


def token_is_live(revoked_at: datetime | None, expires_at: datetime | None, now: datetime) -> bool:
    """Whether a token still opens the API: not revoked and not expired."""
    return is_live(revoked_at, expires_at, now)


def token_may_write(scope: str, role: str) -> bool:
    """A write token of someone whose role writes; a read token or a viewer's only reads."""
    return scope == "write" and may_write(role)
