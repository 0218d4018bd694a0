"""Campaigns: a named push (a launch, a sale, a season) whose posts share one ``utm_campaign``.

Pure domain code: what a campaign's values must be, and the colours it may take. The
token is what every post of the campaign carries as ``utm_campaign``; results that come
back with it are the campaign's. Once a post of the campaign has gone out, its link is in
the world, so the token no longer changes (see :func:`check_token_change`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .errors import FieldError
from .text import single_line_problem
from .tracking import normalise_utm

MAX_NAME = 80
MAX_GOAL = 200
# The colours a campaign can take: readable as a border on white and as text on white
# (contrast ≥ 4.5:1), and different from each other. Stored as the hex value.
PALETTE: dict[str, str] = {
    "#1f5fbf": "Blue",
    "#b8860b": "Ochre",
    "#1d6b3a": "Green",
    "#a1161b": "Red",
    "#6a3fb5": "Purple",
    "#0b7a8a": "Teal",
    "#9a3b00": "Rust",
    "#4a5568": "Slate",
}


class CampaignError(FieldError):
    """A campaign value that cannot be accepted; ``field`` names it."""


@dataclass(frozen=True)
class CampaignValues:
    """A campaign's values, checked."""

    name: str
    token: str
    starts_on: date | None
    ends_on: date | None
    goal: str
    colour: str


def colour_class(colour: str) -> str:
    """The CSS class that paints a campaign's colour (the pages allow no inline styles)."""
    colours = list(PALETTE)
    return f"camp-{colours.index(colour) if colour in PALETTE else len(colours) - 1}"


def next_colour(used: list[str]) -> str:
    """The first palette colour no campaign has yet (the least used once all are taken)."""
    return min(PALETTE, key=lambda colour: (used.count(colour), list(PALETTE).index(colour)))


def token_for(text: str, field: str = "token") -> str:
    """The ``utm_campaign`` value of a name or typed token; CampaignError if none can be made."""
    try:
        token = normalise_utm(text, field)
    except ValueError as exc:
        raise CampaignError(field, str(exc)) from None
    return token


def _date(value: Any, field: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CampaignError(field, f"{text!r} is not a date like 2026-12-01.") from None


def check_campaign(values: dict[str, Any]) -> CampaignValues:
    """A campaign's values from a form, a plan file or the command line, checked.

    The token defaults to the name written as a tracking value (``Spring sale`` →
    ``spring-sale``); a typed token is written the same way.
    """
    name = " ".join(str(values.get("name") or "").split())
    if not name:
        raise CampaignError("name", "Give the campaign a name.")
    if len(name) > MAX_NAME:
        raise CampaignError("name", f"Keep the name to {MAX_NAME} characters.")
    problem = single_line_problem(name)
    if problem:
        raise CampaignError("name", f"The name {problem}")
    typed = str(values.get("token") or "").strip()
    token = token_for(typed or name, "token" if typed else "name")
    starts_on = _date(values.get("starts_on"), "starts_on")
    ends_on = _date(values.get("ends_on"), "ends_on")
    if starts_on and ends_on and ends_on < starts_on:
        raise CampaignError("ends_on", "The campaign cannot end before it starts.")
    goal = str(values.get("goal") or "").strip()
    problem = single_line_problem(goal)
    if problem:
        raise CampaignError("goal", f"The goal {problem}")
    if len(goal) > MAX_GOAL:
        raise CampaignError("goal", f"Keep the goal to {MAX_GOAL} characters.")
    colour = str(values.get("colour") or "").strip().lower()
    if colour not in PALETTE:
        raise CampaignError("colour", "Pick one of the colours offered.")
    return CampaignValues(name, token, starts_on, ends_on, goal, colour)


def check_token_change(old: str, new: str, posts_out: int) -> None:
    """A token may change only while none of the campaign's posts has gone out: the links
    already handed out carry the old one, and their results would no longer be found."""
    if old != new and posts_out:
        raise CampaignError(
            "token",
            f"{posts_out} post{'s' if posts_out != 1 else ''} of this campaign already went "
            f"out with utm_campaign={old}; the token stays. Start a new campaign instead.",
        )


def running_on(day: date, starts_on: date | None, ends_on: date | None) -> bool:
    """Whether a campaign runs on ``day`` (open-ended at either side when a date is unset)."""
    return (starts_on is None or starts_on <= day) and (ends_on is None or day <= ends_on)


@dataclass(frozen=True)
class FoundCampaign:
    """A campaign made from free-text values: its name, token, colour and channels."""

    name: str
    token: str
    colour: str
    channel_ids: frozenset[int]


def campaigns_from_text(uses: list[tuple[str, int | None]]) -> dict[str, FoundCampaign]:
    """Campaigns from the free-text values items and headlines had before campaigns were
    things, by token: ``uses`` holds each value with the channel it was used on (None: a
    headline in no slot). Values that write the same token (``Spring Sale``,
    ``spring-sale``) are one campaign, named as most uses wrote it (control characters,
    which a headline's value could hold, written as spaces: the name passes
    :func:`check_campaign`); a value with no token (only punctuation) makes none."""
    spellings: dict[str, dict[str, int]] = {}
    channels: dict[str, set[int]] = {}
    for value, channel_id in uses:
        try:
            token = normalise_utm(value)
        except ValueError:
            continue
        counts = spellings.setdefault(token, {})
        spaced = "".join(" " if single_line_problem(ch) else ch for ch in value)
        name = " ".join(spaced.split())[:MAX_NAME].rstrip()
        counts[name] = counts.get(name, 0) + (channel_id is not None)
        if channel_id is not None:
            channels.setdefault(token, set()).add(channel_id)
    colours = list(PALETTE)
    return {
        token: FoundCampaign(
            max(sorted(counts), key=lambda name: counts[name]),
            token,
            colours[n % len(colours)],
            frozenset(channels.get(token, ())),
        )
        for n, (token, counts) in enumerate(sorted(spellings.items()))
    }
