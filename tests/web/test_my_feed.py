"""The personal feed: only the items assigned to the token's member, beside the team feed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from calendar_app.extensions import db
from calendar_app.models import ScheduleItem, User
from calendar_app.services import feed_events, planner
from calendar_app.services import feeds as service
from tests.conftest import NOW
from tests.factories import feed_token, make_channel, make_item, make_user, reset_feed_token
from tests.web.test_feed import events


@pytest.fixture
def calendar_app(app):
    """A client that is not logged in, like a calendar app polling the feed."""
    return app.test_client()


@pytest.fixture
def team(logged_in):
    """Two members, an item for each, one for nobody; the members' feed addresses."""
    service.forget_bodies()
    owner = db.session.scalars(select(User).where(User.email == "owner@example.com")).one()
    ana = make_user("ana@example.com")
    channel = make_channel("linkedin", name="LinkedIn")
    mine = make_item(channel, NOW + timedelta(days=1), assignee=owner, notes="mine")
    hers = make_item(channel, NOW + timedelta(days=2), assignee=ana, notes="hers")
    nobodys = make_item(channel, NOW + timedelta(days=3), notes="nobody's")
    planner.keep_planned_ahead(NOW)  # as every calendar poll finds it: no day to plan
    return {
        "owner": owner,
        "ana": ana,
        "items": (mine, hers, nobodys),
        "mine": f"/feeds/{feed_token(owner)}/mine.ics",
        "hers": f"/feeds/{feed_token(ana)}/mine.ics",
        "team": f"/feeds/{feed_token(owner)}.ics",
    }


def uids(body: bytes) -> set[str]:
    return {str(event["uid"]).split("@")[0] for event in events(body)}


def descriptions(body: bytes) -> dict[str, str]:
    return {str(e["uid"]).split("@")[0]: str(e["description"]) for e in events(body)}


def test_the_personal_feed_holds_only_my_items_and_passes_the_strict_parsers(
    calendar_app, team
) -> None:
    mine, hers, nobodys = team["items"]
    response = calendar_app.get(team["mine"])
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.get_data()
    assert uids(body) == {mine.uid}  # parsed by icalendar, the strict ical parser and libical
    assert "Owner: owner@example.com" in descriptions(body)[mine.uid]
    assert b"X-WR-CALNAME:Acme Bikes \xc2\xb7 Work of owner" in body.replace(b"\r\n ", b"")


def test_the_team_feed_keeps_everyones_items_with_their_owners(calendar_app, team) -> None:
    mine, hers, nobodys = team["items"]
    described = descriptions(calendar_app.get(team["team"]).get_data())
    assert described.keys() == {mine.uid, hers.uid, nobodys.uid}
    assert "Owner: owner@example.com" in described[mine.uid]
    assert "Owner: ana@example.com" in described[hers.uid]
    assert "Owner:" not in described[nobodys.uid]


def test_another_members_token_shows_their_items_only(calendar_app, team) -> None:
    _mine, hers, _nobodys = team["items"]
    body = calendar_app.get(team["hers"]).get_data()
    assert uids(body) == {hers.uid}
    assert "Owner: ana@example.com" in descriptions(body)[hers.uid]


def test_a_member_with_no_items_gets_an_empty_valid_calendar(calendar_app, team) -> None:
    bea = make_user("bea@example.com")
    body = calendar_app.get(f"/feeds/{feed_token(bea)}/mine.ics").get_data()
    assert body.startswith(b"BEGIN:VCALENDAR\r\n") and events(body) == []


