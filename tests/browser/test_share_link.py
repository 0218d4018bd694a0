"""A share link in a real browser, on a desktop and a phone: made in Settings, opened by
someone without an account, revoked, and gone on the next load."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import follow_menu, page_width

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 390])
def test_a_share_link_shows_the_plan_to_a_guest_until_it_is_revoked(
    owner_page, page_for, screenshot_dir, width
) -> None:
    from playwright.sync_api import expect

    page = owner_page
    page.set_viewport_size({"width": width, "height": 900})
    follow_menu(page, "Settings")
    page.get_by_role("link", name="Share links").click()
    page.get_by_label("Label").fill("Client review")
    page.get_by_label("Only the channels ticked below").check()
    page.get_by_label("LinkedIn", exact=True).check()
    page.get_by_label("Show the items' notes").check()
    page.get_by_role("button", name="Make a share link").click()
    expect(page.get_by_role("status").first).to_contain_text("Share link “Client review” made")
    address = page.get_by_label("Share link address").input_value()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/share/[\w-]{43,}", address)
    assert page_width(page) <= width
    page.screenshot(path=str(screenshot_dir / f"share-made-{width}.png"), full_page=True)

    guest = page_for()  # another browser, not logged in
    guest.set_viewport_size({"width": width, "height": 900})
    guest.goto(address)
    expect(guest.get_by_role("heading", level=1)).to_have_text("Acme Bikes · November 2026")
    expect(guest.locator(".shared-item").first).to_contain_text("LinkedIn")
    expect(guest.locator(".shared-item", has_text="YouTube")).to_have_count(0)
    expect(guest.get_by_role("navigation", name="Main")).to_have_count(0)
    expect(guest.get_by_role("link", name="Log in")).to_have_count(0)
    assert page_width(guest) <= width
    guest.screenshot(path=str(screenshot_dir / f"share-page-{width}.png"), full_page=True)
    guest.get_by_role("link", name=re.compile("December")).click()
    expect(guest.get_by_role("heading", level=1)).to_have_text("Acme Bikes · December 2026")

    page.get_by_role("button", name="Revoke “Client review”").click()
    expect(page.get_by_role("status").first).to_contain_text("“Client review” is revoked")
    expect(page.get_by_role("button", name="Revoke “Client review”")).to_have_count(0)

    response = guest.reload()
    assert response.status == 404
    expect(guest.get_by_role("heading", level=1)).to_have_text("Not found")
    expect(guest.locator(".shared-item")).to_have_count(0)
    guest.screenshot(path=str(screenshot_dir / f"share-revoked-{width}.png"), full_page=True)
