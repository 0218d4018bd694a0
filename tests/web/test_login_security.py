"""Logging in: guessing is slowed down, logout ends copied cookies, secret pages are not cached."""

from __future__ import annotations

from unittest.mock import patch

from sqlalchemy import func, select

from calendar_app.extensions import db
from calendar_app.models import FailedLogin
from calendar_app.services import accounts
from tests.factories import make_user, make_workspace

PASSWORD = "correct horse battery"


def login(client, email: str, password: str, address: str = "192.0.2.1"):
    return client.post(
        "/login",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


def test_five_wrong_passwords_lock_the_account_for_a_while(app, client, clock) -> None:
    make_workspace()
    make_user("ann@example.com", PASSWORD, is_owner=True)
    for _ in range(5):
        assert login(client, "ann@example.com", "guess").status_code == 200
    refused = login(client, "ann@example.com", PASSWORD)
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "900"
    assert "Too many wrong passwords: try again in 15 minutes." in refused.get_data(as_text=True)
    # Another client cannot get in either: the limit is on the account.
    assert login(app.test_client(), "ann@example.com", PASSWORD, "198.51.100.7").status_code == 429
    clock.advance(minutes=15, seconds=1)
    assert login(client, "ann@example.com", PASSWORD).status_code == 302


def test_twenty_failures_from_one_client_slow_it_down_for_every_account(app, client) -> None:
    make_workspace()
    make_user("ann@example.com", PASSWORD, is_owner=True)
    for n in range(20):
        login(client, f"nobody{n}@example.com", "guess")
    assert login(client, "ann@example.com", PASSWORD).status_code == 429
    assert login(app.test_client(), "ann@example.com", PASSWORD, "198.51.100.7").status_code == 302


def test_a_successful_login_forgets_the_failures(app, client) -> None:
    make_workspace()
    make_user("ann@example.com", PASSWORD, is_owner=True)
    for _ in range(4):
        login(client, "ann@example.com", "guess")
    assert login(client, "ann@example.com", PASSWORD).status_code == 302
    assert db.session.scalar(select(func.count()).select_from(FailedLogin)) == 0


def test_an_unknown_address_costs_the_same_password_check(app) -> None:
    make_user("ann@example.com", PASSWORD)
    with patch.object(accounts, "check_password_hash", wraps=accounts.check_password_hash) as spy:
        assert accounts.authenticate("nobody@example.com", PASSWORD) is None
    assert spy.call_count == 1


def test_a_session_cookie_copied_before_logout_stops_working(app, client) -> None:
    make_workspace()
    make_user("ann@example.com", PASSWORD, is_owner=True)
    assert login(client, "ann@example.com", PASSWORD).status_code == 302
    cookie = client.get_cookie("session").value
    thief = app.test_client()
    thief.set_cookie("session", cookie)
    assert thief.get("/week").status_code == 200
    client.post("/logout")
    assert thief.get("/week").status_code == 302
    assert "/login" in thief.get("/week").headers["Location"]


def test_pages_with_secret_addresses_are_never_cached(logged_in) -> None:
    for path in ("/subscribe", "/account"):
        assert logged_in.get(path).headers["Cache-Control"] == "no-store", path
    assert "no-store" not in logged_in.get("/week").headers.get("Cache-Control", "")


def test_an_invitation_link_never_travels_in_the_session_cookie(app, logged_in) -> None:
    response = logged_in.post("/account/invitations", data={"invite-email": "sam@example.com"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "/join/" in page
    assert response.headers["Cache-Control"] == "no-store"
    token = page.split("/join/", 1)[1].split('"', 1)[0]
    with logged_in.session_transaction() as session:
        assert token not in str(dict(session))
    joined = app.test_client().get(f"/join/{token}")
    assert joined.status_code == 200 and joined.headers["Cache-Control"] == "no-store"


def test_a_device_that_logged_in_before_keeps_its_own_allowance(app, client) -> None:
    make_workspace()
    make_user("ann@example.com", PASSWORD, is_owner=True)
    assert login(client, "ann@example.com", PASSWORD).status_code == 302  # Ann's laptop
    client.post("/logout")
    stranger = app.test_client()
    for _ in range(5):
        login(stranger, "ann@example.com", "guess", "203.0.113.9")
    assert login(stranger, "ann@example.com", PASSWORD, "203.0.113.9").status_code == 429
    assert login(app.test_client(), "ann@example.com", PASSWORD).status_code == 429
    # The stranger cannot lock Ann out of the device she used before.
    assert login(client, "ann@example.com", PASSWORD).status_code == 302


def test_a_known_device_is_slowed_down_by_its_own_wrong_passwords(app, client) -> None:
    make_workspace()
    make_user("ann@example.com", PASSWORD, is_owner=True)
    login(client, "ann@example.com", PASSWORD)
    client.post("/logout")
    for _ in range(5):
        assert login(client, "ann@example.com", "guess").status_code == 200
    assert login(client, "ann@example.com", PASSWORD).status_code == 429
    # Its failures do not lock the account for everyone else.
    assert login(app.test_client(), "ann@example.com", PASSWORD, "198.51.100.7").status_code == 302


def test_a_device_cookie_counts_only_for_its_account_and_only_when_signed(app, client) -> None:
    make_workspace()
    make_user("ann@example.com", PASSWORD, is_owner=True)
    make_user("bob@example.com", "bob's own password")
    login(client, "bob@example.com", "bob's own password")
    client.post("/logout")
    cookie = client.get_cookie("device")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"
    for _ in range(5):
        login(app.test_client(), "ann@example.com", "guess")
    assert login(client, "ann@example.com", PASSWORD).status_code == 429  # Bob's device
    forged = app.test_client()
    forged.set_cookie("device", cookie.value[:-2] + "xx")
    assert login(forged, "bob@example.com", "bob's own password").status_code == 302
