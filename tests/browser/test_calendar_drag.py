"""Dragging an item to another day in a real browser; it stays there after a reload."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import follow_menu

pytestmark = pytest.mark.browser


def test_drag_an_item_to_another_day(live_server, owner_page, screenshot_dir) -> None:
    from playwright.sync_api import expect

    page = owner_page
    page.get_by_role("link", name="Calendar").click()
    page.locator("select[name=view]").select_option("week")
    page.locator("select[name=channel]").select_option(label="YouTube")
    page.get_by_role("button", name="Show").click()
    page.get_by_role("link", name="Next →").click()
    video = page.locator(".cal-item", has_text="YouTube · Video").first
    item_id = video.get_attribute("id")
    source_day = page.locator(".calendar-day", has=page.locator(f"#{item_id}")).get_attribute(
        "data-day"
    )
    target = page.locator(".calendar-day").nth(5)  # the Saturday of that week
    target_day = target.get_attribute("data-day")
    assert target_day != source_day
    with page.expect_response(re.compile(r"/reschedule$")) as answer:
        page.locator(f"#{item_id}").drag_to(target)
    assert answer.value.status == 200
    expect(target.locator(f"#{item_id}")).to_be_visible()
    page.reload()
    expect(page.locator(f'.calendar-day[data-day="{target_day}"] #{item_id}')).to_be_visible()
    expect(page.locator(f"#{item_id}")).to_contain_text("15:00")
    page.screenshot(path=str(screenshot_dir / "calendar-week-after-drag.png"), full_page=True)

    page.set_viewport_size({"width": 390, "height": 844})
    follow_menu(page, "This week")
    page.screenshot(path=str(screenshot_dir / "phone-this-week.png"), full_page=False)
    follow_menu(page, "Calendar")
    page.screenshot(path=str(screenshot_dir / "phone-calendar.png"), full_page=False)


def test_move_an_item_with_the_keyboard(owner_page) -> None:
    from playwright.sync_api import expect

    page = owner_page
    page.get_by_role("link", name="Calendar").click()
    page.locator("select[name=view]").select_option("week")
    page.get_by_role("button", name="Show").click()
    page.get_by_role("link", name="Next →").click()
    monday = page.locator(".calendar-day").nth(0)
    item = monday.locator(".cal-item").first
    item_id = item.get_attribute("id")
    time = item.locator(".cal-time").inner_text()
    item.get_by_role("link").focus()
    page.keyboard.press("Shift+ArrowRight")
    tuesday = page.locator(".calendar-day").nth(1)
    expect(tuesday.locator(f"#{item_id}")).to_be_visible()
    expect(page.locator("#calendar-status")).to_have_text(
        re.compile(rf"^Moved to Tue .* {time}\.$")
    )
    expect(page.locator(f"#{item_id} a").first).to_be_focused()
    page.keyboard.press("Shift+ArrowUp")  # a week back: off this page
    expect(page.locator(f"#{item_id}")).to_have_count(0)
    expect(page.locator("#calendar-status")).to_contain_text("(outside this page)")
    page.get_by_role("link", name="← Previous").click()
    expect(page.locator(".calendar-day").nth(1).locator(f"#{item_id}")).to_be_visible()
