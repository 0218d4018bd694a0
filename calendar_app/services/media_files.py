"""Image files that go when their rows go, and the files no row names any more.

Deleting a channel (its items go with it) or removing the demo deletes media rows
by cascade; their files are deleted once that unit of work has committed, never
before, so a change that is rolled back keeps every file. Files left behind anyway
(a crash between commit and delete, an older version) are found by :func:`orphans`
and removed by ``flask media prune``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from sqlalchemy import select

from calendar_app.domain.demo_removal import DemoRemoval
from calendar_app.extensions import db
from calendar_app.models import Channel, ItemMedia

from . import channels, demo
from .media_store import MediaStore

# A file younger than this may belong to an upload whose row is not committed yet.
UPLOAD_GRACE = timedelta(hours=1)


def referenced_keys() -> set[str]:
    """Every key a media row names: images and their thumbnails."""
    rows = db.session.execute(select(ItemMedia.storage_key, ItemMedia.thumbnail_key))
    return {key for row in rows for key in row if key}


@contextmanager
def files_follow_rows(store: MediaStore) -> Iterator[None]:
    """Run a unit of work that may delete media rows; once it has committed, delete the
    files of the rows it deleted. If it raises, every file stays."""
    before = referenced_keys()
    yield
    gone = before - referenced_keys()
    for key in sorted(gone):
        store.delete(key)


def delete_channel(channel: Channel, store: MediaStore) -> None:
    """Delete a channel (see :func:`channels.delete_channel`), then its items' files."""
    with files_follow_rows(store):
        channels.delete_channel(channel)


def remove_demo(store: MediaStore) -> DemoRemoval:
    """Remove the demo (see :func:`demo.remove_demo`), then the files of removed items."""
    with files_follow_rows(store):
        return demo.remove_demo()


def orphans(store: MediaStore, now: datetime) -> list[str]:
    """The stored files no row names, stored more than an hour before ``now``."""
    named = referenced_keys()
    return sorted(
        key
        for key, stored_at in store.stored()
        if key not in named and stored_at < now - UPLOAD_GRACE
    )


def prune(store: MediaStore, now: datetime, *, dry_run: bool = False) -> list[str]:
    """Delete the files :func:`orphans` finds (none with ``dry_run``); their keys."""
    found = orphans(store, now)
    if not dry_run:
        for key in found:
            store.delete(key)
    return found
