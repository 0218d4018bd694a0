"""Ticking a routine's checklist in a real browser, on a desktop and a phone."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 390])
def test_ticking_every_step_of_a_daily_scan_makes_the_week_say_done(
    owner_page, screenshot_dir, width
) -> None:
    from playwright.sync_api import expect

    page = owner_page
    page.set_viewport_size({"width": width, "height": 900})
    # Wednesday's scan: still ahead on Monday 23 Nov 2026.
    wednesday = page.locator(
        "section.day", has=page.get_by_role("heading", name=re.compile("Wednesday"))
    )
    scan = wednesday.locator("article.activity-routine", has_text="Daily scan").first
    scan_id = scan.get_attribute("id")
    expect(scan.locator(".routine")).to_have_text("0/3 steps")
    scan.locator(".what > a").first.click()
    expect(page).to_have_url(re.compile(r"/items/\d+$"))

    checklist = page.locator("#checklist")
    checklist.get_by_label("Mentions today").fill("4")
    checklist.get_by_role("button", name="Save checklist").click()
    expect(page.get_by_text("Tick step 1 too, or clear its number.")).to_be_visible()

    checklist = page.locator("#checklist")
    for box in checklist.get_by_role("checkbox").all():
        box.check()
    checklist.get_by_label("Mentions today").fill("-3")
    checklist.get_by_role("button", name="Save checklist").click()
    expect(page.get_by_text("Give the number as a whole number from 0")).to_be_visible()
    expect(page.get_by_text("0 of 3 steps done")).to_be_visible()  # nothing was saved

    checklist = page.locator("#checklist")
    for box in checklist.get_by_role("checkbox").all():
        box.check()
    checklist.get_by_label("Mentions today").fill("14")
    checklist.get_by_label("Negative mentions").fill("2")
    checklist.get_by_role("button", name="Save checklist").click()
    expect(page.get_by_text("Done: every step is ticked.")).to_be_visible()
    expect(page.get_by_text("3 of 3 steps done ✓")).to_be_visible()
    expect(page.locator("#checklist").get_by_label("Mentions today")).to_have_value("14")
    page.screenshot(path=str(screenshot_dir / f"routine-checklist-{width}.png"), full_page=True)

    page.get_by_role("link", name=re.compile(r"^← Week of")).click()
    expect(page.locator(f"#{scan_id} .routine")).to_have_text("✓ done")
    expect(page.locator("#routines-summary")).to_contain_text("1 done")
    page.screenshot(path=str(screenshot_dir / f"routine-week-done-{width}.png"), full_page=True)
