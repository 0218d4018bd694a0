"""Settings: "Remove the demo", for the owner only, while demo rows exist."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from calendar_app.extensions import db
from calendar_app.models import Channel, ScheduleItem
from calendar_app.services import demo
from tests.conftest import NOW
from tests.factories import make_user

BUTTON = "Remove the demo</button>"


def log_in(client: FlaskClient, user) -> FlaskClient:
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
    return client


@pytest.fixture
def owner(app, client) -> FlaskClient:
    demo.load_demo(NOW)
    return log_in(client, make_user("owner@example.com", "correct horse battery", is_owner=True))


def channels() -> int:
    return db.session.scalar(select(func.count()).select_from(Channel))


def test_the_owner_removes_the_demo_after_confirming(owner) -> None:
    page = owner.get("/settings").get_data(as_text=True)
    assert BUTTON in page and 'data-confirm="Remove the demo?' in page
    answer = owner.post("/settings/remove-demo", follow_redirects=True)
    text = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert "Removed the demo: 5 channels," in text
    assert channels() == 0
    assert BUTTON not in text  # no demo rows left: no button


def test_removing_again_says_there_is_no_demo_and_changes_nothing(owner) -> None:
    owner.post("/settings/remove-demo")
    db.session.add(Channel(name="Podcast", slug="podcast", utm_source="p", utm_medium="audio"))
    db.session.commit()
    text = owner.post("/settings/remove-demo", follow_redirects=True).get_data(as_text=True)
    assert "There is no demo to remove; nothing was changed." in text
    assert channels() == 1


def test_what_the_owner_worked_on_is_kept_and_named(owner) -> None:
    item = db.session.scalars(
        select(ScheduleItem).join(Channel).where(Channel.slug == "linkedin")
    ).first()
    item.notes = "Ask Sam for photos"
    db.session.commit()
    text = owner.post("/settings/remove-demo", follow_redirects=True).get_data(as_text=True)
    assert "Kept 1 item you worked on and the channel LinkedIn" in text
    assert db.session.get(ScheduleItem, item.id).notes == "Ask Sam for photos"


def test_a_member_sees_no_button_and_is_refused(owner, app) -> None:
    member = log_in(app.test_client(), make_user("sam@example.com", "long enough pw"))
    assert BUTTON not in member.get("/settings").get_data(as_text=True)
    assert member.post("/settings/remove-demo").status_code == 403
    assert channels() == 5 and demo.has_demo()


def test_without_a_demo_there_is_no_button(logged_in) -> None:
    page = logged_in.get("/settings").get_data(as_text=True)
    assert "Save settings" in page and BUTTON not in page


def test_removing_needs_a_login(app, client) -> None:
    demo.load_demo(NOW)
    answer = client.post("/settings/remove-demo")
    assert answer.status_code in (302, 401) and channels() == 5


def test_removing_needs_the_csrf_token(fresh_app) -> None:
    app = fresh_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        demo.load_demo(NOW)
        client = log_in(app.test_client(), make_user("o@example.com", is_owner=True))
        assert client.post("/settings/remove-demo").status_code == 400
        assert demo.has_demo()
