"""The iCalendar feed: valid, stable, cheap to poll, and safe with any user text."""

from __future__ import annotations

import gzip
import shutil
from datetime import time, timedelta

import icalendar
import pytest
from ical.calendar_stream import IcsCalendarStream
from sqlalchemy import func, select, text

from calendar_app.clock import now as app_now
from calendar_app.extensions import db
from calendar_app.models import Channel, ScheduleItem, User
from calendar_app.services import feed_events, planner
from calendar_app.services import feeds as service
from tests.conftest import USES_POSTGRES
from tests.factories import feed_token, make_campaign, make_channel, make_idea, make_rule
from tests.tooling import libical_errors


@pytest.fixture
def feed(logged_in):
    """A weekly LinkedIn post at 09:00 Berlin, three times from tomorrow; the owner's feed URL."""
    service.forget_bodies()
    tomorrow = app_now().date() + timedelta(days=1)
    make_rule(
        make_channel("linkedin", name="LinkedIn"), rrule="FREQ=WEEKLY", count=3, starts_on=tomorrow
    )
    planner.keep_planned_ahead(app_now())
    user = db.session.scalar(select(User))
    return f"/feeds/{feed_token(user)}.ics"


@pytest.fixture
def calendar_app(app):
    """A client that is not logged in, like a calendar app polling the feed."""
    return app.test_client()


def items() -> list[ScheduleItem]:
    return list(db.session.scalars(select(ScheduleItem).order_by(ScheduleItem.starts_at)))


def parse(body: bytes) -> icalendar.Calendar:
    """Parse with the icalendar library, the strict ``ical`` parser and libical's checker."""
    IcsCalendarStream.calendar_from_ics(body.decode("utf-8"))
    assert libical_errors(body) == []
    return icalendar.Calendar.from_ical(body)


def events(body: bytes) -> list[icalendar.Event]:
    return list(parse(body).walk("VEVENT"))


def test_the_feed_has_exactly_the_planned_events(calendar_app, feed) -> None:
    response = calendar_app.get(feed)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.get_data()
    found = events(body)
    assert len(found) == len(items()) == 3
    for event, item in zip(found, items(), strict=True):
        start = event.decoded("dtstart")
        assert str(start.tzinfo) == "Europe/Berlin" and start.time() == time(9, 0)
        assert start.weekday() == (app_now().date() + timedelta(days=1)).weekday()
        assert event.decoded("dtend") - start == timedelta(minutes=30)
        assert str(event["summary"]) == "LinkedIn · Post (open slot)"
        assert str(event["uid"]) == f"{item.uid}@editorial-calendar"
        assert event["categories"].cats == ["Post", "LinkedIn"]
        assert str(event["status"]) == "TENTATIVE"
        assert str(event["url"]).startswith(
            "https://acme.example/?utm_source=linkedin&utm_medium=social"
        )
        assert f"utm_content={item.uid[:12]}" in str(event["url"])
        assert "Link: https://acme.example/" in str(event["description"])
    contents = {str(e["url"]).split("utm_content=")[1] for e in found}
    assert len(contents) == 3  # every link has its own utm_content
    text = body.decode()
    assert "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin" in text
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in text and "X-PUBLISHED-TTL:PT1H\r\n" in text
    assert "X-WR-CALNAME:Acme Bikes · Editorial calendar\r\nNAME" not in text
    assert "NAME:Acme Bikes · Editorial calendar\r\n" in text
    assert "METHOD" not in text and "VALARM" not in text
    lines = text.split("\r\n")
    assert "\n" not in "".join(lines)
    assert max(len(line.encode()) for line in lines) <= 75


def test_unchanged_data_gives_byte_identical_bodies(calendar_app, feed) -> None:
    first = calendar_app.get(feed).get_data()
    assert calendar_app.get(feed).get_data() == first
    service.forget_bodies()  # rebuilt from the texts stored with the items
    assert calendar_app.get(feed).get_data() == first
    table = ScheduleItem.__table__  # forget the stored texts without editing the items
    db.session.execute(table.update().values(ical_text=None, updated_at=table.c.updated_at))
    db.session.commit()
    service.forget_bodies()
    assert calendar_app.get(feed).get_data() == first


