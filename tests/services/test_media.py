"""Attaching, describing, ordering and removing an item's media; their files in backups."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from calendar_app.domain.backup_checks import BackupError
from calendar_app.domain.media import MediaError
from calendar_app.extensions import db
from calendar_app.models import ItemMedia, ScheduleItem
from calendar_app.services import backup
from calendar_app.services import media as media_service
from calendar_app.services.media_store import LocalMediaStore, media_store, new_key
from calendar_app.services.planner import StaleItem
from tests.conftest import NOW
from tests.factories import make_channel, make_item, make_user, make_workspace
from tests.images import bomb_bytes, image_bytes
from tests.services.test_backup import but_the_restore

MB = 1024 * 1024


@pytest.fixture
def store(app) -> LocalMediaStore:
    return media_store(app.config)


@pytest.fixture
def item(app) -> ScheduleItem:
    make_workspace()
    return make_item(make_channel(), NOW + timedelta(days=2))


def upload(data: bytes, name: str = "photo.png") -> media_service.Upload:
    return media_service.Upload(data=data, file_name=name, max_bytes=MB, max_pixels=40_000_000)


def stored_files(store: LocalMediaStore) -> list[Path]:
    return sorted(p for p in store.folder.rglob("*") if p.is_file())


def test_an_image_is_stored_with_its_thumbnail_and_touches_the_item(item, store) -> None:
    owner = make_user("owner@example.com", is_owner=True)
    version = item.version
    media = media_service.attach_image(
        item, upload(image_bytes("GIF", (80, 60)), "bike.jpg"), owner, NOW, store, version
    )
    assert (media.kind, media.content_type, media.width, media.height) == (
        "image",
        "image/gif",
        80,
        60,
    )
    assert media.file_name == "bike.jpg" and media.created_by_id == owner.id
    assert media.storage_key.endswith(".gif") and "bike" not in media.storage_key
    assert store.open(media.storage_key) == image_bytes("GIF", (80, 60))
    assert store.open(media.thumbnail_key)[:4] == b"RIFF"
    assert len(stored_files(store)) == 2
    db.session.refresh(item)
    assert item.touched and item.version == version + 1


@pytest.mark.parametrize(
    "data", [b"just text, named photo.png", bomb_bytes((7_000, 7_000)), b"x" * (MB + 1)]
)
def test_a_refused_upload_stores_nothing_and_leaves_the_item(item, store, data) -> None:
    with pytest.raises(MediaError):
        media_service.attach_image(item, upload(data), None, NOW, store, item.version)
    assert stored_files(store) == []
    assert db.session.scalar(select(func.count()).select_from(ItemMedia)) == 0
    db.session.refresh(item)
    assert not item.touched and item.version == 1


def test_a_row_that_cannot_be_written_takes_its_files_away(item, store) -> None:
    with pytest.raises(StaleItem):
        media_service.attach_image(item, upload(image_bytes()), None, NOW, store, 99)
    assert stored_files(store) == []
    assert db.session.scalar(select(func.count()).select_from(ItemMedia)) == 0


def test_links_take_http_and_https_only(item) -> None:
    link = media_service.link_asset(item, "https://cdn.example.com/a.png", None, NOW)
    assert (link.kind, link.storage_key) == ("link", None)
    assert link.url == "https://cdn.example.com/a.png"
    with pytest.raises(MediaError, match="http"):
        media_service.link_asset(item, "javascript:alert(1)", None, NOW)
    assert [m.url for m in media_service.media_of(item)] == ["https://cdn.example.com/a.png"]


def test_alt_text_is_saved_and_refused_past_its_limit(item, store) -> None:
    media = media_service.attach_image(item, upload(image_bytes()), None, NOW, store)
    media_service.set_alt_text(media, " A red bike\n", NOW)
    assert media.alt_text == "A red bike"
    with pytest.raises(MediaError):
        media_service.set_alt_text(media, "x" * 501, NOW)
    db.session.refresh(media)
    assert media.alt_text == "A red bike"


def test_a_stale_page_changes_nothing(item, store) -> None:
    media = media_service.attach_image(item, upload(image_bytes()), None, NOW, store)
    with pytest.raises(StaleItem):
        media_service.set_alt_text(media, "old page", NOW, seen_version=1)
    db.session.refresh(media)
    assert media.alt_text == ""


def test_media_keep_their_order_and_move_one_place(item, store) -> None:
    first = media_service.attach_image(item, upload(image_bytes(), "a.png"), None, NOW, store)
    second = media_service.link_asset(item, "https://example.com/b", None, NOW)
    third = media_service.attach_image(item, upload(image_bytes(), "c.png"), None, NOW, store)
    assert [m.id for m in media_service.media_of(item)] == [first.id, second.id, third.id]
    media_service.move(third, -1, NOW)
    assert [m.id for m in media_service.media_of(item)] == [first.id, third.id, second.id]
    media_service.move(first, -1, NOW)  # already first
    assert [m.id for m in media_service.media_of(item)] == [first.id, third.id, second.id]


def test_removing_an_image_deletes_its_files_and_keeps_the_others(item, store) -> None:
    kept = media_service.attach_image(item, upload(image_bytes()), None, NOW, store)
    gone = media_service.attach_image(item, upload(image_bytes("JPEG")), None, NOW, store)
    media_service.remove(gone, store, NOW)
    assert [m.id for m in media_service.media_of(item)] == [kept.id]
    assert len(stored_files(store)) == 2 and store.exists(kept.storage_key)


def test_a_stale_removal_keeps_the_image_and_its_files(item, store) -> None:
    media = media_service.attach_image(item, upload(image_bytes()), None, NOW, store)
    with pytest.raises(StaleItem):
        media_service.remove(media, store, NOW, seen_version=1)
    assert len(stored_files(store)) == 2 and media_service.media_of(item) == [media]


def test_deleting_an_item_deletes_its_media_files(item, store) -> None:
    media_service.attach_image(item, upload(image_bytes()), None, NOW, store)
    media_service.delete_item(item, store)
    assert stored_files(store) == []
    assert db.session.scalar(select(func.count()).select_from(ItemMedia)) == 0


def test_an_item_with_media_is_touched_so_replanning_keeps_it(item, store) -> None:
    media_service.link_asset(item, "https://example.com/b", None, NOW)
    assert db.session.get(ScheduleItem, item.id).touched


def test_the_local_store_refuses_keys_that_are_paths(store) -> None:
    for key in ("../secret_key", "photo.png", "/etc/passwd"):
        with pytest.raises(ValueError):
            store.open(key)
    key = new_key("image/png")
    assert not store.exists(key)
    store.save(key, b"data")
    assert store.open(key) == b"data" and store.exists(key)
    store.delete(key)
    store.delete(key)  # twice is fine
    assert not store.exists(key)


def test_a_store_that_is_not_built_is_refused(app) -> None:
    with pytest.raises(ValueError, match="'local' or 's3'"):
        media_store({**app.config, "MEDIA_STORAGE": "ftp"})


def test_backups_carry_image_files_and_restore_them(item, store, fresh_app) -> None:
    image = media_service.attach_image(item, upload(image_bytes("WEBP")), None, NOW, store)
    media_service.set_alt_text(image, "A bike", NOW)
    media_service.link_asset(item, "https://example.com/b", None, NOW)
    document = backup.export_backup(store)
    assert set(document["media_files"]) == {image.storage_key, image.thumbnail_key}
    raw = backup.dumps(document)
    assert backup.check_backup(raw)["item_media"] == 2
    fresh = fresh_app(MEDIA_DIR=str(store.folder.parent / "restored-media"))
    with fresh.app_context():
        restored_store = media_store(fresh.config)
        assert backup.import_backup(raw, restored_store)["item_media"] == 2
        again = backup.export_backup(restored_store)
        assert but_the_restore(again) == document
        assert restored_store.open(image.storage_key) == image_bytes("WEBP")


def _broken(document: dict, change) -> str:
    change(document)
    return backup.dumps(document)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda d: d["media_files"].popitem(), "is missing"),
        (
            lambda d: d["media_files"].update({k: "bm90IGFuIGltYWdl" for k in d["media_files"]}),
            "not an image",
        ),
        (lambda d: d["media_files"].update({k: "%%%" for k in d["media_files"]}), "base64"),
        (lambda d: d["tables"]["item_media"][0].update(kind="video"), "kind"),
        (lambda d: d["tables"]["item_media"][0].update(storage_key="../x.png"), "storage_key"),
        (lambda d: d["tables"]["item_media"][0].update(content_type="image/png"), "its row says"),
        (lambda d: d["tables"]["item_media"][0].update(alt_text="x" * 501), "alt_text"),
        (lambda d: d["tables"]["item_media"][1].update(url="ftp://example.com/a"), "url"),
        (lambda d: d["tables"]["item_media"][0].update(item_id=999), "item_id"),
        (lambda d: d.update(media_files=[]), "media_files"),
    ],
)
def test_a_backup_with_bad_media_restores_nothing(item, store, fresh_app, change, problem) -> None:
    media_service.attach_image(item, upload(image_bytes("GIF")), None, NOW, store)
    media_service.link_asset(item, "https://example.com/b", None, NOW)
    raw = _broken(backup.export_backup(store), change)
    with pytest.raises(BackupError, match=problem):
        backup.check_backup(raw)
    fresh = fresh_app(MEDIA_DIR=str(store.folder.parent / "restored-media"))
    with fresh.app_context():
        restored_store = media_store(fresh.config)
        with pytest.raises(BackupError, match=problem):
            backup.import_backup(raw, restored_store)
        assert db.session.scalar(select(func.count()).select_from(ScheduleItem)) == 0
        assert stored_files(restored_store) == []


def test_a_restore_with_images_needs_somewhere_to_put_them(item, store, fresh_app) -> None:
    media_service.attach_image(item, upload(image_bytes()), None, NOW, store)
    raw = backup.dumps(backup.export_backup(store))
    with fresh_app().app_context():
        with pytest.raises(BackupError, match="nowhere"):
            backup.import_backup(raw)
        assert db.session.scalar(select(func.count()).select_from(ScheduleItem)) == 0


def test_the_backup_commands_carry_the_images(item, store, runner, tmp_path, fresh_app) -> None:
    image = media_service.attach_image(item, upload(image_bytes("JPEG")), None, NOW, store)
    key = image.storage_key
    path = tmp_path / "backup.json"
    assert runner.invoke(args=["backup", "export", str(path)]).exit_code == 0
    fresh = fresh_app(MEDIA_DIR=str(tmp_path / "restored-media"))
    with fresh.app_context():
        result = fresh.test_cli_runner().invoke(args=["backup", "import", str(path)])
        assert result.exit_code == 0, result.output
        assert "1 item_media" in result.output
        assert media_store(fresh.config).open(key) == image_bytes("JPEG")
