"""The Results page in a real browser: log time, import GA4 and Plausible files; the verdict."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

SAMPLES = Path(__file__).parents[2] / "docs" / "samples"
HEADER = "date,utm_source,utm_medium,utm_campaign,utm_content,visits,leads,customers,revenue"


def test_import_log_time_and_see_roi_chart_and_verdict(owner_page, screenshot_dir, tmp_path):
    from playwright.sync_api import expect

    page = owner_page
    page.get_by_role("button", name="Took 30 min").first.click()
    expect(page.get_by_text("Logged 30 minutes.")).to_be_visible()
    expect(page.get_by_text("Time logged:")).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Results").click()
    page.get_by_label("What an hour of the team's time costs").fill("50")
    linkedin_prices = page.get_by_role("group", name="LinkedIn")
    linkedin_prices.get_by_label("Value of a visit").fill("1,00")
    linkedin_prices.get_by_label("Value of a lead").fill("5")
    page.get_by_role("button", name="Save rates").click()
    expect(page.get_by_text("Rates saved.")).to_be_visible()

    page.get_by_label("Results file (CSV)").set_input_files(SAMPLES / "ga4-traffic-acquisition.csv")
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("Google Analytics 4 file: 5 rows added")).to_be_visible()
    page.get_by_label("Results file (CSV)").set_input_files(SAMPLES / "plausible-utm.csv")
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("Plausible file: 3 rows added")).to_be_visible()

    # Two earlier months for LinkedIn make three: enough to judge.
    earlier = tmp_path / "earlier.csv"
    earlier.write_text(
        f"{HEADER}\n2026-09-15,linkedin,social,autumn,,400,8,1,300\n"
        "2026-10-15,linkedin,social,autumn,,420,9,1,250\n"
    )
    page.get_by_label("Results file (CSV)").set_input_files(earlier)
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("results file: 2 rows added")).to_be_visible()

    linkedin = page.locator("ul.verdicts li", has_text="LinkedIn")
    expect(linkedin).to_contain_text(
        "no cost recorded for September 2026 and October 2026: enter the hours"
    )
    # The months before the calendar: their hours, entered for the record.
    for month in ("2026-09", "2026-10"):
        spend = page.locator("form", has=page.get_by_role("button", name="Save", exact=True))
        spend.get_by_label("Channel").select_option(label="LinkedIn")
        spend.get_by_label("Month").fill(month)
        spend.get_by_label("Hours").fill("2,5")
        spend.get_by_role("button", name="Save", exact=True).click()
        expect(page.get_by_text("Spend and hours saved.")).to_be_visible()
    expect(linkedin).to_contain_text("(lead generator)")
    expect(linkedin).to_contain_text("3 months")
    expect(linkedin).to_contain_text("ROI +")
    expect(linkedin).to_contain_text(": keep.")
    expect(page.locator("ul.verdicts li", has_text="Blog")).to_contain_text("not enough data")
    chart = page.locator("svg.chart")
    expect(chart).to_be_visible()
    assert chart.locator("rect").count() == 6  # cost and return for three months
    table = page.locator("table.results").first
    expect(table).to_contain_text("LinkedIn")
    expect(table.locator("td .good").first).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "results.png"), full_page=True)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the table (CSV)").click()
    text = Path(download.value.path()).read_text()
    assert text.startswith("kind,name,month,visits") and "LinkedIn,2026-11" in text
