"""The main navigation: a row on a desktop, a menu button on a phone, wrapped lines without JS."""

from __future__ import annotations

import re

import pytest

from calendar_app.web.presentation import NAVIGATION
from tests.browser.conftest import OWNER_EMAIL, OWNER_PASSWORD, page_width

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LABELS = [label for _endpoint, label in NAVIGATION]


def nav_links(page) -> list[object]:
    """The main navigation's links, in order."""
    nav = page.get_by_role("navigation", name="Main")
    return [nav.get_by_role("link", name=label, exact=True) for label in LABELS]


def test_on_a_desktop_every_link_is_on_one_row_and_there_is_no_menu_button(
    owner_page, screenshot_dir
) -> None:
    from playwright.sync_api import expect

    page = owner_page
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    boxes = []
    for link in nav_links(page):
        expect(link).to_be_visible()
        boxes.append(link.bounding_box())
    assert len({round(box["y"]) for box in boxes}) == 1
    assert boxes == sorted(boxes, key=lambda box: box["x"])
    assert page_width(page) <= 1280
    page.screenshot(path=str(screenshot_dir / "menu-1280.png"))


def test_on_a_phone_the_menu_button_opens_every_link_as_a_list(owner_page, screenshot_dir) -> None:
    from playwright.sync_api import expect

    page = owner_page
    page.set_viewport_size(PHONE)
    button = page.get_by_role("button", name="Menu")
    expect(button).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_have_attribute("aria-controls", "main-nav")
    for link in nav_links(page):
        expect(link).to_be_hidden()
    page.screenshot(path=str(screenshot_dir / "menu-390-closed.png"))

    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    boxes = []
    for link in nav_links(page):
        expect(link).to_be_in_viewport()
        boxes.append(link.bounding_box())
    assert len({round(box["x"]) for box in boxes}) == 1  # one under the other
    assert [box["y"] for box in boxes] == sorted(box["y"] for box in boxes)
    assert all(box["x"] + box["width"] <= PHONE["width"] for box in boxes)
    assert page_width(page) <= PHONE["width"]
    page.screenshot(path=str(screenshot_dir / "menu-390-open.png"))

    nav_links(page)[LABELS.index("Settings")].click()
    expect(page).to_have_url(re.compile(r"/settings$"))
    expect(page.get_by_role("button", name="Menu")).to_have_attribute("aria-expanded", "false")
    button.click()
    button.click()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(nav_links(page)[0]).to_be_hidden()


def test_on_a_phone_the_menu_works_with_the_keyboard(owner_page) -> None:
    from playwright.sync_api import expect

    page = owner_page
    page.set_viewport_size(PHONE)
    button = page.get_by_role("button", name="Menu")
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    for link in nav_links(page):  # every link, in order, right after the button
        page.keyboard.press("Tab")
        expect(link).to_be_focused()
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()
    page.keyboard.press("Space")
    expect(button).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/calendar$"))


def test_escape_elsewhere_on_the_page_leaves_the_menu_and_the_focus_alone(owner_page) -> None:
    from playwright.sync_api import expect

    page = owner_page
    page.set_viewport_size(PHONE)
    page.goto(page.url.replace("/week", "/settings"))
    button = page.get_by_role("button", name="Menu")
    button.click()
    field = page.locator("main input:visible").first
    field.focus()
    page.keyboard.press("Escape")
    expect(field).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "true")


def test_without_javascript_the_navigation_wraps_and_every_link_fits(
    owner_page, browser, live_server, screenshot_dir
) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server + "/login")
        page.get_by_label("E-mail").fill(OWNER_EMAIL)
        page.get_by_label("Password").fill(OWNER_PASSWORD)
        page.get_by_role("button", name="Log in").click()
        expect(page).to_have_url(re.compile(r"/week$"))
        expect(page.get_by_role("button", name="Menu")).to_be_hidden()
        rows = set()
        for link in nav_links(page):
            expect(link).to_be_visible()
            box = link.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
            rows.add(round(box["y"]))
        assert len(rows) > 1  # wrapped onto more lines rather than scrolled sideways
        assert page_width(page) <= PHONE["width"]
        page.screenshot(path=str(screenshot_dir / "menu-390-without-javascript.png"))
    finally:
        context.close()
