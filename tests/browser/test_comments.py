"""Comments in a real browser on a desktop and a phone: the inbox count in the header,
@-completion of a team member's name, and "Comment and ask for changes" sending a post in
review back to draft."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import page_width

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def post_in_review(demo_app) -> int:
    """A member, ana, who sent a draft post of the demo for review: its id."""
    from sqlalchemy import select

    from calendar_app.clock import now
    from calendar_app.extensions import db
    from calendar_app.models import ScheduleItem
    from calendar_app.services.items import set_status
    from tests.factories import make_user

    with demo_app.app_context():
        ana = make_user("ana@example.com", role="contributor")
        post = db.session.scalars(
            select(ScheduleItem)
            .where(ScheduleItem.activity == "post", ScheduleItem.status == "draft")
            .where(ScheduleItem.starts_at > now())
            .order_by(ScheduleItem.starts_at)
        ).first()
        post.assignee = ana
        db.session.commit()
        set_status(post, "in_review", now(), by=ana)
        return post.id


def fits(page, screen: str) -> None:
    assert page_width(page) <= WIDTHS[screen]["width"]


@pytest.mark.parametrize("screen", WIDTHS)
def test_inbox_count_mention_completion_and_asking_for_changes(
    demo_app, owner_page, live_server, screenshot_dir, screen
) -> None:
    from playwright.sync_api import expect

    item_id = post_in_review(demo_app)
    page = owner_page
    page.set_viewport_size(WIDTHS[screen])
    page.reload()
    inbox = page.locator("a.inbox-link")
    expect(inbox).to_be_visible()
    expect(inbox.locator(".count")).to_have_text(re.compile(r"^1"))
    fits(page, screen)
    inbox.click()
    expect(page.get_by_role("heading", name="Inbox", level=1)).to_be_visible()
    expect(page.locator(".inbox-entry.unread")).to_contain_text("ana asked for a review")
    page.screenshot(path=str(screenshot_dir / f"inbox-{screen}.png"), full_page=True)

    page.goto(f"{live_server}/items/{item_id}")
    box = page.get_by_label("Add a comment")
    box.click()
    box.press_sequentially("Shorter title please, @a")
    listbox = page.get_by_role("listbox", name="Team members")
    expect(listbox).to_be_visible()
    expect(listbox.get_by_role("option", name="@ana")).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-expanded", "true")
    page.screenshot(path=str(screenshot_dir / f"mention-completion-{screen}.png"), full_page=True)
    box.press("Enter")
    expect(box).to_have_value("Shorter title please, @ana ")
    expect(listbox).to_be_hidden()
    box.press_sequentially("- thanks @nob")
    expect(listbox).to_be_hidden()  # no member is called so
    page.get_by_role("button", name="Comment and ask for changes").click()
    expect(page.get_by_text("Sent back to draft with your comment.")).to_be_visible()
    expect(page.locator(".item-status")).to_have_text("Draft")
    comment = page.locator(".comment.changes-requested")
    expect(comment).to_contain_text("asked for changes")
    expect(comment.locator("strong.mention")).to_have_text("@ana")
    expect(comment.locator(".comment-body")).to_have_text(
        "Shorter title please, @ana - thanks @nob"
    )
    expect(page.get_by_role("button", name="Comment and ask for changes")).to_have_count(0)
    fits(page, screen)
    page.screenshot(path=str(screenshot_dir / f"changes-asked-{screen}.png"), full_page=True)

    with demo_app.app_context():
        from sqlalchemy import select

        from calendar_app.extensions import db
        from calendar_app.models import User
        from calendar_app.services.inbox import inbox_of

        ana = db.session.scalars(select(User).where(User.email == "ana@example.com")).one()
        assert sorted(e.kind for e in inbox_of(ana)) == ["changes_requested", "mention"]
