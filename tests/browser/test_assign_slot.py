"""Filling an open slot from the week view in a real browser."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def test_assign_a_headline_to_an_open_slot(owner_page, screenshot_dir) -> None:
    from playwright.sync_api import expect

    page = owner_page
    page.get_by_role("link", name="Next →").click()
    open_slot = page.locator("article.item", has_text="Open slot: pick a headline").first
    slot_id = open_slot.get_attribute("id")
    open_slot.get_by_role("link", name="Open slot: pick a headline").click()
    expect(page).to_have_url(re.compile(r"/items/\d+#headline$"))
    expect(page.get_by_text("This slot is open: it needs a headline.")).to_be_visible()

    choice = page.get_by_label("Pick a headline from the bank")
    best = choice.locator("option").first.inner_text()  # "82 · 5 free resources on …"
    headline = best.split(" · ", 1)[1]
    choice.select_option(index=0)
    page.get_by_role("button", name="Put in this slot").click()
    expect(page.get_by_text(f"“{headline}” is planned in this slot.")).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "item-with-headline.png"), full_page=True)

    page.get_by_role("link", name=re.compile(r"^← Week of")).click()
    article = page.locator(f"#{slot_id}")
    expect(article.locator(".headline")).to_have_text(headline)
    expect(article).not_to_contain_text("Open slot")
