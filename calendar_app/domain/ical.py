"""The iCalendar feed as text (RFC 5545), built from plain event data. Pure domain code.

Each event is serialised on its own by the ``icalendar`` library (so that
its text can be cached with the schedule item) and the calendar body is
assembled from those texts:

* times carry the TZID of the channel's zone, and a VTIMEZONE for every zone
  used covers the feed's window (§3.6.5), so there are no floating times;
* lines end in CRLF and are folded at 75 octets (§3.1), and TEXT values are
  escaped (§3.3.11), so commas, semicolons, backslashes and line breaks in
  user text never start a new property or component;
* DTSTAMP and LAST-MODIFIED come from the stored modification time, never
  the clock, so unchanged data gives a byte-identical body;
* control characters (NUL, BEL, ESC…) are dropped from every text, and
  names lose their line breaks, so strict parsers accept every feed;
* skipped items are ``STATUS:CANCELLED`` (their SEQUENCE was raised when
  they were skipped); there is no METHOD, no ORGANIZER and no VALARM.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone

from .text import clean_text
from .workflow import FEED_STATUS

PRODID = "-//Editorial Calendar//Schedule feed//EN"
REFRESH = timedelta(hours=1)  # also written as X-PUBLISHED-TTL:PT1H
UID_DOMAIN = "editorial-calendar"
STATUS_BY_ITEM = FEED_STATUS  # TENTATIVE until approved, CONFIRMED after, CANCELLED if skipped


@dataclass(frozen=True)
class FeedEvent:
    """Everything one VEVENT shows; equal values give byte-identical text."""

    uid: str
    summary: str
    description: str
    start: datetime
    end: datetime
    tzid: str
    url: str | None
    categories: tuple[str, ...]
    status: str
    sequence: int
    created: datetime
    last_modified: datetime


def event_text(event: FeedEvent) -> str:
    """The event as a folded, CRLF-terminated VEVENT."""
    return event_component(event).to_ical().decode("utf-8")


def event_component(event: FeedEvent) -> Event:
    """The event as an ``icalendar`` component."""
    vevent = Event()
    zone = ZoneInfo(event.tzid)
    vevent.add("uid", f"{event.uid}@{UID_DOMAIN}")
    vevent.add("dtstamp", event.last_modified)
    vevent.add("created", event.created)
    vevent.add("last-modified", event.last_modified)
    vevent.add("sequence", event.sequence)
    vevent.add("dtstart", event.start.astimezone(zone))
    vevent.add("dtend", event.end.astimezone(zone))
    vevent.add("summary", clean_text(event.summary, multiline=False))
    if event.description:
        vevent.add("description", clean_text(event.description))
    if event.url:
        vevent.add("url", event.url)
    vevent.add("categories", [clean_text(c, multiline=False) for c in event.categories])
    vevent.add("status", event.status)
    return vevent


@cache
def timezone_text(tzid: str, first: date, last: date) -> str:
    """A VTIMEZONE for ``tzid`` that covers ``first`` to ``last``.

    The library notes the covered range in a COMMENT, which RFC 5545 §3.6.5
    does not allow on VTIMEZONE itself (libical's checker rejects it): dropped.
    """
    component = Timezone.from_tzinfo(ZoneInfo(tzid), tzid=tzid, first_date=first, last_date=last)
    component.pop("COMMENT", None)
    return component.to_ical().decode()


def calendar_text(
    name: str, default_tzid: str, timezones: Iterable[str], events: Iterable[str]
) -> bytes:
    """Assemble a VCALENDAR from VTIMEZONE and VEVENT texts (UTF-8 bytes)."""
    header = Calendar()
    header.add("version", "2.0")
    header.add("prodid", PRODID)
    header.add("calscale", "GREGORIAN")
    name = clean_text(name, multiline=False)
    header.add("name", name)
    header.add("x-wr-calname", name)
    header.add("x-wr-timezone", default_tzid)
    header.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    header.add("x-published-ttl", "PT1H")
    opening = header.to_ical().decode("utf-8")
    assert opening.endswith("END:VCALENDAR\r\n")
    opening = opening[: -len("END:VCALENDAR\r\n")]
    return "".join([opening, *timezones, *events, "END:VCALENDAR\r\n"]).encode("utf-8")
