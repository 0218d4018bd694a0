"""The plan file in a real browser: upload, read the preview, apply."""

from __future__ import annotations

import json

import pytest

from tests.services.test_plan_files import PLAN

pytestmark = pytest.mark.browser


def test_previewing_and_applying_a_plan_file(owner_page, screenshot_dir, tmp_path) -> None:
    from playwright.sync_api import expect

    page = owner_page
    page.get_by_role("link", name="Settings").click()
    page.get_by_role("link", name="Plan file and backups").click()
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({**PLAN, "workspace": {"hours_per_week": 12}}))
    page.get_by_label("Plan file (JSON)").set_input_files(str(plan))
    page.get_by_role("button", name="Preview the changes").click()
    expect(page.get_by_role("heading", name="What the plan file would change")).to_be_visible()
    expect(page.locator("main li").nth(1)).to_contain_text("cadence rule")
    page.screenshot(path=str(screenshot_dir / "plan-preview.png"), full_page=True)
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_text("Plan imported:")).to_be_visible()

    plan.write_text("{not json")
    page.get_by_label("Plan file (JSON)").set_input_files(str(plan))
    page.get_by_role("button", name="Preview the changes").click()
    expect(page.locator(".error").first).to_contain_text("Plan rejected, nothing changed.")
    page.screenshot(path=str(screenshot_dir / "plan-upload-error.png"), full_page=True)
