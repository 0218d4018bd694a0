"""Declaring a channel and a cadence rule in a real browser."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def test_create_a_channel_and_a_rule(owner_page, screenshot_dir) -> None:
    from playwright.sync_api import expect

    page = owner_page
    page.get_by_role("link", name="Channels").click()
    page.get_by_role("link", name="New channel").click()
    page.get_by_label("Name").fill("Podcast")
    page.get_by_label("Slug").fill("podcast")
    page.get_by_role("button", name=re.compile("Save")).click()
    expect(page.get_by_role("heading", name="Podcast")).to_be_visible()

    channel = page.locator("section.channel", has=page.get_by_role("heading", name="Podcast"))
    channel.get_by_role("link", name="+ Add a rule").click()
    page.get_by_label("Activity").select_option(label="Video")
    page.get_by_text("Advanced: an RRULE").click()
    page.get_by_role("textbox", name="RRULE").fill("FREQ=WEEKLY;BYDAY=XX")
    # Typing a rule chooses it over the picker.
    expect(page.get_by_label("Use the RRULE below instead")).to_be_checked()
    page.get_by_label("Time of day").fill("11:30")
    page.get_by_role("button", name="Save rule").click()
    rrule = page.locator(".field", has=page.get_by_role("textbox", name="RRULE"))
    expect(rrule.locator(".error")).to_be_visible()
    expect(page.get_by_role("textbox", name="RRULE")).to_have_attribute("aria-invalid", "true")
    page.screenshot(path=str(screenshot_dir / "rule-form-error.png"), full_page=True)

    page.get_by_role("textbox", name="RRULE").fill("FREQ=WEEKLY;BYDAY=TU,TH")
    page.get_by_role("button", name="Save rule").click()
    channel = page.locator("section.channel", has=page.get_by_role("heading", name="Podcast"))
    expect(channel.locator(".rule-words")).to_have_text("Every Tue and Thu at 11:30")
    upcoming = channel.locator(".next time")
    expect(upcoming).to_have_count(3)
    for when in upcoming.all_inner_texts():
        assert re.fullmatch(r"(Tue|Thu) \d{1,2} \w{3} 11:30", when), when
    page.screenshot(path=str(screenshot_dir / "channels-new-rule.png"), full_page=True)