def test_moving_an_item_keeps_its_uid_and_raises_its_sequence(
    calendar_app, logged_in, feed
) -> None:
    first = items()[0]
    before = {str(e["uid"]): e for e in events(calendar_app.get(feed).get_data())}
    day = (first.starts_at + timedelta(days=1)).date().isoformat()
    logged_in.post(f"/items/{first.id}/move", data={"day": day, "time": "11:15"})
    after = {str(e["uid"]): e for e in events(calendar_app.get(feed).get_data())}
    assert before.keys() == after.keys()
    uid = f"{first.uid}@editorial-calendar"
    assert int(after[uid]["sequence"]) == int(before[uid]["sequence"]) + 1
    assert after[uid].decoded("dtstart").time() == time(11, 15)
    db.session.refresh(first)
    stamp = first.updated_at.replace(microsecond=0)
    assert after[uid].decoded("last-modified") == after[uid].decoded("dtstamp") == stamp


def test_polling_with_the_etag_or_date_gets_304_without_building(
    calendar_app, feed, monkeypatch
) -> None:
    calendar_app.application.config["CLOCK"].advance(seconds=1)  # the change's second over
    response = calendar_app.get(feed)
    etag, modified = response.headers["ETag"], response.headers["Last-Modified"]
    assert etag.startswith('"') and not etag.startswith("W/")

    def refuse(*args, **kwargs):
        raise AssertionError("a 304 must not build the feed")

    monkeypatch.setattr(service, "build_body", refuse)
    monkeypatch.setattr(service, "feed_body", refuse)
    not_modified = calendar_app.get(feed, headers={"If-None-Match": etag})
    assert not_modified.status_code == 304 and not_modified.get_data() == b""
    assert calendar_app.get(feed, headers={"If-Modified-Since": modified}).status_code == 304


def test_a_change_changes_the_etag(calendar_app, logged_in, feed) -> None:
    etag = calendar_app.get(feed).headers["ETag"]
    logged_in.post(f"/items/{items()[0].id}/status", data={"status": "approved"})
    response = calendar_app.get(feed, headers={"If-None-Match": etag})
    assert response.status_code == 200 and response.headers["ETag"] != etag


def test_only_the_changed_event_is_serialised_again(
    calendar_app, logged_in, feed, monkeypatch
) -> None:
    calendar_app.get(feed)
    calls = []
    original = feed_events.event_text
    monkeypatch.setattr(
        feed_events, "event_text", lambda event: calls.append(event.uid) or original(event)
    )
    logged_in.post(f"/items/{items()[1].id}/status", data={"status": "approved"})
    calendar_app.get(feed)
    assert calls == [items()[1].uid]


def test_skipped_items_are_cancelled_and_deleted_items_vanish(
    calendar_app, logged_in, feed
) -> None:
    skipped, deleted, _ = items()
    logged_in.post(f"/items/{skipped.id}/status", data={"status": "skipped"})
    planner.delete_item(deleted)
    db.session.commit()
    found = {str(e["uid"]): e for e in events(calendar_app.get(feed).get_data())}
    assert f"{deleted.uid}@editorial-calendar" not in found
    cancelled = found[f"{skipped.uid}@editorial-calendar"]
    assert str(cancelled["status"]) == "CANCELLED" and int(cancelled["sequence"]) == 1


def test_headlines_and_routine_checklists_appear(calendar_app, logged_in, feed) -> None:
    idea = make_idea(campaign=make_campaign("Winter Push"))
    logged_in.post(f"/ideas/{idea.id}/assign", data={"channel_id": 1})
    logged_in.post("/channels/routines/daily-scan", data={"on": "1"})
    found = events(calendar_app.get(feed).get_data())
    post = next(e for e in found if "Winter cycling" in str(e["summary"]))
    assert str(post["summary"]) == "LinkedIn · Post: Winter cycling for beginners"
    assert "utm_campaign=winter-push" in str(post["url"])
    routine = next(e for e in found if "Daily scan" in str(e["summary"]))
    assert "Checklist:\n- Scan mentions" in str(routine["description"])
    assert routine["categories"].cats == ["Routine", "Routines"]


