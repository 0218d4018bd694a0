"""Both media stores keep one contract; the bucket store against a real S3 server (moto's)."""

from __future__ import annotations

import logging
from datetime import timedelta

import boto3
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from calendar_app import create_app
from calendar_app.extensions import db
from calendar_app.models import ItemMedia
from calendar_app.services import backup
from calendar_app.services import media as media_service
from calendar_app.services.media_s3 import S3MediaStore
from calendar_app.services.media_store import (
    LocalMediaStore,
    MediaStore,
    StorageUnavailable,
    media_store,
    new_key,
)
from calendar_app.services.planner import StaleItem
from tests.conftest import NOW
from tests.factories import make_channel, make_item, make_workspace
from tests.images import image_bytes
from tests.services.test_backup import but_the_restore

# Nothing listens here: every call fails to connect at once.
UNREACHABLE = "http://127.0.0.1:9"


@pytest.fixture(params=["local", "s3"])
def store(request, tmp_path) -> MediaStore:
    """Each store in turn: a local folder, then a new bucket."""
    if request.param == "local":
        return media_store({"MEDIA_STORAGE": "local", "MEDIA_DIR": str(tmp_path / "media")})
    return media_store(request.getfixturevalue("s3_settings"))


def bucket_names(settings: dict[str, str]) -> list[str]:
    """Every object name in the settings' bucket."""
    client = boto3.client("s3", endpoint_url=settings["MEDIA_S3_ENDPOINT_URL"])
    answer = client.list_objects_v2(Bucket=settings["MEDIA_S3_BUCKET"])
    return sorted(o["Key"] for o in answer.get("Contents", []))


def unreachable(settings: dict[str, str]) -> MediaStore:
    """The same bucket, asked at an address where nothing answers."""
    return media_store({**settings, "MEDIA_S3_ENDPOINT_URL": UNREACHABLE})


def test_a_file_is_saved_opened_found_and_deleted(store) -> None:
    key = new_key("image/png")
    assert not store.exists(key)
    store.save(key, b"\x89PNG data")
    assert store.exists(key) and store.open(key) == b"\x89PNG data"
    store.delete(key)
    store.delete(key)  # twice is fine
    assert not store.exists(key)


def test_a_missing_file_is_file_not_found(store) -> None:
    with pytest.raises(FileNotFoundError):
        store.open(new_key("image/gif"))


@pytest.mark.parametrize("key", ["../secret_key", "photo.png", "/etc/passwd", "", "a/" * 20])
def test_keys_that_are_not_media_keys_are_refused(store, key) -> None:
    for call in (store.open, store.delete, store.exists, lambda k: store.save(k, b"x")):
        with pytest.raises(ValueError, match="Not a media key"):
            call(key)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=2048))
def test_any_bytes_come_back_as_they_went_in(store, data) -> None:
    key = new_key("image/webp")
    store.save(key, data)
    assert store.open(key) == data
    store.delete(key)


def test_stored_lists_each_file_once_with_when_it_was_written(store) -> None:
    assert list(store.stored()) == []
    keys = sorted(new_key("image/png") for _ in range(3))
    for key in keys:
        store.save(key, b"data")
    listed = sorted(store.stored())
    assert [key for key, _ in listed] == keys
    times = [when for _, when in listed]  # written together, each with its zone
    assert all(when.utcoffset() == timedelta(0) for when in times)
    assert max(times) - min(times) < timedelta(minutes=5)
    store.delete(keys[0])
    assert sorted(key for key, _ in store.stored()) == keys[1:]


def test_a_bucket_lists_only_its_prefixs_media_keys(s3_settings) -> None:
    settings = {**s3_settings, "MEDIA_S3_PREFIX": "calendar/"}
    client = boto3.client("s3", endpoint_url=settings["MEDIA_S3_ENDPOINT_URL"])
    bucket = settings["MEDIA_S3_BUCKET"]
    client.put_object(Bucket=bucket, Key="elsewhere/" + new_key("image/png"), Body=b"x")
    client.put_object(Bucket=bucket, Key="calendar/notes.txt", Body=b"x")
    key = new_key("image/gif")
    media_store(settings).save(key, b"gif")
    assert [found for found, _ in media_store(settings).stored()] == [key]
    away = unreachable(settings)
    with pytest.raises(StorageUnavailable):
        list(away.stored())


def test_objects_are_private_carry_their_type_and_live_under_the_prefix(s3_settings) -> None:
    settings = {**s3_settings, "MEDIA_S3_PREFIX": "/calendar/media/"}
    store = media_store(settings)
    assert isinstance(store, S3MediaStore)
    png, thumb = new_key("image/png"), new_key("image/webp")
    store.save(png, b"png")
    store.save(thumb, b"webp")
    assert bucket_names(settings) == sorted([f"calendar/media/{png}", f"calendar/media/{thumb}"])
    client = boto3.client("s3", endpoint_url=settings["MEDIA_S3_ENDPOINT_URL"])
    bucket = settings["MEDIA_S3_BUCKET"]
    assert client.head_object(Bucket=bucket, Key=f"calendar/media/{png}")["ContentType"] == (
        "image/png"
    )
    grants = client.get_object_acl(Bucket=bucket, Key=f"calendar/media/{thumb}")["Grants"]
    assert [g["Permission"] for g in grants] == ["FULL_CONTROL"]
    assert all(g["Grantee"].get("Type") == "CanonicalUser" for g in grants)


