"""The guided set-up: the workspace's basics and its first channels, each step one unit of work.

Every step is safe to repeat: a channel whose slug exists already is reported,
never made twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from calendar_app.domain.cadence import resolve_timezone
from calendar_app.domain.errors import FieldError
from calendar_app.domain.plan_parser import parse_plan
from calendar_app.domain.starter_channels import BY_SLUG
from calendar_app.extensions import db
from calendar_app.models import Channel, ScheduleItem, Workspace

from .channels import save_channel, save_rule
from .demo import demo_plan_text
from .transaction import unit_of_work
from .workspace import update_profile

PROFILE_TEXT = ("topics", "products", "blackout_dates")  # stored as lists, edited as lines


class WelcomeError(Exception):
    """A set-up step that cannot be done; nothing was changed."""


@dataclass
class StarterReport:
    """The channels a set-up step added, those that were there already, and the items planned."""

    added: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    items: int = 0

    def message(self) -> str:
        """One line for people."""
        parts = []
        if self.added:
            parts.append(f"Added {', '.join(self.added)}: {self.items} items planned.")
        if self.existing:
            parts.append(f"Already channels, so not added again: {', '.join(self.existing)}.")
        return " ".join(parts)


def shows_demo_profile(workspace: Workspace) -> bool:
    """Whether the workspace still carries the demo shop's name and site."""
    demo = parse_plan(demo_plan_text()).workspace
    return (workspace.name, workspace.site_url) == (demo["name"], demo.get("site_url"))


@unit_of_work()
def save_basics(workspace: Workspace, values: dict[str, Any], now: datetime) -> None:
    """Save the workspace's name, time zone and site (the rest of its profile stays);
    FieldError names a refused field and nothing changes."""
    if not (values.get("name") or "").strip():
        raise FieldError("name", "Give the team or company a name.")
    profile: dict[str, Any] = {
        "mission": workspace.mission,
        "industry": workspace.industry,
        "audience": workspace.audience,
        "goal": workspace.goal,
        "goal_target": workspace.goal_target,
        "hours_per_week": workspace.hours_per_week,
        **{key: "\n".join(getattr(workspace, key) or []) for key in PROFILE_TEXT},
    }
    wanted = {key: values.get(key) or "" for key in ("name", "timezone", "site_url")}
    update_profile(workspace, {**profile, **wanted}, now)


@unit_of_work()
def add_starter_channels(
    slugs: Iterable[str], workspace: Workspace, now: datetime
) -> StarterReport:
    """Add the chosen common channels with their starting rules, and plan them."""
    chosen = [BY_SLUG[slug] for slug in dict.fromkeys(slugs) if slug in BY_SLUG]
    if not chosen:
        raise WelcomeError("Pick at least one channel, or skip this step.")
    report = StarterReport()
    today = now.astimezone(resolve_timezone(workspace.timezone)).date()
    taken = set(db.session.scalars(select(Channel.slug)))
    added = []
    for starter in chosen:
        if starter.slug in taken:
            report.existing.append(f"{starter.name} (slug {starter.slug})")
            continue
        channel = save_channel(None, starter.channel_values(), workspace, now)
        save_rule(None, channel, starter.cadence(today), starter.label, workspace, now)
        report.added.append(starter.name)
        added.append(channel.id)
    report.items = db.session.scalar(select(func.count()).where(ScheduleItem.channel_id.in_(added)))
    return report
