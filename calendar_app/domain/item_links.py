"""Which tracked link a schedule item gets, and how it appears in the calendar.

Pure domain code: an item is anything with the attributes below (a stored
row, or a plain namespace built from one), so the feed can describe thousands
of items without loading them as ORM objects.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from .activities import HEADLINE_ACTIVITIES, activity_label
from .copy_text import post_copy
from .ical import STATUS_BY_ITEM, FeedEvent
from .reminders import response_standard
from .routines import ROUTINES
from .tracking import TrackedLink, normalise_utm, tracked_link


class ChannelLike(Protocol):
    """What an item's description needs of its channel."""

    name: str
    slug: str
    utm_source: str
    utm_medium: str
    timezone: str | None


class CampaignLike(Protocol):
    """What it needs of a campaign: the ``utm_campaign`` its posts carry."""

    token: str


class IdeaLike(Protocol):
    """What it needs of the headline in the slot."""

    headline: str
    target_url: str

    @property
    def campaign(self) -> CampaignLike | None:
        """The campaign the headline belongs to, if any."""


class RuleLike(Protocol):
    """What it needs of the rule that planned the item."""

    label: str
    routine_key: str | None


class CopyLike(Protocol):
    """What it needs of an item's copy (see calendar_app.domain.copy_text)."""

    title: str
    body: str


class MemberLike(Protocol):
    """What it needs of the member an item is assigned to."""

    email: str


class ItemLike(Protocol):
    """A schedule item, as stored."""

    uid: str
    activity: str
    status: str
    starts_at: datetime
    ends_at: datetime
    destination_url: str
    utm_term: str
    notes: str
    sequence: int
    created_at: datetime
    updated_at: datetime

    @property
    def channel(self) -> ChannelLike:
        """The channel it goes out on."""

    @property
    def idea(self) -> IdeaLike | None:
        """The headline in the slot, if any."""

    @property
    def campaign(self) -> CampaignLike | None:
        """The campaign picked for this item, if any."""

    @property
    def rule(self) -> RuleLike | None:
        """The rule that planned it (None for a one-off)."""

    @property
    def assignee(self) -> MemberLike | None:
        """Who does it (None: nobody yet)."""


class WorkspaceLike(Protocol):
    """What it needs of the workspace: the default destination and time zone."""

    site_url: str
    timezone: str


def destination_of(item: ItemLike, workspace: WorkspaceLike) -> str:
    """The item's URL, else its idea's target URL, else the workspace site URL."""
    idea_url = item.idea.target_url if item.idea else ""
    return item.destination_url or idea_url or workspace.site_url


def campaign_of(item: ItemLike) -> CampaignLike | None:
    """The item's campaign, else its headline's (None: it belongs to no campaign)."""
    if item.campaign is not None:
        return item.campaign
    return item.idea.campaign if item.idea is not None else None


def utm_campaign_of(item: ItemLike) -> str:
    """What the item's link carries as ``utm_campaign``: its campaign's token, else the
    headline (or the channel and activity of an open slot)."""
    campaign = campaign_of(item)
    if campaign is not None:
        return campaign.token
    if item.idea is not None:
        return item.idea.headline
    return f"{item.channel.slug}-{item.activity}"


def link_for(item: ItemLike, workspace: WorkspaceLike) -> TrackedLink | None:
    """The tracked link of a post or video; None for other activities or with no destination.

    ``utm_content`` is the item's permanent uid, so the link is unique to the
    item and stays the same through moves and edits.
    """
    if item.activity not in HEADLINE_ACTIVITIES or not destination_of(item, workspace):
        return None
    try:
        return tracked_link(
            destination_of(item, workspace),
            source=item.channel.utm_source,
            medium=item.channel.utm_medium,
            campaign=utm_campaign_of(item),
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


def summary_of(item: ItemLike) -> str:
    """ "LinkedIn · Post: <headline>", "LinkedIn · Post (open slot)" or "LinkedIn · Reply time"."""
    label = f"{item.channel.name} · {activity_label(item.activity)}"
    if item.activity in HEADLINE_ACTIVITIES:
        return f"{label}: {item.idea.headline}" if item.idea else f"{label} (open slot)"
    if item.rule is not None and item.rule.label:
        return f"{label}: {item.rule.label}"
    return label


def post_text(item: ItemLike, link: TrackedLink | None) -> str:
    """What "Copy post" puts on the clipboard: the item's copy with its link once someone
    wrote it, else the headline and the link."""
    copy: CopyLike | None = getattr(item, "copy", None)
    if copy is not None and (copy.title or copy.body):
        return post_copy(copy.title, copy.body, link.url if link else "")
    headline = item.idea.headline if item.idea else ""
    return "\n".join(part for part in (headline, link.url if link else "") if part)


def feed_event(item: ItemLike, workspace: WorkspaceLike) -> FeedEvent:
    """The calendar event of a schedule item (or of a row with the same attributes)."""
    link = link_for(item, workspace)
    lines = []
    if item.idea is not None:
        lines.append(item.idea.headline)
    elif item.activity in HEADLINE_ACTIVITIES:
        lines.append("Open slot: pick a headline in the idea bank.")
    if link is not None:
        lines.append(f"Link: {link.url}")
    if item.activity == "reply" and getattr(item.channel, "response_hours", None):
        lines.append(response_standard(item.channel.response_hours))
    if item.rule is not None and item.rule.routine_key in ROUTINES:
        lines.append("Checklist:\n" + ROUTINES[item.rule.routine_key].checklist_text)
    if item.notes:
        lines.append(f"Notes: {item.notes}")
    if item.assignee is not None:
        lines.append(f"Owner: {item.assignee.email}")
    return FeedEvent(
        uid=item.uid,
        summary=summary_of(item),
        description="\n\n".join(lines),
        start=item.starts_at,
        end=item.ends_at,
        tzid=item.channel.timezone or workspace.timezone,
        url=link.url if link else None,
        categories=(activity_label(item.activity), item.channel.name),
        status=STATUS_BY_ITEM[item.status],
        sequence=item.sequence,
        created=item.created_at,
        last_modified=item.updated_at,
    )
