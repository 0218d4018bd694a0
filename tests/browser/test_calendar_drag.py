"""Dragging an item to another day in a real browser; it stays there after a reload."""

from __future__ import annotations

import re

import pytest

from tests.browser.test_brainstorm import create_owner

pytestmark = pytest.mark.browser


def test_drag_an_item_to_another_day(live_server, page, screenshot_dir) -> None:
    from playwright.sync_api import expect

    create_owner(page, live_server)
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
    page.get_by_role("link", name="This week").click()
    page.screenshot(path=str(screenshot_dir / "phone-this-week.png"), full_page=False)
    page.get_by_role("link", name="Calendar").click()
    page.screenshot(path=str(screenshot_dir / "phone-calendar.png"), full_page=False)
