"""Forms for channels and cadence rules."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from calendar_app.domain.activities import ACTIVITIES, ACTIVITY_LABELS
from calendar_app.domain.cadence import MAX_COUNT, MAX_DURATION_MINUTES, MAX_PER_WEEK
from calendar_app.domain.cadence_picker import KIND_FIELDS, LAST
from calendar_app.domain.campaigns import PALETTE
from calendar_app.domain.networks import MAX_OWN_LIMIT, NETWORKS
from calendar_app.domain.rrules import RRULE_DAYS
from calendar_app.domain.rule_words import DAY_ABBR, DAY_NAMES, MONTH_NAMES
from calendar_app.web.forms import SingleLine, choices, timezone_choices


class ChannelForm(FlaskForm):
    """A channel's name, slug, tracking values and time zone."""

    name = StringField("Name", validators=[DataRequired(), Length(max=80), SingleLine()])
    slug = StringField(
        "Slug",
        validators=[Optional(), Length(max=60)],
        description="Lowercase letters, digits and hyphens; used in feed and link names. "
        "Left empty, it is made of the name.",
        render_kw={"data-slug-of": "name"},
    )
    utm_source = StringField(
        "utm_source", validators=[Optional(), Length(max=100)], description="Default: the slug."
    )
    utm_medium = StringField(
        "utm_medium",
        validators=[Optional(), Length(max=100)],
        description="Left empty, it is set from the slug when you save: email for the slugs "
        "newsletter and email, audio for podcast, blog for blog, social for any other. "
        "It stays as saved when the slug changes later.",
    )
    # Checked by the service against the palette, which names the colours in its message.
    colour = RadioField("Colour", choices=choices(PALETTE.items()), validate_choice=False)
    timezone = SelectField(
        "Time zone",
        choices=choices([("", "Same as the workspace")]) + timezone_choices(),
        default="",
    )
    # The team's members are filled in by the view; the service checks the choice.
    owner_id = SelectField(
        "Owner",
        choices=[],
        default="",
        validate_choice=False,
        description="Its planned items are assigned to them. A new owner gets the channel's "
        "future items nobody has changed yet.",
    )
    # Checked by the service, which names the networks in its message.
    network = SelectField(
        "Network",
        choices=choices(
            [("", "Guess from the slug")] + [(k, n.label) for k, n in NETWORKS.items()]
        ),
        default="",
        validate_choice=False,
        description="Where its posts go: their length is counted and checked as it counts.",
    )
    own_limit = StringField(
        "Own limit (characters)",
        validators=[Optional(), Length(max=6)],
        description=f"For Mastodon (default 500) or Other (default none): 1 to "
        f"{MAX_OWN_LIMIT:,}. Ignored for the other networks.",
        render_kw={"inputmode": "numeric"},
    )
    # Checked by the service, which says the range in its message.
    response_hours = StringField(
        "Response time (hours)",
        validators=[Optional(), Length(max=6)],
        description="How soon the team answers comments and messages here, like 4. The "
        "channel's reply-time blocks say it. Empty: no standard.",
        render_kw={"inputmode": "numeric"},
    )


class HashtagSetForm(FlaskForm):
    """A named hashtag set of a channel; the tags are checked by the service."""

    set_name = StringField("Name of the set", validators=[DataRequired(), Length(max=60)])
    tags = StringField(
        "Hashtags",
        validators=[DataRequired(), Length(max=4000)],
        description="Separated by commas, like #bikes, #repair, #winter_riding: letters, "
        "digits and underscores, no spaces; at most 30. Saving a set under an existing name "
        "replaces its tags.",
    )


# The picker's kinds, then the RRULE typed under "Advanced".
RECURRENCES = (
    ("weekdays", "Weekly"),
    ("every_n_weeks", "Every N weeks"),
    ("monthly_day", "Monthly on a day"),
    ("monthly_weekday", "Monthly on a weekday"),
    ("yearly", "Yearly"),
    ("per_week", "N times a week"),
    ("rrule", "Use the RRULE below instead"),
)
PICKER_FIELDS = {name for names in KIND_FIELDS.values() for name in names} | {"rrule"}
MONTH_DAYS = [(str(day), str(day)) for day in range(1, 32)]
POSITION_WORDS = {1: "First", 2: "Second", 3: "Third", 4: "Fourth", LAST: "Last"}


