"""Share links from Settings, and the read-only page their secret address opens."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from calendar_app.clock import now as app_now
from calendar_app.extensions import db
from calendar_app.models import ShareLink
from calendar_app.services import shares
from tests.factories import make_campaign, make_channel, make_idea, make_item, make_user

WHEN = datetime(2026, 11, 25, 8, tzinfo=UTC)  # Wednesday 09:00 in Berlin


@pytest.fixture
def plan(logged_in):
    """A blog post with a headline, notes and a campaign, and a video on YouTube."""
    blog, video = make_channel("blog", name="Blog"), make_channel("youtube", name="YouTube")
    winter = make_campaign("Winter push", [blog])
    idea = make_idea("Winter tyres explained")
    make_item(blog, WHEN, idea=idea, notes="Ask Sam for <b>photos</b>", campaign=winter)
    make_item(video, WHEN + timedelta(days=2), "video", notes="Film in the shop")
    return blog, video


def create(client, **fields):
    data = {"label": "Client review", "scope": "all", **fields}
    return client.post("/settings/shares", data=data)


def address(response) -> str:
    (url,) = re.findall(r'id="share-link" class="copy-source" value="([^"]+)"', response.text)
    return url.removeprefix("http://localhost")


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(ShareLink))


def test_the_owner_makes_a_link_and_sees_its_address_only_once(plan, logged_in, app) -> None:
    response = create(logged_in, show_notes="y", expires_on="2026-12-31")
    assert response.status_code == 200
    assert "Share link “Client review” made" in response.text
    path = address(response)
    token = path.removeprefix("/share/")
    assert len(token) >= 43
    (link,) = db.session.scalars(select(ShareLink))
    assert token not in link.token_digest
    listed = logged_in.get("/settings/shares").text
    assert token not in listed and "Client review" in listed
    assert "works through 31 Dec 2026" in listed and "never opened" in listed
    assert app.test_client().get(path).status_code == 200
    assert "last opened 23 Nov" in logged_in.get("/settings/shares").text


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"label": ""}, "Give the link a label"),
        ({"label": "x" * 121}, "at most 120 characters"),
        ({"expires_on": "2026-11-22"}, "The last day has passed"),
        ({"expires_on": "2027-11-24"}, "A link works for a year at most"),
        ({"expires_on": "next week"}, "Not a valid date value"),
        ({"scope": "chosen"}, "Pick at least one channel"),
        ({"scope": "chosen", "channel_ids": "999"}, "no longer exists"),
        ({"scope": "chosen", "channel_ids": "blog"}, "could not be coerced"),
    ],
)
def test_a_link_that_cannot_be_made_shows_why_and_changes_nothing(
    plan, logged_in, fields, message
) -> None:
    response = create(logged_in, **fields)
    assert response.status_code == 200 and message in response.text
    assert 'id="share-link"' not in response.text and count() == 0


def test_a_last_day_today_or_a_year_ahead_is_still_accepted(plan, logged_in) -> None:
    for day in ("2026-11-23", "2027-11-23"):
        assert 'id="share-link"' in create(logged_in, expires_on=day).text
    assert count() == 2


def test_only_the_owner_manages_share_links(plan, logged_in, app) -> None:
    create(logged_in)
    link = db.session.scalar(select(ShareLink))
    member = make_user("sam@example.com")
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = member.get_id()
    assert client.get("/settings/shares").status_code == 403
    assert create(client, label="Mine").status_code == 403
    assert client.post(f"/settings/shares/{link.id}/revoke").status_code == 403
    assert count() == 1 and db.session.get(ShareLink, link.id).revoked_at is None
    assert app.test_client().get("/settings/shares").status_code == 302  # to the login


def test_the_page_shows_the_month_by_day_and_nothing_else_of_the_app(plan, logged_in, app):
    path = address(create(logged_in, show_notes="y"))
    response = app.test_client().get(path)
    page = response.text
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert "noindex" in response.headers["X-Robots-Tag"]
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "Acme Bikes · November 2026" in page
    assert "Wednesday 25 November" in page and "Friday 27 November" in page
    assert page.index("Winter tyres explained") < page.index("Film in the shop")
    assert "09:00" in page and "Campaign: Winter push" in page
    assert "utm_campaign=winter-push" in page  # the tracked link
    assert "Ask Sam for &lt;b&gt;photos&lt;/b&gt;" in page  # notes, escaped
    for elsewhere in ("/week", "/calendar", "/settings", "/login", "Log out", "<script", "/items/"):
        assert elsewhere not in page
    assert 'name="csrf_token"' not in page


def test_notes_stay_hidden_unless_the_link_shows_them(plan, logged_in, app) -> None:
    page = app.test_client().get(address(create(logged_in))).text
    assert "Winter tyres explained" in page
    assert "photos" not in page and "Film in the shop" not in page and "Notes" not in page


def test_a_channel_not_chosen_never_shows(plan, logged_in, app) -> None:
    blog, video = plan
    path = address(create(logged_in, scope="chosen", channel_ids=str(blog.id), show_notes="y"))
    page = app.test_client().get(path).text
    assert "Winter tyres explained" in page and "for Blog" in page
    assert "YouTube" not in page and "Film in the shop" not in page
    december = app.test_client().get(path + "?month=2026-12").text
    assert "YouTube" not in december


def test_months_step_with_the_token_and_a_bad_month_is_explained(plan, logged_in, app) -> None:
    path = address(create(logged_in))
    guest = app.test_client()
    page = guest.get(path).text
    assert f'href="{path}?month=2026-10" rel="prev"' in page
    assert f'href="{path}?month=2026-12" rel="next"' in page
    december = guest.get(path + "?month=2026-12")
    assert december.status_code == 200 and "Nothing is planned in December 2026" in december.text
    for bad, message in (("2026-13", "months run from 01 to 12"), ("soon", "write it as YYYY-MM")):
        response = guest.get(f"{path}?month={bad}")
        assert response.status_code == 400 and message in response.text
        assert "Winter tyres" not in response.text and f'href="{path}"' in response.text
        assert response.headers["Cache-Control"] == "no-store"


def test_a_revoked_link_is_not_found_from_the_next_request(plan, logged_in, app) -> None:
    path = address(create(logged_in))
    guest = app.test_client()
    assert guest.get(path).status_code == 200
    link = db.session.scalar(select(ShareLink))
    response = logged_in.post(f"/settings/shares/{link.id}/revoke", follow_redirects=True)
    assert "“Client review” is revoked" in response.text
    gone = guest.get(path)
    assert gone.status_code == 404 and "does not open anything" in gone.text
    assert "noindex" in gone.headers["X-Robots-Tag"] and gone.headers["Cache-Control"] == "no-store"
    assert "Log in" not in gone.text and "Acme Bikes" not in gone.text
    again = logged_in.post(f"/settings/shares/{link.id}/revoke", follow_redirects=True)
    assert "was already revoked" in again.text
    assert logged_in.post("/settings/shares/999/revoke").status_code == 404


def test_an_expired_link_is_not_found(plan, logged_in, app, clock) -> None:
    path = address(create(logged_in, expires_on="2026-11-24"))
    guest = app.test_client()
    clock.advance(hours=40)  # Tuesday 23:00 in Berlin: still its last day
    assert guest.get(path).status_code == 200
    clock.advance(hours=1)
    assert guest.get(path).status_code == 404
    assert "expired" in logged_in.get("/settings/shares").text


def test_a_tampered_or_unknown_token_is_not_found_like_a_revoked_one(plan, logged_in, app):
    path = address(create(logged_in))
    guest = app.test_client()
    revoked = address(create(logged_in, label="Old"))
    shares.revoke_share(
        db.session.scalar(select(ShareLink).where(ShareLink.label == "Old")), app_now()
    )
    answers = [
        guest.get(p)
        for p in (path[:-1], path + "A", "/share/nothing", revoked, "/share/" + "x" * 5000)
    ]
    assert {a.status_code for a in answers} == {404}
    assert len({a.text for a in answers}) == 1  # no telling which it was


def test_the_token_opens_only_its_page(plan, logged_in, app) -> None:
    path = address(create(logged_in))
    token = path.removeprefix("/share/")
    guest = app.test_client()
    assert guest.get(path).status_code == 200
    for other in ("/week", "/calendar", f"/calendar?token={token}", "/settings/shares", "/links/"):
        assert guest.get(other).status_code == 302  # to the login, as for anyone
    assert guest.post(path).status_code == 302  # only reading is open without a login


def test_the_page_shows_the_post_as_written_with_its_real_link(plan, logged_in, app) -> None:
    from calendar_app.models import ScheduleItem, User
    from calendar_app.services import copy, planner

    post = db.session.scalars(select(ScheduleItem).where(ScheduleItem.activity == "post")).one()
    owner = db.session.scalars(select(User)).first()
    post.channel.network = "blog"  # an article: title, text and outline
    values = {"title": "Winter tyres", "body": "Grip <first>: {link} #winter", "outline": "1. Why"}
    copy.save_copy(post, values, owner, planner.get_workspace(), app_now())
    page = app.test_client().get(address(create(logged_in))).text
    assert "The post as written" in page and "Grip &lt;first&gt;: http" in page
    assert "{link}" not in page and "utm_campaign=winter-push" in page
    assert "1. Why" in page


def test_a_post_without_copy_shows_no_empty_copy(plan, logged_in, app) -> None:
    page = app.test_client().get(address(create(logged_in))).text
    assert "The post as written" not in page and "Winter tyres explained" in page
