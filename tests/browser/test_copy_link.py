"""Copying a tracked link in a real browser puts it on the clipboard."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def test_copy_a_tracked_link_and_a_post(live_server, owner_page, screenshot_dir) -> None:
    from playwright.sync_api import expect

    page = owner_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    page.get_by_role("link", name="Next →").click()
    page.wait_for_url(re.compile(r"/week\?start="))  # next week's items, not this week's
    with_link = page.locator("article.item", has=page.get_by_role("button", name="Copy link"))
    first_post = page.locator("#" + with_link.first.get_attribute("id"))  # stable once clicked
    link = first_post.get_by_role("button", name="Copy link").get_attribute("data-copy")
    assert re.match(
        r"^https://acme-bikes\.example/\?utm_source=\w+&utm_medium=\w+&utm_campaign=[\w.-]+&utm_content=\w{12}$",
        link,
    )
    first_post.get_by_role("button", name="Copy link").click()
    expect(first_post.get_by_role("button", name="Copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == link
    page.screenshot(path=str(screenshot_dir / "week-copied-link.png"), full_page=False)
    first_post.get_by_role("link").first.click()  # the item's page shows the same link
    expect(page.get_by_label("Tracked link")).to_have_value(link)
    page.go_back()

    page.get_by_role("link", name="Subscribe").click()
    feed = page.get_by_label("All channels feed address").input_value()
    assert re.match(r"^http://127\.0\.0\.1:\d+/feeds/[\w-]{43}\.ics$", feed)
    page.get_by_role("button", name="Copy").first.click()
    expect(page.get_by_role("button", name="Copied").first).to_be_visible()  # written by now
    assert page.evaluate("navigator.clipboard.readText()") == feed
    expect(page.get_by_role("link", name="Open in calendar app").first).to_have_attribute(
        "href", "webcal://" + feed.split("://")[1]
    )
    page.screenshot(path=str(screenshot_dir / "subscribe.png"), full_page=True)
