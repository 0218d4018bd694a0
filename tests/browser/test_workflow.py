"""Review in a real browser: a contributor's post waits for an editor, and an edit after the
approval sends it back with the changed words shown."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import page_width

pytestmark = pytest.mark.browser

WRITER_EMAIL = "writer@example.com"
WRITER_PASSWORD = "a long writer password"


def prepare(demo_app) -> int:
    """A contributor, and the first channel requiring approval; the id of a draft post to
    come on it that has a headline."""
    from sqlalchemy import select

    from calendar_app.extensions import db
    from calendar_app.models import Channel, Idea, ScheduleItem
    from tests.factories import make_user

    with demo_app.app_context():
        make_user(WRITER_EMAIL, WRITER_PASSWORD, role="contributor")
        channel = db.session.scalars(select(Channel).order_by(Channel.id)).first()
        channel.requires_approval = True
        post = db.session.scalars(
            select(ScheduleItem)
            .where(ScheduleItem.channel_id == channel.id, ScheduleItem.activity == "post")
            .order_by(ScheduleItem.starts_at.desc())
        ).first()
        post.idea = post.idea or db.session.scalars(select(Idea)).first()
        post.status, post.notes = "draft", "Two short paragraphs."
        db.session.commit()
        return post.id


def log_in_as_writer(page, live_server: str) -> None:
    page.goto(live_server + "/login")
    page.get_by_label("E-mail").fill(WRITER_EMAIL)
    page.get_by_label("Password").fill(WRITER_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r".*/(week|welcome/?)$"))


@pytest.mark.parametrize("width", [1280, 390])
def test_a_contributors_post_waits_for_approval_and_an_edit_sends_it_back(
    demo_app, live_server, owner_page, page_for, screenshot_dir, width
) -> None:
    from playwright.sync_api import expect

    item_id = prepare(demo_app)
    editor = owner_page
    writer = page_for()
    for page in (editor, writer):
        page.set_viewport_size({"width": width, "height": 900})
    log_in_as_writer(writer, live_server)
    item_url = f"{live_server}/items/{item_id}"
    status = writer.locator(".item-status")

    writer.goto(item_url)
    expect(status).to_have_text("Draft")
    writer.get_by_role("button", name="Send for review").click()
    expect(writer.locator(".flash-success")).to_have_text("Marked in review.")
    expect(status).to_have_text("In review")
    # The writer cannot schedule it: the status form names why and nothing changes.
    writer.get_by_label("Status").select_option("scheduled")
    writer.get_by_role("button", name="Set", exact=True).click()
    expect(writer.locator(".flash-error")).to_contain_text("requires approval")
    expect(status).to_have_text("In review")
    assert page_width(writer) <= width
    writer.screenshot(path=str(screenshot_dir / f"review-blocked-{width}.png"), full_page=True)

    editor.goto(item_url)
    editor.get_by_role("button", name="Approve").click()
    expect(editor.locator(".item-status")).to_have_text("Approved")

    writer.goto(item_url)
    writer.get_by_label("Notes").fill("Two short paragraphs and a photo.")
    writer.get_by_role("button", name="Save", exact=True).click()
    expect(writer.locator(".flash-success")).to_have_text("Saved.")
    expect(status).to_have_text("In review")

    editor.goto(item_url)
    diff = editor.locator(".review-diff")
    expect(diff).to_contain_text("Changed since it was approved")
    expect(diff.locator("ins")).to_have_text(re.compile(r"and a photo\.$"))
    expect(diff.locator("del")).to_have_text(re.compile(r"paragraphs\.$"))
    assert page_width(editor) <= width
    editor.screenshot(path=str(screenshot_dir / f"review-diff-{width}.png"), full_page=True)
