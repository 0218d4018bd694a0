"""The demo plan: load it marked as the demo's, and remove it again in one step.

Only rows the demo made carry ``from_demo``; a plan file someone imports never
does. Removing the demo removes those rows and the items planned from the
demo's rules, and keeps whatever people made or worked on (see
:mod:`calendar_app.domain.demo_removal`); a row it keeps becomes the team's.
A demo row a person edits (a channel renamed, a rule's time moved, a headline
rewritten, a campaign's dates changed) becomes the team's at once, so removing
the demo never takes back someone's edit. The workspace row always stays.
"""

from __future__ import annotations

from datetime import datetime
from importlib import resources

from sqlalchemy import event, exists, inspect, select, update
from sqlalchemy.orm import Session

from calendar_app.domain.cadence import resolve_timezone
from calendar_app.domain.demo_removal import DemoRemoval, ItemWork, worked_on
from calendar_app.domain.plan_parser import parse_plan
from calendar_app.extensions import db
from calendar_app.models import (
    CadenceRule,
    Campaign,
    CampaignSpend,
    Channel,
    ChannelMetric,
    ChannelSpend,
    Idea,
    ResultRecord,
    ScheduleItem,
    campaign_channel,
)

from .ideas import seed_ideas
from .planner import get_workspace
from .plans import ImportReport, import_plan
from .transaction import unit_of_work

DEMO_IDEAS = 30  # generated headlines the demo adds to the idea bank
MARKED = (Channel, CadenceRule, Campaign, Idea)


# Columns that change without anyone editing the row.
BOOKKEEPING = frozenset({"from_demo", "updated_at"})


class DemoError(Exception):
    """The demo cannot be loaded or removed now; nothing was changed."""


def edited(row: object) -> bool:
    """Whether a column of ``row`` other than bookkeeping changed since it was loaded."""
    state = inspect(row)
    return any(
        state.attrs[attribute.key].history.has_changes()
        for attribute in state.mapper.column_attrs
        if attribute.key not in BOOKKEEPING
    )


@event.listens_for(Session, "before_flush")
def adopt_edited_demo_rows(session: Session, _context: object, _instances: object) -> None:
    """A demo row a person edited becomes the team's: removing the demo keeps it."""
    for row in session.dirty:
        if isinstance(row, MARKED) and row.from_demo and edited(row):
            row.from_demo = False


def demo_plan_text() -> str:
    """The demo plan file shipped with the app (Acme Bikes)."""
    return resources.files("calendar_app").joinpath("demo_plan.json").read_text(encoding="utf-8")


def nothing_planned() -> bool:
    """Whether there is no channel, headline, campaign or item yet (a workspace may exist)."""
    return not any(
        db.session.scalar(select(exists().where(model.id.is_not(None))))
        for model in (Channel, Idea, Campaign, ScheduleItem)
    )


@unit_of_work()
def load_demo(now: datetime, ideas: int = DEMO_IDEAS) -> tuple[ImportReport, int]:
    """Load the demo plan and ``ideas`` generated headlines, every row marked as the demo's;
    the import's report and the number of headlines added.

    Only while nothing is planned. A workspace the team already named keeps its name,
    zone and every field it filled in: the demo's profile fills only the empty ones.
    """
    if not nothing_planned():
        raise DemoError("The calendar is not empty; the demo loads only into an empty one.")
    plan = parse_plan(demo_plan_text())
    workspace = get_workspace()
    if workspace is not None:
        plan.workspace = {
            key: value for key, value in plan.workspace.items() if not getattr(workspace, key)
        }
    report = import_plan(plan, now)
    workspace = get_workspace()
    assert workspace is not None  # the demo plan names its workspace
    today = now.astimezone(resolve_timezone(workspace.timezone)).date()
    seeded = len(seed_ideas(workspace, today, ideas))
    db.session.flush()
    for model in MARKED:
        db.session.execute(update(model).values(from_demo=True))
    return report, seeded


def has_demo() -> bool:
    """Whether any row the demo made is still there."""
    return any(
        db.session.scalar(select(exists().where(model.from_demo.is_(True)))) for model in MARKED
    )


def _demo(model: type) -> list:
    return list(db.session.scalars(select(model).where(model.from_demo.is_(True))))


