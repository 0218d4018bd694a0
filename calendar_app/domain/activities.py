"""What a schedule item can be and where it stands (pure domain data)."""

from __future__ import annotations

ACTIVITIES = ("post", "video", "reply", "listening", "routine")
ACTIVITY_LABELS = {
    "post": "Post",
    "video": "Video",
    "reply": "Reply time",
    "listening": "Listening",
    "routine": "Routine",
}
# Minutes a slot lasts when its rule does not say.
DEFAULT_DURATIONS = {"post": 30, "video": 120, "reply": 30, "listening": 15, "routine": 30}
# The activities that take a headline from the idea bank, and so a tracked link.
HEADLINE_ACTIVITIES = ("post", "video")
ITEM_STATUSES = ("planned", "ready", "published", "skipped")
# How the calendar marks an item's status: a sign to see and a word that is always there
# for screen readers and in the key, so no status is told by colour alone.
STATUS_MARKS = {"planned": ("○", "Planned"), "ready": ("◐", "Ready"),
                "published": ("✓", "Published"), "skipped": ("⊘", "Skipped")}  # fmt: skip
# The one-click next step of an item's status on the week page (any status on its page).
NEXT_STEP = {"planned": ("ready", "Mark ready"), "ready": ("published", "Mark published"),
             "skipped": ("planned", "Plan again")}  # fmt: skip


def activity_label(activity: str) -> str:
    """ "Reply time" for ``reply``; an unknown activity is shown as it is."""
    return ACTIVITY_LABELS.get(activity, activity)
