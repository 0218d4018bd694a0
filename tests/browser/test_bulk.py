"""Bulk actions in a real browser on a desktop and a phone: select two items on the week
and move them to another day; select two ideas and archive them."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import page_width

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
SUNDAY = "2026-11-29"


@pytest.mark.parametrize("screen", WIDTHS)
def test_select_two_on_the_week_and_move_them_to_sunday(owner_page, screenshot_dir, screen) -> None:
    from playwright.sync_api import expect

    page = owner_page
    page.set_viewport_size(WIDTHS[screen])
    page.reload()
    day = page.locator("section.day").filter(has=page.locator("article.item:nth-of-type(2)"))
    day = day.first
    articles = day.locator("article.item")
    ids = [articles.nth(n).get_attribute("id") for n in (0, 1)]
    for item_id in ids:
        page.locator(f"#{item_id} input[type=checkbox]").check()
    bar = page.locator("#week-bulk")
    expect(bar.get_by_role("status")).to_have_text("(2 selected)")
    bar.get_by_label("Action").select_option(label="Move to the day")
    bar.get_by_label("Move to", exact=True).fill(SUNDAY)
    bar.get_by_role("button", name="Apply to selected").click()
    expect(page.get_by_text("Moved 2 items to Sun 29 Nov.")).to_be_visible()
    sunday = page.locator(f'section[aria-labelledby="day-{SUNDAY}"]')
    for item_id in ids:
        expect(sunday.locator(f"#{item_id}")).to_have_count(1)
    assert page_width(page) <= WIDTHS[screen]["width"]
    page.screenshot(path=str(screenshot_dir / f"week-bulk-moved-{screen}.png"), full_page=True)

    day = page.locator("section.day").first
    day.get_by_role("button", name=re.compile(r"^Select all of ")).click()
    checked = day.locator("input[type=checkbox]:checked").count()
    assert checked == day.locator("input[type=checkbox]").count() > 0
    expect(bar.get_by_role("status")).to_have_text(f"({checked} selected)")


@pytest.mark.parametrize("screen", WIDTHS)
def test_select_two_ideas_and_archive_them(owner_page, live_server, screenshot_dir, screen):
    from playwright.sync_api import expect

    page = owner_page
    page.set_viewport_size(WIDTHS[screen])
    page.goto(live_server + "/ideas/")
    free = page.locator("li.idea").filter(has_not=page.locator("form.slot"))
    headlines = [free.nth(n).locator(".headline").inner_text() for n in (0, 1)]
    for headline in headlines:
        page.get_by_label(f"Select “{headline}”").check()
    bar = page.locator("#ideas-bulk")
    expect(bar.get_by_role("status")).to_have_text("(2 selected)")
    bar.get_by_label("Action").select_option(label="Archive")
    bar.get_by_role("button", name="Apply to selected").click()
    expect(page.get_by_text("2 ideas now archived.")).to_be_visible()
    for headline in headlines:  # archived ideas leave the default list
        expect(page.get_by_label(f"Select “{headline}”")).to_have_count(0)
    assert page_width(page) <= WIDTHS[screen]["width"]
    page.screenshot(path=str(screenshot_dir / f"ideas-bulk-archived-{screen}.png"), full_page=True)


@pytest.mark.parametrize("screen", WIDTHS)
def test_select_a_board_column_and_skip_it(owner_page, live_server, screenshot_dir, screen):
    from playwright.sync_api import expect

    page = owner_page
    page.set_viewport_size(WIDTHS[screen])
    page.goto(live_server + "/board")
    drafts = page.locator("section.board-column.status-draft")
    cards = drafts.locator("li.board-card").count()
    assert cards > 1
    drafts.get_by_role("button", name="Select all of Draft").click()
    bar = page.locator("#board-bulk")
    expect(bar.get_by_role("status")).to_have_text(f"({cards} selected)")
    bar.get_by_label("Action").select_option(label="Archive (skip)")
    bar.get_by_role("button", name="Apply to selected").click()
    expect(page.get_by_text(f"Skipped {cards} items.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/board$"))
    expect(page.locator("section.board-column.status-draft li.board-card")).to_have_count(0)
    assert page_width(page) <= WIDTHS[screen]["width"]
    page.screenshot(path=str(screenshot_dir / f"board-bulk-skipped-{screen}.png"), full_page=True)
