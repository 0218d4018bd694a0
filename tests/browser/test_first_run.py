"""First run in a real browser: start with an empty calendar and the guided set-up, and
remove the demo from Settings, on a desktop and a phone."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import fill_owner_setup, follow_menu, page_width

pytestmark = pytest.mark.browser


def fits(page: object, width: int) -> None:
    assert page_width(page) <= width


@pytest.mark.parametrize("width", [1280, 390])
def test_start_empty_then_the_guided_set_up_lands_on_the_week_with_the_new_channels(
    live_server, page, screenshot_dir, width
) -> None:
    from playwright.sync_api import expect

    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server + "/setup")
    fill_owner_setup(page)
    expect(page).to_have_url(re.compile(r"/welcome/$"))
    expect(page.get_by_role("link", name="Look around the demo")).to_be_visible()
    fits(page, width)
    page.screenshot(path=str(screenshot_dir / f"first-run-choice-{width}.png"), full_page=True)

    page.get_by_role("button", name="Start with an empty calendar").click()
    expect(page).to_have_url(re.compile(r"/welcome/basics$"))
    expect(page.get_by_text(re.compile(r"^Removed the demo: 5 channels"))).to_be_visible()
    expect(page.get_by_label("Team or company name")).to_have_value("")  # not the demo shop's
    page.get_by_label("Site URL").fill("ftp://pedal.example/")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text("Give the team or company a name.")).to_be_visible()
    fits(page, width)
    page.screenshot(
        path=str(screenshot_dir / f"first-run-basics-error-{width}.png"), full_page=True
    )

    page.get_by_label("Team or company name").fill("Pedal Co")
    page.get_by_label("Time zone").select_option("Europe/Lisbon")
    page.get_by_label("Site URL").fill("https://pedal.example/")
    page.get_by_role("button", name="Save and continue").click()
    expect(page).to_have_url(re.compile(r"/welcome/channels$"))

    page.get_by_role("button", name="Add these channels").click()
    expect(page.get_by_text("Pick at least one channel, or skip this step.")).to_be_visible()
    page.get_by_role("checkbox", name=re.compile(r"^Blog:")).check()
    page.get_by_role("checkbox", name=re.compile(r"^LinkedIn:")).check()
    expect(page.get_by_text("Every weekday at 10:00")).to_be_visible()
    fits(page, width)
    page.screenshot(path=str(screenshot_dir / f"first-run-channels-{width}.png"), full_page=True)
    page.get_by_role("button", name="Add these channels").click()
    expect(page).to_have_url(re.compile(r"/welcome/team$"))
    expect(
        page.get_by_text(re.compile(r"^Added Blog, LinkedIn: \d+ items planned"))
    ).to_be_visible()
    expect(page.get_by_role("link", name="Invite the team")).to_be_visible()
    page.screenshot(path=str(screenshot_dir / f"first-run-team-{width}.png"), full_page=True)

    page.get_by_role("link", name="Go to this week").click()
    expect(page).to_have_url(re.compile(r"/week$"))
    agenda = page.locator(".agenda")
    expect(agenda.get_by_text("LinkedIn").first).to_be_visible()
    expect(agenda.get_by_text("YouTube")).to_have_count(0)  # the demo's channels are gone
    fits(page, width)
    page.screenshot(path=str(screenshot_dir / f"first-run-week-{width}.png"), full_page=True)


@pytest.mark.parametrize("width", [1280, 390])
def test_the_owner_removes_the_demo_from_settings(owner_page, screenshot_dir, width) -> None:
    from playwright.sync_api import expect

    page = owner_page
    page.set_viewport_size({"width": width, "height": 900})
    follow_menu(page, "Settings")
    button = page.get_by_role("button", name="Remove the demo")
    expect(button).to_be_visible()
    page.wait_for_load_state("load")  # the confirmation's script has run
    page.once("dialog", lambda dialog: dialog.dismiss())
    button.click()
    expect(button).to_be_visible()  # dismissed: nothing removed
    fits(page, width)
    page.screenshot(path=str(screenshot_dir / f"remove-demo-{width}.png"), full_page=True)

    page.once("dialog", lambda dialog: dialog.accept())
    button.click()
    expect(page.get_by_text(re.compile(r"^Removed the demo: 5 channels"))).to_be_visible()
    expect(page.get_by_role("button", name="Remove the demo")).to_have_count(0)
    page.screenshot(path=str(screenshot_dir / f"remove-demo-done-{width}.png"), full_page=True)
