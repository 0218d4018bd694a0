"""The guided set-up's forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from calendar_app.domain.starter_channels import STARTERS
from calendar_app.web.forms import SingleLine, choices, timezone_choices


class BasicsForm(FlaskForm):
    """The workspace's name, time zone and site."""

    name = StringField(
        "Team or company name",
        validators=[
            DataRequired(message="Give the team or company a name."),
            Length(max=120),
            SingleLine(),
        ],
    )
    timezone = SelectField("Time zone", choices=timezone_choices())
    site_url = StringField(
        "Site URL",
        description="Where tracked links go by default (http or https).",
        validators=[Optional(), Length(max=2000)],
    )


class ChannelsForm(FlaskForm):
    """The common channels to start with."""

    channels = SelectMultipleField(
        "Channels",
        choices=choices((starter.slug, starter.name) for starter in STARTERS),
        validate_choice=True,
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
