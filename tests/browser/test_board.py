"""The board in a real browser: drag a card to another column, or use its form without JS."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import follow_menu, page_width

pytestmark = pytest.mark.browser


def column(page, status: str):
    """The board's column of ``status``."""
    return page.locator(f'.board-column[data-status="{status}"]')


def count_of(page, status: str) -> int:
    """The count a column's heading shows."""
    text = column(page, status).locator(".board-count").inner_text()
    return int(text.strip("()"))


@pytest.mark.parametrize("width", [1280, 390])
def test_drag_a_card_to_approved_and_it_stays_there(owner_page, screenshot_dir, width) -> None:
    from playwright.sync_api import expect

    page = owner_page
    page.set_viewport_size({"width": width, "height": 900})
    follow_menu(page, "Board")
    expect(page.get_by_role("heading", name=re.compile(r"^Board: 23 Nov"))).to_be_visible()
    assert page_width(page) <= width
    page.screenshot(path=str(screenshot_dir / f"board-{width}.png"), full_page=True)
    # One channel on two days: on a phone the stacked columns then fit the screen to drag.
    page.get_by_label("To", exact=True).fill("2026-11-24")
    page.get_by_label("Channel").select_option(label="LinkedIn")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", name="Board: 23 Nov – 24 Nov 2026")).to_be_visible()
    card = column(page, "draft").locator(".board-card").first
    card_id = card.get_attribute("id")
    planned, ready = count_of(page, "draft"), count_of(page, "approved")
    # A drag starts where the mouse went down: if reaching the target scrolled the page, the
    # card then under that point would be dragged. A tall window keeps both in sight.
    page.set_viewport_size({"width": width, "height": 1600})
    card.drag_to(column(page, "approved").locator("ul"))
    expect(page.locator(".flash-success")).to_have_text("Moved to approved.")
    assert page.url.endswith(f"/board?from=2026-11-23&to=2026-11-24&channel=linkedin#{card_id}")
    expect(column(page, "approved").locator(f"#{card_id}")).to_be_visible()
    page.reload()
    expect(column(page, "approved").locator(f"#{card_id}")).to_be_visible()
    assert (count_of(page, "draft"), count_of(page, "approved")) == (planned - 1, ready + 1)
    page.screenshot(path=str(screenshot_dir / f"board-after-drag-{width}.png"), full_page=True)


@pytest.mark.parametrize("width", [1280, 390])
def test_without_javascript_the_card_form_moves_it_and_a_bad_range_is_named(
    owner_page, browser, live_server, screenshot_dir, width
) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(
        java_script_enabled=False, viewport={"width": width, "height": 900}
    )
    context.set_default_timeout(10_000)
    context.add_cookies(owner_page.context.cookies())
    page = context.new_page()
    try:
        page.goto(live_server + "/board?from=2026-11-23&to=2027-06-01")
        expect(page.get_by_role("alert")).to_contain_text("Show at most 93 days at once.")
        page.screenshot(path=str(screenshot_dir / f"board-bad-range-{width}.png"))
        page.goto(live_server + "/board?channel=youtube")
        card = column(page, "draft").locator(".board-card").first
        card_id = card.get_attribute("id")
        card.get_by_label(re.compile("^Status")).select_option("published")
        card.get_by_role("button", name="Move").click()
        expect(page.locator(".flash-success")).to_have_text("Moved to published.")
        assert "channel=youtube" in page.url
        expect(column(page, "published").locator(f"#{card_id}")).to_be_visible()
        expect(page.locator(".board-card", has_text="LinkedIn")).to_have_count(0)
        assert page_width(page) <= width
        page.screenshot(path=str(screenshot_dir / f"board-no-js-{width}.png"), full_page=True)
    finally:
        context.close()
