"""The shapes the JSON API reads and writes (marshmallow), which the OpenAPI document shows.

Instants are RFC 3339 with their offset, amounts are strings (no rounding on the
way), ids are integers. Unknown fields in a body are refused, not ignored.
"""

from __future__ import annotations

from typing import Any

from marshmallow import RAISE, Schema, fields, validate

from calendar_app.domain.api_paging import DEFAULT_LIMIT, MAX_LIMIT
from calendar_app.domain.workflow import ITEM_STATUSES
from idea_bank import IDEA_STATUSES, PURPOSES

ROW_ID = validate.Range(min=1, max=2**31 - 1)


def amount(**options: Any) -> fields.Decimal:
    """An amount of money as a string ("12.50"): no rounding in anyone's float."""
    return fields.Decimal(
        as_string=True, metadata={"type": "string", "format": "decimal"}, **options
    )


class Strict(Schema):
    """A body with an unknown field is refused with the field named."""

    class Meta:
        unknown = RAISE


class ProblemError(Schema):
    field = fields.String(metadata={"description": "The parameter or body field at fault."})
    detail = fields.String()


class Problem(Schema):
    """RFC 9457 Problem Details."""

    type = fields.String()
    title = fields.String()
    status = fields.Integer()
    detail = fields.String()
    errors = fields.List(fields.Nested(ProblemError))


class WorkspaceOut(Schema):
    id = fields.Integer()
    name = fields.String()
    timezone = fields.String()
    currency = fields.String()
    locale = fields.String()
    site_url = fields.String()
    hourly_rate = amount()
    lead_value = amount()


class RuleOut(Schema):
    id = fields.Integer()
    activity = fields.String()
    label = fields.String()
    rrule = fields.String(allow_none=True)
    per_week = fields.Integer(allow_none=True)
    time_of_day = fields.Time()
    duration_minutes = fields.Integer(allow_none=True)
    starts_on = fields.Date()
    ends_on = fields.Date(allow_none=True)
    enabled = fields.Boolean()


class ChannelOut(Schema):
    id = fields.Integer()
    name = fields.String()
    slug = fields.String()
    network = fields.String()
    timezone = fields.String(allow_none=True)
    paused = fields.Boolean()
    requires_approval = fields.Boolean()
    click_value = amount()
    lead_value = amount(allow_none=True)
    owner_id = fields.Integer(allow_none=True)
    rules = fields.List(fields.Nested(RuleOut))


class CampaignOut(Schema):
    id = fields.Integer()
    name = fields.String()
    token = fields.String()
    starts_on = fields.Date(allow_none=True)
    ends_on = fields.Date(allow_none=True)
    goal = fields.String()


class CopyText(Schema):
    """A post's text as last saved (null: none saved yet)."""

    title = fields.String()
    body = fields.String()
    outline = fields.String()
    saved_at = fields.DateTime(format="iso")


class ItemOut(Schema):
    id = fields.Integer()
    version = fields.Integer()
    channel_id = fields.Integer()
    activity = fields.String()
    status = fields.String()
    starts_at = fields.DateTime(format="iso")
    ends_at = fields.DateTime(format="iso")
    headline = fields.Function(lambda item: item.idea.headline if item.idea else None)
    idea_id = fields.Integer(allow_none=True)
    campaign_id = fields.Integer(allow_none=True)
    assignee_id = fields.Integer(allow_none=True)
    notes = fields.String()
    destination_url = fields.String()
    actual_minutes = fields.Integer(allow_none=True)
    copy = fields.Nested(CopyText, allow_none=True)


class IdeaOut(Schema):
    id = fields.Integer()
    headline = fields.String()
    status = fields.String()
    score = fields.Integer()
    purpose = fields.String(allow_none=True)
    notes = fields.String()
    campaign_id = fields.Integer(allow_none=True)


class Page(Schema):
    next_cursor = fields.String(allow_none=True)


class ItemPage(Page):
    items = fields.List(fields.Nested(ItemOut))


class IdeaPage(Page):
    ideas = fields.List(fields.Nested(IdeaOut))


class IdeaCreated(Schema):
    idea = fields.Nested(IdeaOut)
    warnings = fields.List(fields.String())


class PageArgs(Strict):
    cursor = fields.String(validate=validate.Length(max=200))
    limit = fields.Integer(load_default=DEFAULT_LIMIT, validate=validate.Range(1, MAX_LIMIT))


class ItemArgs(PageArgs):
    start = fields.AwareDateTime(
        data_key="from", metadata={"description": "Items starting at or after (RFC 3339)."}
    )
    end = fields.AwareDateTime(data_key="to", metadata={"description": "Items starting before."})
    channel = fields.Integer(validate=ROW_ID)
    status = fields.String(validate=validate.OneOf(ITEM_STATUSES))
    assignee = fields.Integer(validate=ROW_ID)


class IdeaArgs(PageArgs):
    status = fields.String(validate=validate.OneOf(IDEA_STATUSES))


class ItemChange(Strict):
    status = fields.String(validate=validate.OneOf(ITEM_STATUSES))
    assignee_id = fields.Integer(allow_none=True, validate=ROW_ID)
    note = fields.String(validate=validate.Length(max=1000), load_default="")


class IdeaIn(Strict):
    headline = fields.String(required=True, validate=validate.Length(max=1000))
    notes = fields.String(validate=validate.Length(max=5000), load_default="")
    purpose = fields.String(validate=validate.OneOf(PURPOSES), allow_none=True)


def dumped(schema: type[Schema], obj: Any) -> dict[str, Any]:
    """One object in a schema's shape."""
    return schema().dump(obj)  # type: ignore[no-any-return]
