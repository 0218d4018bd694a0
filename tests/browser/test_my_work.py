"""Assigning an item to oneself from the week, and finding it on My work, in a real browser."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import follow_menu, page_width

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("screen", WIDTHS)
def test_assign_an_item_to_me_on_the_week_then_see_it_on_my_work(
    owner_page, screenshot_dir, screen
) -> None:
    from playwright.sync_api import expect

    page = owner_page
    page.set_viewport_size(WIDTHS[screen])
    article = page.locator("article.item.status-draft").first
    item_id = article.get_attribute("id")
    link = article.locator(".what > a").first.get_attribute("href")
    article.get_by_role("button", name="Assign to me").click()
    expect(page.get_by_text("Assigned to owner.")).to_be_visible()
    assigned = page.locator(f"#{item_id}")
    expect(assigned.locator(".owner")).to_have_text(re.compile(r"owner$"))
    expect(assigned.get_by_role("button", name="Assign to me")).to_have_count(0)
    assert page_width(page) <= WIDTHS[screen]["width"]
    page.screenshot(path=str(screenshot_dir / f"week-assigned-{screen}.png"), full_page=True)

    if screen == "desktop":
        # The e-mail in the header (the navigation's "My work" is for phones; until the
        # stylesheet applies, it shows too).
        page.locator("a.my-work-link").click()
    else:
        follow_menu(page, "My work")
    expect(page.get_by_role("heading", name="My work", level=1)).to_be_visible()
    expect(page.locator(f'main a[href="{link}"]')).to_have_count(1)
    assert page_width(page) <= WIDTHS[screen]["width"]
    page.screenshot(path=str(screenshot_dir / f"my-work-{screen}.png"), full_page=True)
