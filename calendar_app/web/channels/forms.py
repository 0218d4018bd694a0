"""Forms for channels and cadence rules."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, RadioField, SelectField, StringField, TimeField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from calendar_app.domain.activities import ACTIVITIES, ACTIVITY_LABELS
from calendar_app.domain.cadence import MAX_COUNT, MAX_DURATION_MINUTES, MAX_PER_WEEK
from calendar_app.web.forms import SingleLine, choices, timezone_choices


class ChannelForm(FlaskForm):
    """A channel's name, slug, tracking values and time zone."""

    name = StringField("Name", validators=[DataRequired(), Length(max=80), SingleLine()])
    slug = StringField(
        "Slug",
        validators=[DataRequired(), Length(max=60)],
        description="Lowercase letters, digits and hyphens; used in feed and link names.",
    )
    utm_source = StringField(
        "utm_source", validators=[Optional(), Length(max=100)], description="Default: the slug."
    )
    utm_medium = StringField(
        "utm_medium",
        validators=[Optional(), Length(max=100)],
        description="Default: social (email for a newsletter).",
    )
    timezone = SelectField(
        "Time zone",
        choices=choices([("", "Same as the workspace")]) + timezone_choices(),
        default="",
    )


class RuleForm(FlaskForm):
    """What happens how often: activity, recurrence, time, duration, start and end."""

    activity = SelectField("Activity", choices=choices((a, ACTIVITY_LABELS[a]) for a in ACTIVITIES))
    label = StringField("Label", validators=[Optional(), Length(max=120), SingleLine()])
    recurrence = RadioField(
        "Recurrence",
        choices=choices(
            [("per_week", "A number of times per week"), ("rrule", "A recurrence rule (RRULE)")]
        ),
        default="per_week",
    )
    per_week = IntegerField(
        "Times per week",
        validators=[Optional(), NumberRange(1, MAX_PER_WEEK)],
        description="Spread evenly over Monday to Friday.",
    )
    rrule = StringField(
        "RRULE",
        validators=[Optional(), Length(max=500)],
        description="For example FREQ=WEEKLY;BYDAY=MO,WE,FR or FREQ=MONTHLY;BYDAY=-1FR",
    )
    time_of_day = TimeField("Time of day", validators=[InputRequired()])
    duration_minutes = IntegerField(
        "Duration (minutes)",
        validators=[Optional(), NumberRange(1, MAX_DURATION_MINUTES)],
        description="Default: post 30, video 120, reply 30, listening 15, routine 30.",
    )
    starts_on = DateField("Starts on", validators=[InputRequired()])
    ends_on = DateField("Ends on", validators=[Optional()])
    count = IntegerField(
        "Or after this many times", validators=[Optional(), NumberRange(1, MAX_COUNT)]
    )
