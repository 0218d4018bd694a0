"""Brainstorming in a real browser: type, watch the score, plan it, find it in the week."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def test_brainstorm_a_headline_and_plan_it(owner_page, screenshot_dir) -> None:
    from playwright.sync_api import expect

    page = owner_page
    page.get_by_role("link", name="Ideas").click()
    expect(page.get_by_role("heading", name=re.compile(r"^Ideas"))).to_be_visible()
    page.wait_for_load_state()  # the live score listens once the page has loaded
    headline = page.get_by_label("New headline")
    score_box = page.locator("#score-box")
    expect(score_box).to_be_hidden()  # nothing to score before typing

    headline.press_sequentially("Bikes", delay=20)
    expect(score_box).to_be_visible()
    expect(score_box.locator("[data-type]")).to_have_text("statement")
    low = int(score_box.locator("[data-score]").inner_text())
    expect(score_box).to_contain_text("Add a number")

    headline.fill("")
    headline.press_sequentially(
        "7 proven ways to keep your e-bike battery alive this winter", delay=5
    )
    expect(score_box.locator("[data-type]")).to_have_text("list")
    expect(score_box.locator("[data-score]")).not_to_have_text(str(low))
    high = int(score_box.locator("[data-score]").inner_text())
    assert high > low + 40
    page.screenshot(path=str(screenshot_dir / "ideas-live-score.png"), full_page=True)

    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_text(re.compile(r"Added “7 proven ways"))).to_be_visible()

    row = page.locator("li.idea", has_text="7 proven ways to keep your e-bike battery alive")
    row.get_by_label(re.compile("Channel for")).select_option(label="YouTube")
    row.get_by_role("button", name="Plan in next free slot").click()
    expect(page.get_by_text(re.compile(r"Planned on YouTube, "))).to_be_visible()
    slot = page.locator("li.idea", has_text="7 proven ways").locator(".slot span")
    when = slot.inner_text()  # "YouTube · Thu 26 Nov 2026 15:00"
    day = re.search(r"(\d{2}) (\w{3}) (\d{4})", when)
    assert day, when

    page.get_by_role("link", name="This week").click()
    if not page.get_by_text("7 proven ways to keep your e-bike battery alive this winter").count():
        page.get_by_role("link", name="Next →").click()
    item = page.locator(
        "article.item", has_text="7 proven ways to keep your e-bike battery alive this winter"
    )
    expect(item).to_be_visible()
    expect(item).to_contain_text("YouTube")
    page.screenshot(path=str(screenshot_dir / "week-with-planned-headline.png"), full_page=True)
