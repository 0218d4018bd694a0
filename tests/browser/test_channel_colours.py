"""The slug filling from the name, the calendar's channel legend and the week's buttons, in
a real browser."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def test_the_slug_fills_from_the_name_until_it_is_edited(owner_page, screenshot_dir) -> None:
    from playwright.sync_api import expect

    page = owner_page
    page.get_by_role("link", name="Channels").click()
    page.get_by_role("link", name="New channel").click()
    page.wait_for_load_state()  # the slug script listens once the page has loaded
    name, slug = page.get_by_label("Name"), page.get_by_label("Slug")
    name.press_sequentially("Café News")
    expect(slug).to_have_value("cafe-news")
    page.get_by_label("Purple").check()
    page.screenshot(path=str(screenshot_dir / "channel-new-slug-filled.png"), full_page=True)
    slug.fill("news")
    name.fill("Café News Weekly")
    expect(slug).to_have_value("news")  # an edited slug is left alone
    page.get_by_role("button", name="Save channel").click()
    expect(page.get_by_role("heading", name="Café News Weekly")).to_be_visible()

    page.get_by_role("link", name="Calendar").click()
    legend = page.get_by_role("list", name="Channel colours")
    expect(legend).to_contain_text("Café News Weekly")
    expect(legend.locator("li", has_text="Café News Weekly").locator(".swatch")).to_have_class(
        re.compile(r"\bcamp-4\b")
    )
    expect(page.get_by_role("list", name="Status signs")).to_contain_text("Published")
    card = page.locator(".cal-item").first
    expect(card.locator(".visually-hidden").first).to_have_text(re.compile(r"^(Draft|To do): $"))
    page.screenshot(path=str(screenshot_dir / "calendar-channel-legend.png"), full_page=True)


def test_took_minutes_stays_on_one_line_on_the_desktop_week(
    demo_app, owner_page, screenshot_dir
) -> None:
    from sqlalchemy import update

    from calendar_app.extensions import db
    from calendar_app.models import ScheduleItem

    with demo_app.app_context():  # the widest status cell: "Approved", "Mark scheduled", "Took"
        posts = ScheduleItem.activity.in_(("post", "video"))
        db.session.execute(update(ScheduleItem).where(posts).values(status="approved"))
        db.session.commit()
    page = owner_page
    page.reload()
    # Each "Took N min" button's height against one line of its text, with its padding.
    lines = page.eval_on_selector_all(
        'button[name="took"]',
        """buttons => buttons.map(b => {
            const style = getComputedStyle(b);
            const box = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom)
                + parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth);
            return (b.getBoundingClientRect().height - box) / parseFloat(style.lineHeight);
        })""",
    )
    assert lines and max(lines) < 1.5, lines
    page.screenshot(path=str(screenshot_dir / "week-took-one-line.png"), full_page=True)
