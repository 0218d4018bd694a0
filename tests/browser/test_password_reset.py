"""Forgot your password? The mail arrives at a real SMTP server, its link sets a new
password, and the new password logs in: in a real browser on a desktop and a phone."""

from __future__ import annotations

import re
import time

import pytest

from tests.browser.conftest import page_width
from tests.mail_server import parts

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
ANA_PASSWORD = "another long password"
NEW_PASSWORD = "a brand new passphrase"


@pytest.fixture
def demo_app(fresh_app, smtp_server):
    """The demo app, as in conftest, with its mail going to the test SMTP server."""
    app = fresh_app(WTF_CSRF_ENABLED=True, MAIL_URL=smtp_server.url)
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["demo"])
        assert result.exit_code == 0, result.output
    return app


def the_mail(smtp_server, seconds: float = 30) -> object:
    """The one mail the server received (it leaves once the answer is sent)."""
    deadline = time.monotonic() + seconds
    while not smtp_server.messages and time.monotonic() < deadline:
        time.sleep(0.05)
    (message,) = smtp_server.messages
    return message


@pytest.mark.parametrize("screen", WIDTHS)
def test_forgot_password_mail_link_new_password_log_in(
    demo_app, owner_page, page_for, live_server, smtp_server, screenshot_dir, screen
) -> None:
    from playwright.sync_api import expect

    from tests.factories import make_user

    with demo_app.app_context():
        make_user("ana@example.com", ANA_PASSWORD)
    ana = page_for()
    ana.set_viewport_size(WIDTHS[screen])
    ana.goto(live_server + "/login")
    ana.get_by_role("link", name="Forgot your password?").click()
    ana.get_by_label("Your e-mail").fill("ana@example.com")
    ana.screenshot(path=str(screenshot_dir / f"forgot-password-{screen}.png"), full_page=True)
    ana.get_by_role("button", name="Mail me a link").click()
    expect(ana.get_by_text("If ana@example.com has an account here")).to_be_visible()

    message = the_mail(smtp_server)
    assert message["To"] == "ana@example.com"
    link = re.search(r"(http://127\.0\.0\.1:\d+/reset/\S+)", parts(message)[0]).group(1)
    ana.goto(link)
    expect(ana.get_by_role("heading", name="Choose a new password")).to_be_visible()
    ana.get_by_label("New password").fill(NEW_PASSWORD)
    ana.get_by_label("Password again").fill(NEW_PASSWORD)
    assert page_width(ana) <= WIDTHS[screen]["width"]
    ana.screenshot(path=str(screenshot_dir / f"reset-password-{screen}.png"), full_page=True)
    ana.get_by_role("button", name="Set my new password").click()
    expect(ana.get_by_text("Your new password is set")).to_be_visible()

    ana.get_by_label("E-mail").fill("ana@example.com")
    ana.get_by_label("Password").fill(NEW_PASSWORD)
    ana.get_by_role("button", name="Log in").click()
    expect(ana).to_have_url(re.compile(r"/week$"))

    ana.goto(link)  # used once: a clear page, no second reset
    expect(ana.get_by_role("heading", name="This reset link does not work")).to_be_visible()
    ana.screenshot(path=str(screenshot_dir / f"reset-link-used-{screen}.png"), full_page=True)
