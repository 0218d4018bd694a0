"""An item's history in a real browser: change its status and copy, re-plan with a blackout
day on its date, and read who did what, the planner's change too, on a desktop and a phone."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import page_width

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("screen", WIDTHS)
def test_history_of_an_item_after_a_replan(
    demo_app, owner_page, live_server, screenshot_dir, screen
) -> None:
    from playwright.sync_api import expect
    from sqlalchemy import select

    from calendar_app.extensions import db
    from calendar_app.models import ScheduleItem
    from calendar_app.web.presentation import local

    page = owner_page
    page.set_viewport_size(WIDTHS[screen])
    with demo_app.app_context(), demo_app.test_request_context():
        post = db.session.scalars(
            select(ScheduleItem)
            .where(ScheduleItem.activity == "post", ScheduleItem.rule_id.is_not(None))
            .order_by(ScheduleItem.starts_at.desc())
        ).first()
        item_id, day = post.id, local(post.starts_at).date().isoformat()
    page.goto(f"{live_server}/items/{item_id}")
    page.get_by_label("Status").select_option(label="In review")
    page.get_by_role("button", name="Set", exact=True).click()
    page.locator("#copy-body").fill("Winter tyres <b>explained</b>")
    page.get_by_role("button", name="Save copy").click()
    history = page.locator("#history")
    expect(history).to_contain_text("In review")

    # A blackout day on its date: the planner flags the item, which a person worked on.
    page.goto(f"{live_server}/settings")
    page.get_by_label("Blackout dates").fill(day)
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Settings saved.")).to_be_visible()

    page.goto(f"{live_server}/items/{item_id}")
    entries = page.locator("#history li")
    expect(entries.first).to_contain_text("planner")
    expect(entries.first).to_contain_text("Off its rule")
    expect(history).to_contain_text(re.compile(r"Status: Draft → In review"))
    expect(history.locator("ins")).to_contain_text("<b>explained</b>")  # as text, not bold
    expect(history.locator("b")).to_have_count(0)
    assert page_width(page) <= WIDTHS[screen]["width"]
    page.screenshot(path=str(screenshot_dir / f"item-history-{screen}.png"), full_page=True)

    page.goto(f"{live_server}/settings/activity")
    expect(page.get_by_role("heading", name="Activity", level=1)).to_be_visible()
    expect(page.locator(".history li").first).to_contain_text("planner")
    assert page_width(page) <= WIDTHS[screen]["width"]
    page.screenshot(path=str(screenshot_dir / f"activity-{screen}.png"), full_page=True)
