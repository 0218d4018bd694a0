"""Ready-made routines from the social media checklists (pure domain data).

Daily, weekly, monthly and yearly checklists; a team switches them on as
cadence rules on the "Routines" channel, and the checklist text goes into
the calendar event's description.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time

ROUTINES_CHANNEL_SLUG = "routines"
ROUTINES_CHANNEL_NAME = "Routines"


@dataclass(frozen=True)
class Routine:
    """A checklist that comes back at a fixed rhythm."""

    key: str
    name: str
    rrule: str
    time_of_day: time
    duration_minutes: int
    checklist: tuple[str, ...]
    # What a step counts, by the step's index (e.g. "Mentions today"); other steps are ticked only.
    counts: dict[int, str] = field(default_factory=dict)

    def count_label(self, step: int) -> str | None:
        """What step ``step`` counts, or None when it is only ticked."""
        return self.counts.get(step)

    @property
    def checklist_text(self) -> str:
        """The checklist as lines starting with "- "."""
        return "\n".join(f"- {line}" for line in self.checklist)


ROUTINES: dict[str, Routine] = {
    routine.key: routine
    for routine in (
        Routine(
            key="daily-scan",
            name="Daily scan",
            rrule="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
            time_of_day=time(9, 0),
            duration_minutes=15,
            checklist=(
                "Scan mentions and comments quickly for anything that could become a crisis",
                "Watch the chatter for sudden spikes or drops in volume",
                "Note new advocates and critics",
            ),
            counts={0: "Mentions today", 2: "Negative mentions"},
        ),
        Routine(
            key="weekly-review",
            name="Weekly review",
            rrule="FREQ=WEEKLY;BYDAY=MO",
            time_of_day=time(10, 0),
            duration_minutes=45,
            checklist=(
                "Advocacy: who shared, praised or defended us this week",
                "Activation: which posts made people click, sign up or buy",
                "Top content: the three best performing posts and why",
            ),
            counts={2: "Visits on the best day (the good day to beat)"},
        ),
        Routine(
            key="monthly-analysis",
            name="Monthly analysis",
            rrule="FREQ=MONTHLY;BYDAY=-1FR",
            time_of_day=time(14, 0),
            duration_minutes=90,
            checklist=(
                "Competitive positioning: what competitors published and how it landed",
                "Campaign analysis: reach, share of voice and awareness per campaign",
                "Visits, leads and visit-to-lead conversion per channel",
            ),
            counts={2: "Leads this month"},
        ),
        Routine(
            key="yearly-strategy",
            name="Yearly strategy review",
            rrule="FREQ=YEARLY;BYMONTH=12;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1",
            time_of_day=time(10, 0),
            duration_minutes=180,
            checklist=(
                "Look back: what worked, what did not, what it cost",
                "Set next year's goal with a number",
                "Choose next year's channel mix and cadence",
            ),
        ),
    )
}
