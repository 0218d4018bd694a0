"""First run in a real browser: create the owner, log in, see the demo week."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def test_first_run_login_and_the_demo_week(live_server, page, screenshot_dir) -> None:
    from playwright.sync_api import expect

    page.goto(live_server + "/")
    expect(page).to_have_url(re.compile(r"/setup$"))
    expect(page.get_by_role("heading", name="Create the owner account")).to_be_visible()
    page.get_by_label("Your e-mail").fill("owner@example.com")
    page.get_by_label("Password", exact=True).fill("a long password")
    page.get_by_label("Password again").fill("a long password")
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(re.compile(r"/welcome/$"))
    expect(page.get_by_text("Welcome! Your owner account is ready.")).to_be_visible()
    page.get_by_role("link", name="Look around the demo").click()
    expect(page).to_have_url(re.compile(r"/week$"))

    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    page.get_by_label("E-mail").fill("owner@example.com")
    page.get_by_label("Password").fill("a long password")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/week$"))

    page.get_by_role("link", name="Next →").click()
    expect(page.get_by_role("heading", name=re.compile(r"^Week of"))).to_be_visible()
    for name in ("Monday", "Thursday", "Sunday"):
        expect(page.get_by_role("heading", name=re.compile(name))).to_be_visible()
    agenda = page.locator(".agenda")
    expect(agenda.get_by_role("link", name="YouTube · Video").first).to_be_visible()
    expect(agenda.get_by_text("Open slot: pick a headline").first).to_be_visible()
    expect(agenda.get_by_text("Reply time").first).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "demo-week.png"), full_page=True)

    page.get_by_role("link", name="Channels").click()
    expect(page.get_by_text("3 times a week (Mon, Wed and Fri) at 09:00")).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "channels.png"), full_page=True)
