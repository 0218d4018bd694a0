"""Which tracked link a schedule item gets, and how it appears in the calendar."""

from __future__ import annotations

from calendar_app.models import ScheduleItem, Workspace

from .cadence import ACTIVITY_LABELS
from .ical import STATUS_BY_ITEM, FeedEvent
from .routines import ROUTINES
from .tracking import TrackedLink, normalise_utm, tracked_link

LINKED_ACTIVITIES = ("post", "video")


def destination_of(item: ScheduleItem, workspace: Workspace) -> str:
    """The item's URL, else its idea's target URL, else the workspace site URL."""
    idea_url = item.idea.target_url if item.idea else ""
    return item.destination_url or idea_url or workspace.site_url


def campaign_of(item: ScheduleItem) -> str:
    """The item's campaign, else its idea's, else the headline (or channel and activity)."""
    if item.campaign:
        return item.campaign
    if item.idea is not None:
        return item.idea.campaign or item.idea.headline
    return f"{item.channel.slug}-{item.activity}"


def link_for(item: ScheduleItem, workspace: Workspace) -> TrackedLink | None:
    """The tracked link of a post or video; None for other activities or with no destination.

    ``utm_content`` is the item's permanent uid, so the link is unique to the
    item and stays the same through moves and edits.
    """
    if item.activity not in LINKED_ACTIVITIES or not destination_of(item, workspace):
        return None
    try:
        return tracked_link(
            destination_of(item, workspace),
            source=item.channel.utm_source,
            medium=item.channel.utm_medium,
            campaign=campaign_of(item),
            content=item.uid[:12],
            term=item.utm_term or None,
        )
    except ValueError:
        # A campaign of only punctuation, say: fall back to the channel's own name.
        return tracked_link(
            destination_of(item, workspace),
            source=item.channel.utm_source,
            medium=item.channel.utm_medium,
            campaign=normalise_utm(f"{item.channel.slug}-{item.activity}"),
            content=item.uid[:12],
        )


def summary_of(item: ScheduleItem) -> str:
    """ "LinkedIn · Post: <headline>", "LinkedIn · Post (open slot)" or "LinkedIn · Reply time"."""
    label = f"{item.channel.name} · {ACTIVITY_LABELS.get(item.activity, item.activity)}"
    if item.activity in LINKED_ACTIVITIES:
        return f"{label}: {item.idea.headline}" if item.idea else f"{label} (open slot)"
    if item.rule is not None and item.rule.label:
        return f"{label}: {item.rule.label}"
    return label


def post_text(item: ScheduleItem, link: TrackedLink | None) -> str:
    """What "Copy post" puts on the clipboard: the headline and the link."""
    headline = item.idea.headline if item.idea else ""
    return "\n".join(part for part in (headline, link.url if link else "") if part)


def feed_event(item: ScheduleItem, workspace: Workspace) -> FeedEvent:
    """The calendar event of a schedule item (or of a row with the same attributes)."""
    link = link_for(item, workspace)
    lines = []
    if item.idea is not None:
        lines.append(item.idea.headline)
    elif item.activity in LINKED_ACTIVITIES:
        lines.append("Open slot: pick a headline in the idea bank.")
    if link is not None:
        lines.append(f"Link: {link.url}")
    if item.rule is not None and item.rule.routine_key in ROUTINES:
        lines.append("Checklist:\n" + ROUTINES[item.rule.routine_key].checklist_text)
    if item.notes:
        lines.append(f"Notes: {item.notes}")
    return FeedEvent(
        uid=item.uid,
        summary=summary_of(item),
        description="\n\n".join(lines),
        start=item.starts_at,
        end=item.ends_at,
        tzid=item.channel.timezone or workspace.timezone,
        url=link.url if link else None,
        categories=(ACTIVITY_LABELS.get(item.activity, item.activity), item.channel.name),
        status=STATUS_BY_ITEM[item.status],
        sequence=item.sequence,
        created=item.created_at,
        last_modified=item.updated_at,
    )
