"""Write the stored workspace, channels, rules, campaigns and ideas out as a plan file
(the format :mod:`calendar_app.domain.plan_parser` reads back)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from calendar_app.domain.plan_format import PLAN_FORMAT, WORKSPACE_FIELDS
from calendar_app.extensions import db
from calendar_app.models import CadenceRule, Campaign, Channel, Idea

from .campaigns import all_campaigns
from .planner import get_workspace


def export_plan() -> dict[str, Any]:
    """The stored workspace, channels (with their networks and hashtag sets), rules and
    ideas as a plan-v1 document."""
    workspace = get_workspace()
    channels = db.session.scalars(
        select(Channel)
        .options(
            selectinload(Channel.rules),
            selectinload(Channel.hashtag_sets),
            selectinload(Channel.owner),
        )
        .order_by(Channel.id)
    ).all()
    ideas = db.session.scalars(
        select(Idea).options(selectinload(Idea.campaign)).order_by(Idea.id)
    ).all()
    profile: dict[str, Any] = {}
    if workspace is not None:
        profile = {key: getattr(workspace, key) for key in WORKSPACE_FIELDS}
    return {
        "format": PLAN_FORMAT,
        "workspace": profile,
        "channels": [
            {
                "name": c.name,
                "slug": c.slug,
                "utm_source": c.utm_source,
                "utm_medium": c.utm_medium,
                "timezone": c.timezone,
                "paused": c.paused,
                "colour": c.colour,
                "requires_approval": c.requires_approval,
                "network": c.network,
                "own_limit": c.own_limit,
                "response_hours": c.response_hours,
                "owner": c.owner.email if c.owner else None,
                "hashtag_sets": [{"name": s.name, "tags": s.tag_list} for s in c.hashtag_sets],
                "rules": [_export_rule(r) for r in c.rules],
            }
            for c in channels
        ],
        "ideas": [
            {
                "headline": i.headline,
                "template": i.template_key,
                "purpose": i.purpose,
                "status": i.status,
                "notes": i.notes,
                "target_url": i.target_url,
                "campaign": i.campaign.token if i.campaign else "",
            }
            for i in ideas
        ],
        "campaigns": [_export_campaign(c) for c in all_campaigns()],
    }


def _export_campaign(campaign: Campaign) -> dict[str, Any]:
    return {
        "name": campaign.name,
        "token": campaign.token,
        "starts_on": campaign.starts_on.isoformat() if campaign.starts_on else None,
        "ends_on": campaign.ends_on.isoformat() if campaign.ends_on else None,
        "goal": campaign.goal,
        "colour": campaign.colour,
        "channels": [channel.slug for channel in campaign.channels],
    }


def _export_rule(rule: CadenceRule) -> dict[str, Any]:
    data: dict[str, Any] = {"activity": rule.activity}
    if rule.rrule is not None:
        data["rrule"] = rule.rrule
    else:
        data["per_week"] = rule.per_week
    data.update(
        time=f"{rule.time_of_day:%H:%M}",
        duration_minutes=rule.duration_minutes,
        starts_on=rule.starts_on.isoformat(),
        ends_on=rule.ends_on.isoformat() if rule.ends_on else None,
        count=rule.count,
        enabled=rule.enabled,
        routine=rule.routine_key,
        label=rule.label,
    )
    return data