def test_a_second_poll_gets_304_without_building(calendar_app, team, monkeypatch) -> None:
    calendar_app.application.config["CLOCK"].advance(seconds=1)  # the change's second over
    first = calendar_app.get(team["mine"])
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]

    def refuse(*args, **kwargs):
        raise AssertionError("a 304 must not build the feed")

    monkeypatch.setattr(service, "build_body", refuse)
    monkeypatch.setattr(service, "feed_body", refuse)
    again = calendar_app.get(team["mine"], headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    dated = calendar_app.get(team["mine"], headers={"If-Modified-Since": modified})
    assert dated.status_code == 304


def test_the_personal_feed_has_an_etag_of_its_own_and_a_gzip_body(calendar_app, team) -> None:
    mine = calendar_app.get(team["mine"])
    hers = calendar_app.get(team["hers"])
    whole = calendar_app.get(team["team"])
    assert len({mine.headers["ETag"], hers.headers["ETag"], whole.headers["ETag"]}) == 3
    packed = calendar_app.get(team["mine"], headers={"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip"
    # The team feed's ETag held by a client is no 304 for the personal feed.
    other = calendar_app.get(team["mine"], headers={"If-None-Match": whole.headers["ETag"]})
    assert other.status_code == 200


def test_a_wrong_or_reset_token_gets_404(calendar_app, team) -> None:
    assert calendar_app.get("/feeds/not-a-token/mine.ics").status_code == 404
    assert calendar_app.get(team["mine"]).status_code == 200
    new = reset_feed_token(team["owner"])
    assert calendar_app.get(team["mine"]).status_code == 404
    assert calendar_app.get(f"/feeds/{new}/mine.ics").status_code == 200


def test_reassigning_refreshes_the_owner_line_in_both_feeds(calendar_app, logged_in, team) -> None:
    mine, hers, _nobodys = team["items"]
    etags = {name: calendar_app.get(team[name]).headers["ETag"] for name in ("mine", "team")}
    assert db.session.get(ScheduleItem, mine.id).ical_text is not None  # cached
    data = {"assignee_id": str(team["ana"].id), "version": "1"}
    logged_in.post(f"/items/{mine.id}/assignee", data=data)
    feed_events.forget_event_texts()  # another worker: only the stored texts remain
    for name in ("mine", "team"):
        response = calendar_app.get(team[name], headers={"If-None-Match": etags[name]})
        assert response.status_code == 200 and response.headers["ETag"] != etags[name]
    assert uids(calendar_app.get(team["mine"]).get_data()) == set()
    assert uids(calendar_app.get(team["hers"]).get_data()) == {mine.uid, hers.uid}
    described = descriptions(calendar_app.get(team["team"]).get_data())
    assert "Owner: ana@example.com" in described[mine.uid]
    db.session.expire_all()
    assert "Owner: ana@example.com" in db.session.get(ScheduleItem, mine.id).ical_text


def test_a_new_channel_owner_refreshes_the_untouched_items_owner_line(
    calendar_app, logged_in, team
) -> None:
    _mine, _hers, nobodys = team["items"]
    calendar_app.get(team["team"])
    from calendar_app import clock
    from calendar_app.services.owners import set_channel_owner

    set_channel_owner(nobodys.channel, team["ana"].id, clock.now())
    feed_events.forget_event_texts()
    described = descriptions(calendar_app.get(team["team"]).get_data())
    assert "Owner: ana@example.com" in described[nobodys.uid]
    assert nobodys.uid in uids(calendar_app.get(team["hers"]).get_data())


def test_the_subscribe_page_shows_my_feed_beside_the_team_feed(logged_in, team) -> None:
    page = logged_in.get("/subscribe").get_data(as_text=True)
    assert '<h2 id="my-work-title">My work</h2>' in page
    assert f"http://localhost{team['mine']}" in page
    assert f"webcal://localhost{team['mine']}" in page
    assert f"http://localhost{team['team']}" in page  # the team feed is still there
    assert "1 events, about 1 kB." in page and "3 events, about 2 kB." in page
    assert page.index("<h2>Everything</h2>") < page.index(">My work</h2>")
    assert feed_token(team["ana"]) not in page  # no one else's key


def test_the_subscribe_page_tells_my_feeds_exact_size_once_built(
    calendar_app, logged_in, team
) -> None:
    size = len(calendar_app.get(team["mine"]).get_data())
    page = logged_in.get("/subscribe").get_data(as_text=True)
    assert f"1 events, {(size + 512) // 1024:,} kB." in page
