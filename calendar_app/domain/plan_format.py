"""Read and check a JSON plan file (``editorial-calendar/plan-v1``), pure domain code.

The whole file is checked before anything is stored; the first problem is
reported as a :class:`PlanError` naming the field, such as
``channels[1].rules[0].rrule``. A field this format does not have is an
error (a misspelt ``until`` would otherwise make a never-ending rule). A field
the file leaves out keeps its stored value: a plan can change one thing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from idea_bank import IDEA_STATUSES, PURPOSES

from .activities import ACTIVITIES
from .cadence import Cadence, CadenceError, normalise_rrule, resolve_timezone, validate_cadence
from .channel_kinds import check_slug, default_medium
from .json_reader import PlanError, Reader, parse_day, parse_time
from .routines import ROUTINES
from .tracking import normalise_utm, require_http_url

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


@dataclass
class IdeaPlan:
    """A headline for the idea bank."""

    headline: str
    template_key: str | None
    purpose: str | None
    status: str
    notes: str
    target_url: str
    campaign: str


@dataclass
class Plan:
    """A checked plan file; ``workspace`` holds only the fields the file mentions."""

    workspace: dict[str, Any]
    channels: list[ChannelPlan]
    ideas: list[IdeaPlan]


TOP_FIELDS = ("format", "workspace", "channels", "ideas")
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
)
CHANNEL_FIELDS = ("name", "slug", "utm_source", "utm_medium", "timezone", "paused", "rules")
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


def parse_plan(text: str | bytes) -> Plan:
    """Parse and check a plan file; raise :class:`PlanError` on the first problem."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise PlanError("(file)", f"is not valid JSON ({exc}).") from None
    root = Reader(data, "")
    if data.get("format") != PLAN_FORMAT:
        raise PlanError("format", f"must be {PLAN_FORMAT!r}.")
    root.only(TOP_FIELDS)
    workspace = {}
    if data.get("workspace") is not None:
        workspace = _parse_workspace(Reader(data["workspace"], "workspace"))
    channels = [
        _parse_channel(Reader(raw, f"channels[{i}]"))
        for i, raw in enumerate(root.items("channels"))
    ]
    seen: set[str] = set()
    for i, channel in enumerate(channels):
        if channel.slug in seen:
            raise PlanError(f"channels[{i}].slug", f"{channel.slug!r} is used twice.")
        seen.add(channel.slug)
    ideas = [_parse_idea(Reader(raw, f"ideas[{i}]")) for i, raw in enumerate(root.items("ideas"))]
    return Plan(workspace, channels, ideas)


def _parse_workspace(r: Reader) -> dict[str, Any]:
    r.only(WORKSPACE_FIELDS, ALIASES)
    fields = {
        "name": lambda: r.text("name", required=True, max_len=MAX_TEXT["name"]),
        "mission": lambda: r.text("mission", max_len=140),
        "industry": lambda: r.text("industry", max_len=MAX_TEXT["industry"]),
        "audience": lambda: r.text("audience", max_len=MAX_TEXT["audience"]),
        "topics": lambda: r.strings("topics"),
        "products": lambda: r.strings("products"),
        "site_url": lambda: _http_url(r, "site_url"),
        "timezone": lambda: _timezone(r, "timezone") or "UTC",
        "goal": lambda: r.text("goal", max_len=40),
        "goal_target": lambda: r.integer("goal_target", 0, 10**9),
        "hours_per_week": lambda: r.number("hours_per_week", 0, 168, 0),
        "blackout_dates": lambda: sorted(
            {
                parse_day(v, f"{r.where('blackout_dates')}[{i}]").isoformat()
                for i, v in enumerate(r.items("blackout_dates"))
            }
        ),
    }
    return {key: read() for key, read in fields.items() if r.given(key)}


def _http_url(r: Reader, key: str) -> str:
    url = r.text(key, max_len=2000)
    if url:
        try:
            require_http_url(url)
        except ValueError as exc:
            raise PlanError(r.where(key), str(exc)) from None
    return url


