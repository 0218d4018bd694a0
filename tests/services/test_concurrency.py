"""Two people at once: stale saves are refused, races never make duplicates or 500s."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from calendar_app.clock import now as app_now
from calendar_app.extensions import db
from calendar_app.models import Channel, Idea, ScheduleItem, User, Workspace
from calendar_app.services import planner
from tests.factories import feed_token, make_channel, make_idea, make_rule

RULE = {"rrule": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"}


def at_once(actions: list[Callable[[], object]]) -> list[object]:
    """Run the actions in threads that start together; their results (or exceptions)."""
    db.session.commit()
    db.session.remove()  # the test's own connection must not hold a lock meanwhile
    start = threading.Barrier(len(actions))
    results: list[object] = [None] * len(actions)

    def run(index: int, action: Callable[[], object]) -> None:
        start.wait()
        try:
            results[index] = action()
        except Exception as exc:  # reported by the test
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


def client_for(app, user_id: str) -> FlaskClient:
    """A client logged in as the user whose ``get_id()`` is given (read before the threads)."""
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = user_id
    return client


@pytest.fixture
def item(logged_in) -> ScheduleItem:
    make_rule(make_channel(), **RULE)
    planner.keep_planned_ahead(app_now())
    return db.session.scalars(select(ScheduleItem).order_by(ScheduleItem.starts_at)).first()


def test_a_save_from_a_page_that_is_out_of_date_is_refused(app, logged_in, item) -> None:
    seen = item.version
    first = logged_in.post(f"/items/{item.id}", data={"notes": "Ann's notes", "version": seen})
    assert first.status_code == 302
    second = logged_in.post(f"/items/{item.id}", data={"notes": "Bob's notes", "version": seen})
    page = second.get_data(as_text=True)
    assert second.status_code == 200
    assert "Someone else changed this item after you opened it" in page
    assert "Bob&#39;s notes" in page  # nothing typed is lost
    db.session.expire_all()
    assert item.notes == "Ann's notes"
    assert item.version == seen + 1


def test_status_and_move_forms_refuse_a_stale_version(logged_in, item) -> None:
    seen = item.version
    logged_in.post(f"/items/{item.id}/status", data={"status": "approved", "version": seen})
    stale = logged_in.post(
        f"/items/{item.id}/status",
        data={"status": "skipped", "version": seen},
        follow_redirects=True,
    )
    assert "Someone else changed this item" in stale.get_data(as_text=True)
    moved = logged_in.post(
        f"/items/{item.id}/move",
        data={"day": "2026-12-01", "time": "15:00", "version": seen},
        follow_redirects=True,
    )
    assert "Someone else changed this item" in moved.get_data(as_text=True)
    db.session.expire_all()
    assert item.status == "approved" and item.version == seen + 1


def test_the_drag_endpoint_refuses_a_stale_version_with_409(logged_in, item) -> None:
    before, seen = item.starts_at, item.version
    logged_in.post(f"/items/{item.id}", data={"notes": "changed", "version": seen})
    response = logged_in.post(
        f"/items/{item.id}/reschedule", json={"day": "2026-12-02", "version": seen}
    )
    assert response.status_code == 409
    assert response.get_json()["stale"] is True
    db.session.expire_all()
    assert item.starts_at == before
    fresh = logged_in.post(
        f"/items/{item.id}/reschedule", json={"day": "2026-12-02", "version": item.version}
    )
    assert fresh.status_code == 200 and fresh.get_json()["version"] == seen + 2


def test_people_filling_the_next_free_slot_at_once_each_get_their_own(app, logged_in) -> None:
    channel = make_channel()
    make_rule(channel, **RULE)
    planner.keep_planned_ahead(app_now())
    owner = db.session.scalar(select(User)).get_id()
    ideas = [make_idea(f"Idea number {n} about bikes") for n in range(6)]
    idea_ids = [idea.id for idea in ideas]
    requests = [
        (lambda i=i: client_for(app, owner).post(f"/ideas/{i}/assign", data={"channel_id": 1}))
        for i in idea_ids
    ]
    results = at_once(requests)
    assert all(getattr(r, "status_code", None) == 302 for r in results), results
    slots = db.session.scalars(
        select(ScheduleItem.idea_id).where(ScheduleItem.idea_id.is_not(None))
    )
    assert sorted(slots) == idea_ids


def test_two_first_run_setups_at_once_make_one_owner_and_one_workspace(app) -> None:
    def setup(n: int) -> int:
        response = app.test_client().post(
            "/setup",
            data={
                "email": f"owner{n}@example.com",
                "password": "long enough pw",
                "confirm": "long enough pw",
                "workspace_name": f"Team {n}",
                "timezone": "Europe/Berlin",
            },
        )
        return response.status_code

    results = at_once([lambda n=n: setup(n) for n in range(5)])
    assert all(code in (200, 302) for code in results), results
    assert db.session.scalar(select(func.count()).select_from(User)) == 1
    assert db.session.scalar(select(func.count()).select_from(Workspace)) == 1


def test_the_same_headline_added_at_once_is_stored_once(app, logged_in) -> None:
    owner = db.session.scalar(select(User)).get_id()
    add = lambda: client_for(app, owner).post("/ideas/add", data={"headline": "Ten bike myths"})  # noqa: E731
    results = at_once([add] * 6)
    assert all(r.status_code == 302 for r in results), results
    assert db.session.scalar(select(func.count()).select_from(Idea)) == 1


def test_the_same_slug_created_at_once_gives_one_channel(app, logged_in) -> None:
    owner = db.session.scalar(select(User)).get_id()

    def create() -> int:
        return (
            client_for(app, owner)
            .post("/channels/new", data={"name": "Blog", "slug": "blog", "timezone": ""})
            .status_code
        )

    results = at_once([create] * 5)
    assert all(code in (200, 302) for code in results), results
    assert db.session.scalar(select(func.count()).select_from(Channel)) == 1


def test_one_invitation_accepted_twice_at_once_makes_one_account(app, logged_in) -> None:
    from calendar_app.services import accounts

    owner = db.session.scalar(select(User))
    _invitation, token = accounts.invite("sam@example.com", owner, app_now())

    def accept() -> int:
        return (
            app.test_client()
            .post(
                f"/join/{token}",
                data={"password": "sam's own pw", "confirm": "sam's own pw"},
            )
            .status_code
        )

    results = at_once([accept] * 4)
    assert all(code in (200, 302, 404) for code in results), results
    assert db.session.scalar(select(func.count()).select_from(User)) == 2


def test_feed_polls_never_fail_while_settings_are_being_saved(app, logged_in) -> None:
    from tests.web.test_settings import PROFILE

    make_rule(make_channel(), **RULE)
    planner.keep_planned_ahead(app_now())
    user = db.session.scalar(select(User))
    owner, token = user.get_id(), feed_token(user)
    app.config["CLOCK"].advance(days=1)  # the polls also extend the schedule by a day

    def poll() -> int:
        return app.test_client().get(f"/feeds/{token}.ics").status_code

    def save(n: int) -> int:
        zone = "Europe/Berlin" if n % 2 else "Europe/Amsterdam"
        data = {**PROFILE, "timezone": zone, "hours_per_week": str(10 + n)}
        return client_for(app, owner).post("/settings", data=data).status_code

    actions = [poll] * 20 + [lambda n=n: save(n) for n in range(4)]
    results = at_once(actions)
    assert results[:20] == [200] * 20, results
    assert results[20:] == [302] * 4, results
