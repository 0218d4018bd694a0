"""Reassigning an item on the week with its select, then finding it on the other member's
My work, in a real browser on a desktop and a phone."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import follow_menu, page_width

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
ANA_PASSWORD = "another long password"


@pytest.mark.parametrize("screen", WIDTHS)
def test_reassign_an_item_on_the_week_then_see_it_on_their_my_work(
    demo_app, owner_page, page_for, live_server, screenshot_dir, screen
) -> None:
    from playwright.sync_api import expect

    from tests.factories import make_user

    with demo_app.app_context():
        make_user("ana@example.com", ANA_PASSWORD)
    page = owner_page
    page.set_viewport_size(WIDTHS[screen])
    page.reload()
    article = page.locator("article.item.status-draft").first
    item_id = article.get_attribute("id")
    link = article.locator(".what > a").first.get_attribute("href")
    article.locator("select").select_option(label="ana")
    article.get_by_role("button", name="Reassign").click()
    expect(page.get_by_text("Assigned to ana.")).to_be_visible()
    reassigned = page.locator(f"#{item_id}")
    expect(reassigned.locator(".owner")).to_have_text(re.compile(r"ana$"))
    expect(reassigned.locator(".owner")).to_have_attribute("title", "ana@example.com")
    expect(reassigned.locator("select option:checked")).to_have_text("ana")
    assert page_width(page) <= WIDTHS[screen]["width"]
    page.screenshot(path=str(screenshot_dir / f"week-reassigned-{screen}.png"), full_page=True)

    ana = page_for()
    ana.set_viewport_size(WIDTHS[screen])
    ana.goto(live_server + "/login")
    ana.get_by_label("E-mail").fill("ana@example.com")
    ana.get_by_label("Password").fill(ANA_PASSWORD)
    ana.get_by_role("button", name="Log in").click()
    expect(ana).to_have_url(re.compile(r"/week$"))
    if screen == "desktop":
        # The e-mail in the header (the navigation's own "My work" is for phones; until the
        # stylesheet applies, it shows too).
        ana.get_by_role("link", name="My work: ana@example.com").click()
    else:
        follow_menu(ana, "My work")
    expect(ana.get_by_role("heading", name="My work", level=1)).to_be_visible()
    expect(ana.locator(f'main a[href="{link}"]')).to_have_count(1)
    assert page_width(ana) <= WIDTHS[screen]["width"]
    ana.screenshot(path=str(screenshot_dir / f"my-work-of-ana-{screen}.png"), full_page=True)
