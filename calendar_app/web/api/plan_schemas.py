"""The shapes of the plan's resources (channels, cadence rules, campaigns, goals, tracked
links and feed addresses) that the JSON API reads and writes.

Writes carry the same fields the web forms do, and are checked by the same services:
the shapes here only refuse what is not a value of the right kind (and unknown fields).
"""

from __future__ import annotations

import copy

from marshmallow import Schema, fields, validate

from calendar_app.domain.activities import ACTIVITIES
from calendar_app.domain.cadence import MAX_DURATION_MINUTES, MAX_PER_WEEK
from calendar_app.domain.rrules import MAX_COUNT

from .schemas import ROW_ID, CampaignOut, ChannelOut, Page, RuleOut, Strict, amount

SHORT = validate.Length(max=100)
AMOUNT = validate.Length(max=30)


def changed(schema: type[Schema], name: str) -> type[Schema]:
    """The schema of a change (PATCH): the same fields, none of them required."""
    optional = {}
    for key, field in schema._declared_fields.items():
        optional[key] = copy.copy(field)
        optional[key].required = False
    return schema.from_dict(optional, name=name)


class RuleDetail(RuleOut):
    channel_id = fields.Integer()
    count = fields.Integer(allow_none=True)


class ChannelDetail(ChannelOut):
    utm_source = fields.String()
    utm_medium = fields.String()
    colour = fields.String()
    own_limit = fields.Integer(allow_none=True)
    response_hours = fields.Integer(allow_none=True)
    rules = fields.List(fields.Nested(RuleDetail))


class ChannelIn(Strict):
    """A channel's form fields; left out of a change, a field keeps its value."""

    name = fields.String(required=True, validate=validate.Length(min=1, max=80))
    slug = fields.String(validate=validate.Length(max=60))
    utm_source = fields.String(validate=SHORT)
    utm_medium = fields.String(validate=SHORT)
    colour = fields.String(validate=validate.Length(max=7))
    timezone = fields.String(allow_none=True, validate=validate.Length(max=64))
    owner_id = fields.Integer(allow_none=True, validate=ROW_ID)
    network = fields.String(validate=validate.Length(max=20))
    own_limit = fields.Integer(allow_none=True, validate=validate.Range(min=0, max=10**6))
    response_hours = fields.Integer(allow_none=True, validate=validate.Range(min=0, max=10**3))
    paused = fields.Boolean()


class RuleIn(Strict):
    """A cadence rule: an RRULE, or a number of times a week; left out of a change, a field
    keeps its value."""

    activity = fields.String(required=True, validate=validate.OneOf(ACTIVITIES))
    label = fields.String(validate=validate.Length(max=120))
    rrule = fields.String(validate=validate.Length(min=1, max=500))
    per_week = fields.Integer(validate=validate.Range(min=1, max=MAX_PER_WEEK))
    time_of_day = fields.Time(required=True)
    duration_minutes = fields.Integer(
        allow_none=True, validate=validate.Range(min=1, max=MAX_DURATION_MINUTES)
    )
    starts_on = fields.Date(required=True)
    ends_on = fields.Date(allow_none=True)
    count = fields.Integer(allow_none=True, validate=validate.Range(min=1, max=MAX_COUNT))
    enabled = fields.Boolean()


ChannelChange = changed(ChannelIn, "ChannelChange")
RuleChange = changed(RuleIn, "RuleChange")


class CampaignDetail(CampaignOut):
    colour = fields.String()
    channel_ids = fields.Function(lambda campaign: [c.id for c in campaign.channels])


class CampaignIn(Strict):
    """A campaign's form fields; left out of a change, a field keeps its value."""

    name = fields.String(required=True, validate=validate.Length(min=1, max=80))
    token = fields.String(validate=SHORT)
    starts_on = fields.Date(allow_none=True)
    ends_on = fields.Date(allow_none=True)
    goal = fields.String(validate=validate.Length(max=200))
    colour = fields.String(validate=validate.Length(max=7))
    channel_ids = fields.List(
        fields.Integer(validate=ROW_ID), required=True, validate=validate.Length(max=200)
    )


CampaignChange = changed(CampaignIn, "CampaignChange")


class GoalOut(Schema):
    """A goal: reach ``target`` of ``metric`` per ``period``."""

    id = fields.Integer()
    kind = fields.String()
    metric = fields.String()
    target = amount()
    period = fields.String()
    baseline = amount()


class GoalIn(Strict):
    kind = fields.String(required=True, validate=validate.Length(max=20))
    metric = fields.String(required=True, validate=validate.Length(max=20))
    period = fields.String(required=True, validate=validate.Length(max=10))
    """A goal as the Results page's form sends it; the amounts are checked as typed there."""

    target = fields.String(required=True, validate=AMOUNT, metadata={"format": "decimal"})
    baseline = fields.String(validate=AMOUNT, metadata={"format": "decimal"})


class LinkOut(Schema):
    id = fields.Integer()
    url = fields.String()
    destination = fields.String()
    utm_source = fields.String()
    utm_medium = fields.String()
    utm_campaign = fields.String()
    utm_content = fields.String()
    utm_term = fields.String()
    purpose = fields.String()
    created_by_id = fields.Integer(allow_none=True)
    created_at = fields.DateTime(format="iso")


class LinkCreated(LinkOut):
    kept = fields.Dict(
        keys=fields.String(),
        values=fields.String(),
        metadata={"description": "Tracking values the destination already set, kept as set."},
    )


class LinkPage(Page):
    links = fields.List(fields.Nested(LinkOut))


class LinkIn(Strict):
    """The link builder's fields; a channel fills in its source and medium when not given."""

    destination = fields.String(required=True, validate=validate.Length(min=1, max=2000))
    channel_id = fields.Integer(allow_none=True, validate=ROW_ID)
    source = fields.String(validate=SHORT)
    medium = fields.String(validate=SHORT)
    campaign = fields.String(required=True, validate=validate.Length(min=1, max=100))
    term = fields.String(validate=SHORT)
    purpose = fields.String(validate=validate.Length(max=200))


class FeedAddress(Schema):
    https = fields.String()
    webcal = fields.String()


class ChannelFeed(FeedAddress):
    channel_id = fields.Integer()
    slug = fields.String()


class FeedsOut(Schema):
    """The calling member's own feed addresses, as the Subscribe page shows them."""

    everything = fields.Nested(FeedAddress)
    mine = fields.Nested(FeedAddress)
    channels = fields.List(fields.Nested(ChannelFeed))
