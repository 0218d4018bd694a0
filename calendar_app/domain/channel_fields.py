"""A channel's fields as a form sends them, checked and filled in (pure domain code)."""

from __future__ import annotations

from typing import Any

from .cadence import CadenceError, resolve_timezone
from .channel_kinds import check_colour, check_slug, default_medium, slug_from_name
from .errors import FieldError
from .networks import NETWORKS, check_network, guess_network
from .reminders import check_response_hours
from .text import single_line_problem
from .tracking import normalise_utm

MAX_NAME = 80


class ChannelError(FieldError):
    """A change that cannot be made; ``field`` names the form field at fault."""


def channel_name(text: str) -> str:
    """A channel's name, checked: given, on one line, at most 80 characters."""
    name = text.strip()
    if not name:
        raise ChannelError("name", "Give the channel a name.")
    if len(name) > MAX_NAME:
        raise ChannelError("name", f"Keep the name to {MAX_NAME} characters.")
    problem = single_line_problem(name)
    if problem:
        raise ChannelError("name", f"The name {problem}")
    return name


def channel_fields(values: dict[str, Any]) -> dict[str, Any]:
    """A channel's stored fields from form values, checked; ChannelError names the field.

    A slug left empty is made of the name. Tracking values default to the slug
    (``utm_source``) and the channel kind's medium (``utm_medium``), and are normalised
    the one documented way. A colour, when given, must be the palette's. A network left
    out is guessed from the slug; its own limit is kept where the network takes one. A
    response-time standard, when the values carry one, is whole hours (empty: none).
    """
    title = channel_name(values.get("name") or "")
    slug = (values.get("slug") or "").strip() or slug_from_name(title)
    try:
        check_slug(slug)
    except ValueError as exc:
        raise ChannelError("slug", str(exc)) from None
    chosen = _chosen(values)
    timezone = values.get("timezone") or None
    if timezone:
        try:
            resolve_timezone(timezone)
        except CadenceError as exc:
            raise ChannelError("timezone", exc.message) from None
    tracking = {}
    for name, default in (("utm_source", slug), ("utm_medium", default_medium(slug))):
        try:
            tracking[name] = normalise_utm((values.get(name) or "").strip() or default, name)
        except ValueError as exc:
            raise ChannelError(name, str(exc)) from None
    network = values.get("network") or guess_network(slug)
    try:
        network, own_limit = check_network(network, values.get("own_limit"))
    except ValueError as exc:
        raise ChannelError(
            "network" if network not in NETWORKS else "own_limit", str(exc)
        ) from None
    return {
        "name": title,
        "slug": slug,
        "timezone": timezone,
        "network": network,
        "own_limit": own_limit,
        **tracking,
        **chosen,
    }


def _chosen(values: dict[str, Any]) -> dict[str, Any]:
    """The colour and the response-time standard, each only when the values carry it."""
    chosen = {}
    checks = (("colour", check_colour), ("response_hours", check_response_hours))
    for name, check in checks:
        if name not in values or (name == "colour" and not values[name]):
            continue
        try:
            chosen[name] = check(values[name])
        except ValueError as exc:
            raise ChannelError(name, str(exc)) from None
    return chosen
