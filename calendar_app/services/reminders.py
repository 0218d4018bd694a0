"""A person's reminder on their own feed: one unit of work."""

from __future__ import annotations

from calendar_app.domain.errors import FieldError
from calendar_app.domain.reminders import check_alarm
from calendar_app.models import User

from .transaction import unit_of_work


class ReminderError(FieldError):
    """A reminder the Subscribe page does not offer; ``field`` names the form field."""


@unit_of_work()
def set_feed_alarm(user: User, choice: object, by_mail: bool | None = None) -> int | None:
    """Ring ``choice`` minutes before each item of ``user``'s own feed (0 or None: never),
    and mail them as long before when ``by_mail`` (None: as they chose before).

    Their feed's version changes with it, so calendar apps fetch it again."""
    try:
        minutes = check_alarm(choice)
    except ValueError as exc:
        raise ReminderError("alarm", str(exc)) from None
    user.feed_alarm_minutes = minutes
    if by_mail is not None:
        user.mail_reminder = by_mail
    return minutes
