"""First run: the demo or an empty calendar, and the guided set-up's steps."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from calendar_app.extensions import db
from calendar_app.models import Channel, ScheduleItem, Workspace
from calendar_app.services import demo
from tests.conftest import NOW
from tests.factories import make_user, make_workspace

OWNER = {"email": "owner@example.com", "password": "long enough pw", "confirm": "long enough pw"}
STEPS = ["/welcome/", "/welcome/basics", "/welcome/channels", "/welcome/team"]


def log_in(client: FlaskClient, user) -> FlaskClient:
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
    return client


def channels() -> list[str]:
    return sorted(db.session.scalars(select(Channel.slug)))


@pytest.fixture
def with_demo(app, client) -> FlaskClient:
    demo.load_demo(NOW)
    return log_in(client, make_user("owner@example.com", is_owner=True))


def test_the_first_visit_with_the_demo_offers_the_demo_or_an_empty_calendar(app, client) -> None:
    demo.load_demo(NOW)
    response = client.post("/setup", data={"timezone": "UTC", **OWNER})
    assert response.headers["Location"] == "/welcome/"
    page = client.get("/welcome/").get_data(as_text=True)
    assert "Look around the demo" in page and "Start with an empty calendar" in page


def test_the_first_visit_to_a_workspace_without_the_demo_goes_to_the_week(app, client) -> None:
    make_workspace()
    response = client.post("/setup", data=OWNER)
    assert response.headers["Location"] == "/week"


def test_without_a_demo_the_start_offers_only_the_set_up(logged_in) -> None:
    page = logged_in.get("/welcome/").get_data(as_text=True)
    assert "Set up the calendar" in page and "Start with an empty calendar" not in page


def test_starting_empty_removes_the_demo_and_asks_for_the_real_profile(with_demo) -> None:
    answer = with_demo.post("/welcome/empty", follow_redirects=True)
    page = answer.get_data(as_text=True)
    assert answer.request.path == "/welcome/basics"
    assert "Removed the demo: 5 channels," in page
    assert channels() == [] and db.session.scalar(select(func.count(Workspace.id))) == 1
    assert 'value="Acme Bikes"' not in page  # the demo shop's name is not offered as theirs
    again = with_demo.post("/welcome/empty", follow_redirects=True).get_data(as_text=True)
    assert "There is no demo to remove; nothing was changed." in again


def test_the_basics_are_saved(logged_in) -> None:
    page = logged_in.get("/welcome/basics").get_data(as_text=True)
    assert 'value="Acme Bikes"' in page  # not the demo's: the team's own name, kept
    answer = logged_in.post(
        "/welcome/basics",
        data={"name": "Pedal Co", "timezone": "Europe/Lisbon", "site_url": "https://p.example/"},
    )
    assert answer.headers["Location"] == "/welcome/channels"
    workspace = db.session.scalar(select(Workspace))
    db.session.refresh(workspace)
    assert (workspace.name, workspace.timezone) == ("Pedal Co", "Europe/Lisbon")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "timezone": "UTC"}, "Give the team or company a name."),
        ({"name": "Pedal Co", "timezone": "Mars/Base"}, "Not a valid choice"),
        ({"name": "Pedal Co", "timezone": "UTC", "site_url": "ftp://p.example/"}, "http"),
        ({"name": "Pedal Co", "timezone": "UTC", "site_url": "javascript:alert(1)"}, "http"),
    ],
)
def test_bad_basics_say_why_and_change_nothing(logged_in, data, message) -> None:
    answer = logged_in.post("/welcome/basics", data=data)
    assert answer.status_code == 200
    assert message in answer.get_data(as_text=True)
    workspace = db.session.scalar(select(Workspace))
    db.session.refresh(workspace)
    assert (workspace.name, workspace.timezone) == ("Acme Bikes", "Europe/Berlin")


def test_the_channels_step_shows_each_cadence_in_plain_words(logged_in) -> None:
    page = logged_in.get("/welcome/channels").get_data(as_text=True)
    assert "Every Tue at 09:00" in page and "Every month on the first Tuesday at 09:00" in page


def test_picked_channels_are_added_and_planned_once(logged_in) -> None:
    data = {"channels": ["blog", "linkedin"]}
    answer = logged_in.post("/welcome/channels", data=data, follow_redirects=True)
    assert answer.request.path == "/welcome/team"
    assert "Added Blog, LinkedIn:" in answer.get_data(as_text=True)
    items = db.session.scalar(select(func.count(ScheduleItem.id)))
    assert channels() == ["blog", "linkedin"] and items > 0
    twice = logged_in.post("/welcome/channels", data=data, follow_redirects=True)
    assert "Already channels, so not added again: Blog (slug blog)" in twice.get_data(as_text=True)
    assert channels() == ["blog", "linkedin"]
    assert db.session.scalar(select(func.count(ScheduleItem.id))) == items
    week = logged_in.get("/week").get_data(as_text=True)
    assert "LinkedIn" in week


@pytest.mark.parametrize(
    ("data", "message"),
    [({}, "Pick at least one channel, or skip this step."), ({"channels": "myspace"}, "valid")],
)
def test_a_bad_channel_pick_says_why_and_adds_nothing(logged_in, data, message) -> None:
    answer = logged_in.post("/welcome/channels", data=data)
    assert answer.status_code == 200 and message in answer.get_data(as_text=True)
    assert channels() == []


def test_the_team_step_leads_to_the_invitations_and_the_week(logged_in) -> None:
    page = logged_in.get("/welcome/team").get_data(as_text=True)
    assert 'href="/account#team"' in page and 'href="/week"' in page


def test_every_step_can_be_skipped(logged_in) -> None:
    assert 'href="/welcome/channels">Skip' in logged_in.get("/welcome/basics").get_data(
        as_text=True
    )
    assert 'href="/welcome/team">Skip' in logged_in.get("/welcome/channels").get_data(as_text=True)


def test_a_member_is_refused_every_step(with_demo, app) -> None:
    member = log_in(app.test_client(), make_user("sam@example.com", "long enough pw"))
    for path in STEPS:
        assert member.get(path).status_code == 403, path
    assert member.post("/welcome/empty").status_code == 403
    assert member.post("/welcome/channels", data={"channels": "blog"}).status_code == 403
    assert demo.has_demo() and len(channels()) == 5


def test_every_step_needs_a_login(app, client) -> None:
    make_workspace()
    make_user("owner@example.com", is_owner=True)
    for path in STEPS:
        assert client.get(path).headers["Location"].startswith("/login"), path
    assert client.post("/welcome/empty").status_code == 302


def test_a_new_workspace_can_load_the_demo_and_keeps_its_name(app, client) -> None:
    client.post("/setup", data={"workspace_name": "Pedal Co", "timezone": "Europe/Lisbon", **OWNER})
    page = client.get("/welcome/").get_data(as_text=True)
    assert "Load the demo" in page and "Set up the calendar" in page
    answer = client.post("/welcome/demo", follow_redirects=True)
    assert answer.request.path == "/week"
    assert "Demo loaded: 5 channels and 30 headlines." in answer.get_data(as_text=True)
    workspace = db.session.scalar(select(Workspace))
    db.session.refresh(workspace)
    assert (workspace.name, workspace.timezone) == ("Pedal Co", "Europe/Lisbon")
    assert workspace.topics  # the demo filled the profile's empty fields
    assert demo.has_demo() and len(channels()) == 5
    assert "Load the demo" not in client.get("/welcome/").get_data(as_text=True)


def test_the_demo_does_not_load_over_the_teams_plan(logged_in) -> None:
    logged_in.post("/welcome/channels", data={"channels": "blog"})
    assert "Load the demo" not in logged_in.get("/welcome/").get_data(as_text=True)
    answer = logged_in.post("/welcome/demo", follow_redirects=True)
    assert "the demo loads only into an empty one" in answer.get_data(as_text=True)
    assert channels() == ["blog"] and not demo.has_demo()
