"""Image files follow their rows: deleted once a channel's or the demo's removal committed,
kept when it is refused or rolled back; ``flask media prune`` removes the rest."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
from sqlalchemy import select

from calendar_app.extensions import db
from calendar_app.models import Channel, ItemMedia, ScheduleItem
from calendar_app.services import demo, media_files
from calendar_app.services import media as media_service
from calendar_app.services.channels import ChannelError
from calendar_app.services.media_store import LocalMediaStore, media_store, new_key
from calendar_app.services.transaction import unit_of_work
from tests.conftest import NOW
from tests.factories import make_channel, make_item, make_workspace
from tests.images import image_bytes

OLD = (NOW - timedelta(hours=2)).timestamp()


@pytest.fixture
def store(app) -> LocalMediaStore:
    return media_store(app.config)


def image_on(item: ScheduleItem, store: LocalMediaStore) -> ItemMedia:
    """An image row and its two files on ``item``, without touching the item."""
    key, thumb = new_key("image/png"), new_key("image/webp")
    store.save(key, image_bytes())
    store.save(thumb, image_bytes("WEBP"))
    media = ItemMedia(item_id=item.id, kind="image", storage_key=key, thumbnail_key=thumb)
    db.session.add(media)
    db.session.commit()
    return media


def age(store: LocalMediaStore, *keys: str) -> None:
    """Make the files look stored two hours before the test's now."""
    for key in keys:
        os.utime(store.folder / key[:2] / key, (OLD, OLD))


def test_deleting_a_channel_deletes_its_items_files_after_the_commit(app, store) -> None:
    make_workspace()
    channel, kept = make_channel("blog"), make_channel("youtube")
    gone = image_on(make_item(channel, NOW + timedelta(days=1)), store)
    stays = image_on(make_item(kept, NOW + timedelta(days=1), "video"), store)
    gone_keys, stay_keys = (
        (gone.storage_key, gone.thumbnail_key),
        (stays.storage_key, stays.thumbnail_key),
    )
    media_files.delete_channel(channel, store)
    assert db.session.get(Channel, channel.id) is None
    assert not any(store.exists(k) for k in gone_keys)
    assert all(store.exists(k) for k in stay_keys)


def test_a_refused_channel_deletion_keeps_every_file(app, store) -> None:
    make_workspace()
    channel = make_channel("blog")
    item = make_item(channel, NOW + timedelta(days=1))
    media = media_service.attach_image(
        item, media_service.Upload(image_bytes(), "a.png", 10**7, 10**8), None, NOW, store
    )
    with pytest.raises(ChannelError, match="worked on"):
        media_files.delete_channel(channel, store)
    assert store.exists(media.storage_key) and store.exists(media.thumbnail_key)


def test_a_rolled_back_deletion_keeps_the_files(app, store) -> None:
    make_workspace()
    media = image_on(make_item(make_channel("blog"), NOW + timedelta(days=1)), store)
    keys = (media.storage_key, media.thumbnail_key)
    with pytest.raises(RuntimeError), media_files.files_follow_rows(store), unit_of_work():
        db.session.delete(media)
        db.session.flush()
        raise RuntimeError("the unit fails after the delete")
    assert db.session.scalar(select(ItemMedia.id)) is not None
    assert all(store.exists(k) for k in keys)


def test_removing_the_demo_deletes_the_files_of_the_items_it_removes(app, store) -> None:
    demo.load_demo(NOW)
    item = db.session.scalars(select(ScheduleItem).order_by(ScheduleItem.id)).first()
    media = image_on(item, store)
    media_id, keys = media.id, (media.storage_key, media.thumbnail_key)
    media_files.remove_demo(store)
    db.session.expire_all()
    assert db.session.get(ItemMedia, media_id) is None
    assert not any(store.exists(k) for k in keys)


def test_removing_no_demo_keeps_every_file(app, store) -> None:
    make_workspace()
    media = image_on(make_item(make_channel("blog"), NOW + timedelta(days=1)), store)
    with pytest.raises(demo.DemoError):
        media_files.remove_demo(store)
    assert store.exists(media.storage_key) and store.exists(media.thumbnail_key)


def test_prune_removes_only_old_files_no_row_names(app, store) -> None:
    make_workspace()
    named = image_on(make_item(make_channel("blog"), NOW + timedelta(days=1)), store)
    orphan, young = new_key("image/png"), new_key("image/jpeg")
    store.save(orphan, b"left behind")
    store.save(young, b"an upload whose row is not written yet")
    age(store, orphan, named.storage_key, named.thumbnail_key)
    (store.folder / "stray.txt").write_text("not the store's")
    assert media_files.prune(store, NOW, dry_run=True) == [orphan]
    assert store.exists(orphan)
    assert media_files.prune(store, NOW) == [orphan]
    assert not store.exists(orphan) and store.exists(young)
    assert store.exists(named.storage_key) and store.exists(named.thumbnail_key)
    assert (store.folder / "stray.txt").exists()
    assert media_files.prune(store, NOW) == []


def test_the_prune_command_lists_and_removes_and_can_only_list(app, store, runner) -> None:
    make_workspace()
    orphan = new_key("image/png")
    store.save(orphan, b"left behind")
    age(store, orphan)
    listed = runner.invoke(args=["media", "prune", "--dry-run"])
    assert listed.exit_code == 0
    assert listed.output == f"{orphan}\n1 file no media row names would be deleted.\n"
    assert store.exists(orphan)
    pruned = runner.invoke(args=["media", "prune"])
    assert pruned.exit_code == 0 and "1 file no media row names deleted." in pruned.output
    assert not store.exists(orphan)
    again = runner.invoke(args=["media", "prune"])
    assert again.output == "0 files no media row names deleted.\n"
