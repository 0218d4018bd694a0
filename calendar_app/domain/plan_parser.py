"""Read a JSON plan file into a :class:`~.plan_format.Plan`, reporting every problem at once.

The whole file is checked before anything is stored. Every problem is named by
its path (``workspace.timezone``, ``channels[0].rules[0].time``) and all of them
are raised together as one :class:`PlanError`, so a file is fixed in one go. A
field this format does not have is an error (a misspelt ``until`` would otherwise
make a never-ending rule). Pure domain code.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

from idea_bank import IDEA_STATUSES, PURPOSES

from .activities import ACTIVITIES
from .cadence import normalise_rrule, resolve_timezone, validate_cadence
from .campaigns import PALETTE, CampaignError, check_campaign
from .channel_kinds import check_colour, check_slug, default_medium
from .errors import CadenceError, Problems
from .json_reader import PlanError, Reader, parse_day, parse_time
from .plan_format import (
    ALIASES,
    CAMPAIGN_FIELDS,
    CHANNEL_FIELDS,
    IDEA_FIELDS,
    MAX_TEXT,
    PLAN_FORMAT,
    RULE_FIELDS,
    TOP_FIELDS,
    WORKSPACE_FIELDS,
    CampaignPlan,
    ChannelPlan,
    IdeaPlan,
    Plan,
    RulePlan,
    rule_cadence,
)
from .routines import ROUTINES
from .tracking import normalise_utm, require_http_url

# A day to check a rule against when the file gives no start (the import's day is used).
_ANY_START = date(2026, 1, 5)


def parse_plan(text: str | bytes) -> Plan:
    """Parse and check a plan file; raise :class:`PlanError` with every problem found."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise PlanError("(file)", f"is not valid JSON ({exc}).") from None
    root = Reader(data, "")
    problems = Problems(PlanError)
    with problems.check():
        if data.get("format") != PLAN_FORMAT:
            raise PlanError("format", f"must be {PLAN_FORMAT!r}.")
    with problems.check():
        root.only(TOP_FIELDS)
    workspace: dict[str, Any] = {}
    if data.get("workspace") is not None:
        with problems.check():
            workspace = _parse_workspace(Reader(data["workspace"], "workspace"), problems)
    channels = _each(problems, root, "channels", _parse_channel)
    _check_slugs_once(channels, problems)
    campaigns = _tokens_once(_each(problems, root, "campaigns", _parse_campaign), problems)
    ideas = _each(problems, root, "ideas", _parse_idea)
    problems.raise_if_any()
    return Plan(workspace, [c for _i, c in channels], [i for _n, i in ideas], campaigns)


def _each(
    problems: Problems[PlanError],
    root: Reader,
    key: str,
    parse: Callable[[Reader, Problems[PlanError]], Any],
) -> list[tuple[int, Any]]:
    """Each entry of a list, parsed, with its index; entries that fail are noted, not kept."""
    parsed = []
    entries: list[Any] = []
    with problems.check():
        entries = root.items(key)
    for index, raw in enumerate(entries):
        with problems.check():
            parsed.append((index, parse(Reader(raw, f"{root.where(key)}[{index}]"), problems)))
    return parsed


def _check_slugs_once(
    channels: list[tuple[int, ChannelPlan]], problems: Problems[PlanError]
) -> None:
    seen: set[str] = set()
    for index, channel in channels:
        with problems.check():
            if channel.slug in seen:
                raise PlanError(f"channels[{index}].slug", f"{channel.slug!r} is used twice.")
        seen.add(channel.slug)


def _fields(
    problems: Problems[PlanError], reader: Reader, reads: dict[str, Callable[[], Any]]
) -> dict[str, Any]:
    """The fields the entry mentions, each read on its own so every bad one is noted."""
    values = {}
    for key, read in reads.items():
        if reader.given(key):
            with problems.check():
                values[key] = read()
    return values


def _parse_workspace(r: Reader, problems: Problems[PlanError]) -> dict[str, Any]:
    with problems.check():
        r.only(WORKSPACE_FIELDS, ALIASES)
    reads = {
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
        "blackout_dates": lambda: _blackout_dates(r),
    }
    return _fields(problems, r, reads)


def _blackout_dates(r: Reader) -> list[str]:
    return sorted(
        {
            parse_day(v, f"{r.where('blackout_dates')}[{i}]").isoformat()
            for i, v in enumerate(r.items("blackout_dates"))
        }
    )


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


def _colour(r: Reader) -> str:
    try:
        return check_colour(r.text("colour", max_len=7))
    except ValueError as exc:
        raise PlanError(r.where("colour"), str(exc)) from None


def _parse_channel(r: Reader, problems: Problems[PlanError]) -> ChannelPlan:
    with problems.check():
        r.only(CHANNEL_FIELDS, ALIASES)
    slug = ""
    with problems.check():
        slug = _slug(r)
    reads = {
        "name": lambda: r.text("name", required=True, max_len=80),
        "utm_source": lambda: _tracking_value(r, "utm_source", slug),
        "utm_medium": lambda: _tracking_value(r, "utm_medium", default_medium(slug)),
        "timezone": lambda: _timezone(r, "timezone"),
        "paused": lambda: r.flag("paused", False),
        "colour": lambda: _colour(r),
        "requires_approval": lambda: r.flag("requires_approval", False),
    }
    fields = _fields(problems, r, reads)
    with problems.check():
        if not r.given("name"):
            raise PlanError(r.where("name"), "is required.")
    rules = [rule for _index, rule in _each(problems, r, "rules", _parse_rule) if rule is not None]
    return ChannelPlan(slug=slug, fields=fields, rules=rules)


