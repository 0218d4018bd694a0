"""Reminders a person's own feed carries, and a channel's response-time standard (pure).

A personal feed may give each event an alarm (RFC 5545 §3.6.6) some time before it
starts; the team's feeds never do, since an alarm there would ring for everyone. A
channel's response-time standard says how soon the team answers comments and messages
there; the channel's reply-time blocks carry it in their description.
"""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache
from typing import Any

from icalendar import Alarm

# Minutes before the event, with the words the Subscribe page shows; 0: no alarm.
ALARM_CHOICES = {
    0: "No reminder",
    15: "15 minutes before",
    60: "1 hour before",
    1440: "1 day before",
}
MAX_RESPONSE_HOURS = 168  # a week: a slower answer is not a standard
RESPONSE_HOURS_ERROR = (
    f"Give the response time in whole hours, from 1 to {MAX_RESPONSE_HOURS} (a week), "
    "like 4; or leave it empty for none."
)
_END = "END:VEVENT\r\n"


def check_alarm(minutes: object) -> int | None:
    """The stored alarm for a choice (None for no reminder); ValueError names the choices."""
    text = str(minutes).strip()
    chosen = int(text) if text.isdigit() and len(text) <= 5 else -1
    if chosen not in ALARM_CHOICES:
        raise ValueError("Choose one of: " + ", ".join(ALARM_CHOICES.values()) + ".")
    return chosen or None


def alarm_label(minutes: int | None) -> str:
    """The words for a stored alarm ("No reminder" for none)."""
    return ALARM_CHOICES.get(minutes or 0, f"{minutes} minutes before")


@lru_cache(maxsize=8)
def alarm_text(minutes: int) -> str:
    """The VALARM component that rings ``minutes`` before an event's start."""
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", "Reminder")
    alarm.add("trigger", timedelta(minutes=-minutes))
    return alarm.to_ical().decode("utf-8")


def with_alarm(event: str, minutes: int | None) -> str:
    """An event's text (a CRLF-ended VEVENT) with an alarm ``minutes`` before it; as it is
    without one, or when the event is cancelled (nobody needs reminding of a skipped slot)."""
    if not minutes or "\r\nSTATUS:CANCELLED\r\n" in event:
        return event
    if not event.endswith(_END):
        raise ValueError("Not the text of one event.")
    return event[: -len(_END)] + alarm_text(minutes) + _END


def check_response_hours(text: object) -> int | None:
    """A response-time standard in hours from a form or file (None when left empty)."""
    if text is None or isinstance(text, bool):
        if text is None:
            return None
        raise ValueError(RESPONSE_HOURS_ERROR)
    value = str(text).strip()
    if not value:
        return None
    if not value.isdigit() or len(value) > 3 or not 1 <= int(value) <= MAX_RESPONSE_HOURS:
        raise ValueError(RESPONSE_HOURS_ERROR)
    return int(value)


def response_standard(hours: int | None) -> str:
    """The standard in a sentence ("" when the channel has none)."""
    if not hours:
        return ""
    return f"Answer comments and messages within {hours} h."


def alarm_problems(row: dict[str, Any]) -> dict[str, str]:
    """A restored member's feed alarm must be one the Subscribe page offers (or none)."""
    minutes = row.get("feed_alarm_minutes")
    offered = [m for m in ALARM_CHOICES if m]  # none is stored as NULL, never 0
    if minutes is not None and (isinstance(minutes, bool) or minutes not in offered):
        return {"feed_alarm_minutes": "must be one of 15, 60 or 1440 minutes, or empty."}
    return {}


def response_problems(row: dict[str, Any]) -> dict[str, str]:
    """A restored channel's response-time standard must be one the form takes (or none)."""
    hours = row.get("response_hours")
    if hours is None:
        return {}
    if isinstance(hours, bool) or not isinstance(hours, int):
        return {"response_hours": RESPONSE_HOURS_ERROR}
    try:
        check_response_hours(hours)
    except ValueError as exc:
        return {"response_hours": str(exc)}
    return {}
