"""Store a checked plan file (:mod:`.plan_export` writes the stored plan back out as one).

Import is an upsert that never deletes: the workspace profile is updated,
channels are matched by slug (their hashtag sets by name), rules by what they
do (activity, recurrence, time and routine) within their channel, ideas by
headline. Fields a file leaves out keep their stored values. Importing the same file twice changes
nothing the second time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from calendar_app.domain.cadence import (
    Cadence,
    CadenceError,
    check_start,
    resolve_timezone,
    validate_cadence,
)
from calendar_app.domain.channel_kinds import default_medium
from calendar_app.domain.errors import FieldError, Problems
from calendar_app.domain.json_reader import PlanError
from calendar_app.domain.networks import guess_network
from calendar_app.domain.plan_format import (
    RULE_DEFAULTS,
    ChannelPlan,
    IdeaPlan,
    Plan,
    RulePlan,
    rule_cadence,
)
from calendar_app.extensions import db
from calendar_app.models import (
    CadenceRule,
    Channel,
    HashtagSet,
    Idea,
    ScheduleItem,
    User,
    Workspace,
)
from idea_bank import headline_key

from .campaigns import campaign_named, store_campaign_plans
from .channels import unused_colour
from .owners import give_channel
from .planner import PlanStats, all_rules, get_workspace, horizon_target, replan
from .transaction import unit_of_work


@dataclass
class ImportReport:
    """What an import created and changed."""

    channels_created: int = 0
    rules_created: int = 0
    campaigns_created: int = 0
    ideas_created: int = 0
    updated: int = 0
    items: PlanStats | None = None

    def summary(self) -> str:
        """One line for people."""
        items = self.items or PlanStats()
        campaigns = f", {self.campaigns_created} campaigns" if self.campaigns_created else ""
        return (
            f"{self.channels_created} channels, {self.rules_created} rules{campaigns} and "
            f"{self.ideas_created} ideas added, {self.updated} records updated; "
            f"{items.created} schedule items planned, {items.updated} moved, "
            f"{items.deleted} removed."
        )


def _assign(row: Any, values: dict[str, Any]) -> bool:
    """Set attributes that differ; whether any did."""
    changed = False
    for key, value in values.items():
        if getattr(row, key) != value:
            setattr(row, key, value)
            changed = True
    return changed


RULE_SETTINGS = ("duration_minutes", "starts_on", "ends_on", "count", "enabled", "label")


def _rule_signature(
    activity: str, rrule: str | None, per_week: int | None, time_of_day: Any, routine: str | None
) -> tuple:
    return (activity, rrule, per_week, time_of_day, routine)


def import_plan(plan: Plan, now: datetime) -> ImportReport:
    """Store ``plan`` and re-plan the schedule, all in one transaction."""
    report = ImportReport()
    with unit_of_work():
        workspace = get_workspace()
        if workspace is None:
            if "name" not in plan.workspace:
                raise PlanError("workspace.name", "is required to set up a new workspace.")
            workspace = Workspace(**plan.workspace)
            db.session.add(workspace)
        else:
            report.updated += _assign(workspace, plan.workspace)
        db.session.flush()
        today = now.astimezone(resolve_timezone(workspace.timezone)).date()
        channels = {
            c.slug: c
            for c in db.session.scalars(select(Channel).options(selectinload(Channel.rules)))
        }
        # Rules whose start or end fit only once stored, owners who must be on the team.
        problems = Problems(PlanError)
        team = {user.email: user for user in db.session.scalars(select(User))}
        for index, channel_plan in enumerate(plan.channels):
            where = f"channels[{index}]"
            channel = _import_channel(channel_plan, channels.get(channel_plan.slug), report)
            with problems.check():
                report.updated += _import_owner(channel, channel_plan.owner, team, now, where)
            _import_rules(channel, channel_plan, today, report, where, problems)
        problems.raise_if_any()
        db.session.flush()
        everywhere = {c.slug: c for c in db.session.scalars(select(Channel))}
        report.campaigns_created = store_campaign_plans(plan.campaigns, everywhere)
        _import_ideas(plan.ideas, report)
        db.session.flush()
        if workspace.planned_until is None:
            workspace.planned_until = horizon_target(workspace, now)
        report.items = replan(all_rules(), workspace, now)
    return report


def _import_channel(plan: ChannelPlan, channel: Channel | None, report: ImportReport) -> Channel:
    """The channel the plan names, created or updated."""
    if channel is None:
        defaults = {
            "utm_source": plan.slug,
            "utm_medium": default_medium(plan.slug),
            "timezone": None,
            "paused": False,
            "colour": unused_colour(),
            "network": guess_network(plan.slug),
        }
        channel = Channel(slug=plan.slug, **{**defaults, **plan.fields})
        db.session.add(channel)
        report.channels_created += 1
    else:
        report.updated += _assign(channel, plan.fields)
    _import_hashtag_sets(channel, plan.hashtag_sets or {}, report)
    return channel


NOT_ON_THE_TEAM = "no team member has this address."


def _import_owner(
    channel: Channel, address: str | None, team: dict[str, User], now: datetime, where: str
) -> bool:
    """Give the channel the owner the file names by address ("": nobody), with its untouched
    items to come; a file that names none leaves it as it is. Whether it changed; PlanError
    for an address no member has."""
    if address is None:
        return False
    owner = team.get(address) if address else None
    if address and owner is None:
        raise PlanError(f"{where}.owner", NOT_ON_THE_TEAM)
    if channel.owner is owner:
        return False
    db.session.flush()  # a new channel gets its id
    give_channel(channel, owner, now)
    return True


def _import_hashtag_sets(
    channel: Channel, tag_sets: dict[str, tuple[str, ...]], report: ImportReport
) -> None:
    """The file's hashtag sets, matched by name; sets the file leaves out are kept."""
    stored = {tag_set.name: tag_set for tag_set in channel.hashtag_sets}
    for name, tags in tag_sets.items():
        if name not in stored:
            channel.hashtag_sets.append(HashtagSet(name=name, tags=" ".join(tags)))
        else:
            report.updated += _assign(stored[name], {"tags": " ".join(tags)})


