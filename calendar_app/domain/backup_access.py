"""What a restored user's role, share link, API token or routine tick must satisfy: the
same rules as the forms (pure domain code). Each check gives the problems it finds by field;
:mod:`calendar_app.domain.backup_checks` names them with their place."""

from __future__ import annotations

import re
from typing import Any

from .api_tokens import SCOPES, TokenError
from .api_tokens import check_label as check_token_label
from .bounds import MAX_COUNT
from .routines import ROUTINES
from .shares import ShareError, check_label
from .workflow import ROLES

LONGEST_CHECKLIST = max(len(routine.checklist) for routine in ROUTINES.values())


def user_problems(row: dict[str, Any]) -> dict[str, str]:
    """A role from the list, and "owner" exactly for the owner."""
    if row.get("role") not in ROLES:
        return {"role": f"{row.get('role')!r} is not one of {', '.join(ROLES)}."}
    if (row["role"] == "owner") != bool(row.get("is_owner")):
        return {"role": "must be owner exactly when is_owner is true."}
    return {}


def share_link_problems(row: dict[str, Any]) -> dict[str, str]:
    """A label the form would take, and a digest, never the secret token itself."""
    problems = {}
    try:
        if check_label(row["label"]) != row["label"]:
            problems["label"] = "must not start or end with spaces."
    except ShareError as exc:
        problems["label"] = exc.message
    if not re.fullmatch(r"[0-9a-f]{64}", row["token_digest"]):
        problems["token_digest"] = "must be a SHA-256 digest (64 hex digits), not a token."
    return problems


def api_token_problems(row: dict[str, Any]) -> dict[str, str]:
    """A label and scope the token form would take, and a digest, never the secret itself."""
    problems = {}
    try:
        if check_token_label(row["label"]) != row["label"]:
            problems["label"] = "must not start or end with spaces."
    except TokenError as exc:
        problems["label"] = exc.message
    if row["scope"] not in SCOPES:
        problems["scope"] = f"{row['scope']!r} is not one of {', '.join(SCOPES)}."
    if not re.fullmatch(r"[0-9a-f]{64}", row["digest"]):
        problems["digest"] = "must be a SHA-256 digest (64 hex digits), not a token."
    return problems


def tick_problems(row: dict[str, Any]) -> dict[str, str]:
    """A step of the longest checklist, and a count in range."""
    problems = {}
    if not 0 <= row["step"] < LONGEST_CHECKLIST:
        problems["step"] = f"must be between 0 and {LONGEST_CHECKLIST - 1}."
    if row.get("number") is not None and not 0 <= row["number"] <= MAX_COUNT:
        problems["number"] = f"must be empty or between 0 and {MAX_COUNT:,}."
    return problems
