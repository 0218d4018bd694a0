"""What a restored channel network, post copy, copy version or hashtag set must satisfy:
the same rules as the forms (pure domain code). Each check gives the problems it finds
by field; :mod:`calendar_app.domain.backup_checks` names them with their place."""

from __future__ import annotations

from typing import Any

from .copy_text import MAX_LENGTHS, parse_tags
from .networks import check_network
from .text import clean_text, single_line_problem


def network_problems(row: dict[str, Any]) -> dict[str, str]:
    """A channel's network must be one of the list; its own limit a whole number in range."""
    try:
        key, limit = check_network(row.get("network") or "", row.get("own_limit"))
    except ValueError as exc:
        field = "own_limit" if "limit" in str(exc) else "network"
        return {field: str(exc)}
    if limit != row.get("own_limit"):
        return {"own_limit": f"only Mastodon and Other take their own limit, not {key!r}."}
    return {}


def copy_problems(row: dict[str, Any]) -> dict[str, str]:
    """A copy (current or earlier): a one-line title, and no part longer than stored or
    holding control characters the editor would have removed."""
    problems = {}
    for name, longest in MAX_LENGTHS.items():
        text = row.get(name) or ""
        if len(text) > longest:
            problems[name] = f"keep it to {longest:,} characters."
        elif name == "title" and single_line_problem(text):
            problems[name] = "must be a single line."
        elif clean_text(text) != text:
            problems[name] = "must not hold control characters."
    return problems


def hashtag_set_problems(row: dict[str, Any]) -> dict[str, str]:
    """A hashtag set: a one-line name of 1-60 characters and its tags as the form saves
    them (each with its "#", separated by single spaces, at most 30)."""
    problems = {}
    name = row.get("name") or ""
    if not name.strip() or len(name) > 60 or single_line_problem(name):
        problems["name"] = "must be one line of 1 to 60 characters."
    tags = row.get("tags") or ""
    try:
        saved = " ".join(parse_tags(tags.replace(" ", ",")))
    except ValueError as exc:
        problems["tags"] = str(exc)
    else:
        if saved != tags:
            problems["tags"] = f"write the tags as {saved!r}."
    return problems
