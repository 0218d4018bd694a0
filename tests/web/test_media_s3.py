"""The item page's media with the files in an S3-compatible bucket (moto's server)."""

from __future__ import annotations

import io
from datetime import timedelta

import boto3
import pytest
from sqlalchemy import select

from calendar_app.extensions import db
from calendar_app.models import ItemMedia, ScheduleItem
from tests.conftest import NOW, close_database, make_test_app
from tests.factories import make_channel, make_item
from tests.images import image_bytes


@pytest.fixture
def app(tmp_path, s3_settings):
    """The application keeping its media in a new bucket (replaces the local-folder app)."""
    application = make_test_app(tmp_path, **s3_settings)
    with application.app_context():
        yield application
        db.session.remove()
    close_database(application)


@pytest.fixture
def item(logged_in) -> ScheduleItem:
    return make_item(make_channel(), NOW + timedelta(days=2))


def version(item: ScheduleItem) -> str:
    db.session.expire_all()
    return str(db.session.get(ScheduleItem, item.id).version)


def send(client, item: ScheduleItem, data: bytes, name: str = "photo.png"):
    form = {"version": version(item), "file": (io.BytesIO(data), name)}
    return client.post(
        f"/items/{item.id}/media",
        data=form,
        content_type="multipart/form-data",
        follow_redirects=True,
    )


def media_rows() -> list[ItemMedia]:
    db.session.expire_all()
    return list(db.session.scalars(select(ItemMedia)))


def bucket_objects(app) -> dict[str, str]:
    """Object name → content type of everything in the app's bucket."""
    client = boto3.client("s3", endpoint_url=app.config["MEDIA_S3_ENDPOINT_URL"])
    bucket = app.config["MEDIA_S3_BUCKET"]
    names = [o["Key"] for o in client.list_objects_v2(Bucket=bucket).get("Contents", [])]
    return {n: client.head_object(Bucket=bucket, Key=n)["ContentType"] for n in names}


def go_away(app) -> None:
    """The bucket's address now answers nothing (as when the service is down)."""
    app.config["MEDIA_S3_ENDPOINT_URL"] = "http://127.0.0.1:9"


def test_an_upload_lands_in_the_bucket_and_is_served_back(app, logged_in, item) -> None:
    page = send(logged_in, item, image_bytes("JPEG", (90, 60)), "bike.jpg")
    assert "Image added" in page.get_data(as_text=True)
    (media,) = media_rows()
    assert bucket_objects(app) == {
        media.storage_key: "image/jpeg",
        media.thumbnail_key: "image/webp",
    }
    answer = logged_in.get(f"/media/{media.id}/image")
    assert answer.status_code == 200 and answer.data == image_bytes("JPEG", (90, 60))
    assert answer.content_type == "image/jpeg"
    assert logged_in.get(f"/media/{media.id}/thumbnail").data[:4] == b"RIFF"
    logged_in.post(
        f"/media/{media.id}/remove", data={"version": version(item)}, follow_redirects=True
    )
    assert media_rows() == [] and bucket_objects(app) == {}


def test_an_unreachable_bucket_refuses_the_upload_with_a_message_and_no_row(
    app, logged_in, item
) -> None:
    go_away(app)
    page = send(logged_in, item, image_bytes(), "a.png")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "The media storage could not be reached; nothing was saved." in html
    assert "Image added" not in html
    assert media_rows() == []


def test_a_bad_file_is_still_refused_before_the_bucket_is_asked(app, logged_in, item) -> None:
    go_away(app)
    page = send(logged_in, item, b"not a picture", "a.png")
    assert "not an image we accept" in page.get_data(as_text=True)
    assert media_rows() == []


def test_an_unreachable_bucket_makes_images_and_backups_wait_not_fail(app, logged_in, item) -> None:
    send(logged_in, item, image_bytes(), "a.png")
    (media,) = media_rows()
    go_away(app)
    for address in (f"/media/{media.id}/image", "/settings/backup.json"):
        answer = logged_in.get(address)
        assert answer.status_code == 503, address
        assert "could not be reached" in answer.get_data(as_text=True)
    assert len(media_rows()) == 1
