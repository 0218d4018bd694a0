"""Campaigns (listed, read, made, changed, removed) and goals (listed, read, added,
removed), through the Campaigns and Results pages' own services."""

from __future__ import annotations

from typing import Any

from flask import abort, url_for
from sqlalchemy import select

from calendar_app import clock
from calendar_app.domain import permissions
from calendar_app.domain.errors import FieldError
from calendar_app.extensions import db
from calendar_app.models import Campaign, Goal
from calendar_app.services import api_queries, results
from calendar_app.services import campaigns as service

from . import bp
from .common import refusal, refuse, role_may, seen_version, shown_version, tagged, versioned
from .plan_schemas import CampaignChange, CampaignDetail, CampaignIn, GoalIn, GoalOut

CAMPAIGN_FIELDS = ("name", "token", "starts_on", "ends_on", "goal", "colour")


def _campaign(campaign_id: int) -> Campaign:
    return db.session.get(Campaign, campaign_id) or abort(404)


def _tagged(campaign: Campaign, status: int = 200, location: str = "") -> Any:
    version = shown_version(CampaignDetail, campaign)
    return tagged(campaign, "campaign", campaign.id, version, status, location)


def _save(campaign: Campaign | None, sent: dict[str, Any]) -> Campaign:
    """The campaign made or changed from what was sent over what it has."""
    if campaign is None:
        values: dict[str, Any] = {"colour": service.suggested_colour()}
        channel_ids: list[Any] = []
    else:
        values = {name: getattr(campaign, name) for name in CAMPAIGN_FIELDS}
        channel_ids = [channel.id for channel in campaign.channels]
    values |= {name: sent[name] for name in CAMPAIGN_FIELDS if name in sent}
    try:
        return service.save_campaign(
            campaign, values, sent.get("channel_ids", channel_ids), clock.now()
        )
    except FieldError as error:
        refuse(error)
    raise AssertionError("unreachable")


@bp.route("/v1/campaigns")
@bp.response(200, CampaignDetail(many=True))
def campaigns() -> Any:
    """Every campaign, by name."""
    return api_queries.all_campaigns()


@bp.route("/v1/campaigns/<int:campaign_id>")
@bp.response(200, CampaignDetail)
def get_campaign(campaign_id: int) -> Any:
    """One campaign; its ETag is for ``If-Match`` on a change."""
    return _tagged(_campaign(campaign_id))


@bp.route("/v1/campaigns", methods=["POST"])
@bp.arguments(CampaignIn)
@bp.response(201, CampaignDetail)
@refusal(422, "A field was refused; the problem names it.")
def add_campaign(sent: dict[str, Any]) -> Any:
    """Add a campaign on some channels; its ``token`` is the name as a tracking value
    unless one is given."""
    role_may(permissions.CAMPAIGNS)
    campaign = _save(None, sent)
    return _tagged(campaign, 201, url_for("api.get_campaign", campaign_id=campaign.id))


@bp.route("/v1/campaigns/<int:campaign_id>", methods=["PATCH"])
@bp.arguments(CampaignChange)
@bp.response(200, CampaignDetail)
@versioned
@refusal(422, "A field was refused; the problem names it.")
def change_campaign(sent: dict[str, Any], campaign_id: int) -> Any:
    """Change a campaign (its token only while none of its posts went out). Send the
    campaign's ETag in ``If-Match``."""
    role_may(permissions.CAMPAIGNS)
    campaign = _campaign(campaign_id)
    seen_version("campaign", campaign.id, shown_version(CampaignDetail, campaign))
    return _tagged(_save(campaign, sent))


@bp.route("/v1/campaigns/<int:campaign_id>", methods=["DELETE"])
@bp.response(204)
@refusal(409, "A post went out or spend is recorded: it stays.")
@versioned
def delete_campaign(campaign_id: int) -> Any:
    """Remove a campaign none of whose posts went out; its items and headlines stay."""
    role_may(permissions.CAMPAIGNS)
    campaign = _campaign(campaign_id)
    seen_version("campaign", campaign.id, shown_version(CampaignDetail, campaign))
    try:
        service.delete_campaign(campaign, clock.now())
    except FieldError as error:
        refuse(error, 409)
    return "", 204


def _goal(goal_id: int) -> Goal:
    return db.session.get(Goal, goal_id) or abort(404)


def _tagged_goal(goal: Goal, status: int = 200, location: str = "") -> Any:
    return tagged(goal, "goal", goal.id, shown_version(GoalOut, goal), status, location)


@bp.route("/v1/goals")
@bp.response(200, GoalOut(many=True))
def goals() -> Any:
    """The goals (at most two), oldest first."""
    return db.session.scalars(select(Goal).order_by(Goal.id)).all()


@bp.route("/v1/goals/<int:goal_id>")
@bp.response(200, GoalOut)
def get_goal(goal_id: int) -> Any:
    """One goal; its ETag is for ``If-Match`` on its removal."""
    return _tagged_goal(_goal(goal_id))


@bp.route("/v1/goals", methods=["POST"])
@bp.arguments(GoalIn)
@bp.response(201, GoalOut)
@refusal(422, "A field was refused (or two goals exist already).")
def add_goal(sent: dict[str, Any]) -> Any:
    """Add a goal, as on the Results page: at most two."""
    role_may(permissions.RESULTS)
    values = {name: str(value) for name, value in sent.items()}
    try:
        goal = results.add_goal(values)
    except FieldError as error:
        refuse(error)
    return _tagged_goal(goal, 201, url_for("api.get_goal", goal_id=goal.id))


@bp.route("/v1/goals/<int:goal_id>", methods=["DELETE"])
@bp.response(204)
@versioned
def delete_goal(goal_id: int) -> Any:
    """Remove a goal."""
    role_may(permissions.RESULTS)
    goal = _goal(goal_id)
    seen_version("goal", goal.id, shown_version(GoalOut, goal))
    results.remove_goal(goal)
    return "", 204
