"""The shapes of results over the API: an upload and what it stored, and the report."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from .schemas import Strict, amount

REPORT_KINDS = ("channel", "campaign", "month", "post")


class ResultsFileIn(Strict):
    """A results file (GA4, Plausible or our own CSV), and the period it covers when its rows
    carry no date (both days, or neither)."""

    file = fields.Raw(
        required=True,
        metadata={"type": "string", "format": "binary", "description": "The CSV file."},
    )
    starts_on = fields.Date(metadata={"description": "First day; used with ends_on."})
    ends_on = fields.Date(metadata={"description": "Last day; used with starts_on."})


class ImportOut(Schema):
    """What an import stored, in numbers and in the words the Results page shows."""

    kind = fields.String(metadata={"description": "ga4, plausible or simple (our own)."})
    added = fields.Integer()
    updated = fields.Integer()
    unchanged = fields.Integer()
    replaced = fields.Integer(
        metadata={"description": "Stored rows the file reports again in other periods."}
    )
    matched_items = fields.Integer()
    matched_channels = fields.Integer()
    unmatched = fields.Integer()
    summary = fields.Function(lambda summary: summary.text())


class ReportArgs(Strict):
    by = fields.String(load_default="channel", validate=validate.OneOf(REPORT_KINDS))
    first = fields.Date(data_key="from", metadata={"description": "First day (YYYY-MM-DD)."})
    last = fields.Date(data_key="to", metadata={"description": "Last day (YYYY-MM-DD)."})

    @validates_schema
    def _in_order(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if data.get("first") and data.get("last") and data["last"] < data["first"]:
            raise ValidationError("The period ends before it starts.", "to")


def _percent(description: str = "", **options: Any) -> fields.Decimal:
    """A figure with one decimal, as a string; null where there is none."""
    metadata = {"type": ["string", "null"], "format": "decimal", "description": description}
    return fields.Decimal(as_string=True, allow_none=True, metadata=metadata, **options)


class LineOut(Schema):
    """A month of a channel or campaign: the Results page's cells and the CSV's columns."""

    month = fields.String(metadata={"description": "YYYY-MM"})
    visits = fields.Integer()
    leads = fields.Integer()
    conversion = _percent("Leads per 100 visits.")
    customers = fields.Integer()
    revenue = amount()
    hours = fields.Decimal(as_string=True, metadata={"type": "string"})
    cost = amount()
    traffic_value = amount()
    lead_value = amount()
    gain = amount(data_key="return")
    roi = _percent("Per cent; null without a cost.")
    cost_missing = fields.Boolean()


class VerdictOut(Schema):
    action = fields.String(metadata={"description": "keep, improve, drop or wait."})
    role = fields.String()
    reason = fields.String()


class RowOut(Schema):
    """A channel or campaign, its verdict (channels only) and its months, newest first."""

    name = fields.String()
    verdict = fields.Nested(VerdictOut, allow_none=True)
    months = fields.List(fields.Nested(LineOut))


class MonthOut(Schema):
    """A month over the channels with a cost recorded: what the chart draws."""

    month = fields.String()
    cost = amount()
    gain = amount(data_key="return")


class PostOut(Schema):
    """A post and what came back from its tracked link over the period."""

    item_id = fields.Integer()
    starts_at = fields.DateTime(format="iso")
    channel = fields.String()
    activity = fields.String()
    headline = fields.String(allow_none=True)
    visits = fields.Integer(attribute="figures.visits")
    leads = fields.Integer(attribute="figures.leads")
    conversion = _percent("Leads per 100 visits.", attribute="figures.conversion")
    customers = fields.Integer(attribute="figures.customers")
    revenue = amount(attribute="figures.revenue")


class ReportOut(Schema):
    """The report by one kind: ``rows`` (channel, campaign), ``months`` or ``posts``."""

    by = fields.String()
    first = fields.Date(data_key="from", allow_none=True)
    last = fields.Date(data_key="to", allow_none=True)
    currency = fields.String()
    rows = fields.List(fields.Nested(RowOut))
    months = fields.List(fields.Nested(MonthOut))
    posts = fields.List(fields.Nested(PostOut))