def test_an_unreachable_bucket_is_storage_unavailable_with_a_warning(s3_settings, caplog) -> None:
    store, key = unreachable(s3_settings), new_key("image/png")
    with caplog.at_level(logging.WARNING, logger="calendar_app.services.media_s3"):
        for call in (store.open, store.delete, store.exists, lambda k: store.save(k, b"x")):
            with pytest.raises(StorageUnavailable, match="could not be reached"):
                call(key)
    assert len(caplog.records) == 4 and "127.0.0.1:9" in caplog.records[0].getMessage()


def test_a_bucket_that_is_not_there_is_storage_unavailable(s3_settings) -> None:
    store = media_store({**s3_settings, "MEDIA_S3_BUCKET": "no-such-bucket"})
    with pytest.raises(StorageUnavailable):
        store.save(new_key("image/png"), b"x")


def test_bad_keys_are_refused_before_the_bucket_is_asked(s3_settings) -> None:
    with pytest.raises(ValueError, match="Not a media key"):
        unreachable(s3_settings).open("../x.png")


def test_the_configured_store_is_chosen_and_bad_settings_refused(tmp_path, s3_settings) -> None:
    local = {"MEDIA_STORAGE": "local", "MEDIA_DIR": str(tmp_path)}
    assert isinstance(media_store(local), LocalMediaStore)
    assert isinstance(media_store(s3_settings), S3MediaStore)
    with pytest.raises(ValueError, match="MEDIA_S3_BUCKET"):
        media_store({**s3_settings, "MEDIA_S3_BUCKET": ""})
    with pytest.raises(ValueError, match="'local' or 's3'"):
        media_store({**local, "MEDIA_STORAGE": "ftp"})


def test_the_app_refuses_to_start_with_a_bucket_store_and_no_bucket(tmp_path) -> None:
    settings = {"SECRET_KEY": "x", "MEDIA_STORAGE": "s3", "MEDIA_S3_BUCKET": " "}
    with pytest.raises(RuntimeError, match="Cannot start: MEDIA_STORAGE=s3 needs MEDIA_S3_BUCKET"):
        create_app(settings)
    assert create_app({**settings, "MEDIA_S3_BUCKET": "media"}).config["MEDIA_S3_BUCKET"]


def test_the_bucket_settings_come_from_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("MEDIA_STORAGE", "s3")
    monkeypatch.setenv("MEDIA_S3_BUCKET", "calendar-media")
    monkeypatch.setenv("MEDIA_S3_ENDPOINT_URL", "http://minio:9000")
    config = create_app({"SECRET_KEY": "x"}).config
    assert (config["MEDIA_S3_BUCKET"], config["MEDIA_S3_ENDPOINT_URL"]) == (
        "calendar-media",
        "http://minio:9000",
    )
    assert (config["MEDIA_S3_PREFIX"], config["MEDIA_S3_REGION"]) == ("", None)
    monkeypatch.delenv("MEDIA_S3_BUCKET")
    with pytest.raises(RuntimeError, match="MEDIA_S3_BUCKET"):
        create_app({"SECRET_KEY": "x"})


@pytest.fixture
def item(app):
    make_workspace()
    return make_item(make_channel(), NOW + timedelta(days=2))


def upload(data: bytes) -> media_service.Upload:
    return media_service.Upload(data=data, file_name="a.png", max_bytes=2**20, max_pixels=10**6)


def rows() -> int:
    return db.session.scalar(select(func.count()).select_from(ItemMedia))


def test_an_upload_the_bucket_cannot_take_adds_no_row(item, s3_settings) -> None:
    with pytest.raises(StorageUnavailable):
        media_service.attach_image(item, upload(image_bytes()), None, NOW, unreachable(s3_settings))
    assert rows() == 0


def test_an_upload_whose_row_fails_leaves_no_object(item, s3_settings) -> None:
    store = media_store(s3_settings)
    with pytest.raises(StaleItem):
        media_service.attach_image(item, upload(image_bytes()), None, NOW, store, item.version - 1)
    assert rows() == 0 and bucket_names(s3_settings) == []
    media_service.attach_image(item, upload(image_bytes()), None, NOW, store, item.version)
    assert rows() == 1 and len(bucket_names(s3_settings)) == 2


def test_removing_while_the_bucket_is_away_removes_the_row_and_logs_the_files(
    item, s3_settings, caplog
) -> None:
    image = media_service.attach_image(
        item, upload(image_bytes()), None, NOW, media_store(s3_settings)
    )
    keys = {image.storage_key, image.thumbnail_key}
    with caplog.at_level(logging.WARNING, logger="calendar_app.services.media"):
        media_service.remove(image, unreachable(s3_settings), NOW)
    assert rows() == 0
    left = {k for r in caplog.records for k in keys if f"{k} is left behind" in r.getMessage()}
    assert left == keys
    assert len(bucket_names(s3_settings)) == 2  # left there, named by no row


def test_a_backup_carries_the_bucket_files_and_restores_them(item, fresh_app, s3_settings):
    store = media_store(s3_settings)
    image = media_service.attach_image(item, upload(image_bytes("GIF")), None, NOW, store)
    document = backup.export_backup(store)
    assert set(document["media_files"]) == {image.storage_key, image.thumbnail_key}
    restored = {**s3_settings, "MEDIA_S3_PREFIX": "restored"}
    with fresh_app(**restored).app_context():
        target = media_store(restored)
        assert backup.import_backup(backup.dumps(document), target)["item_media"] == 1
        assert target.open(image.storage_key) == image_bytes("GIF")
        assert but_the_restore(backup.export_backup(target)) == document
