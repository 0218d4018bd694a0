"""Evergreen recycling in a real browser: mark two published posts evergreen, see them
proposed for open slots, plan one again and see its runs side by side."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import page_width

pytestmark = pytest.mark.browser

HEADER = "date,utm_source,utm_medium,utm_campaign,utm_content,visits,leads,customers,revenue"


def publish_evergreen(page, site: str, day: str, headline: str) -> tuple[str, str]:
    """A one-off Blog post on ``day``, with a headline, published and marked evergreen with
    a 30-day cool-down; its page's address and its link's utm_content."""
    from playwright.sync_api import expect

    page.goto(site + "/week")
    page.get_by_text("Add a one-off item").click()
    add = page.locator("details.add-item form")
    add.get_by_label("Channel").select_option(label="Blog")
    add.get_by_label("What").select_option(label="Post")
    add.get_by_label("Day").fill(day)
    add.get_by_role("button", name="Add", exact=True).click()
    page.get_by_label("Or write a new one").fill(headline)
    page.get_by_role("button", name="Add to the bank and use it").click()
    page.get_by_label("Status").select_option(label="Published")
    page.get_by_role("button", name="Set", exact=True).click()
    evergreen = page.locator("#evergreen")
    evergreen.get_by_label("Evergreen").check()
    evergreen.get_by_label("Cool-down (days)").fill("30")
    evergreen.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Evergreen: it may run again.")).to_be_visible()
    link = page.get_by_label("Tracked link").input_value()
    return page.url.split("#")[0], re.search(r"utm_content=([\w-]+)", link).group(1)


def test_recycle_an_evergreen_post_and_see_its_runs(
    live_server, owner_page, screenshot_dir, tmp_path
) -> None:
    from playwright.sync_api import expect

    page = owner_page
    original, tyres = publish_evergreen(
        page, live_server, "2026-06-01", "Winter tyres explained in five minutes"
    )
    _other, chains = publish_evergreen(
        page, live_server, "2026-07-06", "Why chains squeak in the cold"
    )

    results = tmp_path / "results.csv"
    results.write_text(
        f"{HEADER}\n2026-06-02,blog,owned,,{tyres},640,12,3,297\n"
        f"2026-07-07,blog,owned,,{chains},210,2,0,0\n"
    )
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Results").click()
    page.get_by_label("Results file (CSV)").set_input_files(results)
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("results file: 2 rows added")).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Ideas").click()
    page.get_by_role("link", name="Recycle evergreen posts").click()
    expect(page.get_by_role("heading", name="Recycle evergreen posts")).to_be_visible()
    table = page.locator("table.recycle")
    first = table.locator("tbody").first
    expect(first).to_contain_text("Winter tyres explained in five minutes")
    expect(first).to_contain_text("640")
    expect(table.locator("tbody").nth(1)).to_contain_text("Why chains squeak in the cold")
    page.screenshot(path=str(screenshot_dir / "recycle.png"), full_page=True)

    first.get_by_role("button", name=re.compile("^Plan here")).click()
    planned = re.compile("“Winter tyres explained in five minutes” runs again on Blog")
    expect(page.get_by_text(planned)).to_be_visible()
    page.goto(original)
    runs = page.locator("#runs")
    expect(runs).to_be_visible()
    expect(runs.locator("tbody tr")).to_have_count(2)
    expect(runs.locator("tbody tr").first).to_contain_text("Original (this one)")
    expect(runs.locator("tbody tr").first).to_contain_text("640")
    expect(runs.locator("tbody tr").nth(1)).to_contain_text("no results yet")
    page.screenshot(path=str(screenshot_dir / "item-runs.png"), full_page=True)

    runs.get_by_role("link", name="Rerun 1").click()
    expect(page.locator("#runs")).to_contain_text("Rerun 1 (this one)")
    expect(page.get_by_label("Tracked link")).not_to_have_value(re.compile(tyres))

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server + "/recycle")
    assert page_width(page) <= 390  # the table scrolls
    page.screenshot(path=str(screenshot_dir / "recycle-phone.png"), full_page=True)
