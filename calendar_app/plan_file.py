"""Read and check a JSON plan file (``editorial-calendar/plan-v1``), pure domain code.

The whole file is checked before anything is stored; the first problem is
reported as a :class:`PlanError` naming the field, such as
``channels[1].rules[0].rrule``. Fields this version does not know are
ignored, so newer files still import.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from idea_bank import IDEA_STATUSES, PURPOSES

from .cadence import (
    ACTIVITIES,
    Cadence,
    CadenceError,
    normalise_rrule,
    resolve_timezone,
    validate_cadence,
)
from .catalog import check_slug, default_medium
from .links import require_http_url
from .plan_reader import PlanError, Reader, parse_day, parse_time
from .routines import ROUTINES

PLAN_FORMAT = "editorial-calendar/plan-v1"
MAX_TEXT = {"name": 120, "industry": 120, "audience": 200, "headline": 200, "label": 120}


@dataclass
class RulePlan:
    """A cadence rule as the plan file gives it; ``starts_on`` None keeps the stored one."""

    activity: str
    time_of_day: time
    rrule: str | None
    per_week: int | None
    duration_minutes: int | None
    starts_on: date | None
    ends_on: date | None
    count: int | None
    enabled: bool
    routine_key: str | None
    label: str


@dataclass
class ChannelPlan:
    """A channel and its rules."""

    name: str
    slug: str
    utm_source: str
    utm_medium: str
    timezone: str | None
    paused: bool
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
    """A checked plan file."""

    workspace: dict[str, Any]
    channels: list[ChannelPlan]
    ideas: list[IdeaPlan]


def parse_plan(text: str | bytes) -> Plan:
    """Parse and check a plan file; raise :class:`PlanError` on the first problem."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise PlanError("(file)", f"is not valid JSON ({exc}).") from None
    root = Reader(data, "")
    if data.get("format") != PLAN_FORMAT:
        raise PlanError("format", f"must be {PLAN_FORMAT!r}.")
    workspace = _parse_workspace(Reader(data.get("workspace"), "workspace"))
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
    timezone = r.text("timezone", default="UTC", max_len=64)
    try:
        resolve_timezone(timezone)
    except CadenceError as exc:
        raise PlanError(r.where("timezone"), exc.message) from None
    site_url = r.text("site_url", max_len=2000)
    if site_url:
        try:
            require_http_url(site_url)
        except ValueError as exc:
            raise PlanError(r.where("site_url"), str(exc)) from None
    blackout = [
        parse_day(v, f"{r.where('blackout_dates')}[{i}]").isoformat()
        for i, v in enumerate(r.items("blackout_dates"))
    ]
    return {
        "name": r.text("name", required=True, max_len=MAX_TEXT["name"]),
        "mission": r.text("mission", max_len=140),
        "industry": r.text("industry", max_len=MAX_TEXT["industry"]),
        "audience": r.text("audience", max_len=MAX_TEXT["audience"]),
        "topics": r.strings("topics"),
        "products": r.strings("products"),
        "site_url": site_url,
        "timezone": timezone,
        "goal": r.text("goal", max_len=40),
        "goal_target": r.integer("goal_target", 0, 10**9),
        "hours_per_week": r.number("hours_per_week", 0, 168, 0),
        "blackout_dates": sorted(set(blackout)),
    }


def _parse_channel(r: Reader) -> ChannelPlan:
    slug = r.text("slug", required=True, max_len=60)
    try:
        check_slug(slug)
    except ValueError as exc:
        raise PlanError(r.where("slug"), str(exc)) from None
    timezone = r.text("timezone", max_len=64) or None
    if timezone:
        try:
            resolve_timezone(timezone)
        except CadenceError as exc:
            raise PlanError(r.where("timezone"), exc.message) from None
    return ChannelPlan(
        name=r.text("name", required=True, max_len=80),
        slug=slug,
        utm_source=r.text("utm_source", max_len=100) or slug,
        utm_medium=r.text("utm_medium", max_len=100) or default_medium(slug),
        timezone=timezone,
        paused=r.flag("paused", False),
        rules=[
            _parse_rule(Reader(raw, f"{r.where('rules')}[{i}]"))
            for i, raw in enumerate(r.items("rules"))
        ],
    )


def _parse_rule(r: Reader) -> RulePlan:
    activity = r.choice("activity", ACTIVITIES, None)
    if activity is None:
        raise PlanError(r.where("activity"), "is required.")
    if not r.has("time"):
        raise PlanError(r.where("time"), "is required.")
    routine_key = r.choice("routine", tuple(ROUTINES), None)
    rule = RulePlan(
        activity=activity,
        time_of_day=parse_time(r.data["time"], r.where("time")),
        rrule=None,
        per_week=r.integer("per_week", 1, 5),
        duration_minutes=r.integer("duration_minutes", 1, 720),
        starts_on=r.day("starts_on"),
        ends_on=r.day("ends_on"),
        count=r.integer("count", 1, 10_000),
        enabled=r.flag("enabled", True),
        routine_key=routine_key,
        label=r.text("label", max_len=MAX_TEXT["label"]),
    )
    if r.has("rrule") == (rule.per_week is not None):
        raise PlanError(r.where("rrule"), "give either rrule or per_week.")
    if r.has("rrule"):
        try:
            rule.rrule = normalise_rrule(r.text("rrule", max_len=500))
        except CadenceError as exc:
            raise PlanError(r.where("rrule"), exc.message) from None
    try:
        validate_cadence(rule_cadence(rule, rule.starts_on or date(2026, 1, 5)))
    except CadenceError as exc:
        raise PlanError(r.where(exc.field.replace("time_of_day", "time")), exc.message) from None
    return rule


def rule_cadence(rule: RulePlan, starts_on: date) -> Cadence:
    """The domain cadence of a rule from a plan file."""
    return Cadence(
        activity=rule.activity,
        time_of_day=rule.time_of_day,
        starts_on=rule.starts_on or starts_on,
        rrule=rule.rrule,
        per_week=rule.per_week,
        ends_on=rule.ends_on,
        count=rule.count,
        duration_minutes=rule.duration_minutes,
    )


def _parse_idea(r: Reader) -> IdeaPlan:
    target_url = r.text("target_url", max_len=2000)
    if target_url:
        try:
            require_http_url(target_url)
        except ValueError as exc:
            raise PlanError(r.where("target_url"), str(exc)) from None
    return IdeaPlan(
        headline=r.text("headline", required=True, max_len=MAX_TEXT["headline"]),
        template_key=r.text("template", max_len=40) or None,
        purpose=r.choice("purpose", PURPOSES, None),
        status=r.choice("status", IDEA_STATUSES, "backlog") or "backlog",
        notes=r.text("notes", max_len=5000, multiline=True),
        target_url=target_url,
        campaign=r.text("campaign", max_len=100),
    )
