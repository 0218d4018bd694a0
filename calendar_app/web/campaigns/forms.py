"""The campaign form; the service checks the values the way plan files and backups are."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from calendar_app.domain.campaigns import PALETTE
from calendar_app.web.forms import SingleLine, choices


class CampaignForm(FlaskForm):
    """A campaign's values."""

    name = StringField("Name", validators=[DataRequired(), Length(max=80), SingleLine()])
    token = StringField(
        "utm_campaign",
        validators=[Optional(), Length(max=100)],
        description="Default: the name written as a tracking value (Spring sale → spring-sale). "
        "It cannot change once a post of the campaign has gone out.",
    )
    starts_on = DateField("Starts", validators=[Optional()])
    ends_on = DateField("Ends", validators=[Optional()])
    goal = StringField(
        "Goal",
        validators=[Optional(), Length(max=200), SingleLine()],
        description="Optional, in words: “200 sign-ups for the webinar”.",
    )
    colour = RadioField("Colour", choices=choices(PALETTE.items()))
    channels = SelectMultipleField(
        "Runs on",
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validate_choice=False,
    )
