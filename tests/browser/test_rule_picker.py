"""Picking a cadence instead of typing an RRULE, in a real browser on a desktop and a phone."""

from __future__ import annotations

import pytest

from tests.browser.conftest import follow_menu, page_width

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 390])
def test_every_other_thursday_from_this_week_starts_this_thursday(
    owner_page, screenshot_dir, width
) -> None:
    from playwright.sync_api import expect

    page = owner_page
    page.set_viewport_size({"width": width, "height": 900})
    follow_menu(page, "Channels")
    youtube = page.locator("section.channel", has=page.get_by_role("heading", name="YouTube"))
    youtube.get_by_role("link", name="+ Add a rule").click()

    # A new rule starts today (Monday 23 Nov 2026) at the channel's usual time, on Weekly.
    expect(page.get_by_label("Weekly", exact=True)).to_be_checked()
    expect(page.get_by_label("Time of day")).to_have_value("15:00")
    expect(page.get_by_label("Starts on")).to_have_value("2026-11-23")
    expect(page.get_by_label("Day of the month")).to_be_hidden()

    page.get_by_label("Every N weeks").check()
    expect(page.get_by_label("Every how many weeks")).to_have_value("2")
    expect(page.get_by_label("Starting the week of")).to_have_value("2026-11-23")
    expect(page.get_by_label("Times per week")).to_be_hidden()
    page.get_by_role("button", name="Save rule").click()
    days = page.locator("#days-error")
    expect(days).to_have_text("Tick at least one day.")
    expect(page.get_by_label("Every N weeks")).to_be_checked()  # the choice survives the error
    page.screenshot(path=str(screenshot_dir / f"rule-picker-error-{width}.png"), full_page=True)

    page.get_by_label("Thu", exact=True).check()
    page.get_by_role("button", name="Show the next dates").click()
    dates = page.locator(".next-dates time")
    expect(dates.first).to_have_text("Thu 26 Nov 2026 15:00")
    expect(dates.nth(1)).to_have_text("Thu 10 Dec 2026 15:00")
    assert page_width(page) <= width
    page.screenshot(path=str(screenshot_dir / f"rule-picker-dates-{width}.png"), full_page=True)

    page.get_by_role("button", name="Save rule").click()
    rule = page.locator("li", has=page.get_by_text("Every 2 weeks on Thu at 15:00"))
    expect(rule.locator(".next time").first).to_have_text("Thu 26 Nov 15:00")
    page.screenshot(path=str(screenshot_dir / f"rule-picker-saved-{width}.png"), full_page=True)

    rule.get_by_role("link", name="Edit").click()
    expect(page.get_by_label("Every N weeks")).to_be_checked()
    expect(page.get_by_label("Thu", exact=True)).to_be_checked()
    expect(page.get_by_label("Starting the week of")).to_be_visible()
    expect(page.locator("details.advanced")).not_to_have_attribute("open", "")
    expect(page.get_by_role("textbox", name="RRULE")).to_be_hidden()
    page.get_by_text("Advanced: an RRULE").click()
    expect(page.get_by_role("textbox", name="RRULE")).to_have_value(
        "FREQ=WEEKLY;BYDAY=TH;INTERVAL=2"
    )
