"""The Subscribe page's form: the reminder on a person's own feed."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField

from calendar_app.domain.reminders import ALARM_CHOICES
from calendar_app.web.forms import choices


class ReminderForm(FlaskForm):
    """When the own feed's alarm rings; the service checks the choice."""

    alarm = SelectField(
        "Reminder",
        choices=choices((str(minutes), words) for minutes, words in ALARM_CHOICES.items()),
        validate_choice=False,
        description="Calendar apps that honour alarms (Apple Calendar, Outlook, Thunderbird) "
        "ring this long before each of your items. Google Calendar ignores alarms in "
        "subscribed calendars. The team's feeds never ring.",
    )
    by_mail = BooleanField(
        "Also by e-mail",
        description="A mail comes as long before each of your items, for calendar apps "
        "that ignore alarms.",
    )
