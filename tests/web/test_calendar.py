"""The Calendar page: month and week grids, channel filter, rescheduling by JSON."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import func, select

from calendar_app.extensions import db
from calendar_app.models import ScheduleItem
from calendar_app.services import planner
from calendar_app.services.agenda import grid_days
from tests.factories import make_channel, make_rule
from tests.queries import count_queries

NOW = datetime(2026, 11, 23, 6, tzinfo=UTC)


def plan() -> None:
    planner.replan_everything(NOW)
    db.session.commit()


def test_a_month_grid_is_whole_weeks_from_monday() -> None:
    days = grid_days("month", date(2026, 12, 17))
    assert (days[0], days[-1], len(days)) == (date(2026, 11, 30), date(2027, 1, 3), 35)
    assert grid_days("month", date(2027, 2, 10))[0] == date(
        2027, 2, 1
    )  # February 2027 starts on a Monday
    assert grid_days("week", date(2026, 12, 17)) == [date(2026, 12, 14 + n) for n in range(7)]


def test_the_month_view_shows_items_by_day_and_filters_by_channel(logged_in) -> None:
    make_rule(make_channel("linkedin", name="LinkedIn"), rrule="FREQ=WEEKLY;BYDAY=TU")
    make_rule(make_channel("blog", name="Blog"), rrule="FREQ=WEEKLY;BYDAY=TH")
    plan()
    logged_in.get("/calendar")  # the day's first visit extends the schedule
    page = logged_in.get("/calendar?view=month&start=2026-12-01").get_data(as_text=True)
    assert "December 2026" in page
    assert (
        page.count("LinkedIn · Post") == 5 and page.count("Blog · Post") == 5
    )  # five Tuesdays, five Thursdays
    assert "assign a headline" in page
    only_blog = logged_in.get("/calendar?view=month&start=2026-12-01&channel=blog").get_data(
        as_text=True
    )
    assert "LinkedIn · Post" not in only_blog and only_blog.count("Blog · Post") == 5
    week = logged_in.get("/calendar?view=week&start=2026-12-09").get_data(as_text=True)
    assert "Week of 7 Dec 2026" in week and week.count("· Post") == 2
    odd = logged_in.get("/calendar?view=year&start=never")
    assert odd.status_code == 200


def test_a_busy_day_in_the_month_shows_six_items_and_links_to_its_week(logged_in) -> None:
    for n in range(8):
        make_rule(make_channel(f"channel-{n}"), rrule="FREQ=WEEKLY;BYDAY=WE", label=f"Rule {n}")
    plan()
    logged_in.get("/calendar")
    page = logged_in.get("/calendar?view=month&start=2026-12-01").get_data(as_text=True)
    wednesday = page.split('data-day="2026-12-09"', 1)[1].split("</section>", 1)[0]
    assert wednesday.count('class="cal-item') == 6
    assert (
        '<a class="more" href="/calendar?view=week&amp;start=2026-12-09">+2 more'
        '<span class="visually-hidden"> on Wednesday 09 December</span></a>'
    ) in wednesday
    week = logged_in.get("/calendar?view=week&start=2026-12-09").get_data(as_text=True)
    assert week.count('class="cal-item') == 8 and "more</a>" not in week
    one = logged_in.get("/calendar?view=month&start=2026-12-01&channel=channel-1")
    assert "more</a>" not in one.get_data(as_text=True)


def test_reply_time_and_routines_show_their_label(logged_in) -> None:
    make_rule(
        make_channel("linkedin", name="LinkedIn"),
        activity="reply",
        rrule="FREQ=WEEKLY;BYDAY=WE",
        label="Answer comments",
    )
    plan()
    logged_in.get("/calendar")
    page = logged_in.get("/calendar?view=month&start=2026-12-01").get_data(as_text=True)
    assert page.count("LinkedIn · Reply time: Answer comments") == 5


def test_rescheduling_by_json_keeps_the_time_and_touches_the_item(logged_in) -> None:
    make_rule(make_channel(), rrule="FREQ=WEEKLY;BYDAY=TU")
    plan()
    item = db.session.scalars(select(ScheduleItem).order_by(ScheduleItem.starts_at)).first()
    response = logged_in.post(f"/items/{item.id}/reschedule", json={"day": "2026-12-04"})
    assert response.status_code == 200
    assert response.get_json()["day"] == "2026-12-04"
    assert response.get_json()["when"] == "Fri 04 Dec 09:00"
    local = item.starts_at.astimezone(planner.resolve_timezone("Europe/Berlin"))
    assert (local.date(), local.time()) == (date(2026, 12, 4), time(9))
    assert item.touched and item.sequence == 1
    plan()
    assert item.starts_at.astimezone(planner.resolve_timezone("Europe/Berlin")).date() == date(
        2026, 12, 4
    )


def test_rescheduling_with_a_bad_day_is_a_clear_json_error(logged_in) -> None:
    make_rule(make_channel(), rrule="FREQ=WEEKLY;BYDAY=TU")
    plan()
    item = db.session.scalars(select(ScheduleItem)).first()
    for body in ({"day": "someday"}, {}):
        response = logged_in.post(f"/items/{item.id}/reschedule", json=body)
        assert response.status_code == 400
        assert response.get_json() == {"error": "Give the new day as YYYY-MM-DD."}
    no_body = logged_in.post(f"/items/{item.id}/reschedule")
    assert no_body.status_code == 400 and "JSON object" in no_body.get_json()["error"]
    assert not item.touched
    assert logged_in.post("/items/9999/reschedule", json={"day": "2026-12-04"}).status_code == 404


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "2040-01-01"])
def test_a_day_more_than_ten_years_away_is_refused_by_both_ways_of_moving(logged_in, day) -> None:
    make_rule(make_channel(timezone="America/Los_Angeles"), rrule="FREQ=WEEKLY;BYDAY=TU")
    plan()
    item = db.session.scalars(select(ScheduleItem)).first()
    starts_at = item.starts_at
    response = logged_in.post(f"/items/{item.id}/reschedule", json={"day": day})
    assert response.status_code == 400
    assert response.get_json() == {"error": "Pick a day within ten years of today."}
    page = logged_in.post(
        f"/items/{item.id}/move", data={"day": day, "time": "23:30"}, follow_redirects=True
    )
    assert "Pick a day within ten years of today." in page.get_data(as_text=True)
    assert item.starts_at == starts_at and not item.touched and item.sequence == 0


def test_month_and_week_views_run_the_same_number_of_queries_for_few_or_many_items(
    logged_in,
) -> None:
    make_rule(make_channel(), rrule="FREQ=WEEKLY;BYDAY=TU")
    plan()
    logged_in.get("/calendar")
    few_month = count_queries(logged_in, "/calendar?view=month&start=2026-12-01")
    few_week = count_queries(logged_in, "/calendar?view=week&start=2026-12-01")
    few_agenda = count_queries(logged_in, "/week?start=2026-12-01")
    for n in range(12):
        make_rule(make_channel(f"channel-{n}"), rrule="FREQ=DAILY", label=f"Rule {n}")
    plan()
    assert db.session.scalar(select(func.count()).select_from(ScheduleItem)) >= 500
    assert count_queries(logged_in, "/calendar?view=month&start=2026-12-01") == few_month
    assert count_queries(logged_in, "/calendar?view=week&start=2026-12-01") == few_week
    assert count_queries(logged_in, "/week?start=2026-12-01") == few_agenda
