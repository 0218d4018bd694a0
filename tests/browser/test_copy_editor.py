"""Writing a post's copy in a real browser: the counter against X's limit, a hashtag set
inserted at the cursor, and Copy post putting the real text and link on the clipboard."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import page_width

pytestmark = pytest.mark.browser


def x_post_with_hashtags(app) -> int:
    """An upcoming post of the demo, its channel made an X channel with a hashtag set."""
    from sqlalchemy import select

    from calendar_app import clock
    from calendar_app.extensions import db
    from calendar_app.models import HashtagSet, ScheduleItem

    with app.app_context():
        item = db.session.scalar(
            select(ScheduleItem)
            .where(ScheduleItem.activity == "post", ScheduleItem.starts_at >= clock.now())
            .order_by(ScheduleItem.starts_at)
        )
        item.channel.network = "x"
        db.session.add(HashtagSet(channel=item.channel, name="Winter", tags="#winter #bikes"))
        db.session.commit()
        return item.id


@pytest.mark.parametrize("width", [1280, 390])
def test_write_copy_past_x_s_limit_insert_hashtags_and_copy_the_post(
    demo_app, live_server, owner_page, screenshot_dir, width
) -> None:
    from playwright.sync_api import expect

    item_id = x_post_with_hashtags(demo_app)
    page = owner_page
    page.set_viewport_size({"width": width, "height": 900})
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    page.goto(f"{live_server}/items/{item_id}")
    page.wait_for_load_state("load")  # the deferred scripts have run
    link = page.get_by_label("Tracked link").input_value()
    body, counter = page.get_by_label("Post", exact=True), page.locator("#copy-body-count")
    expect(counter).to_have_text("23 / 280 characters, with the link")

    body.fill("x" * 250)  # 250, a line break and the link (23): 274
    expect(counter).to_have_text("274 / 280 characters, with the link")
    expect(counter).not_to_have_class(re.compile(r"\bover\b"))
    body.press("End")
    body.press_sequentially("y" * 10)  # past 280
    expect(counter).to_have_text("284 / 280 characters, with the link: too long")
    expect(counter).to_have_class(re.compile(r"\bover\b"))
    expect(page.locator("#copy-preview .cut")).to_be_visible()
    page.screenshot(path=str(screenshot_dir / f"copy-over-x-limit-{width}.png"), full_page=True)

    body.fill("Winter tyres are in: {link}")
    body.press("End")
    page.get_by_role("button", name="Insert Winter").click()
    expect(body).to_have_value("Winter tyres are in: {link} #winter #bikes")
    expect(page.locator("#copy-preview .tag").first).to_have_text("#winter")
    page.screenshot(path=str(screenshot_dir / f"copy-hashtags-{width}.png"), full_page=True)
    page.get_by_role("button", name="Save copy").click()
    expect(page.get_by_text("Copy saved.")).to_be_visible()
    page.wait_for_load_state("load")  # the copy button's script, on the page the save opened

    page.locator("#copy-post").click()
    expect(page.locator("#copy-post")).to_have_text("Copied")
    posted = f"Winter tyres are in: {link} #winter #bikes"
    assert page.evaluate("navigator.clipboard.readText()") == posted
    assert page_width(page) <= width
