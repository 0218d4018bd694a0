"""Read a JSON plan file into a :class:`~.plan_format.Plan`, reporting every problem at once.

The whole file is checked before anything is stored. Every problem is named by
its path (``workspace.timezone``, ``channels[0].rules[0].time``) and all of them
are raised together as one :class:`PlanError`, so a file is fixed in one go. A
field this format does not have is an error (a misspelt ``until`` would otherwise
make a never-ending rule). Pure domain code.
"""

from __future__ import annotations

import json
from typing import Any

from idea_bank import IDEA_STATUSES, PURPOSES

from .campaigns import PALETTE, CampaignError, check_campaign
from .errors import Problems
from .json_reader import PlanError, Reader, parse_day
from .plan_channels import (
    check_slugs_once,
    each_entry,
    parse_channel,
    read_fields,
    read_timezone,
)
from .plan_format import (
    ALIASES,
    CAMPAIGN_FIELDS,
    IDEA_FIELDS,
    MAX_TEXT,
    PLAN_FORMAT,
    TOP_FIELDS,
    WORKSPACE_FIELDS,
    CampaignPlan,
    IdeaPlan,
    Plan,
)
from .tracking import require_http_url


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
    channels = each_entry(problems, root, "channels", parse_channel)
    check_slugs_once(channels, problems)
    campaigns = _tokens_once(each_entry(problems, root, "campaigns", _parse_campaign), problems)
    ideas = each_entry(problems, root, "ideas", _parse_idea)
    problems.raise_if_any()
    return Plan(workspace, [c for _i, c in channels], [i for _n, i in ideas], campaigns)


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
        "timezone": lambda: read_timezone(r, "timezone") or "UTC",
        "goal": lambda: r.text("goal", max_len=40),
        "goal_target": lambda: r.integer("goal_target", 0, 10**9),
        "hours_per_week": lambda: r.number("hours_per_week", 0, 168, 0),
        "blackout_dates": lambda: _blackout_dates(r),
        "fiscal_year_start": lambda: _month(r, "fiscal_year_start"),
    }
    return read_fields(problems, r, reads)


def _month(r: Reader, key: str) -> int:
    month = r.integer(key, 1, 12)
    if month is None:
        raise PlanError(r.where(key), "must be a month from 1 to 12.")
    return month


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
