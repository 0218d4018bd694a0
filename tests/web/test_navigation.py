"""The main navigation and its menu button for narrow screens (the browser tests click it)."""

from __future__ import annotations

import re

from calendar_app.web.presentation import NAVIGATION
from tests.factories import make_user, make_workspace


def test_a_logged_in_page_has_the_menu_button_for_the_main_navigation(logged_in) -> None:
    html = logged_in.get("/settings").get_data(as_text=True)
    button = re.search(r'<button type="button" class="menu-button"[^>]*>', html)
    assert button, "no menu button"
    # Hidden until menu.js takes it over: without the script the navigation simply wraps.
    for attribute in ('aria-expanded="false"', 'aria-controls="main-nav"', " hidden"):
        assert attribute in button.group(0)
    assert '<nav id="main-nav" aria-label="Main">' in html
    assert '<script src="/static/menu.js" defer></script>' in html
    links = re.findall(r'<li><a href="([^"]+)"', html.split('id="main-nav"')[1])
    assert len(links) == len(NAVIGATION)
    assert '<a href="/settings" aria-current="page">Settings</a>' in html


def test_the_login_page_has_neither_navigation_nor_menu_button(client) -> None:
    make_workspace()
    make_user("owner@example.com", "correct horse battery", is_owner=True)
    response = client.get("/login")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and 'name="password"' in html
    assert "menu-button" not in html and "main-nav" not in html


def test_the_menu_script_is_served_as_javascript(client) -> None:
    response = client.get("/static/menu.js")
    assert response.status_code == 200
    assert response.mimetype in ("text/javascript", "application/javascript")
    assert b"aria-expanded" in response.data
    response.close()
