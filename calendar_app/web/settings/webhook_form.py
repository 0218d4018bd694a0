"""The form that adds a webhook subscription (Settings → Webhooks)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from calendar_app.domain.webhooks import EVENTS, MAX_DESCRIPTION, MAX_URL_LENGTH
from calendar_app.web.forms import SingleLine, choices


class WebhookForm(FlaskForm):
    """A receiver's address, what it is for, and the events it hears of."""

    url = StringField(
        "Receiver's address",
        validators=[
            DataRequired(message="Give the receiver's address, https://…"),
            Length(
                max=MAX_URL_LENGTH, message=f"Keep the address under {MAX_URL_LENGTH} characters."
            ),
            SingleLine(),
        ],
        description="Where the calendar sends each event, e.g. https://hooks.example.com/calendar.",
    )
    description = StringField(
        "Description",
        validators=[
            Length(max=MAX_DESCRIPTION, message=f"Keep it under {MAX_DESCRIPTION} characters."),
            SingleLine(),
        ],
        description="What it is for, e.g. “Zapier: post to Slack”. Only the team sees it.",
    )
    events = SelectMultipleField(
        "Events",
        choices=choices(EVENTS.items()),
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validate_choice=False,
    )
