"""Settings in a real browser: the live mission counter, errors next to fields, nothing saved."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_settings_validation(owner_page, screenshot_dir) -> None:
    from playwright.sync_api import expect

    page = owner_page
    page.get_by_role("link", name="Settings").click()
    page.wait_for_load_state()  # the character counters start once the page has loaded
    mission = page.get_by_label("What we do, in one sentence")
    original = mission.input_value()
    mission.fill("")
    mission.press_sequentially("We fix bikes.", delay=10)
    expect(page.locator("[data-counter-for]")).to_have_text("13")
    mission.fill("x" * 150)
    assert mission.input_value() == "x" * 140  # the browser stops at 140 characters
    mission.fill("We fix city bikes the same day, winter or not.")

    page.get_by_label("Site URL").fill("ftp://acme.example/")
    page.get_by_label("Blackout dates").fill("2026-12-25\n2026-13-01")
    page.get_by_label("Hours per week for social media").fill("200")
    page.get_by_role("button", name="Save settings").click()

    for label, message in (
        ("Site URL", "http"),
        ("Blackout dates", "2026-13-01"),
        ("Hours per week for social media", "Between 0 and 168 hours."),
    ):
        box = page.locator(".field", has=page.get_by_label(label))
        expect(box.locator(".error")).to_contain_text(message)
        expect(page.get_by_label(label)).to_have_attribute("aria-invalid", "true")
    page.screenshot(path=str(screenshot_dir / "settings-errors.png"), full_page=True)

    page.get_by_role("link", name="Settings").click()
    expect(page.get_by_label("What we do, in one sentence")).to_have_value(original)

    page.get_by_label("Site URL").fill("https://acme-bikes.example/")
    page.get_by_label("Time zone").select_option("Europe/Lisbon")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Settings saved.")).to_be_visible()
    expect(page.get_by_label("Time zone")).to_have_value("Europe/Lisbon")
