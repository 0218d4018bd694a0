"""The weekly digest arrives at a real SMTP server, and its links open the week ahead and
an item, in a real browser on a desktop and a phone."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from tests.browser.conftest import page_width
from tests.browser.test_password_reset import demo_app, the_mail  # noqa: F401 (fixture)
from tests.mail_server import parts

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("screen", WIDTHS)
def test_the_digest_mail_opens_the_week_ahead_and_my_item(
    demo_app,  # noqa: F811
    owner_page,
    live_server,
    smtp_server,
    screenshot_dir,
    screen,
) -> None:
    from playwright.sync_api import expect

    from calendar_app.extensions import db
    from calendar_app.models import ScheduleItem, User

    demo_app.config["BASE_URL"] = live_server
    with demo_app.app_context():
        owner = db.session.scalar(select(User))
        item = db.session.scalars(
            select(ScheduleItem)
            .where(ScheduleItem.activity == "post", ScheduleItem.status == "draft")
            .order_by(ScheduleItem.starts_at)
        ).first()
        item.assignee = owner
        db.session.commit()
        item_id = item.id
        result = demo_app.test_cli_runner().invoke(args=["digest", "send"])
        assert result.exit_code == 0, result.output
        assert "1 digest queued; 1 sent" in result.output
    message = the_mail(smtp_server)
    assert message["To"] == "owner@example.com"
    assert message["Subject"].startswith("Your week from Mon 23 Nov: ")
    assert message["List-Unsubscribe"].startswith(f"<{live_server}/unsubscribe/")
    text, html = parts(message)
    week = re.search(rf"The week: ({re.escape(live_server)}/week\?start=2026-11-23)", text)
    assert week and f'href="{week.group(1)}"' in html

    page = owner_page
    page.set_viewport_size(WIDTHS[screen])
    page.goto(week.group(1))
    expect(page.get_by_role("heading", name="Week of 23 Nov 2026")).to_be_visible()
    item_link = re.search(rf"({re.escape(live_server)}/items/{item_id})\b", text)
    assert item_link, text
    page.goto(item_link.group(1))
    assert page_width(page) <= WIDTHS[screen]["width"]
    page.screenshot(path=str(screenshot_dir / f"digest-item-{screen}.png"), full_page=True)
