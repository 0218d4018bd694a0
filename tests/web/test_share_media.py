"""The share page shows the shared items' images and linked assets, and serves the images
under the link's token only while the link is live and only for the channels it shares."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from calendar_app.clock import now as app_now
from calendar_app.extensions import db
from calendar_app.models import ItemMedia
from calendar_app.services import shares
from calendar_app.services.media import Upload, attach_image, link_asset, set_alt_text
from calendar_app.services.media_store import media_store
from tests.factories import make_channel, make_item
from tests.images import image_bytes

WHEN = datetime(2026, 11, 25, 8, tzinfo=UTC)


@pytest.fixture
def shared(app, logged_in):
    """A blog post with an image (alt text) and a linked asset, a video with an image, and
    a link sharing only the blog; its token, the blog's image and the video's image."""
    blog, video = make_channel("blog", name="Blog"), make_channel("youtube", name="YouTube")
    post = make_item(blog, WHEN)
    clip = make_item(video, WHEN + timedelta(days=1), "video")
    store = media_store(app.config)
    upload = Upload(image_bytes("PNG", (120, 80)), "Snow & bikes.png", 10**7, 10**8)
    image = attach_image(post, upload, None, app_now(), store)
    set_alt_text(image, "Two <bikes> in snow", app_now())
    link_asset(post, "https://assets.example.com/deck.pdf", None, app_now())
    other = attach_image(clip, upload, None, app_now(), store)
    values = {"label": "Client", "all_channels": False, "channel_ids": [blog.id]}
    share, token = shares.create_share(values, None, app_now(), "UTC")
    return token, share, image, other


def test_the_page_shows_thumbnails_with_alt_text_and_the_full_image_on_click(shared, app) -> None:
    token, _share, image, _other = shared
    page = app.test_client().get(f"/share/{token}").text
    assert f'src="/share/{token}/media/{image.thumbnail_key}"' in page
    assert f'href="/share/{token}/media/{image.storage_key}"' in page
    assert 'alt="Two &lt;bikes&gt; in snow"' in page
    assert 'href="https://assets.example.com/deck.pdf"' in page
    assert f"/media/{image.id}/" not in page  # never the team's own addresses


def test_an_image_without_alt_text_still_has_an_alt(shared, app) -> None:
    token, _share, image, _other = shared
    set_alt_text(image, "", app_now())
    assert 'alt="Image 1"' in app.test_client().get(f"/share/{token}").text


def test_an_address_that_is_not_http_never_shows_as_a_link(shared, app) -> None:
    token, _share, image, _other = shared
    db.session.add(ItemMedia(item_id=image.item_id, kind="link", url="javascript:alert(1)"))
    db.session.commit()
    page = app.test_client().get(f"/share/{token}").text
    assert "javascript:" not in page and "deck.pdf" in page


def test_the_image_and_its_thumbnail_are_served_privately_with_their_type(shared, app) -> None:
    token, _share, image, _other = shared
    guest = app.test_client()
    full = guest.get(f"/share/{token}/media/{image.storage_key}")
    assert full.status_code == 200 and full.content_type == "image/png"
    assert full.data == image_bytes("PNG", (120, 80))
    thumb = guest.get(f"/share/{token}/media/{image.thumbnail_key}")
    assert thumb.status_code == 200 and thumb.content_type == "image/webp"
    for response in (full, thumb):
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Cache-Control"] == "no-store"
        assert "noindex" in response.headers["X-Robots-Tag"]
        assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "filename*=UTF-8''Snow%20%26%20bikes.png" in full.headers["Content-Disposition"]


def test_every_refusal_is_the_same_404(shared, app, clock) -> None:
    token, share, image, other = shared
    guest = app.test_client()
    gone = guest.get(f"/share/{'x' * 43}").data
    refused = [
        f"/share/{token}/media/{other.storage_key}",  # a channel the link does not share
        f"/share/{token}/media/{other.thumbnail_key}",
        f"/share/{token}/media/{'0' * 32}.png",  # no such file
        f"/share/{token}/media/secret.txt",  # not a key
        f"/share/{'x' * 43}/media/{image.storage_key}",  # unknown token
    ]
    for path in refused:
        response = guest.get(path)
        assert (response.status_code, response.data) == (404, gone), path
    assert guest.get(f"/share/{token}/media/{image.storage_key}").status_code == 200
    shares.revoke_share(share, app_now())
    assert guest.get(f"/share/{token}/media/{image.storage_key}").status_code == 404


def test_an_expired_link_serves_no_image(shared, app, clock) -> None:
    token, share, image, _other = shared
    share.expires_at = app_now() + timedelta(hours=1)
    db.session.commit()
    guest = app.test_client()
    assert guest.get(f"/share/{token}/media/{image.storage_key}").status_code == 200
    clock.advance(hours=2)
    assert guest.get(f"/share/{token}/media/{image.storage_key}").status_code == 404


def test_a_link_of_every_channel_serves_every_image(shared, app) -> None:
    _token, _share, _image, other = shared
    _all, token = shares.create_share(
        {"label": "All", "all_channels": True}, None, app_now(), "UTC"
    )
    response = app.test_client().get(f"/share/{token}/media/{other.storage_key}")
    assert response.status_code == 200


def test_a_missing_file_is_a_404_not_an_error(shared, app) -> None:
    token, _share, image, _other = shared
    media_store(app.config).delete(image.storage_key)
    assert app.test_client().get(f"/share/{token}/media/{image.storage_key}").status_code == 404