@unit_of_work()
def remove_demo() -> DemoRemoval:
    """Remove the demo's rows and the items planned from its rules, keeping what people
    made or worked on; DemoError (and nothing changed) when there is no demo."""
    rules, channels = _demo(CadenceRule), _demo(Channel)
    ideas, campaigns = _demo(Idea), _demo(Campaign)
    if not (rules or channels or ideas or campaigns):
        raise DemoError("There is no demo to remove; nothing was changed.")
    removal = DemoRemoval()
    _remove_items(rules, removal)
    for rule in rules:
        db.session.delete(rule)
    removal.rules = len(rules)
    db.session.flush()
    _remove_ideas(ideas, removal)
    _remove_campaigns(campaigns, removal)
    _remove_channels(channels, {campaign.id for campaign in campaigns}, removal)
    return removal


def _remove_items(rules: list[CadenceRule], removal: DemoRemoval) -> None:
    """Delete the items the demo's rules planned; those people worked on become one-offs."""
    rule_ids = [rule.id for rule in rules]
    items = db.session.scalars(select(ScheduleItem).where(ScheduleItem.rule_id.in_(rule_ids)))
    with_results = set(
        db.session.scalars(select(ResultRecord.item_id).where(ResultRecord.item_id.is_not(None)))
    )
    rerun = set(
        db.session.scalars(
            select(ScheduleItem.recycled_from_id).where(ScheduleItem.recycled_from_id.is_not(None))
        )
    )
    for item in items.all():
        work = ItemWork(
            touched=item.touched,
            headline=item.idea_id is not None,
            minutes_logged=item.actual_minutes is not None,
            results=item.id in with_results,
            notes=item.notes or "",
            evergreen=item.evergreen,
            rerun=item.recycled_from_id is not None or item.id in rerun,
        )
        if worked_on(work):
            item.rule_id, item.occurrence_date, item.off_rule = None, None, False
            removal.kept_items += 1
        else:
            db.session.delete(item)
            removal.items += 1
    db.session.flush()


def _remove_ideas(ideas: list[Idea], removal: DemoRemoval) -> None:
    """Delete the demo's headlines unless an item that stays uses them."""
    used = set(
        db.session.scalars(
            select(ScheduleItem.idea_id).where(ScheduleItem.idea_id.in_([i.id for i in ideas]))
        )
    )
    for idea in ideas:
        if idea.id in used:
            idea.from_demo = False
            removal.kept_ideas += 1
        else:
            db.session.delete(idea)
            removal.ideas += 1
    db.session.flush()


def _campaign_in_use(campaign: Campaign) -> bool:
    """Whether anything that stays uses the campaign: an item, a headline, spend, or a
    channel that is not the demo's."""
    return any(
        db.session.scalar(select(exists().where(condition)))
        for condition in (
            ScheduleItem.campaign_id == campaign.id,
            Idea.campaign_id == campaign.id,
            CampaignSpend.campaign_id == campaign.id,
            (campaign_channel.c.campaign_id == campaign.id)
            & campaign_channel.c.channel_id.in_(
                select(Channel.id).where(Channel.from_demo.is_(False))
            ),
        )
    )


def _remove_campaigns(campaigns: list[Campaign], removal: DemoRemoval) -> None:
    for campaign in campaigns:
        if _campaign_in_use(campaign):
            campaign.from_demo = False
            removal.kept_campaigns.append(campaign.name)
        else:
            db.session.delete(campaign)
            removal.campaigns += 1
    db.session.flush()


def _channel_in_use(channel: Channel, demo_campaigns: set[int]) -> bool:
    """Whether the channel still holds something of the team's: a rule, an item, results,
    spend, metrics, or a place in a campaign that was not the demo's."""
    return any(
        db.session.scalar(select(exists().where(condition)))
        for condition in (
            CadenceRule.channel_id == channel.id,
            ScheduleItem.channel_id == channel.id,
            ResultRecord.channel_id == channel.id,
            ChannelSpend.channel_id == channel.id,
            ChannelMetric.channel_id == channel.id,
            (campaign_channel.c.channel_id == channel.id)
            & campaign_channel.c.campaign_id.not_in(demo_campaigns),
        )
    )


def _remove_channels(
    channels: list[Channel], demo_campaigns: set[int], removal: DemoRemoval
) -> None:
    for channel in channels:
        if _channel_in_use(channel, demo_campaigns):
            channel.from_demo = False
            removal.kept_channels.append(channel.name)
        else:
            db.session.delete(channel)
            removal.channels += 1
    db.session.flush()
