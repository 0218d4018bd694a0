"""Images on an item, in a real browser on a desktop and a phone: upload, describe, refuse."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.browser.conftest import page_width
from tests.images import image_bytes

pytestmark = pytest.mark.browser


def first_post(app) -> int:
    from calendar_app import clock
    from calendar_app.extensions import db
    from calendar_app.models import ScheduleItem

    with app.app_context():
        query = select(ScheduleItem.id).where(
            ScheduleItem.activity == "post", ScheduleItem.starts_at >= clock.now()
        )
        return db.session.scalar(query.order_by(ScheduleItem.starts_at).limit(1))


@pytest.mark.parametrize("width", [1280, 390])
def test_upload_an_image_describe_it_and_see_a_renamed_text_file_refused(
    demo_app, live_server, owner_page, screenshot_dir, width
) -> None:
    from playwright.sync_api import expect

    page = owner_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server}/items/{first_post(demo_app)}")
    media = page.locator("#media")
    expect(media.get_by_text("No images or links yet.")).to_be_visible()

    media.get_by_label("Image").set_input_files(
        files=[{"name": "bike.png", "mimeType": "image/png", "buffer": image_bytes("PNG")}]
    )
    media.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("Image added.")).to_be_visible()
    thumb = media.locator("img.media-thumb")
    expect(thumb).to_be_visible()
    assert page.evaluate("img => img.naturalWidth", thumb.element_handle()) == 64
    expect(media.get_by_text("No alt text")).to_be_visible()
    assert page_width(page) <= width
    page.screenshot(path=str(screenshot_dir / f"media-uploaded-{width}.png"), full_page=True)

    media.get_by_label("Alt text").fill("A teal bike frame")
    media.get_by_role("button", name="Save alt text").click()
    expect(page.get_by_text("Alt text saved.")).to_be_visible()
    expect(media.get_by_text("No alt text")).to_have_count(0)
    expect(media.locator("img.media-thumb")).to_have_attribute("alt", "A teal bike frame")

    media.get_by_label("Image").set_input_files(
        files=[{"name": "photo.png", "mimeType": "image/png", "buffer": b"plain text, renamed"}]
    )
    media.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("That file is not an image we accept")).to_be_visible()
    expect(media.locator("img.media-thumb")).to_have_count(1)
    assert page_width(page) <= width
    page.screenshot(path=str(screenshot_dir / f"media-refused-{width}.png"), full_page=True)