def _import_rules(
    channel: Channel,
    plan: ChannelPlan,
    today: date,
    report: ImportReport,
    where: str,
    problems: Problems[PlanError],
) -> None:
    """The channel's rules, matched by what they do; a rule that cannot be planned is noted."""
    by_signature = {
        _rule_signature(r.activity, r.rrule, r.per_week, r.time_of_day, r.routine_key): r
        for r in channel.rules
    }
    for index, rule_plan in enumerate(plan.rules):
        key = _rule_signature(
            rule_plan.activity,
            rule_plan.rrule,
            rule_plan.per_week,
            rule_plan.time_of_day,
            rule_plan.routine_key,
        )
        rule = by_signature.get(key)
        stored = {name: getattr(rule, name) for name in RULE_SETTINGS} if rule else {}
        cadence = None
        with problems.check():
            cadence = _checked_cadence(rule_plan, stored, today, f"{where}.rules[{index}]")
        if cadence is None:
            continue
        values = {
            "activity": rule_plan.activity,
            "rrule": rule_plan.rrule,
            "per_week": rule_plan.per_week,
            "time_of_day": rule_plan.time_of_day,
            "routine_key": rule_plan.routine_key,
            **{**RULE_DEFAULTS, **stored, **rule_plan.settings},
            "starts_on": cadence.starts_on,
        }
        if rule is None:
            channel.rules.append(CadenceRule(**values))
            report.rules_created += 1
        else:
            report.updated += _assign(rule, values)


def _checked_cadence(
    rule_plan: RulePlan, stored: dict[str, Any], today: date, where: str
) -> Cadence:
    """The rule's cadence with its stored or default start; PlanError if it cannot be planned.

    A new or changed start must lie near today; a rule keeps an old stored start.
    """
    starts_on = rule_plan.settings.get("starts_on")
    try:
        if starts_on is not None and starts_on != stored.get("starts_on"):
            check_start(starts_on, today)
        cadence = rule_cadence(rule_plan, {"starts_on": today, **stored})
        validate_cadence(cadence)
    except CadenceError as exc:
        field = exc.field.replace("time_of_day", "time")
        raise PlanError(f"{where}.{field}", exc.message) from None
    return cadence


def _import_ideas(ideas: list[IdeaPlan], report: ImportReport) -> None:
    known = set(db.session.scalars(select(Idea.headline_key)))
    channels = list(db.session.scalars(select(Channel)))
    for index, idea in enumerate(ideas):
        key = headline_key(idea.headline)
        if key in known:
            continue
        known.add(key)
        try:
            campaign, made = campaign_named(idea.campaign, channels)
        except FieldError as exc:
            raise PlanError(f"ideas[{index}].campaign", exc.message) from None
        report.campaigns_created += made
        db.session.add(
            Idea(
                headline=idea.headline,
                template_key=idea.template_key,
                purpose=idea.purpose,
                status=idea.status,
                notes=idea.notes,
                target_url=idea.target_url,
                campaign=campaign,
            )
        )
        report.ideas_created += 1


def is_empty() -> bool:
    """Whether nothing has been planned yet (no workspace, channel, idea or item)."""
    return all(
        db.session.scalar(select(func.count()).select_from(model)) == 0
        for model in (Workspace, Channel, Idea, ScheduleItem)
    )