def _timezone(r: Reader, key: str) -> str | None:
    name = r.text(key, max_len=64) or None
    if name:
        try:
            resolve_timezone(name)
        except CadenceError as exc:
            raise PlanError(r.where(key), exc.message) from None
    return name


def _tracking_value(r: Reader, key: str, default: str) -> str:
    try:
        return normalise_utm(r.text(key, max_len=100) or default, key)
    except ValueError as exc:
        raise PlanError(r.where(key), str(exc)) from None


def _parse_channel(r: Reader) -> ChannelPlan:
    r.only(CHANNEL_FIELDS, ALIASES)
    slug = r.text("slug", required=True, max_len=60)
    try:
        check_slug(slug)
    except ValueError as exc:
        raise PlanError(r.where("slug"), str(exc)) from None
    fields = {
        "name": lambda: r.text("name", required=True, max_len=80),
        "utm_source": lambda: _tracking_value(r, "utm_source", slug),
        "utm_medium": lambda: _tracking_value(r, "utm_medium", default_medium(slug)),
        "timezone": lambda: _timezone(r, "timezone"),
        "paused": lambda: r.flag("paused", False),
    }
    present = {key: read() for key, read in fields.items() if r.given(key)}
    if "name" not in present:
        raise PlanError(r.where("name"), "is required.")
    return ChannelPlan(
        slug=slug,
        fields=present,
        rules=[
            _parse_rule(Reader(raw, f"{r.where('rules')}[{i}]"))
            for i, raw in enumerate(r.items("rules"))
        ],
    )


def _parse_rule(r: Reader) -> RulePlan:
    r.only(RULE_FIELDS, ALIASES)
    activity = r.choice("activity", ACTIVITIES, None)
    if activity is None:
        raise PlanError(r.where("activity"), "is required.")
    if not r.has("time"):
        raise PlanError(r.where("time"), "is required.")
    per_week = r.integer("per_week", 1, 5)
    if r.has("rrule") == (per_week is not None):
        raise PlanError(r.where("rrule"), "give either rrule or per_week.")
    rrule = None
    if r.has("rrule"):
        try:
            rrule = normalise_rrule(r.text("rrule", max_len=500))
        except CadenceError as exc:
            raise PlanError(r.where("rrule"), exc.message) from None
    settings = {
        "duration_minutes": lambda: r.integer("duration_minutes", 1, 720),
        "starts_on": lambda: r.day("starts_on"),
        "ends_on": lambda: r.day("ends_on"),
        "count": lambda: r.integer("count", 1, 10_000),
        "enabled": lambda: r.flag("enabled", True),
        "label": lambda: r.text("label", max_len=MAX_TEXT["label"]),
    }
    rule = RulePlan(
        activity=activity,
        time_of_day=parse_time(r.data["time"], r.where("time")),
        rrule=rrule,
        per_week=per_week,
        routine_key=r.choice("routine", tuple(ROUTINES), None),
        settings={key: read() for key, read in settings.items() if r.given(key)},
    )
    if rule.settings.get("starts_on") is None:
        rule.settings.pop("starts_on", None)  # null or absent: the stored start, or today
    try:
        if "starts_on" in rule.settings:
            validate_cadence(rule_cadence(rule, {}))
        else:
            # The start is the stored one or the import's day: the end is checked then.
            validate_cadence(rule_cadence(rule, {"starts_on": date(2026, 1, 5), "ends_on": None}))
    except CadenceError as exc:
        raise PlanError(r.where(exc.field.replace("time_of_day", "time")), exc.message) from None
    return rule


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


def _parse_idea(r: Reader) -> IdeaPlan:
    r.only(IDEA_FIELDS, ALIASES)
    target_url = _http_url(r, "target_url")
    return IdeaPlan(
        headline=r.text("headline", required=True, max_len=MAX_TEXT["headline"]),
        template_key=r.text("template", max_len=40) or None,
        purpose=r.choice("purpose", PURPOSES, None),
        status=r.choice("status", IDEA_STATUSES, "backlog") or "backlog",
        notes=r.text("notes", max_len=5000, multiline=True),
        target_url=target_url,
        campaign=r.text("campaign", max_len=100),
    )
