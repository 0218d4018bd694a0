"""Campaigns: making, changing and removing them, what was spent on them, and picking one.

An item belongs to its own campaign, else to its headline's. Every change that alters
what a post's link carries touches the items and headlines concerned, so calendar feeds
serialise their events again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, case, func, select, update
from sqlalchemy.orm import selectinload

from calendar_app.domain.activities import HEADLINE_ACTIVITIES
from calendar_app.domain.campaigns import (
    CampaignError,
    check_campaign,
    check_token_change,
    next_colour,
    token_for,
)
from calendar_app.domain.errors import Problems
from calendar_app.domain.json_reader import PlanError
from calendar_app.domain.plan_format import CampaignPlan
from calendar_app.domain.routines import ROUTINES_CHANNEL_SLUG
from calendar_app.extensions import db
from calendar_app.models import Campaign, CampaignSpend, Channel, Idea, ScheduleItem

from .results import CostError, check_spend_note, money, spend_month
from .transaction import unit_of_work

MAX_ROW_ID = 2**31 - 1  # the largest id an INTEGER column holds (PostgreSQL)


@dataclass(frozen=True)
class CampaignLine:
    """A campaign on its page: how many posts it has, gone out and still to come."""

    campaign: Campaign
    posts: int
    posts_out: int
    spend: list[CampaignSpend]


def effective_campaign() -> ColumnElement[int | None]:
    """An item's campaign in SQL: its own, else its headline's (needs the idea joined)."""
    return func.coalesce(ScheduleItem.campaign_id, Idea.campaign_id)


def _posts(campaign_id: int, before: datetime | None = None) -> int:
    query = (
        select(func.count())
        .select_from(ScheduleItem)
        .outerjoin(Idea, ScheduleItem.idea_id == Idea.id)
        .where(
            effective_campaign() == campaign_id,
            ScheduleItem.activity.in_(HEADLINE_ACTIVITIES),
        )
    )
    if before is not None:
        query = query.where(ScheduleItem.starts_at <= before)
    return db.session.scalar(query) or 0


def all_campaigns() -> list[Campaign]:
    """Every campaign, by name, with its channels."""
    query = select(Campaign).options(selectinload(Campaign.channels)).order_by(Campaign.name)
    return list(db.session.scalars(query))


def campaign_lines(now: datetime) -> list[CampaignLine]:
    """The campaigns page: each campaign with its posts and spend (four queries in all)."""
    campaigns = all_campaigns()
    counted = (
        select(
            effective_campaign().label("campaign_id"),
            func.count(),
            func.sum(case((ScheduleItem.starts_at <= now, 1), else_=0)),
        )
        .select_from(ScheduleItem)
        .outerjoin(Idea, ScheduleItem.idea_id == Idea.id)
        .where(
            effective_campaign().is_not(None),
            ScheduleItem.activity.in_(HEADLINE_ACTIVITIES),
        )
        .group_by(effective_campaign())
    )
    posts = {row[0]: (row[1], int(row[2] or 0)) for row in db.session.execute(counted)}
    spend: dict[int, list[CampaignSpend]] = {}
    for entry in db.session.scalars(select(CampaignSpend).order_by(CampaignSpend.month.desc())):
        spend.setdefault(entry.campaign_id, []).append(entry)
    return [CampaignLine(c, *posts.get(c.id, (0, 0)), spend.get(c.id, [])) for c in campaigns]


def campaign_channels() -> list[Channel]:
    """The channels a campaign can run on, by name (not the routines' own channel)."""
    query = select(Channel).where(Channel.slug != ROUTINES_CHANNEL_SLUG).order_by(Channel.name)
    return list(db.session.scalars(query))


def suggested_colour() -> str:
    """The colour a new campaign starts with: one no campaign has yet."""
    return next_colour(list(db.session.scalars(select(Campaign.colour))))


def _row_id(value: Any) -> int | None:
    """An id sent in a form, if a database INTEGER can hold it ("²" is a digit to isdigit)."""
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_ROW_ID:
        return None
    return int(text)


def _channels(ids: list[Any]) -> list[Channel]:
    wanted = {_row_id(i) for i in ids if str(i).strip()}
    channels = list(db.session.scalars(select(Channel).where(Channel.id.in_(wanted - {None}))))
    if len(channels) != len(wanted):
        raise CampaignError("channels", "A channel in the list no longer exists; reload the page.")
    if not channels:
        raise CampaignError("channels", "Pick the channels the campaign runs on.")
    return channels


def _unique_token(token: str, campaign_id: int | None) -> None:
    other = db.session.scalar(select(Campaign).where(Campaign.token == token))
    if other is not None and other.id != campaign_id:
        raise CampaignError(
            "token", f"The campaign “{other.name}” already uses utm_campaign={token}."
        )


@unit_of_work()
def save_campaign(
    campaign: Campaign | None, values: dict[str, Any], channel_ids: list[Any], now: datetime
) -> Campaign:
    """Make a campaign (``campaign`` None) or change one; CampaignError names the field."""
    checked = check_campaign(values)
    channels = _channels(channel_ids)
    _unique_token(checked.token, campaign.id if campaign else None)
    if campaign is None:
        campaign = Campaign(token=checked.token)
        db.session.add(campaign)
    elif checked.token != campaign.token:
        check_token_change(campaign.token, checked.token, _posts(campaign.id, now))
        _touch_posts(campaign.id, now)
        campaign.token = checked.token
    campaign.name, campaign.goal, campaign.colour = checked.name, checked.goal, checked.colour
    campaign.starts_on, campaign.ends_on = checked.starts_on, checked.ends_on
    campaign.channels = channels
    return campaign


def _touch_posts(campaign_id: int, now: datetime) -> None:
    """The campaign's items and headlines changed what their links carry: mark them
    modified (their calendar events are written again; other feeds know by the bulk
    statements)."""
    db.session.execute(
        update(ScheduleItem).where(ScheduleItem.campaign_id == campaign_id).values(updated_at=now)
    )
    db.session.execute(update(Idea).where(Idea.campaign_id == campaign_id).values(updated_at=now))


@unit_of_work()
def delete_campaign(campaign: Campaign, now: datetime) -> None:
    """Remove a campaign none of whose posts has gone out and with no spend recorded; its
    items and headlines stay, without a campaign."""
    out = _posts(campaign.id, now)
    if out:
        raise CampaignError(
            "campaign",
            f"{out} post{'s' if out != 1 else ''} of “{campaign.name}” already went out with "
            f"utm_campaign={campaign.token}; the campaign stays so their results keep it.",
        )
    spent = db.session.scalars(
        select(CampaignSpend.month)
        .where(CampaignSpend.campaign_id == campaign.id, CampaignSpend.amount > 0)
        .order_by(CampaignSpend.month)
    ).all()
    if spent:
        raise CampaignError(
            "campaign",
            f"Spend is recorded for “{campaign.name}” "
            f"({', '.join(month.strftime('%b %Y') for month in spent)}): the campaign stays so "
            "the Results page keeps it. Set that spend to 0 to remove the campaign.",
        )
    _touch_posts(campaign.id, now)
    db.session.execute(
        update(ScheduleItem).where(ScheduleItem.campaign_id == campaign.id).values(campaign_id=None)
    )
    db.session.execute(update(Idea).where(Idea.campaign_id == campaign.id).values(campaign_id=None))
    db.session.delete(campaign)


def pick(value: Any, field: str = "campaign_id") -> Campaign | None:
    """The campaign chosen in a form's list ("" or none: no campaign)."""
    text = str(value or "").strip()
    if not text:
        return None
    number = _row_id(text)
    campaign = db.session.get(Campaign, number) if number is not None else None
    if campaign is None:
        raise CampaignError(field, "That campaign no longer exists; pick another.")
    return campaign


def check_runs_on(campaign: Campaign | None, channel: Channel) -> None:
    """An item's campaign must run on the item's channel."""
    if campaign is not None and channel not in campaign.channels:
        raise CampaignError(
            "campaign_id",
            f"“{campaign.name}” does not run on {channel.name}; "
            "add the channel to the campaign first.",
        )


def find_by_token(token: str) -> Campaign | None:
    """The campaign whose posts carry ``token`` as their utm_campaign."""
    return db.session.scalar(select(Campaign).where(Campaign.token == token))


@unit_of_work()
def record_campaign_spend(
    campaign: Campaign | None, month_text: str, amount_text: str, note: str
) -> None:
    """Set what was spent on a campaign in a month (ads, prizes, a designer)."""
    if campaign is None:
        raise CostError("campaign_id", "Choose a campaign.")
    first = spend_month(month_text)
    amount = money(amount_text, "amount")
    check_spend_note(note)
    spend = db.session.scalar(
        select(CampaignSpend).where(
            CampaignSpend.campaign_id == campaign.id, CampaignSpend.month == first
        )
    )
    if spend is None:
        spend = CampaignSpend(campaign=campaign, month=first)
        db.session.add(spend)
    spend.amount = amount
    spend.note = note.strip() or spend.note or ""


def store_campaign_plans(plans: list[CampaignPlan], channels: dict[str, Channel]) -> int:
    """A plan file's campaigns, made or updated by token, inside the import's unit of work;
    how many were made. Channels the file names must exist (with the file's own)."""
    problems = Problems(PlanError)
    stored = {c.token: c for c in all_campaigns()}
    used = [c.colour for c in stored.values()]
    made = 0
    for index, plan in enumerate(plans):
        with problems.check():
            unknown = [slug for slug in plan.channels if slug not in channels]
            if unknown:
                raise PlanError(f"campaigns[{index}].channels", f"no channel {unknown[0]!r}.")
            values = plan.values
            campaign = stored.get(values.token)
            if campaign is None:
                colour = values.colour if plan.colour_given else next_colour(used)
                campaign = Campaign(token=values.token, colour=colour)
                db.session.add(campaign)
                stored[values.token] = campaign
                used.append(colour)
                made += 1
            elif plan.colour_given:
                campaign.colour = values.colour
            campaign.name, campaign.goal = values.name, values.goal
            campaign.starts_on, campaign.ends_on = values.starts_on, values.ends_on
            named = [channels[slug] for slug in plan.channels]
            everywhere = [c for slug, c in channels.items() if slug != ROUTINES_CHANNEL_SLUG]
            campaign.channels = named or everywhere
    problems.raise_if_any()
    return made


def campaign_named(text: str, channels: list[Channel]) -> tuple[Campaign | None, bool]:
    """The campaign a plan's headline names (by token or name), and whether it was made:
    a campaign running on every channel, when none has that token or that name yet."""
    if not text:
        return None, False
    token, name = token_for(text, "campaign"), " ".join(text.split())[:80]
    campaign = (
        find_by_token(token)
        or db.session.scalars(
            select(Campaign).where(Campaign.name == name).order_by(Campaign.id)
        ).first()
    )
    made = campaign is None
    if campaign is None:
        campaign = Campaign(name=name, token=token, goal="")
        campaign.colour = suggested_colour()
        campaign.channels = [c for c in channels if c.slug != ROUTINES_CHANNEL_SLUG]
        db.session.add(campaign)
        db.session.flush()
    return campaign, made


def campaigns_on(channel: Channel, current: Campaign | None = None) -> list[Campaign]:
    """The campaigns an item of ``channel`` can pick (and the one it has, if it no longer
    runs there)."""
    return [c for c in all_campaigns() if channel in c.channels or c is current]
