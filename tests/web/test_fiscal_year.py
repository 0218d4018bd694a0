"""The fiscal year's start: the yearly review moves with it, a rewritten one stays."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from calendar_app.clock import now as app_now
from calendar_app.domain.routine_ticks import yearly_review_rrule
from calendar_app.extensions import db
from calendar_app.models import CadenceRule, ScheduleItem
from calendar_app.services import channels, planner
from tests.web.test_settings import PROFILE


def review_rule() -> CadenceRule:
    workspace = planner.get_workspace()
    return channels.switch_routine("yearly-strategy", True, workspace, app_now().date(), app_now())


def review_months() -> set[int]:
    items = db.session.scalars(select(ScheduleItem).where(ScheduleItem.activity == "routine"))
    zone = planner.resolve_timezone(planner.get_workspace().timezone)
    return {item.starts_at.astimezone(zone).month for item in items}


def test_the_yearly_review_falls_in_the_month_before_the_fiscal_year(logged_in) -> None:
    rule = review_rule()
    assert review_months() == {12}
    response = logged_in.post("/settings", data={**PROFILE, "fiscal_year_start": "4"})
    assert response.status_code == 302
    db.session.expire_all()
    assert planner.get_workspace().fiscal_year_start == 4
    assert rule.rrule == yearly_review_rrule(4) and "BYMONTH=3;" in rule.rrule
    assert review_months() == set()  # December's untouched slot went; March is not planned yet
    planner.extend_schedule(planner.get_workspace(), date(2027, 4, 1), app_now())
    assert review_months() == {3}
    page = logged_in.get("/settings").get_data(as_text=True)
    assert '<option selected value="4">April</option>' in page


def test_a_review_switched_on_later_follows_the_fiscal_year(logged_in) -> None:
    logged_in.post("/settings", data={**PROFILE, "fiscal_year_start": "7"})
    assert "BYMONTH=6;" in review_rule().rrule
    planner.extend_schedule(planner.get_workspace(), date(2027, 7, 1), app_now())
    assert review_months() == {6}


def test_a_review_someone_rewrote_keeps_its_rhythm(logged_in) -> None:
    rule = review_rule()
    rule.rrule = "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=15"
    db.session.commit()
    logged_in.post("/settings", data={**PROFILE, "fiscal_year_start": "4"})
    db.session.expire_all()
    assert rule.rrule == "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=15"


def test_a_touched_review_stays_on_its_day(logged_in) -> None:
    review_rule()
    item = db.session.scalars(select(ScheduleItem).where(ScheduleItem.activity == "routine")).one()
    item.touched_at, item.notes = app_now(), "Booked the meeting room"
    db.session.commit()
    logged_in.post("/settings", data={**PROFILE, "fiscal_year_start": "4"})
    db.session.expire_all()
    assert db.session.get(ScheduleItem, item.id).notes == "Booked the meeting room"


@pytest.mark.parametrize("month", ["0", "13", "April", "-1", "1.5"])
def test_a_month_that_does_not_exist_is_refused_and_changes_nothing(logged_in, month) -> None:
    rule = review_rule()
    response = logged_in.post(
        "/settings", data={**PROFILE, "name": "Renamed", "fiscal_year_start": month}
    )
    page = response.get_data(as_text=True)
    errors = page.split('<div id="fiscal_year_start-error">', 1)[1].split("</div>", 1)[0]
    assert "Choose a month from January to December." in errors
    db.session.expire_all()
    workspace = planner.get_workspace()
    assert (workspace.fiscal_year_start, workspace.name) == (1, "Acme Bikes")
    assert rule.rrule == yearly_review_rrule(1)


def test_a_form_without_the_month_keeps_it(logged_in) -> None:
    logged_in.post("/settings", data={**PROFILE, "fiscal_year_start": "10"})
    logged_in.post("/settings", data=PROFILE)
    db.session.expire_all()
    assert planner.get_workspace().fiscal_year_start == 10
