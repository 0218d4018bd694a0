"""The team on the Account page: invitation links, removing members, resetting the feed."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from calendar_app.clock import now as app_now
from calendar_app.extensions import db
from calendar_app.models import Idea, Invitation, User
from calendar_app.services import accounts
from tests.factories import feed_token, make_user


def invite(client, email: str = "sam@example.com"):
    return client.post("/account/invitations", data={"invite-email": email}, follow_redirects=True)


def link_in(page: str) -> str:
    (url,) = re.findall(r'id="invitation-link" class="copy-source" value="([^"]+)"', page)
    return url


def user(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email))


def test_an_invitation_link_is_shown_once_and_only_its_digest_is_stored(logged_in) -> None:
    page = invite(logged_in, " Sam@Example.com ").get_data(as_text=True)
    assert "Invitation made for sam@example.com" in page
    url = link_in(page)
    assert url.startswith("http://localhost/join/")
    token = url.rsplit("/", 1)[1]
    assert len(token) >= 43
    (invitation,) = db.session.scalars(select(Invitation))
    assert invitation.email == "sam@example.com" and token not in invitation.token_digest
    again = logged_in.get("/account").get_data(as_text=True)
    assert token not in again and "sam@example.com" in again and "Withdraw" in again


def test_the_invited_member_chooses_a_password_and_is_logged_in(logged_in, app) -> None:
    url = link_in(invite(logged_in).get_data(as_text=True))
    guest = app.test_client()
    page = guest.get(url).get_data(as_text=True)
    assert "owner@example.com invited <strong>sam@example.com</strong>" in page
    assert "<h1>Join Acme Bikes</h1>" in page
    response = guest.post(
        url, data={"password": "sam's own pw", "confirm": "sam's own pw"}, follow_redirects=True
    )
    assert "Welcome to the team!" in response.get_data(as_text=True)
    sam = user("sam@example.com")
    assert not sam.is_owner and accounts.password_matches(sam, "sam's own pw") and feed_token(sam)
    assert guest.get("/ideas/").status_code == 200
    assert db.session.scalar(select(func.count()).select_from(Invitation)) == 0
    used = app.test_client().get(url)
    assert used.status_code == 404
    assert "This invitation link is not valid" in used.get_data(as_text=True)


@pytest.mark.parametrize(
    ("password", "confirm", "message"),
    [
        ("short", "short", "Use 8 to 200 characters."),
        ("long enough pw", "other long pw", "The passwords differ."),
        ("", "", "This field is required."),
    ],
)
def test_a_bad_password_on_the_invitation_creates_nothing(
    logged_in, app, password, confirm, message
) -> None:
    url = link_in(invite(logged_in).get_data(as_text=True))
    page = app.test_client().post(url, data={"password": password, "confirm": confirm})
    assert page.status_code == 200 and message in page.get_data(as_text=True)
    assert user("sam@example.com") is None
    assert db.session.scalar(select(func.count()).select_from(Invitation)) == 1


def test_expired_withdrawn_and_replaced_links_stop_working(logged_in, app) -> None:
    first = link_in(invite(logged_in).get_data(as_text=True))
    second = link_in(invite(logged_in).get_data(as_text=True))
    guest = app.test_client()
    assert guest.get(first).status_code == 404
    assert guest.get(second).status_code == 200
    invitation = db.session.scalar(select(Invitation))
    invitation.expires_at = app_now() - timedelta(minutes=1)
    db.session.commit()
    assert guest.get(second).status_code == 404
    assert "expired" in logged_in.get("/account").get_data(as_text=True)
    logged_in.post(f"/account/invitations/{invitation.id}/revoke")
    assert db.session.scalar(select(func.count()).select_from(Invitation)) == 0
    assert guest.get("/join/" + "x" * 200).status_code == 404


def test_inviting_someone_who_has_an_account_or_no_address_is_refused(logged_in) -> None:
    make_user("sam@example.com")
    for email, message in (
        ("SAM@example.com", "There is already an account for sam@example.com."),
        ("not an address", "is not an e-mail address."),
        ("", "This field is required."),
    ):
        page = invite(logged_in, email).get_data(as_text=True)
        assert message in page
    assert db.session.scalar(select(func.count()).select_from(Invitation)) == 0


def test_a_logged_in_person_cannot_accept_someone_elses_invitation(logged_in) -> None:
    url = link_in(invite(logged_in).get_data(as_text=True))
    page = logged_in.post(url, data={"password": "long enough pw", "confirm": "long enough pw"})
    assert "log out first" in page.get_data(as_text=True)
    assert user("sam@example.com") is None


def test_members_cannot_invite_remove_or_withdraw(logged_in, app) -> None:
    invite(logged_in)
    invitation = db.session.scalar(select(Invitation))
    owner = user("owner@example.com")
    make_user("sam@example.com", "long enough pw")
    member = app.test_client()
    member.post("/login", data={"email": "sam@example.com", "password": "long enough pw"})
    assert "Make an invitation link" not in member.get("/account").get_data(as_text=True)
    for path in (
        "/account/invitations",
        f"/account/invitations/{invitation.id}/revoke",
        f"/account/members/{owner.id}/remove",
    ):
        assert member.post(path, data={"invite-email": "x@example.com"}).status_code == 403
    assert db.session.scalar(select(func.count()).select_from(Invitation)) == 1


def test_removing_a_member_keeps_what_they_wrote(logged_in, app) -> None:
    sam = make_user("sam@example.com", "long enough pw")
    member = app.test_client()
    member.post("/login", data={"email": "sam@example.com", "password": "long enough pw"})
    member.post("/ideas/add", data={"headline": "Sam's winter checklist"})
    token = feed_token(sam)
    page = logged_in.post(f"/account/members/{sam.id}/remove", follow_redirects=True)
    assert "sam@example.com can no longer log in" in page.get_data(as_text=True)
    assert user("sam@example.com") is None
    idea = db.session.scalar(select(Idea))
    assert idea.headline == "Sam's winter checklist" and idea.author is None
    assert member.get("/ideas/").status_code == 302
    assert app.test_client().get(f"/feeds/{token}.ics").status_code == 404


def test_the_owner_cannot_be_removed(logged_in) -> None:
    owner = user("owner@example.com")
    page = logged_in.post(f"/account/members/{owner.id}/remove", follow_redirects=True)
    assert "The owner&#39;s account cannot be removed." in page.get_data(as_text=True)
    assert user("owner@example.com") is not None
    assert logged_in.post("/account/members/999/remove").status_code == 404


def test_resetting_the_feed_from_the_account_page(logged_in, app) -> None:
    owner = user("owner@example.com")
    old = feed_token(owner)
    response = logged_in.post("/subscribe/reset", data={"back": "account"})
    assert response.headers["Location"] == "/account"
    assert feed_token(owner) != old
    feed = app.test_client()
    assert feed.get(f"/feeds/{old}.ics").status_code == 404
    assert feed.get(f"/feeds/{feed_token(owner)}.ics").status_code == 200
    assert logged_in.post("/subscribe/reset").headers["Location"] == "/subscribe"


def test_accounts_invite_refuses_what_the_page_refuses(app) -> None:
    with pytest.raises(accounts.AccountError, match="not an e-mail address"):
        accounts.invite("nobody", None, app_now())
