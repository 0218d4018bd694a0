"""The common channels a new team picks first, each with a sensible cadence (pure data).

The guided set-up offers these; a team changes any of them later on the
Channels page. Cadences are RFC 5545 RRULE values (section 3.3.10) planned from
the day they are added.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from .cadence import Cadence
from .channel_kinds import default_medium
from .rule_words import describe_cadence

WEEKDAYS = "MO,TU,WE,TH,FR"


@dataclass(frozen=True)
class StarterChannel:
    """A common channel and the rule it starts with."""

    slug: str
    name: str
    activity: str
    rrule: str
    time_of_day: time
    label: str
    duration_minutes: int | None = None

    def cadence(self, starts_on: date) -> Cadence:
        """The starting rule as a cadence planned from ``starts_on``."""
        return Cadence(
            activity=self.activity,
            time_of_day=self.time_of_day,
            starts_on=starts_on,
            rrule=self.rrule,
            duration_minutes=self.duration_minutes,
        )

    def channel_values(self) -> dict[str, str]:
        """The channel form's values for this channel (tracking values by its kind)."""
        return {"name": self.name, "slug": self.slug, "utm_medium": default_medium(self.slug)}

    def words(self, starts_on: date) -> str:
        """The cadence in plain words: "Every Tue at 09:00", with a length if it has one."""
        words = describe_cadence(self.cadence(starts_on))
        return f"{words}, {self.duration_minutes} minutes" if self.duration_minutes else words


STARTERS: tuple[StarterChannel, ...] = (
    StarterChannel("blog", "Blog", "post", "FREQ=WEEKLY;BYDAY=TU", time(9), "Blog post"),
    StarterChannel(
        "newsletter", "Newsletter", "post", "FREQ=MONTHLY;BYDAY=1TU", time(9), "Newsletter"
    ),
    StarterChannel(
        "linkedin", "LinkedIn", "post", f"FREQ=WEEKLY;BYDAY={WEEKDAYS}", time(10), "LinkedIn post"
    ),
    StarterChannel(
        "instagram", "Instagram", "post", "FREQ=WEEKLY;BYDAY=MO,WE,FR", time(12), "Instagram post"
    ),
    StarterChannel(
        "youtube", "YouTube", "video", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", time(14), "Video"
    ),
    StarterChannel("x", "X/Twitter", "post", f"FREQ=WEEKLY;BYDAY={WEEKDAYS}", time(11), "Post"),
    StarterChannel(
        "facebook", "Facebook", "post", "FREQ=WEEKLY;BYDAY=TU,TH", time(11), "Facebook post"
    ),
    StarterChannel(
        "replies",
        "Reply time",
        "reply",
        f"FREQ=WEEKLY;BYDAY={WEEKDAYS}",
        time(15),
        "Answer comments and messages",
        duration_minutes=30,
    ),
)
BY_SLUG = {starter.slug: starter for starter in STARTERS}
