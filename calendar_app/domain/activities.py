"""What a schedule item can be and where it stands (pure domain data)."""

from __future__ import annotations

from .workflow import ITEM_STATUSES as WORKFLOW_STATUSES
from .workflow import STATUS_MARKS as WORKFLOW_MARKS

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
# Statuses and their signs live with the workflow that moves items between them.
ITEM_STATUSES = WORKFLOW_STATUSES
STATUS_MARKS = WORKFLOW_MARKS


def activity_label(activity: str) -> str:
    """ "Reply time" for ``reply``; an unknown activity is shown as it is."""
    return ACTIVITY_LABELS.get(activity, activity)
