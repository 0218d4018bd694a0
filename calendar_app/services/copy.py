"""Writing a post's copy, keeping its earlier versions, and channels' hashtag sets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from calendar_app.domain.copy_text import check_copy, copy_fields, parse_tags
from calendar_app.domain.errors import FieldError
from calendar_app.domain.item_links import WorkspaceLike, link_for
from calendar_app.domain.networks import Network, limit_of, network_of
from calendar_app.domain.text import clean_text, single_line_problem
from calendar_app.extensions import db
from calendar_app.models import Channel, CopyVersion, HashtagSet, ItemCopy, ScheduleItem, User

from .planner import touch
from .review import back_to_review, item_text
from .transaction import unit_of_work

# How many earlier versions the item page lists.
SHOWN_VERSIONS = 10


class CopyError(FieldError):
    """Copy or a hashtag set that cannot be saved; ``field`` names the form field."""


@dataclass(frozen=True)
class Draft:
    """The copy an item's editor starts from; ``shared`` when it comes from another slot
    of the same headline (nothing is saved for this item until someone saves it)."""

    title: str = ""
    body: str = ""
    outline: str = ""
    shared: bool = False


def channel_network(channel: Channel) -> tuple[Network, int | None]:
    """A channel's network and the limit its posts keep to."""
    network = network_of(channel.network)
    return network, limit_of(network, channel.own_limit)


def draft_for(item: ScheduleItem) -> Draft:
    """The item's copy; without one, the first-written copy of another slot with the
    same headline (an idea planned on three channels starts from one draft), else empty."""
    if item.copy is not None:
        return Draft(item.copy.title, item.copy.body, item.copy.outline)
    if item.idea_id is None:
        return Draft()
    first = db.session.scalar(
        select(ItemCopy)
        .join(ScheduleItem, ScheduleItem.id == ItemCopy.item_id)
        .where(ScheduleItem.idea_id == item.idea_id, ScheduleItem.id != item.id)
        .order_by(ItemCopy.saved_at, ItemCopy.item_id)
        .limit(1)
    )
    if first is None:
        return Draft()
    return Draft(first.title, first.body, first.outline, shared=True)


def _parts(item: ScheduleItem, network: Network, values: dict[str, Any]) -> dict[str, str]:
    """The copy's parts for the item's kind from form values, cleaned; others are empty."""
    parts = {name: "" for name in ("title", "body", "outline")}
    for name in copy_fields(network, item.activity):
        text = values.get(name) or ""
        if name == "title":
            if single_line_problem(text.strip()):
                raise CopyError("title", "The title must be a single line.")
            parts[name] = text.strip()
        else:
            parts[name] = clean_text(text).strip()
    return parts


@unit_of_work()
def save_copy(
    item: ScheduleItem,
    values: dict[str, Any],
    author: User | None,
    workspace: WorkspaceLike,
    now: datetime,
    seen_version: int | None = None,
) -> list[str]:
    """Save an item's copy; the warnings to show. The previous copy is kept as a version
    (with who saved it and when), and the item becomes touched.

    Refused (CopyError, nothing saved) when a part is over a limit the network enforces or
    the item changed since the page showed it (StaleItem); over a limit the network only
    truncates at, it is saved with a warning.
    """
    network, limit = channel_network(item.channel)
    parts = _parts(item, network, values)
    link = link_for(item, workspace)
    checked = check_copy(
        {name: parts[name] for name in copy_fields(network, item.activity)},
        network,
        limit,
        link.url if link else "",
    )
    if checked.problems:
        raise CopyError(*next(iter(checked.problems.items())))
    current = item.copy
    if current is not None and all(getattr(current, k) == v for k, v in parts.items()):
        touch(item, now, seen_version)  # nothing changed, but a stale page is still told
        return checked.warnings
    saved = {**parts, "saved_by_id": author.id if author else None, "saved_at": now}
    before = item_text(item)
    if current is None:
        db.session.add(ItemCopy(item=item, **saved))
    else:
        if current.title or current.body or current.outline:
            db.session.add(_version_of(current))
        for name, value in saved.items():
            setattr(current, name, value)
    back_to_review(item, before, author)
    touch(item, now, seen_version)
    return checked.warnings


def _version_of(current: ItemCopy) -> CopyVersion:
    """The current copy as an earlier version, before a save replaces it."""
    return CopyVersion(
        item_id=current.item_id,
        title=current.title,
        body=current.body,
        outline=current.outline,
        saved_by_id=current.saved_by_id,
        saved_at=current.saved_at,
    )


def versions_of(item: ScheduleItem, limit: int = SHOWN_VERSIONS) -> list[CopyVersion]:
    """The item's earlier copies, newest first."""
    return list(
        db.session.scalars(
            select(CopyVersion)
            .where(CopyVersion.item_id == item.id)
            .order_by(CopyVersion.saved_at.desc(), CopyVersion.id.desc())
            .limit(limit)
        )
    )


def _set_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 60 or single_line_problem(name):
        raise CopyError("set_name", "Name the set in one line of at most 60 characters.")
    return name


@unit_of_work()
def save_hashtag_set(channel: Channel, name: str, tags: str) -> HashtagSet:
    """Save a channel's hashtag set under ``name`` (a set of that name gets the new tags).

    CopyError for a missing or long name, or tags that are not hashtags (see
    :func:`calendar_app.domain.copy_text.parse_tags`): nothing is saved then.
    """
    name = _set_name(name)
    try:
        tag_text = " ".join(parse_tags(tags))
    except ValueError as exc:
        raise CopyError("tags", str(exc)) from None
    tag_set = next((s for s in channel.hashtag_sets if s.name == name), None)
    if tag_set is None:
        tag_set = HashtagSet(channel=channel, name=name, tags=tag_text)
        db.session.add(tag_set)
    else:
        tag_set.tags = tag_text
    return tag_set


@unit_of_work()
def delete_hashtag_set(tag_set: HashtagSet) -> None:
    """Delete a hashtag set (posts that used its tags keep them)."""
    db.session.delete(tag_set)