def test_user_text_never_makes_new_lines_properties_or_components(
    calendar_app, logged_in, feed
) -> None:
    nasty = "Hi\r\nBEGIN:VALARM\r\nTRIGGER:-PT5M\r\nEND:VALARM\nX-EVIL:1; a,b \\ c"
    idea = make_idea("Plain")
    logged_in.post(f"/ideas/{idea.id}/assign", data={"channel_id": 1})
    idea.headline = nasty
    channel = items()[0].channel
    channel.name = "Link;ed,In\\"
    items()[0].notes = nasty
    db.session.commit()
    body = calendar_app.get(feed).get_data()
    calendar = parse(body)
    assert not list(calendar.walk("VALARM"))
    assert all("X-EVIL" not in e for e in calendar.walk("VEVENT"))
    event = next(e for e in calendar.walk("VEVENT") if str(e["uid"]).startswith(items()[0].uid))
    one_line = nasty.replace("\r\n", " ").replace("\n", " ")
    assert str(event["summary"]) == f"Link;ed,In\\ · Post: {one_line}"
    assert str(event["description"]).startswith(nasty.replace("\r\n", "\n"))
    assert event["categories"].cats == ["Post", "Link;ed,In\\"]
    assert b"\r\nBEGIN:VALARM" not in body and b"\r\nX-EVIL" not in body


def test_control_characters_and_line_breaks_in_names_never_reach_the_feed(
    calendar_app, logged_in, feed
) -> None:
    # Stored before names were checked on input, or written straight into the database.
    workspace = planner.get_workspace()
    workspace.name = "Acme\r\nX-WR-CALNAME:Hacked\rNAME:Evil"
    item = items()[0]
    item.channel.name = "Link\x07ed\x1bIn\x7f"  # (PostgreSQL cannot store NUL at all)
    item.notes = "Bell \x07, escape \x1b[31m, delete \x7f, tab\tand\x0bvertical"
    db.session.commit()
    body = calendar_app.get(feed).get_data()
    assert body.count(b"\r\nNAME:") == 1 and body.count(b"\r\nX-WR-CALNAME:") == 1
    assert b"\r\nNAME:Acme X-WR-CALNAME:Hacked NAME:Evil" in body
    assert not any(ch in body for ch in (b"\x7f", b"\x07", b"\x1b", b"\x0b"))
    event = next(e for e in parse(body).walk("VEVENT") if str(e["uid"]).startswith(item.uid))
    assert str(event["summary"]) == "LinkedIn · Post (open slot)"
    assert "Notes: Bell , escape [31m, delete , tab\tand\nvertical" in str(event["description"])


def test_the_channel_feed_has_only_that_channel(calendar_app, feed) -> None:
    other = make_channel("blog", name="Blog")
    make_rule(other, rrule="FREQ=DAILY", count=2, starts_on=app_now().date() + timedelta(days=1))
    planner.replan_everything(app_now())
    db.session.commit()
    everything = events(calendar_app.get(feed).get_data())
    assert {str(e["summary"]).split(" ·")[0] for e in everything} == {"LinkedIn", "Blog"}
    blog = events(calendar_app.get(feed.replace(".ics", "/blog.ics")).get_data())
    assert len(blog) == 2 and all(str(e["summary"]).startswith("Blog ·") for e in blog)
    assert "X-WR-CALNAME:Acme Bikes · Blog" in calendar_app.get(
        feed.replace(".ics", "/blog.ics")
    ).get_data(as_text=True)
    assert calendar_app.get(feed.replace(".ics", "/nope.ics")).status_code == 404


def test_an_unknown_or_reset_token_gets_a_plain_404(calendar_app, logged_in, feed) -> None:
    assert calendar_app.get(feed).status_code == 200
    logged_in.post("/subscribe/reset")
    gone = calendar_app.get(feed)
    assert gone.status_code == 404
    unknown = calendar_app.get("/feeds/abc.ics")
    assert unknown.status_code == 404
    assert gone.get_data() == unknown.get_data()
    user = db.session.scalar(select(User))
    assert calendar_app.get(f"/feeds/{feed_token(user)}.ics").status_code == 200


def test_the_feed_sets_no_cookie_and_is_private(feed, app) -> None:
    anonymous = app.test_client()
    response = anonymous.get(feed)
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "private"
    assert "Accept-Encoding" in response.headers["Vary"]


