"""A live server and a headless Chromium driven by Playwright.

Outside CI a missing Chromium or Playwright skips these tests; in CI
(``CI=true``) it fails them. Screenshots go to ``$SCREENSHOT_DIR`` (default
``artifacts/screenshots``), printed at the start of the run.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import make_server

from tests.conftest import SCREENSHOTS
from tests.tooling import missing

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    """Where screenshots are written."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def demo_app(fresh_app: Callable[..., Flask]) -> Flask:
    """The app with the demo plan loaded and no account.

    CSRF protection is on, as in production: every form and the drag-and-drop
    requests must carry their token.
    """
    app = fresh_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["demo"])
        assert result.exit_code == 0, result.output
    return app


@pytest.fixture
def live_server(demo_app: Flask) -> Iterator[str]:
    """``demo_app`` served on 127.0.0.1 (a test can still reach its database)."""
    server = make_server("127.0.0.1", 0, demo_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser(screenshot_dir: Path) -> Iterator[object]:
    """Headless Debian Chromium, one per test process: every test opens its own contexts
    (cookies, storage), so tests share nothing but the browser's start-up."""
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        missing(f"Chromium not found at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright for Python is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page_for(browser: object) -> Iterator[Callable[[], object]]:
    """Opens pages in browser contexts of their own (separate cookies: another person)."""
    contexts = []

    def open_page() -> object:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(page_for: Callable[[], object]) -> object:
    """A fresh browser page in headless Debian Chromium."""
    return page_for()


OWNER_EMAIL = "owner@example.com"
OWNER_PASSWORD = "a long password"


@pytest.fixture
def owner_page(live_server: str, page: object) -> object:
    """The page after the first-run setup: logged in as the owner, on This week."""
    page.goto(live_server + "/setup")
    return create_owner(page)


def create_owner(page: object) -> object:
    """Fill in the first-run setup page that ``page`` shows, then choose to look around the
    demo; it ends on This week."""
    fill_owner_setup(page)
    page.wait_for_url("**/welcome/")
    page.get_by_role("link", name="Look around the demo").click()
    page.wait_for_url("**/week")
    return page


def fill_owner_setup(page: object) -> None:
    """Create the owner account on the first-run setup page that ``page`` shows."""
    page.get_by_label("Your e-mail").fill(OWNER_EMAIL)
    page.get_by_label("Password", exact=True).fill(OWNER_PASSWORD)
    page.get_by_label("Password again").fill(OWNER_PASSWORD)
    page.get_by_role("button", name="Create account").click()


def follow_menu(page: object, label: str) -> None:
    """Follow a link of the main navigation; on a narrow screen, open the menu first.

    The menu button is shown by a deferred script, so wait until the document has been parsed
    (deferred scripts run before DOMContentLoaded): asked earlier, a phone-sized page can say
    the button is hidden, then the script folds the navigation away and the link never shows.
    """
    page.wait_for_load_state("domcontentloaded")
    menu = page.get_by_role("button", name="Menu")
    if menu.is_visible() and menu.get_attribute("aria-expanded") == "false":
        menu.click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name=label, exact=True).click()


def page_width(page: object) -> int:
    """How wide the page's content is, once it has loaded: measured earlier (as soon as a
    text shows after a form is sent), the stylesheet may not apply yet and the page looks
    wider than it is."""
    page.wait_for_load_state("load")
    return page.evaluate("document.documentElement.scrollWidth")
