"""A client approves a post through a share link, in a real browser on a desktop and a
phone: the owner allows reviews on the link, the client (not logged in) sees the post's
image and approves it under their name, and the owner sees it approved."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from tests.browser.conftest import follow_menu, page_width
from tests.browser.test_every_page import WIDEST

pytestmark = pytest.mark.browser


def post_in_review_with_an_image(app) -> tuple[int, str]:
    """An upcoming November post of the demo, in review with a described image; its id
    and what the thanks call it."""
    from sqlalchemy import select

    from calendar_app import clock
    from calendar_app.extensions import db
    from calendar_app.models import ScheduleItem
    from calendar_app.services import items, media
    from calendar_app.services.media_store import media_store
    from tests.images import image_bytes

    with app.app_context():
        december = datetime(2026, 12, 1, tzinfo=clock.now().tzinfo)
        post = db.session.scalars(
            select(ScheduleItem)
            .where(
                ScheduleItem.activity == "post",
                ScheduleItem.starts_at >= clock.now(),
                ScheduleItem.starts_at < december,
            )
            .order_by(ScheduleItem.starts_at)
        ).first()
        upload = media.Upload(image_bytes("PNG", (160, 90)), "tyres.png", 1024**2, 40_000_000)
        image = media.attach_image(post, upload, None, clock.now(), media_store(app.config))
        media.set_alt_text(image, "Winter tyres on a shop bench", clock.now())
        items.set_status(post, "in_review", clock.now())
        return post.id, post.idea.headline if post.idea else f"the {post.channel.name} post"


@pytest.mark.parametrize("width", [1280, 390])
def test_a_client_approves_a_post_through_a_share_link(
    demo_app, owner_page, page_for, live_server, screenshot_dir, width
) -> None:
    from playwright.sync_api import expect

    item_id, headline = post_in_review_with_an_image(demo_app)
    page = owner_page
    page.set_viewport_size({"width": width, "height": 900})
    follow_menu(page, "Settings")
    page.get_by_role("link", name="Share links").click()
    page.get_by_label("Label").fill("Client review")
    page.get_by_label("Viewers may approve or ask for changes").check()
    page.get_by_role("button", name="Make a share link").click()
    address = page.get_by_label("Share link address").input_value()

    guest = page_for()  # another browser context, not logged in
    guest.set_viewport_size({"width": width, "height": 900})
    guest.goto(address)
    image = guest.get_by_role("img", name="Winter tyres on a shop bench")
    expect(image).to_be_visible()
    assert guest.evaluate("img => img.naturalWidth", image.element_handle()) > 0
    form = guest.locator(f"#review-{item_id}")
    form.get_by_label("Your name").fill("Dana from Acme")
    form.get_by_role("button", name="Approve").click()
    expect(guest.get_by_role("status")).to_contain_text(f"Approved “{headline}”")
    expect(guest.locator(f"#review-{item_id}")).to_have_count(0)
    widest = guest.evaluate(WIDEST, width)
    assert page_width(guest) <= width, widest
    guest.screenshot(path=str(screenshot_dir / f"share-approved-{width}.png"), full_page=True)

    page.goto(f"{live_server}/items/{item_id}")
    expect(
        page.get_by_text(re.compile(r"Approved by Dana from Acme \(through share link"))
    ).to_be_visible()
    expect(page.locator("select[name=status] option:checked")).to_have_text("Approved")
    page.screenshot(path=str(screenshot_dir / f"share-approved-item-{width}.png"), full_page=True)
