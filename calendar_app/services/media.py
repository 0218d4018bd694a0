"""Images and linked assets on an item: attach, describe, order and remove them.

Every change is one unit of work that marks the item touched and raises its version,
like any other change a person makes. An image's files are stored before its row is
written; if the row cannot be written the files are removed again, and a removed
image's files go only once its row is gone, so nothing is half-saved or lost. A store
that cannot be reached refuses an upload (StorageUnavailable, no row); files it could
not remove are left behind, named in a logged warning, unreferenced by any row.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from calendar_app.domain.media import (
    THUMBNAIL_TYPE,
    asset_url,
    check_image,
    clean_alt_text,
    clean_file_name,
    reordered,
    thumbnail,
)
from calendar_app.extensions import db
from calendar_app.models import ItemMedia, ScheduleItem, User

from . import items
from .media_store import MediaStore, StorageUnavailable, new_key
from .planner import touch
from .transaction import unit_of_work

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Upload:
    """An uploaded file as sent, and the limits it must keep."""

    data: bytes
    file_name: str | None
    max_bytes: int
    max_pixels: int


def media_of(item: ScheduleItem) -> list[ItemMedia]:
    """An item's images and links, in their order."""
    query = select(ItemMedia).where(ItemMedia.item_id == item.id)
    return list(db.session.scalars(query.order_by(ItemMedia.position, ItemMedia.id)))


def media_of_items(items: list[ScheduleItem]) -> dict[int, list[ItemMedia]]:
    """The images and links of each of ``items`` (by item id), in their order."""
    found: dict[int, list[ItemMedia]] = {item.id: [] for item in items}
    if found:
        query = select(ItemMedia).where(ItemMedia.item_id.in_(found))
        for media in db.session.scalars(query.order_by(ItemMedia.position, ItemMedia.id)):
            found[media.item_id].append(media)
    return found


def attach_image(
    item: ScheduleItem,
    upload: Upload,
    user: User | None,
    now: datetime,
    store: MediaStore,
    seen_version: int | None = None,
) -> ItemMedia:
    """Check the upload by its content, store it and its thumbnail, then add its row.

    MediaError (nothing stored) for anything but a PNG, JPEG, GIF or WebP within limits.
    """
    facts = check_image(upload.data, upload.max_bytes, upload.max_pixels)
    small = thumbnail(upload.data, upload.max_pixels)
    key, thumb_key = new_key(facts.content_type), new_key(THUMBNAIL_TYPE)
    try:
        store.save(key, upload.data)
        store.save(thumb_key, small)
        with unit_of_work():
            media = ItemMedia(
                item_id=item.id,
                kind="image",
                storage_key=key,
                thumbnail_key=thumb_key,
                file_name=clean_file_name(upload.file_name),
                content_type=facts.content_type,
                bytes=len(upload.data),
                width=facts.width,
                height=facts.height,
                created_by_id=user.id if user is not None else None,
            )
            _append(item, media, now, seen_version)
    except BaseException:
        _delete_files(store, [key, thumb_key])
        raise
    return media


@unit_of_work()
def link_asset(
    item: ScheduleItem,
    url: str | None,
    user: User | None,
    now: datetime,
    seen_version: int | None = None,
) -> ItemMedia:
    """Link an asset kept elsewhere by its http(s) address; MediaError for any other."""
    media = ItemMedia(
        item_id=item.id,
        kind="link",
        url=asset_url(url),
        created_by_id=user.id if user is not None else None,
    )
    _append(item, media, now, seen_version)
    return media


def _append(item: ScheduleItem, media: ItemMedia, now: datetime, seen_version: int | None) -> None:
    """Put ``media`` last among the item's media; the item becomes touched."""
    touch(item, now, seen_version)
    last = db.session.scalar(
        select(func.max(ItemMedia.position)).where(ItemMedia.item_id == item.id)
    )
    media.position = 0 if last is None else last + 1
    media.created_at = now
    db.session.add(media)


@unit_of_work()
def set_alt_text(
    media: ItemMedia, text: str | None, now: datetime, seen_version: int | None = None
) -> None:
    """Describe an image for people who cannot see it; MediaError past the length limit."""
    media.alt_text = clean_alt_text(text)
    touch(media.item, now, seen_version)


@unit_of_work()
def move(media: ItemMedia, step: int, now: datetime, seen_version: int | None = None) -> None:
    """Move an image or link one place up (-1) or down (1) among its item's media."""
    siblings = media_of(media.item)
    order = reordered([m.id for m in siblings], media.id, step)
    for position, media_id in enumerate(order):
        next(m for m in siblings if m.id == media_id).position = position
    touch(media.item, now, seen_version)


def remove(
    media: ItemMedia, store: MediaStore, now: datetime, seen_version: int | None = None
) -> None:
    """Remove an image or link from its item; an image's files go once its row is gone."""
    keys = _keys([media])
    with unit_of_work():
        touch(media.item, now, seen_version)
        db.session.delete(media)
    _delete_files(store, keys)


def delete_item(item: ScheduleItem, store: MediaStore) -> None:
    """Delete an item (see :func:`items.delete`) and then its media's files."""
    keys = _keys(media_of(item))
    items.delete(item)
    _delete_files(store, keys)


def _keys(media: list[ItemMedia]) -> list[str]:
    return [k for m in media for k in (m.storage_key, m.thumbnail_key) if k]


def _delete_files(store: MediaStore, keys: list[str]) -> None:
    """Remove files no row names any more; one the store cannot remove now is left there."""
    for key in keys:
        try:
            store.delete(key)
        except StorageUnavailable:
            log.warning("Media storage: %s is left behind; no row names it.", key)
