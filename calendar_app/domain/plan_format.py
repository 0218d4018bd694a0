"""The JSON plan file (``editorial-calendar/plan-v1``): its fields and what a read file holds.

:mod:`.plan_parser` reads a file into these values, checking all of it first.
A field the file leaves out keeps its stored value: a plan can change one thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time
from typing import Any

from .cadence import Cadence
from .campaigns import CampaignValues

PLAN_FORMAT = "editorial-calendar/plan-v1"
MAX_TEXT = {"name": 120, "industry": 120, "audience": 200, "headline": 200, "label": 120}


@dataclass
class RulePlan:
    """A cadence rule as the plan file gives it.

    The fields that identify a rule are always given; ``settings`` holds only
    the other fields the file mentions, so a rule already stored keeps the rest.
    """

    activity: str
    time_of_day: time
    rrule: str | None
    per_week: int | None
    routine_key: str | None
    settings: dict[str, Any] = field(default_factory=dict)


@dataclass
class ChannelPlan:
    """A channel, the fields the file mentions, and its rules."""

    slug: str
    fields: dict[str, Any]
    rules: list[RulePlan] = field(default_factory=list)
    # Its hashtag sets by name (None: the file does not mention any).
    hashtag_sets: dict[str, tuple[str, ...]] | None = None
    # Its owner's e-mail address ("": nobody; None: the file does not say).
    owner: str | None = None


@dataclass
class IdeaPlan:
    """A headline for the idea bank."""

    headline: str
    template_key: str | None
    purpose: str | None
    status: str
    notes: str
    target_url: str
    campaign: str  # a campaign's token or name; "" none


@dataclass
class CampaignPlan:
    """A campaign; its token identifies it. ``colour`` None: one is chosen on import;
    ``channels`` empty: it runs on every channel."""

    values: CampaignValues
    colour_given: bool
    channels: list[str]


@dataclass
class Plan:
    """A checked plan file; ``workspace`` holds only the fields the file mentions."""

    workspace: dict[str, Any]
    channels: list[ChannelPlan]
    ideas: list[IdeaPlan]
    campaigns: list[CampaignPlan] = field(default_factory=list)


TOP_FIELDS = ("format", "workspace", "channels", "campaigns", "ideas")
WORKSPACE_FIELDS = (
    "name",
    "mission",
    "industry",
    "audience",
    "topics",
    "products",
    "site_url",
    "timezone",
    "goal",
    "goal_target",
    "hours_per_week",
    "blackout_dates",
    "fiscal_year_start",
)
CHANNEL_FIELDS = (
    "name",
    "slug",
    "utm_source",
    "utm_medium",
    "timezone",
    "paused",
    "colour",
    "network",
    "own_limit",
    "owner",
    "hashtag_sets",
    "requires_approval",
    "response_hours",
    "rules",
)
RULE_FIELDS = (
    "activity",
    "rrule",
    "per_week",
    "time",
    "duration_minutes",
    "starts_on",
    "ends_on",
    "count",
    "enabled",
    "routine",
    "label",
)
CAMPAIGN_FIELDS = ("name", "token", "starts_on", "ends_on", "goal", "colour", "channels")
IDEA_FIELDS = ("headline", "template", "purpose", "status", "notes", "target_url", "campaign")
ALIASES = {
    "until": "ends_on",
    "end": "ends_on",
    "start": "starts_on",
    "dtstart": "starts_on",
    "rule": "rrule",
    "duration": "duration_minutes",
    "time_of_day": "time",
    "tz": "timezone",
}
# What a new rule gets for the fields its entry leaves out.
RULE_DEFAULTS: dict[str, Any] = {
    "duration_minutes": None,
    "ends_on": None,
    "count": None,
    "enabled": True,
    "label": "",
}


def rule_cadence(rule: RulePlan, stored: dict[str, Any]) -> Cadence:
    """The domain cadence of a rule from a plan file.

    Fields come from the file, else from ``stored`` (the rule already in the
    database, or the import's start date), else from :data:`RULE_DEFAULTS`.
    """
    values = {**RULE_DEFAULTS, **stored, **rule.settings}
    return Cadence(
        activity=rule.activity,
        time_of_day=rule.time_of_day,
        starts_on=values["starts_on"],
        rrule=rule.rrule,
        per_week=rule.per_week,
        ends_on=values["ends_on"],
        count=values["count"],
        duration_minutes=values["duration_minutes"],
    )
