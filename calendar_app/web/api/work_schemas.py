"""The shapes of the API's day-to-day work: an idea's changes and score, a post's copy.

The same conventions as schemas.py: instants with their offset, unknown fields refused.
"""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from idea_bank import IDEA_STATUSES, PURPOSES

from .schemas import ROW_ID, IdeaOut, ItemChange, Strict


class IdeaChange(Strict):
    headline = fields.String(validate=validate.Length(max=1000))
    notes = fields.String(validate=validate.Length(max=5000))
    purpose = fields.String(validate=validate.OneOf(PURPOSES), allow_none=True)
    campaign_id = fields.Integer(allow_none=True, validate=ROW_ID)
    status = fields.String(validate=validate.OneOf(IDEA_STATUSES))


class ScoreArgs(Strict):
    # A query string must fit the server's request line (about 4 KB) even when every
    # character takes 12 bytes percent-encoded: 300 characters do, far past any headline.
    headline = fields.String(required=True, validate=validate.Length(min=1, max=300))


class SimilarOut(Schema):
    headline = fields.String()
    ratio = fields.Float()


class ScoreOut(Schema):
    """The scorer's verdict on a draft headline, with the reasons for it."""

    score = fields.Integer()
    type = fields.String()
    characters = fields.Integer()
    words = fields.Integer()
    tips = fields.List(fields.String())
    parts = fields.Dict(keys=fields.String(), values=fields.Float())
    similar = fields.List(fields.Nested(SimilarOut))


class GeneratedOut(Schema):
    ideas = fields.List(fields.Nested(IdeaOut))


class CopyIn(Strict):
    title = fields.String(validate=validate.Length(max=10000), load_default="")
    body = fields.String(validate=validate.Length(max=100000), load_default="")
    outline = fields.String(validate=validate.Length(max=100000), load_default="")


class CopyOut(Schema):
    """A post's text as its channel's network takes it; ``shared`` when it is still the
    draft of another slot of the same headline (nothing saved for this item yet)."""

    item_id = fields.Integer()
    network = fields.String()
    title = fields.String()
    body = fields.String()
    outline = fields.String()
    shared = fields.Boolean()
    saved_at = fields.DateTime(format="iso", allow_none=True)
    warnings = fields.List(fields.String())


class TimeIn(Strict):
    minutes = fields.Integer(
        required=True,
        allow_none=True,
        metadata={"description": "Minutes spent; null: the item's planned duration."},
    )


class ItemEdit(ItemChange):
    """An item's change: its status and assignee, its details as the item's page edits
    them, and a move to another instant."""

    campaign_id = fields.Integer(allow_none=True, validate=ROW_ID)
    notes = fields.String(validate=validate.Length(max=5000))
    destination_url = fields.String(validate=validate.Length(max=2000))
    starts_at = fields.AwareDateTime(
        format="iso", metadata={"description": "Move the item to start then (RFC 3339)."}
    )


class ItemIn(Strict):
    channel_id = fields.Integer(required=True, validate=ROW_ID)
    activity = fields.String(required=True, validate=validate.Length(max=40))
    starts_at = fields.AwareDateTime(
        required=True, format="iso", metadata={"description": "When it starts (RFC 3339)."}
    )
