"""Forms of the Results page."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, SelectField, StringField
from wtforms.validators import Optional, ValidationError

from calendar_app import clock
from calendar_app.domain.metric_values import future_month_problem, read_count, read_month
from calendar_app.web.presentation import local


class UploadForm(FlaskForm):
    """A results file, and the period it covers when its rows carry no date."""

    file = FileField(
        "Results file (CSV)",
        validators=[FileRequired("Choose a CSV file.")],
        render_kw={"accept": ".csv,text/csv"},
    )
    starts_on = DateField("Period from", validators=[Optional()])
    ends_on = DateField("to", validators=[Optional()])


class CountField:
    """Refuse what is not a whole number from 0 (empty is allowed: not known), in the
    domain's words, so that every wrong field is named at once."""

    def __call__(self, form: Any, field: Any) -> None:
        try:
            read_count(field.data or "")
        except ValueError as exc:
            raise ValidationError(str(exc)) from None


class MonthField:
    """Refuse a month not written like 2026-11 (what ``<input type="month">`` sends), or
    after this one."""

    def __call__(self, form: Any, field: Any) -> None:
        try:
            month = read_month(field.data or "")
        except ValueError as exc:
            raise ValidationError(str(exc)) from None
        if problem := future_month_problem(month, local(clock.now()).date()):
            raise ValidationError(problem)


NUMBER = {"inputmode": "numeric", "size": 8, "autocomplete": "off"}


class NumbersForm(FlaskForm):
    """A channel's seven numbers for a month; an empty field is not known."""

    followers = StringField("Followers", validators=[CountField()], render_kw=NUMBER)
    reach = StringField("Reach", validators=[CountField()], render_kw=NUMBER)
    impressions = StringField("Impressions", validators=[CountField()], render_kw=NUMBER)
    engagements = StringField("Engagements", validators=[CountField()], render_kw=NUMBER)
    mentions = StringField("Mentions", validators=[CountField()], render_kw=NUMBER)
    positive_mentions = StringField(
        "Positive mentions", validators=[CountField()], render_kw=NUMBER
    )
    negative_mentions = StringField(
        "Negative mentions", validators=[CountField()], render_kw=NUMBER
    )


class MetricsForm(NumbersForm):
    """A new month of a channel: which channel and month, and its numbers."""

    channel_id = SelectField("Channel", validate_choice=False)
    month = StringField(
        "Month", validators=[MonthField()], render_kw={"type": "month", "placeholder": "2026-11"}
    )


class MetricsUploadForm(FlaskForm):
    """A metrics file: ours names its channels; a network's export is for the channel chosen."""

    file = FileField(
        "Metrics file (CSV)",
        validators=[FileRequired("Choose a CSV file.")],
        render_kw={"accept": ".csv,text/csv"},
    )
    channel_id = SelectField(
        "Channel (for a LinkedIn export)",
        validate_choice=False,
        description="Our CSV names the channel on each line; LinkedIn's export does not.",
    )
