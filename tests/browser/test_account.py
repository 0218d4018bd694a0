"""The Account page in a real browser: resetting the feed token and inviting a team member."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def test_reset_the_feed_token(owner_page, screenshot_dir) -> None:
    from playwright.sync_api import expect

    page = owner_page
    page.get_by_role("link", name="Subscribe").click()
    old = page.get_by_label("All channels feed address").input_value()
    answer = page.request.get(old)
    assert answer.status == 200 and answer.headers["content-type"].startswith("text/calendar")

    page.get_by_role("link", name="Account").click()
    page.wait_for_load_state("load")  # the confirmation's script has run
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset my feed addresses").click()
    expect(page.get_by_text("Your feed addresses changed")).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "account-feed-reset.png"), full_page=True)

    assert page.request.get(old).status == 404
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Subscribe").click()
    new = page.get_by_label("All channels feed address").input_value()
    assert new != old
    assert page.request.get(new).status == 200


def test_cancelling_the_reset_keeps_the_feed(owner_page) -> None:
    page = owner_page
    page.get_by_role("link", name="Subscribe").click()
    feed = page.get_by_label("All channels feed address").input_value()
    # The confirmation comes from a deferred script: a click before it runs would reset.
    page.wait_for_load_state("load")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Reset my feed addresses").click()
    assert page.request.get(feed).status == 200


def test_invite_a_team_member(owner_page, page_for, screenshot_dir) -> None:
    from playwright.sync_api import expect

    page = owner_page
    page.get_by_role("link", name="Account").click()
    page.get_by_label("Their e-mail address").fill("sam@example.com")
    page.get_by_role("button", name="Make an invitation link").click()
    expect(page.get_by_text("Invitation made for sam@example.com")).to_be_visible()
    link = page.get_by_label("Invitation link").input_value()
    assert re.match(r"^http://127\.0\.0\.1:\d+/join/[\w-]{43}$", link)
    page.screenshot(path=str(screenshot_dir / "account-invitation.png"), full_page=True)

    sam = page_for()
    sam.goto(link)
    expect(sam.get_by_text("owner@example.com invited sam@example.com")).to_be_visible()
    sam.get_by_label("Choose a password").fill("sam's password")
    sam.get_by_label("Password again").fill("sam's password")
    sam.get_by_role("button", name="Create my account").click()
    expect(sam.get_by_text("Welcome to the team!")).to_be_visible()
    expect(sam.locator(".who")).to_have_text("sam@example.com")
    sam.get_by_role("link", name="Account").click()
    expect(sam.get_by_role("button", name="Make an invitation link")).to_have_count(0)

    page.reload()
    team = page.locator("#team")
    expect(team.get_by_text("sam@example.com Editor (may approve)", exact=True)).to_be_visible()
    expect(team.get_by_text("Invitations not yet accepted")).to_have_count(0)
