"""Slow work never holds the write lock: reading an upload and checking a password happen
before the unit of work that stores their outcome, so other people's saves go through."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from calendar_app.clock import now as app_now
from calendar_app.extensions import db
from calendar_app.models import ResultRecord, ScheduleItem, User
from calendar_app.services import accounts, planner
from calendar_app.services import results_import as results_service
from tests.factories import make_channel, make_rule, make_user
from tests.services.test_concurrency import at_once, client_for

SAMPLES = Path(__file__).parents[2] / "docs" / "samples"
WAIT = 8  # seconds: longer than SQLite's busy timeout of 5 s


@pytest.fixture
def item(logged_in) -> ScheduleItem:
    make_rule(make_channel(), rrule="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR")
    planner.keep_planned_ahead(app_now())
    return db.session.scalars(select(ScheduleItem).order_by(ScheduleItem.starts_at)).first()


def save_while(app, owner: str, item_id: int, version: int, busy: threading.Event, done):
    """A request that saves the item's notes as soon as ``busy`` is set, then sets ``done``."""

    def save() -> int:
        busy.wait(WAIT)
        try:
            response = client_for(app, owner).post(
                f"/items/{item_id}", data={"notes": "saved meanwhile", "version": version}
            )
            return response.status_code
        finally:
            done.set()

    return save


def test_a_save_goes_through_while_a_large_upload_is_being_read(
    app, logged_in, item, monkeypatch
) -> None:
    reading, saved = threading.Event(), threading.Event()
    finished_while_reading: list[bool] = []
    original = results_service.read_results

    def slow_read(raw, period=None, *, today):
        reading.set()
        finished_while_reading.append(saved.wait(WAIT))
        return original(raw, period, today=today)

    monkeypatch.setattr(results_service, "read_results", slow_read)
    owner = db.session.scalar(select(User)).get_id()
    raw = (SAMPLES / "results.csv").read_bytes()

    def upload() -> int:
        data = {"file": (io.BytesIO(raw), "results.csv")}
        client = client_for(app, owner)
        return client.post("/results/", data=data, content_type="multipart/form-data").status_code

    item_id = item.id
    save = save_while(app, owner, item_id, item.version, reading, saved)
    uploaded, saved_status = at_once([upload, save])
    assert (uploaded, saved_status) == (302, 302)
    assert finished_while_reading == [True]
    notes = db.session.scalar(select(ScheduleItem.notes).where(ScheduleItem.id == item_id))
    assert notes == "saved meanwhile"
    assert len(db.session.scalars(select(ResultRecord)).all()) == 2


def test_a_save_goes_through_while_a_password_is_being_checked(
    app, logged_in, item, monkeypatch
) -> None:
    make_user("sam@example.com", "sam's own password")
    checking, saved = threading.Event(), threading.Event()
    finished_while_checking: list[bool] = []
    original = accounts.check_password_hash

    def slow_check(hashed: str, password: str) -> bool:
        checking.set()
        finished_while_checking.append(saved.wait(WAIT))
        return original(hashed, password)

    monkeypatch.setattr(accounts, "check_password_hash", slow_check)
    owner = db.session.scalar(select(User).where(User.is_owner)).get_id()

    def log_in() -> int:
        data = {"email": "sam@example.com", "password": "a wrong password"}
        return app.test_client().post("/login", data=data).status_code

    save = save_while(app, owner, item.id, item.version, checking, saved)
    login_status, saved_status = at_once([log_in, save])
    assert (login_status, saved_status) == (200, 302)
    assert finished_while_checking == [True]


def test_an_item_deleted_by_someone_else_just_before_a_save_gives_a_clear_409(
    app, logged_in, item, monkeypatch
) -> None:
    from calendar_app.services import items as items_service
    from calendar_app.web.schedule import views

    def delete_first_then_edit(target, *args, **kwargs):
        with db.engine.begin() as other:  # another person's request, committed meanwhile
            other.execute(ScheduleItem.__table__.delete().where(ScheduleItem.id == target.id))
        return items_service.edit_item(target, *args, **kwargs)

    monkeypatch.setattr(views, "edit_item", delete_first_then_edit)
    response = logged_in.post(f"/items/{item.id}", data={"notes": "too late"})
    assert response.status_code == 409
    assert "Someone else removed or changed this a moment ago" in response.get_data(as_text=True)


def test_a_save_goes_through_between_the_chunks_of_a_large_import(
    app, logged_in, item, monkeypatch
) -> None:
    """Writing is done in chunks, each its own short transaction: a save waits for one
    chunk at most, never for the whole file."""
    monkeypatch.setattr(results_service, "CHUNK_ROWS", 2)
    first_written, saved = threading.Event(), threading.Event()
    saved_between: list[bool] = []
    original = results_service._write

    def write_and_wait(chunk, seen, replaced):
        original(chunk, seen, replaced)
        if not first_written.is_set():
            first_written.set()
            saved_between.append(saved.wait(WAIT))

    monkeypatch.setattr(results_service, "_write", write_and_wait)
    owner = db.session.scalar(select(User)).get_id()
    days = [f"2026-10-{day:02d},blog,social,winter,,{day},0,0,0" for day in range(1, 8)]
    raw = ("date,utm_source,utm_medium,utm_campaign,utm_content,visits,leads,customers,revenue\n"
           + "\n".join(days)).encode()  # fmt: skip

    def upload() -> int:
        data = {"file": (io.BytesIO(raw), "results.csv")}
        client = client_for(app, owner)
        return client.post("/results/", data=data, content_type="multipart/form-data").status_code

    save = save_while(app, owner, item.id, item.version, first_written, saved)
    assert at_once([upload, save]) == [302, 302]
    assert saved_between == [True]
    stored = db.session.scalars(select(ResultRecord.visits).order_by(ResultRecord.starts_on))
    assert list(stored) == list(range(1, 8))  # every chunk written, each row once


def test_the_same_file_imported_twice_at_once_is_stored_once(app, logged_in, item) -> None:
    owner = db.session.scalar(select(User)).get_id()
    raw = (SAMPLES / "results.csv").read_bytes()

    def upload() -> int:
        data = {"file": (io.BytesIO(raw), "results.csv")}
        client = client_for(app, owner)
        return client.post("/results/", data=data, content_type="multipart/form-data").status_code

    # The later one finds every row stored already, or, if it read before the first one
    # wrote, stops and says so (nothing of it stored): never the rows twice.
    assert sorted(at_once([upload, upload])) in ([302, 302], [200, 302])
    assert len(db.session.scalars(select(ResultRecord)).all()) == 2