def _slug(r: Reader) -> str:
    slug = r.text("slug", required=True, max_len=60)
    try:
        return check_slug(slug)
    except ValueError as exc:
        raise PlanError(r.where("slug"), str(exc)) from None


def _parse_rule(r: Reader, problems: Problems[PlanError]) -> RulePlan | None:
    """The rule, or None when it has problems (all of them noted)."""
    before = len(problems.errors)
    with problems.check():
        r.only(RULE_FIELDS, ALIASES)
    activity = time_of_day = rrule = per_week = routine_key = None
    with problems.check():
        activity = r.choice("activity", ACTIVITIES, None)
        if activity is None:
            raise PlanError(r.where("activity"), "is required.")
    with problems.check():
        if not r.has("time"):
            raise PlanError(r.where("time"), "is required.")
        time_of_day = parse_time(r.data["time"], r.where("time"))
    with problems.check():
        per_week = r.integer("per_week", 1, 5)
    with problems.check():
        rrule = _recurrence(r)
    with problems.check():
        routine_key = r.choice("routine", tuple(ROUTINES), None)
    settings = _fields(problems, r, _rule_settings(r))
    if len(problems.errors) > before or activity is None or time_of_day is None:
        return None
    rule = RulePlan(activity, time_of_day, rrule, per_week, routine_key, settings)
    if rule.settings.get("starts_on") is None:
        rule.settings.pop("starts_on", None)  # null or absent: the stored start, or today
    with problems.check():
        _check_cadence(r, rule)
    return rule


def _recurrence(r: Reader) -> str | None:
    """The rule's RRULE, normalised; exactly one of ``rrule`` and ``per_week`` is given."""
    if r.has("rrule") == r.has("per_week"):
        raise PlanError(r.where("rrule"), "give either rrule or per_week.")
    if not r.has("rrule"):
        return None
    try:
        return normalise_rrule(r.text("rrule", max_len=500))
    except CadenceError as exc:
        raise PlanError(r.where("rrule"), exc.message) from None


def _rule_settings(r: Reader) -> dict[str, Callable[[], Any]]:
    return {
        "duration_minutes": lambda: r.integer("duration_minutes", 1, 720),
        "starts_on": lambda: r.day("starts_on"),
        "ends_on": lambda: r.day("ends_on"),
        "count": lambda: r.integer("count", 1, 10_000),
        "enabled": lambda: r.flag("enabled", True),
        "label": lambda: r.text("label", max_len=MAX_TEXT["label"]),
    }


def _check_cadence(r: Reader, rule: RulePlan) -> None:
    """The rule as a whole can be planned (without a start, the end is checked on import)."""
    stored = {} if "starts_on" in rule.settings else {"starts_on": _ANY_START, "ends_on": None}
    try:
        validate_cadence(rule_cadence(rule, stored))
    except CadenceError as exc:
        raise PlanError(r.where(exc.field.replace("time_of_day", "time")), exc.message) from None


def _parse_campaign(r: Reader, _problems: Problems[PlanError]) -> CampaignPlan:
    """A campaign: the same checks as the form's (a colour is chosen when none is given)."""
    r.only(CAMPAIGN_FIELDS)
    values = {key: r.text(key, max_len=200) for key in ("name", "token", "goal", "colour")}
    values["starts_on"], values["ends_on"] = r.day("starts_on"), r.day("ends_on")
    colour_given = bool(values["colour"])
    values["colour"] = values["colour"] or next(iter(PALETTE))
    try:
        checked = check_campaign(values)
    except CampaignError as exc:
        message = exc.message
        if exc.field == "colour":
            message = f"{values['colour']!r} is not one of {', '.join(PALETTE)}."
        raise PlanError(r.where(exc.field), message) from None
    channels = r.strings("channels", max_len=60)
    return CampaignPlan(checked, colour_given, channels)


def _tokens_once(
    campaigns: list[tuple[int, CampaignPlan]], problems: Problems[PlanError]
) -> list[CampaignPlan]:
    seen: set[str] = set()
    for index, campaign in campaigns:
        with problems.check():
            if campaign.values.token in seen:
                raise PlanError(
                    f"campaigns[{index}].token", f"{campaign.values.token!r} is used twice."
                )
        seen.add(campaign.values.token)
    return [campaign for _index, campaign in campaigns]


def _parse_idea(r: Reader, problems: Problems[PlanError]) -> IdeaPlan | None:
    """The idea, or None when it has problems (all of them noted)."""
    with problems.check():
        r.only(IDEA_FIELDS, ALIASES)
    reads = {
        "headline": lambda: r.text("headline", required=True, max_len=MAX_TEXT["headline"]),
        "template_key": lambda: r.text("template", max_len=40) or None,
        "purpose": lambda: r.choice("purpose", PURPOSES, None),
        "status": lambda: r.choice("status", IDEA_STATUSES, "backlog") or "backlog",
        "notes": lambda: r.text("notes", max_len=5000, multiline=True),
        "target_url": lambda: _http_url(r, "target_url"),
        "campaign": lambda: r.text("campaign", max_len=100),
    }
    values = {}
    for key, read in reads.items():
        with problems.check():
            values[key] = read()
    return IdeaPlan(**values) if len(values) == len(reads) else None