def test_gzip_for_clients_that_accept_it(calendar_app, feed) -> None:
    plain = calendar_app.get(feed)
    packed = calendar_app.get(feed, headers={"Accept-Encoding": "gzip, deflate"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.get_data()) == plain.get_data()
    assert packed.headers["ETag"] != plain.headers["ETag"]
    assert (
        calendar_app.get(
            feed, headers={"Accept-Encoding": "gzip", "If-None-Match": packed.headers["ETag"]}
        ).status_code
        == 304
    )


def test_an_empty_calendar_is_still_a_valid_calendar(calendar_app, logged_in) -> None:
    user = db.session.scalar(select(User))
    body = calendar_app.get(f"/feeds/{feed_token(user)}.ics").get_data()
    assert body.startswith(b"BEGIN:VCALENDAR\r\n") and body.endswith(b"END:VCALENDAR\r\n")
    assert events(body) == []


def test_the_subscribe_page_shows_https_and_webcal_addresses(logged_in, feed) -> None:
    page = logged_in.get("/subscribe").get_data(as_text=True)
    assert f"http://localhost{feed}" in page
    assert f"webcal://localhost{feed}" in page
    assert f"webcal://localhost{feed.replace('.ics', '/linkedin.ics')}" in page
    assert "3 events, about 2 kB." in page


def test_feed_url_cli_prints_the_address(runner, feed, app) -> None:
    app.config["BASE_URL"] = "https://calendar.acme.example"
    result = runner.invoke(args=["feed", "url", "owner@example.com", "--channel", "linkedin"])
    assert result.output.strip() == "https://calendar.acme.example" + feed.replace(
        ".ics", "/linkedin.ics"
    )
    assert runner.invoke(args=["feed", "url", "nobody@example.com"]).exit_code == 1
    assert (
        "no channel"
        in runner.invoke(args=["feed", "url", "owner@example.com", "--channel", "x"]).output
    )


def test_the_subscribe_page_tells_the_size_without_building_the_feed(
    calendar_app, logged_in, feed, monkeypatch
) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("the Subscribe page must not build the feed")

    monkeypatch.setattr(service, "build_body", refuse)
    assert "3 events, about 2 kB." in logged_in.get("/subscribe").get_data(as_text=True)
    monkeypatch.undo()
    size = len(calendar_app.get(feed).get_data())  # built once, by a calendar
    page = logged_in.get("/subscribe").get_data(as_text=True)
    assert f"3 events, {(size + 512) // 1024:,} kB." in page  # exact once built


def test_a_304_costs_one_query(calendar_app, feed, monkeypatch) -> None:
    from tests.queries import count_statements

    polls = []
    original = service._run_poll
    monkeypatch.setattr(service, "_run_poll", lambda *a: polls.append(1) or original(*a))
    for url in (feed, feed.replace(".ics", "/linkedin.ics")):
        etag = calendar_app.get(url).headers["ETag"]
        polls.clear()
        # The token, the channel, the revision and the schedule's reach in one round trip,
        # on the driver's own cursor: nothing else reaches the database.
        headers = {"If-None-Match": etag}
        statements = count_statements(lambda u=url, h=headers: calendar_app.get(u, headers=h))
        assert statements == 0 and polls == [1]


def test_a_change_on_one_channel_leaves_the_other_channels_feed_as_it_was(
    calendar_app, logged_in, feed
) -> None:
    make_rule(make_channel("blog", name="Blog"), rrule="FREQ=WEEKLY", count=2)
    planner.keep_planned_ahead(app_now())
    feeds = {name: feed.replace(".ics", f"/{name}.ics") for name in ("linkedin", "blog")}
    feeds["all"] = feed
    before = {name: calendar_app.get(url).headers["ETag"] for name, url in feeds.items()}
    linkedin_item = next(i for i in items() if i.channel.slug == "linkedin")
    logged_in.post(f"/items/{linkedin_item.id}/status", data={"status": "approved"})
    after = {name: calendar_app.get(url).headers["ETag"] for name, url in feeds.items()}
    assert after["blog"] == before["blog"]
    assert after["linkedin"] != before["linkedin"] and after["all"] != before["all"]


def test_logging_time_gives_the_event_a_new_modification_time_and_the_feed_a_new_etag(
    app, calendar_app, logged_in, feed
) -> None:
    """A strong ETag promises the same bytes: the event's LAST-MODIFIED is the item's
    modification time, so every change to the item is a new version of the feed."""
    first = calendar_app.get(feed)
    app.config["CLOCK"].advance(seconds=5)
    logged_in.post(f"/items/{items()[0].id}/time", data={"minutes": "45"})
    assert items()[0].actual_minutes == 45
    again = calendar_app.get(feed, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 200 and again.headers["ETag"] != first.headers["ETag"]
    service.forget_bodies()  # built again from nothing kept: the same bytes for that ETag
    shutil.rmtree(app.config["FEED_CACHE_DIR"])
    assert calendar_app.get(feed).get_data() == again.get_data()


def test_another_worker_serves_the_body_one_worker_built(calendar_app, feed, monkeypatch) -> None:
    body = calendar_app.get(feed).get_data()
    service.forget_bodies()  # a second worker: nothing in its memory

    def refuse(*args, **kwargs):
        raise AssertionError("the stored body must be served, not built again")

    monkeypatch.setattr(service, "build_body", refuse)
    assert calendar_app.get(feed).get_data() == body
    zipped = calendar_app.get(feed, headers={"Accept-Encoding": "gzip"})
    assert gzip.decompress(zipped.get_data()) == body


def test_polls_needing_only_the_version_are_answered_before_the_app_sets_up_a_request(
    calendar_app, feed
) -> None:
    calendar_app.application.config["CLOCK"].advance(seconds=1)  # the change's second over
    first = calendar_app.get(feed)
    etag, body = first.headers["ETag"], first.get_data()
    app_requests = []
    calendar_app.application.before_request_funcs.setdefault(None, []).insert(
        0, lambda: app_requests.append(1)
    )
    unchanged = calendar_app.get(feed, headers={"If-None-Match": etag})
    assert unchanged.status_code == 304 and unchanged.headers["ETag"] == etag
    assert unchanged.headers["X-Content-Type-Options"] == "nosniff"
    since = {"If-Modified-Since": first.headers["Last-Modified"]}
    assert calendar_app.get(feed, headers=since).status_code == 304
    again = calendar_app.get(feed, headers={"If-None-Match": '"other"'})
    assert again.status_code == 200 and again.get_data() == body  # from this worker's memory
    assert again.headers["Content-Length"] == str(len(body))
    head = calendar_app.head(feed)
    assert head.status_code == 200 and head.get_data() == b""
    assert app_requests == []
    service.forget_bodies()  # a body to read from the store or build: the app's to answer
    assert calendar_app.get(feed).get_data() == body and app_requests == [1]


def test_a_poll_on_a_day_to_plan_ahead_goes_to_the_app(calendar_app, feed, monkeypatch) -> None:
    from calendar_app.web.feeds import polls

    calendar_app.get(feed)
    app_requests = []
    calendar_app.application.before_request_funcs.setdefault(None, []).insert(
        0, lambda: app_requests.append(1)
    )
    monkeypatch.setattr(polls, "extension_due", lambda *args: True)
    assert calendar_app.get(feed).status_code == 200 and app_requests == [1]


def test_a_client_polling_by_date_gets_the_feed_again_when_the_day_moves_its_window(
    calendar_app, feed, monkeypatch
) -> None:
    from calendar_app import clock

    calendar_app.application.config["CLOCK"].advance(seconds=1)  # the change's second over
    modified = calendar_app.get(feed).headers["Last-Modified"]
    since = {"If-Modified-Since": modified}
    assert calendar_app.get(feed, headers=since).status_code == 304
    tomorrow = clock.now() + timedelta(days=1)
    monkeypatch.setattr(clock, "now", lambda: tomorrow)
    assert calendar_app.get(feed, headers=since).status_code == 200


@pytest.mark.parametrize("path", ["/feeds/unknown.ics", "/feeds/{token}/no%00pe.ics"])
def test_a_poll_the_middleware_cannot_answer_gets_the_apps_answer(calendar_app, feed, path) -> None:
    token = feed.removeprefix("/feeds/").removesuffix(".ics")
    answer = calendar_app.get(path.format(token=token), headers={"If-None-Match": '"x"'})
    assert answer.status_code in (400, 404)


def test_a_database_made_again_never_meets_the_old_ones_bodies(calendar_app, feed) -> None:
    """A restore counts revisions from 1 again: the same number at another moment is
    another version, in memory, in the body store and in a calendar's cache."""
    from calendar_app.models import FeedRevision
    from calendar_app.services.transaction import unit_of_work

    first = calendar_app.get(feed)
    with unit_of_work():  # the same revision numbers, another database's content
        db.session.execute(
            ScheduleItem.__table__.update().values(status="skipped"),
            execution_options={"feed_visible": False},
        )
        for revision in db.session.scalars(select(FeedRevision)):
            revision.changed_at = revision.changed_at + timedelta(seconds=1)
    again = calendar_app.get(feed, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 200 and again.headers["ETag"] != first.headers["ETag"]
    assert again.get_data().count(b"STATUS:CANCELLED") == 3


def test_a_new_channels_feed_changes_with_its_new_rule(calendar_app, logged_in, feed) -> None:
    logged_in.post("/channels/new", data={"name": "Blog", "slug": "blog"})
    blog = feed.replace(".ics", "/blog.ics")
    empty = calendar_app.get(blog)
    assert empty.status_code == 200 and empty.get_data().count(b"BEGIN:VEVENT") == 0
    channel_id = db.session.scalar(select(Channel.id).where(Channel.slug == "blog"))
    from tests.web.test_week_and_channels import RULE_FORM

    answer = logged_in.post(f"/channels/{channel_id}/rules/new", data=RULE_FORM)
    assert answer.status_code == 302
    assert db.session.scalar(select(func.count()).where(ScheduleItem.channel_id == channel_id))
    polled = calendar_app.get(blog, headers={"If-None-Match": empty.headers["ETag"]})
    assert polled.status_code == 200 and polled.get_data().count(b"BEGIN:VEVENT") > 0


def test_a_feed_that_never_changed_has_a_version_of_its_own_database(calendar_app, feed) -> None:
    """Two databases whose feeds never changed must not share bodies or a client's cache."""
    from calendar_app.models import FeedRevision, Workspace
    from calendar_app.services.transaction import unit_of_work

    with unit_of_work():
        db.session.execute(
            FeedRevision.__table__.delete(), execution_options={"feed_visible": False}
        )
    first = calendar_app.get(feed).headers["ETag"]
    with unit_of_work():  # another database: its workspace began at another moment
        workspace = db.session.scalar(select(Workspace))
        workspace.created_at -= timedelta(seconds=1)
    assert calendar_app.get(feed, headers={"If-None-Match": first}).status_code == 200


def test_gzip_refused_with_q0_is_not_sent_and_a_weak_etag_still_matches(calendar_app, feed) -> None:
    plain = calendar_app.get(feed, headers={"Accept-Encoding": "gzip;q=0, identity"})
    assert "Content-Encoding" not in plain.headers
    assert plain.get_data().startswith(b"BEGIN:VCALENDAR")
    weak = "W/" + plain.headers["ETag"]
    for _ in range(2):  # the app's answer, then the middleware's from memory
        assert calendar_app.get(feed, headers={"If-None-Match": weak}).status_code == 304
    packed = calendar_app.get(feed, headers={"Accept-Encoding": "gzip;q=0.5"})
    assert packed.headers["Content-Encoding"] == "gzip"


def test_a_database_failure_during_a_poll_gets_the_apps_error_page(
    calendar_app, feed, monkeypatch, caplog
) -> None:
    from sqlalchemy.exc import OperationalError

    def fail(*args):
        raise OperationalError("SELECT", {}, Exception("database is away"))

    monkeypatch.setattr(service, "_run_poll", fail)
    monkeypatch.setitem(calendar_app.application.config, "PROPAGATE_EXCEPTIONS", False)
    with caplog.at_level("ERROR"):
        answer = calendar_app.get(feed, headers={"If-None-Match": '"x"'})
    assert answer.status_code == 500
    assert answer.headers["X-Content-Type-Options"] == "nosniff"  # the app's page, headers
    assert "database is away" in caplog.text


@pytest.mark.skipif(not USES_POSTGRES, reason="PostgreSQL ends its own connections")
def test_a_poll_connection_that_postgresql_ended_fails_one_poll_and_is_replaced(
    calendar_app, feed, monkeypatch
) -> None:
    runs: list[str] = []
    original = service._run_poll

    def run_poll(*args):
        try:
            row = original(*args)
        except Exception:
            runs.append("failed")
            raise
        runs.append("answered")
        return row

    monkeypatch.setattr(service, "_run_poll", run_poll)
    etag = calendar_app.get(feed).headers["ETag"]
    runs.clear()
    assert calendar_app.get(feed, headers={"If-None-Match": etag}).status_code == 304
    assert runs == ["answered"]  # the quick answer: one poll
    # A restarted server or an idle timeout ends every idle connection.
    db.session.execute(
        text(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    )
    db.session.remove()
    runs.clear()
    assert calendar_app.get(feed, headers={"If-None-Match": etag}).status_code == 304
    # The quick poll failed on its dead connection and passed the request on; the app's
    # own lookup got a new connection.
    assert runs == ["failed", "answered"]
    runs.clear()
    assert calendar_app.get(feed, headers={"If-None-Match": etag}).status_code == 304
    assert runs == ["answered"]  # no dead connection left: the quick answer again


def test_a_feed_is_served_when_its_body_cannot_be_kept_on_disk(
    app, calendar_app, feed, monkeypatch, caplog
) -> None:
    import errno

    from calendar_app.services import feed_store

    def disk_full(path, data, *, mode=0o600):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(feed_store, "write_atomically", disk_full)
    with caplog.at_level("WARNING"):
        answer = calendar_app.get(feed)
        packed = calendar_app.get(feed, headers={"Accept-Encoding": "gzip"})
    assert answer.status_code == 200 and b"BEGIN:VEVENT" in answer.data
    assert gzip.decompress(packed.data) == answer.data
    assert "Feed bodies are not kept in" in caplog.text


def test_a_feed_is_dated_only_once_the_second_of_its_last_change_is_over(
    calendar_app, logged_in, feed
) -> None:
    """HTTP dates count whole seconds: a date given out while its second still runs would be
    shared by a change later in that second, and a client polling by date would miss it."""
    clock = calendar_app.application.config["CLOCK"]
    clock.advance(microseconds=1_000_000 - clock().microsecond)  # a second begins
    logged_in.post(f"/items/{items()[1].id}/status", data={"status": "approved"})
    during = calendar_app.get(feed)
    assert during.status_code == 200 and "Last-Modified" not in during.headers
    clock.advance(seconds=1)
    after = calendar_app.get(feed)
    since = {"If-Modified-Since": after.headers["Last-Modified"]}
    assert calendar_app.get(feed, headers=since).status_code == 304
    logged_in.post(f"/items/{items()[0].id}/status", data={"status": "approved"})
    changed = calendar_app.get(feed, headers=since)
    assert changed.status_code == 200 and changed.headers["ETag"] != after.headers["ETag"]


def test_a_release_that_changes_how_events_read_makes_every_feed_new(
    calendar_app, feed, monkeypatch
) -> None:
    first = calendar_app.get(feed)
    monkeypatch.setattr(feed_events, "RENDERING", "a-new-release")
    service.forget_bodies()
    feed_events.forget_event_texts()  # a new process: only the database and the disk kept
    written = []
    original = feed_events.event_text
    monkeypatch.setattr(feed_events, "event_text", lambda *a: written.append(1) or original(*a))
    again = calendar_app.get(feed, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 200 and again.headers["ETag"] != first.headers["ETag"]
    assert len(written) == first.get_data().count(b"BEGIN:VEVENT")  # every event written anew


def test_the_quick_poll_and_the_app_agree_on_every_feeds_version(app, logged_in) -> None:
    """The middleware's one query and the app's lookup (also used by the export) are two
    ways to the same version: before any change, after one, for everything and a channel."""
    from calendar_app.web.feeds.polls import feed_window

    token = feed_token(db.session.scalar(select(User)))
    window = feed_window(app)

    def agree() -> None:
        db.session.expire_all()
        for channel in (None, *db.session.scalars(select(Channel))):
            slug = channel.slug if channel is not None else None
            assert service.poll(token, slug, window).version == service.feed_version(
                channel, window
            )

    agree()  # a database whose feeds never changed
    make_channel("blog", name="Blog")
    db.session.commit()
    agree()  # a channel whose feed has no revision of its own yet
    make_rule(db.session.scalar(select(Channel)), rrule="FREQ=WEEKLY", count=2)
    planner.keep_planned_ahead(app_now())
    agree()
