"""The item page's media: upload, refuse, describe, order, remove, and serve the files."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from calendar_app.extensions import db
from calendar_app.models import ItemMedia, ScheduleItem
from calendar_app.services.media_store import media_store
from tests.conftest import NOW
from tests.factories import make_channel, make_item
from tests.images import bomb_bytes, image_bytes


@pytest.fixture
def item(logged_in) -> ScheduleItem:
    return make_item(make_channel(), NOW + timedelta(days=2))


def version(item: ScheduleItem) -> str:
    db.session.expire_all()
    return str(db.session.get(ScheduleItem, item.id).version)


def send(client, item: ScheduleItem, data: bytes, name: str = "photo.png", **form):
    form = {"version": version(item), "file": (io.BytesIO(data), name), **form}
    return client.post(
        f"/items/{item.id}/media",
        data=form,
        content_type="multipart/form-data",
        follow_redirects=True,
    )


def media_rows() -> list[ItemMedia]:
    db.session.expire_all()
    return list(db.session.scalars(select(ItemMedia).order_by(ItemMedia.position)))


def stored(app) -> int:
    return sum(1 for p in media_store(app.config).folder.rglob("*") if p.is_file())


def test_an_uploaded_image_shows_its_thumbnail_and_the_alt_text_warning(
    app, logged_in, item
) -> None:
    page = send(logged_in, item, image_bytes("PNG", (120, 80)), "Bike & snow.png")
    html = page.get_data(as_text=True)
    (media,) = media_rows()
    assert "Image added" in html
    assert f'src="/media/{media.id}/thumbnail"' in html
    assert "Bike &amp; snow.png" in html and "120×80 px" in html
    assert "No alt text" in html
    page = logged_in.post(
        f"/media/{media.id}/alt",
        data={"version": version(item), "alt_text": "A <b>bike</b> in snow"},
        follow_redirects=True,
    )
    html = page.get_data(as_text=True)
    assert "Alt text saved." in html and "No alt text" not in html
    assert 'alt="A &lt;b&gt;bike&lt;/b&gt; in snow"' in html
    assert stored(app) == 2


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"I am plain text, renamed", "photo.png", "not an image we accept"),
        (image_bytes("BMP"), "photo.bmp", "not an image we accept"),
        (b"", "empty.png", "Choose an image"),
        (bomb_bytes((7_000, 7_000)), "bomb.png", "too many pixels"),
    ],
)
def test_bad_uploads_are_refused_with_a_message_and_change_nothing(
    app, logged_in, item, data, name, message
) -> None:
    page = send(logged_in, item, data, name)
    assert page.status_code == 200
    assert message in page.get_data(as_text=True)
    assert media_rows() == [] and stored(app) == 0
    assert version(item) == "1"


def test_a_gif_named_jpg_is_stored_as_a_gif(logged_in, item) -> None:
    send(logged_in, item, image_bytes("GIF"), "holiday.jpg")
    (media,) = media_rows()
    answer = logged_in.get(f"/media/{media.id}/image")
    assert answer.headers["Content-Type"] == "image/gif"


def test_an_oversized_image_is_refused(fresh_app) -> None:
    app = fresh_app(MEDIA_MAX_BYTES=2000)
    from tests.factories import make_user, make_workspace

    with app.app_context():
        make_workspace()
        owner = make_user("owner@example.com", is_owner=True)
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = owner.get_id()
        item = make_item(make_channel(), NOW + timedelta(days=2))
        big = image_bytes("BMP", (40, 40))
        assert len(big) > 2000
        refused = send(client, item, image_bytes("PNG", (800, 800), "white") + big, "big.png")
        assert "Keep images to 2 KB or less." in refused.get_data(as_text=True)
        assert media_rows() == []
        accepted = send(client, item, image_bytes("GIF", (8, 8)), "small.gif")
        assert "Image added" in accepted.get_data(as_text=True)


def test_files_are_served_inline_privately_unsniffed_with_a_safe_name(logged_in, item) -> None:
    send(logged_in, item, image_bytes("WEBP"), "Fahrräder <im> Schnee.webp")
    (media,) = media_rows()
    answer = logged_in.get(f"/media/{media.id}/image")
    assert answer.status_code == 200 and answer.data == image_bytes("WEBP")
    assert answer.headers["Content-Type"] == "image/webp"
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.headers["Cache-Control"] == "private, max-age=86400"
    disposition = answer.headers["Content-Disposition"]
    assert disposition.startswith('inline; filename="Fahrrader im Schnee.webp"')
    assert re.fullmatch(r'inline; filename="[^"]*"; filename\*=UTF-8\'\'[^"; ]*', disposition)
    thumb = logged_in.get(f"/media/{media.id}/thumbnail")
    assert thumb.headers["Content-Type"] == "image/webp" and thumb.data[:4] == b"RIFF"


def test_files_need_a_login_and_an_existing_image(app, logged_in, item) -> None:
    send(logged_in, item, image_bytes(), "a.png")
    logged_in.post(
        f"/items/{item.id}/media/link",
        data={"version": version(item), "url": "https://example.com/a.png"},
    )
    image, link = media_rows()
    assert logged_in.get(f"/media/{link.id}/image").status_code == 404
    assert logged_in.get("/media/999/image").status_code == 404
    assert logged_in.get("/media/../secret_key").status_code == 404
    visitor = app.test_client()
    answer = visitor.get(f"/media/{image.id}/image")
    assert answer.status_code == 302 and "/login" in answer.headers["Location"]


def test_a_missing_file_is_a_404_not_a_500(app, logged_in, item) -> None:
    send(logged_in, item, image_bytes(), "a.png")
    (media,) = media_rows()
    media_store(app.config).delete(media.storage_key)
    assert logged_in.get(f"/media/{media.id}/image").status_code == 404


def test_links_accept_http_and_https_and_refuse_the_rest(logged_in, item) -> None:
    for url in ("javascript:alert(1)", "ftp://example.com/a.png", "", "example.com"):
        page = logged_in.post(
            f"/items/{item.id}/media/link",
            data={"version": version(item), "url": url},
            follow_redirects=True,
        )
        assert page.status_code == 200 and 'class="flash flash-error' in page.get_data(as_text=True)
    assert media_rows() == []
    page = logged_in.post(
        f"/items/{item.id}/media/link",
        data={"version": version(item), "url": "https://example.com/deck.pdf"},
        follow_redirects=True,
    )
    html = page.get_data(as_text=True)
    assert "Link added." in html
    assert 'href="https://example.com/deck.pdf" rel="noopener noreferrer nofollow"' in html


def test_too_long_alt_text_is_refused_and_the_old_one_kept(logged_in, item) -> None:
    send(logged_in, item, image_bytes(), "a.png")
    (media,) = media_rows()
    page = logged_in.post(
        f"/media/{media.id}/alt",
        data={"version": version(item), "alt_text": "x" * 501},
        follow_redirects=True,
    )
    assert "Keep alt text to 500 characters." in page.get_data(as_text=True)
    assert media_rows()[0].alt_text == ""


def test_a_stale_page_changes_nothing(logged_in, item) -> None:
    send(logged_in, item, image_bytes(), "a.png")
    (media,) = media_rows()
    page = logged_in.post(
        f"/media/{media.id}/alt", data={"version": "1", "alt_text": "Old"}, follow_redirects=True
    )
    assert "Someone else changed this item" in page.get_data(as_text=True)
    assert media_rows()[0].alt_text == ""


def test_moving_and_removing(app, logged_in, item) -> None:
    send(logged_in, item, image_bytes(), "a.png")
    logged_in.post(
        f"/items/{item.id}/media/link",
        data={"version": version(item), "url": "https://example.com/b"},
    )
    image, link = media_rows()
    logged_in.post(f"/media/{link.id}/move", data={"version": version(item), "direction": "up"})
    assert [m.id for m in media_rows()] == [link.id, image.id]
    logged_in.post(f"/media/{link.id}/move", data={"version": version(item), "direction": "down"})
    assert [m.id for m in media_rows()] == [image.id, link.id]
    page = logged_in.post(
        f"/media/{image.id}/remove", data={"version": version(item)}, follow_redirects=True
    )
    assert "Removed." in page.get_data(as_text=True)
    assert [m.id for m in media_rows()] == [link.id] and stored(app) == 0
    stale = logged_in.post(f"/media/{link.id}/remove", data={"version": "1"}, follow_redirects=True)
    assert "Someone else changed" in stale.get_data(as_text=True)
    assert [m.id for m in media_rows()] == [link.id]


def test_deleting_the_item_deletes_its_files(app, logged_in, item) -> None:
    send(logged_in, item, image_bytes(), "a.png")
    assert stored(app) == 2
    logged_in.post(f"/items/{item.id}/delete")
    assert db.session.scalar(select(func.count()).select_from(ItemMedia)) == 0
    assert stored(app) == 0


def test_the_upload_form_carries_its_token_and_accepts_large_bodies(fresh_app) -> None:
    from werkzeug.datastructures import FileStorage
    from werkzeug.test import encode_multipart

    from tests.factories import make_user, make_workspace
    from tests.web.test_csrf import TOKEN

    app = fresh_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        make_workspace()
        owner = make_user("owner@example.com", is_owner=True)
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = owner.get_id()
        item = make_item(make_channel(), NOW + timedelta(days=2))
        html = client.get(f"/items/{item.id}").get_data(as_text=True)
        token = re.search(TOKEN, html).group(1)
        data = image_bytes("PNG", (1200, 1200)) + b"\0" * (3 * 1024 * 1024)  # past 2 MB

        # Encoded in memory: the test client's own encoder spools a large body to a
        # temporary file that it never closes.
        def multipart(fields: dict) -> dict:
            fields = {"version": version(item), **fields}
            fields["file"] = FileStorage(io.BytesIO(data), filename="big.png")
            boundary, body = encode_multipart(fields)
            return {"data": body, "content_type": f"multipart/form-data; boundary={boundary}"}

        without = client.post(f"/items/{item.id}/media", **multipart({}))
        assert without.status_code == 400 and media_rows() == []
        page = client.post(f"/items/{item.id}/media", **multipart({"csrf_token": token}))
        assert page.status_code == 302
        assert len(media_rows()) == 1
