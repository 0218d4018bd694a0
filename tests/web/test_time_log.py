"""Logging the time actually spent on items, and planned against logged hours."""

from __future__ import annotations

import re

from sqlalchemy import select

from calendar_app.clock import now as app_now
from calendar_app.extensions import db
from calendar_app.models import ScheduleItem
from calendar_app.services import planner
from tests.factories import make_channel, make_rule


def first_item(logged_in) -> ScheduleItem:
    make_rule(make_channel("linkedin", name="LinkedIn"), rrule="FREQ=DAILY")
    planner.keep_planned_ahead(app_now())
    return db.session.scalars(select(ScheduleItem).order_by(ScheduleItem.starts_at)).first()


def test_one_click_logs_the_planned_duration_and_the_week_adds_it_up(logged_in) -> None:
    item = first_item(logged_in)
    week = logged_in.get("/week").get_data(as_text=True)
    assert "Took 30 min" in week
    page = logged_in.post(
        f"/items/{item.id}/time",
        data={"planned": "1", "version": item.version},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Logged 30 minutes." in page
    assert re.search(r"Time logged:\s+LinkedIn <strong>0.5</strong> of \d\.\d h planned", page)
    assert "30 min logged" in page
    db.session.expire_all()
    assert item.actual_minutes == 30 and item.touched


def test_minutes_typed_on_the_item_page(logged_in) -> None:
    item = first_item(logged_in)
    logged_in.post(
        f"/items/{item.id}/time", data={"minutes": "45", "back": "item", "version": item.version}
    )
    page = logged_in.get(f"/items/{item.id}").get_data(as_text=True)
    assert "45 minutes logged" in page
    for bad in ("lots", "-5", "2000", "9" * 40):
        response = logged_in.post(
            f"/items/{item.id}/time", data={"minutes": bad, "back": "item"}, follow_redirects=True
        )
        assert "minutes" in response.get_data(as_text=True).lower()
        db.session.expire_all()
        assert item.actual_minutes == 45, bad