class RuleForm(FlaskForm):
    """What happens how often: activity, recurrence, time, duration, start and end.

    The recurrence is one of the picker's kinds or an RRULE; only the chosen
    kind's fields are read (and checked), so a stray value in another kind's
    field never blocks a save.
    """

    activity = SelectField("Activity", choices=choices((a, ACTIVITY_LABELS[a]) for a in ACTIVITIES))
    label = StringField("Label", validators=[Optional(), Length(max=120), SingleLine()])
    recurrence = RadioField("Repeats", choices=choices(RECURRENCES), default="weekdays")
    days = SelectMultipleField(
        "On",
        choices=choices(zip(RRULE_DAYS, DAY_ABBR, strict=True)),
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validate_choice=False,
    )
    interval = IntegerField(
        "Every how many weeks",
        validators=[Optional()],
        description="2 is every other week. The first week is the week of the start date: "
        "its ticked days all count, so this week's Thursday is never skipped.",
    )
    month_day = SelectField(
        "Day of the month",
        choices=choices([*MONTH_DAYS, (str(LAST), "The last day")]),
        coerce=int,
        validate_choice=False,
        description="A month without this day gets no slot (the calendar standard skips it): "
        "the 31st comes in 7 months a year, the 30th in 11. Choose the last day for every month.",
    )
    position = SelectField(
        "On the",
        choices=choices((str(n), word) for n, word in POSITION_WORDS.items()),
        coerce=int,
        validate_choice=False,
        description="A fifth weekday is not in every month: write it as an RRULE under Advanced.",
    )
    weekday = SelectField(
        "Day of the week",
        choices=choices(zip(RRULE_DAYS, DAY_NAMES, strict=True)),
        validate_choice=False,
    )
    yearly_day = SelectField("Day", choices=choices(MONTH_DAYS), coerce=int, validate_choice=False)
    yearly_month = SelectField(
        "Month",
        choices=choices((str(n), name) for n, name in enumerate(MONTH_NAMES, start=1)),
        coerce=int,
        validate_choice=False,
        description="29 February comes in leap years only.",
    )
    per_week = IntegerField(
        "Times per week",
        validators=[Optional()],
        description=f"1 to {MAX_PER_WEEK}, spread evenly over Monday to Friday.",
    )
    rrule = StringField(
        "RRULE",
        validators=[Optional(), Length(max=500)],
        description="For example FREQ=WEEKLY;BYDAY=MO,WE,FR or FREQ=MONTHLY;BYDAY=-1FR",
        # Typing a rule ticks its choice (the last radio button of ``recurrence``).
        render_kw={"data-ticks": f"recurrence-{len(RECURRENCES) - 1}"},
    )
    time_of_day = TimeField(
        "Time of day",
        validators=[InputRequired()],
        description="A new rule starts at the channel's usual time: the most common time of its "
        "rules (10:00 for its first).",
    )
    duration_minutes = IntegerField(
        "Duration (minutes)",
        validators=[Optional(), NumberRange(1, MAX_DURATION_MINUTES)],
        description="Default: post 30, video 120, reply 30, listening 15, routine 30.",
    )
    starts_on = DateField(
        "Starts on",
        validators=[InputRequired()],
        description="Every N weeks starts in the week of this date, from its Monday.",
    )
    ends_on = DateField("Ends on", validators=[Optional()])
    count = IntegerField(
        "Or after this many times", validators=[Optional(), NumberRange(1, MAX_COUNT)]
    )

    def validate(self, extra_validators: Any = None) -> bool:
        """Check the form, leaving out the picker fields of the kinds not chosen."""
        super().validate(extra_validators)
        chosen = set(KIND_FIELDS.get(self.recurrence.data or "", ("rrule",)))
        for name in PICKER_FIELDS - chosen:
            self[name].errors = []
        return not self.errors
