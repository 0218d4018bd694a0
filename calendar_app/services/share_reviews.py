"""What a share link's viewer may reach besides the page: the shared items' images, and,
when the owner allows it, a review of a post in review (approve it or ask for changes).

Everything is looked up within the link's scope: an item or image of a channel the
link does not share is as unknown as one that does not exist.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select

from calendar_app.domain.share_reviews import (
    ReviewError,
    approved_through,
    check_decision,
    check_viewer_name,
    may_review,
)
from calendar_app.extensions import db
from calendar_app.models import ItemMedia, ScheduleItem, ShareLink

from .items import set_status
from .transaction import unit_of_work


def _shares(share: ShareLink, item: ScheduleItem) -> bool:
    """Whether the link shows ``item``'s channel."""
    return share.all_channels or any(c.id == item.channel_id for c in share.channels)


def shared_item(share: ShareLink, item_id: int) -> ScheduleItem | None:
    """The item if the link shares its channel; None otherwise, or if there is none."""
    item = db.session.get(ScheduleItem, item_id)
    return item if item is not None and _shares(share, item) else None


def shared_image(share: ShareLink, key: str) -> ItemMedia | None:
    """The image whose file or thumbnail is stored under ``key``, if the link shares its
    item's channel; None otherwise (a linked asset has no file)."""
    media = db.session.scalar(
        select(ItemMedia).where(
            ItemMedia.kind == "image",
            or_(ItemMedia.storage_key == key, ItemMedia.thumbnail_key == key),
        )
    )
    return media if media is not None and _shares(share, media.item) else None


@unit_of_work()
def review(
    share: ShareLink,
    item: ScheduleItem,
    answer: dict[str, str],
    now: datetime,
    seen_version: int | None,
) -> str:
    """Approve the post or ask for changes as the viewer named in ``answer`` (``name``,
    ``decision``: approve | changes, ``note``); the status it moved to.

    ReviewError when the link does not allow reviews, the item is not in review, or the
    answer is incomplete; StaleItem when the post changed since the page showed it.
    """
    if not share.allow_approval:
        raise ReviewError("decision", "This link does not take reviews.")
    if not may_review(item.activity, item.status):
        raise ReviewError("decision", "This post is not waiting for a review any more.")
    name = check_viewer_name(answer.get("name") or "")
    status, note = check_decision(answer.get("decision") or "", answer.get("note") or "")
    set_status(item, status, now, seen_version, note=note)
    if status == "approved":
        item.approved_through = approved_through(name, share.label)
    return status
