"""Roles in a real browser, on a desktop and a phone: a contributor sees no channel or rule
buttons and a change sent anyway is refused with a page that says why; the owner hands
over the workspace."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import OWNER_PASSWORD, follow_menu, page_width

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
WRITER_PASSWORD = "a writer's long password"

# Sends a form the page does not show, with the page's own CSRF token, as a crafted request
# from a logged-in browser would.
SEND_FORM = """([action, token]) => {
  const form = document.createElement("form");
  form.method = "post";
  form.action = action;
  const field = document.createElement("input");
  field.name = "csrf_token";
  field.value = token;
  form.append(field);
  document.body.append(form);
  form.submit();
}"""


def log_in(page, live_server: str, email: str, password: str) -> None:
    page.goto(live_server + "/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/week$"))


@pytest.mark.parametrize("screen", WIDTHS)
def test_a_contributor_sees_no_channel_buttons_and_a_direct_change_is_refused(
    demo_app, owner_page, page_for, live_server, screenshot_dir, screen
) -> None:
    from playwright.sync_api import expect
    from sqlalchemy import select

    from calendar_app.extensions import db
    from calendar_app.models import Channel
    from tests.factories import make_user

    with demo_app.app_context():
        make_user("writer@example.com", WRITER_PASSWORD, role="contributor")
        channel_id = db.session.scalars(select(Channel.id).order_by(Channel.id)).first()
    page = page_for()
    page.set_viewport_size(WIDTHS[screen])
    log_in(page, live_server, "writer@example.com", WRITER_PASSWORD)
    if screen == "desktop":
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Channels").click()
    else:
        follow_menu(page, "Channels")
    expect(page.get_by_role("heading", name="Channels", level=1)).to_be_visible()
    expect(page.get_by_text("You are a contributor")).to_be_visible()
    main = page.get_by_role("main")
    for name in ("New channel", "Edit", "Pause", "Delete", "Switch off", "Switch on"):
        expect(main.get_by_role("button", name=name, exact=True)).to_have_count(0)
        expect(main.get_by_role("link", name=name, exact=True)).to_have_count(0)
    expect(main.get_by_role("link", name="+ Add a rule")).to_have_count(0)
    assert page_width(page) <= WIDTHS[screen]["width"]
    page.screenshot(path=str(screenshot_dir / f"channels-contributor-{screen}.png"), full_page=True)

    token = page.locator("form.logout input[name=csrf_token]").input_value()
    with page.expect_navigation() as sent:
        page.evaluate(SEND_FORM, [f"/channels/{channel_id}/pause", token])
    assert sent.value.status == 403
    expect(page.get_by_text(re.compile(r"You are a contributor: you write posts"))).to_be_visible()
    assert page_width(page) <= WIDTHS[screen]["width"]
    page.screenshot(path=str(screenshot_dir / f"refused-contributor-{screen}.png"), full_page=True)
    with demo_app.app_context():
        assert not db.session.get(Channel, channel_id).paused


@pytest.mark.parametrize("screen", WIDTHS)
def test_the_owner_hands_over_the_workspace(
    demo_app, owner_page, live_server, screenshot_dir, screen
) -> None:
    from playwright.sync_api import expect

    from tests.factories import make_user

    with demo_app.app_context():
        make_user("writer@example.com", WRITER_PASSWORD, role="editor")
    page = owner_page
    page.set_viewport_size(WIDTHS[screen])
    page.goto(live_server + "/account")
    page.wait_for_load_state("load")  # the confirmation's script has run
    page.get_by_text("Hand over ownership").click()
    page.get_by_label("New owner").select_option(label="writer@example.com")
    page.get_by_label("Your password").fill(OWNER_PASSWORD)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Make them the owner").click()
    expect(
        page.get_by_text("writer@example.com is now the owner; you are an editor.")
    ).to_be_visible()
    expect(page.get_by_text("Your role: Editor")).to_be_visible()
    expect(page.get_by_text("Hand over ownership")).to_have_count(0)
    assert page_width(page) <= WIDTHS[screen]["width"]
    page.screenshot(path=str(screenshot_dir / f"account-handed-over-{screen}.png"), full_page=True)
