"""Ticking a routine's checklist on its page, and the week saying how routines went."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from calendar_app.clock import now as app_now
from calendar_app.extensions import db
from calendar_app.models import RoutineTick, ScheduleItem
from calendar_app.services import planner
from tests.factories import make_channel, make_item, make_rule
from tests.queries import count_queries


@pytest.fixture
def scans(logged_in):
    """The daily scan switched on from Mon 23 Nov 2026."""
    assert logged_in.post("/channels/routines/daily-scan", data={"on": "1"}).status_code == 302
    return routines()


def routines() -> list[ScheduleItem]:
    query = select(ScheduleItem).where(ScheduleItem.activity == "routine")
    return list(db.session.scalars(query.order_by(ScheduleItem.starts_at)))


def ticks(item: ScheduleItem) -> dict[int, int | None]:
    db.session.expire_all()
    rows = db.session.scalars(select(RoutineTick).where(RoutineTick.item_id == item.id))
    return {tick.step: tick.number for tick in rows}


def tick(client, item: ScheduleItem, **form):
    form.setdefault("version", str(db.session.get(ScheduleItem, item.id).version))
    return client.post(f"/items/{item.id}/checklist", data=form, follow_redirects=True)


def test_the_item_page_shows_the_checklist_as_a_form_with_numbers_where_a_step_counts(
    scans, logged_in
) -> None:
    page = logged_in.get(f"/items/{scans[1].id}").get_data(as_text=True)
    assert f'action="/items/{scans[1].id}/checklist"' in page
    assert page.count('type="checkbox" name="step"') == 3
    assert 'name="number-0"' in page and 'name="number-2"' in page
    assert 'name="number-1"' not in page
    assert "Mentions today" in page and "0 of 3 steps done" in page


def test_ticking_every_step_saves_it_and_the_week_says_done(scans, logged_in) -> None:
    item = scans[1]  # Tuesday's scan
    answer = tick(logged_in, item, step=["0", "1", "2"], **{"number-0": "14", "number-2": "2"})
    page = answer.get_data(as_text=True)
    assert "Done: every step is ticked." in page and "3 of 3 steps done" in page
    assert 'value="14"' in page
    assert ticks(item) == {0: 14, 1: None, 2: 2}
    week = logged_in.get("/week").get_data(as_text=True)
    article = re.search(rf'<article[^>]* id="item-{item.id}">.*?</article>', week, re.S).group(0)
    assert "✓ done" in article
    assert re.search(r"Routines: <strong>1</strong> done", week)


def test_some_steps_show_as_how_many_and_unticking_saves_too(scans, logged_in) -> None:
    item = scans[1]
    tick(logged_in, item, step=["0", "2"])
    assert ticks(item) == {0: None, 2: None}
    week = logged_in.get("/week").get_data(as_text=True)
    assert "2/3 steps" in week
    assert "Checklist saved." in tick(logged_in, item).get_data(as_text=True)
    assert ticks(item) == {}


def test_a_routine_whose_time_went_by_unticked_shows_missed(scans, logged_in, clock) -> None:
    clock.advance(days=1, hours=4)  # Tuesday 11:00 in Berlin: Monday's and Tuesday's are over
    week = logged_in.get("/week").get_data(as_text=True)
    assert week.count("missed (0/3)") == 2
    assert re.search(r"<strong>2</strong> missed", week)


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"step": ["0", "3"]}, "This routine has no step &#39;3&#39;; nothing was saved."),
        ({"step": ["0", "x"]}, "This routine has no step &#39;x&#39;"),
        ({"step": ["0"], "number-0": "-2"}, "whole number from 0 to 1,000,000,000"),
        ({"step": ["0"], "number-0": "1.5"}, "whole number from 0 to 1,000,000,000"),
        ({"step": ["0"], "number-0": "1000000001"}, "whole number from 0 to 1,000,000,000"),
        ({"step": ["1"], "number-0": "4"}, "Tick step 1 too, or clear its number."),
    ],
)
def test_bad_input_is_refused_with_a_clear_error_and_changes_nothing(
    scans, logged_in, form, message
) -> None:
    item = scans[1]
    tick(logged_in, item, step=["1"])
    version = db.session.get(ScheduleItem, item.id).version
    answer = tick(logged_in, item, **form)
    assert answer.status_code == 200
    assert message in answer.get_data(as_text=True)
    assert ticks(item) == {1: None}
    assert db.session.get(ScheduleItem, item.id).version == version


def test_a_number_where_a_step_counts_nothing_is_ignored_not_saved(scans, logged_in) -> None:
    tick(logged_in, scans[1], step=["1"], **{"number-1": "5"})
    assert ticks(scans[1]) == {1: None}


def test_ticking_from_a_stale_page_is_refused(scans, logged_in) -> None:
    item = scans[1]
    old = str(db.session.get(ScheduleItem, item.id).version)
    tick(logged_in, item, step=["0"], version=old)
    page = tick(logged_in, item, step=["0", "1", "2"], version=old).get_data(as_text=True)
    assert "Someone else changed this item" in page
    assert ticks(item) == {0: None}


def test_ticking_an_item_that_is_not_a_routine_is_refused(scans, logged_in) -> None:
    post = make_item(make_channel("blog"), app_now())
    page = tick(logged_in, post, step=["0"]).get_data(as_text=True)
    assert "This item is not a routine: it has no checklist to tick." in page
    assert ticks(post) == {}
    assert 'name="step"' not in logged_in.get(f"/items/{post.id}").get_data(as_text=True)
    assert logged_in.post("/items/99999/checklist", data={"step": "0"}).status_code == 404


def test_ticking_needs_a_login(scans, client) -> None:
    with client.session_transaction() as session:
        session.clear()
    answer = client.post(f"/items/{scans[1].id}/checklist", data={"step": "0"})
    assert answer.status_code == 302 and "/login" in answer.headers["Location"]
    assert ticks(scans[1]) == {}


def test_the_week_reads_every_routine_s_ticks_in_one_query(scans, logged_in) -> None:
    logged_in.get("/week")  # the first view of the day may extend the schedule
    few = count_queries(logged_in, "/week")
    for item in scans[:5]:
        tick(logged_in, item, step=["0", "1"])
    assert count_queries(logged_in, "/week") == few


def test_a_blacked_out_routine_moves_to_the_next_working_day(logged_in) -> None:
    from calendar_app.models import Workspace

    workspace = db.session.scalar(select(Workspace))
    workspace.blackout_dates = ["2026-11-27"]
    db.session.commit()
    routines_channel = make_channel("routines", name="Routines")
    make_rule(
        routines_channel,
        activity="routine",
        routine_key="daily-scan",
        rrule="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        label="Daily scan",
    )
    make_rule(make_channel("blog"), rrule="FREQ=WEEKLY;BYDAY=FR")
    planner.replan_everything(app_now())
    db.session.commit()
    friday = db.session.scalar(
        select(ScheduleItem).where(ScheduleItem.occurrence_date == date(2026, 11, 27))
    )
    assert friday.activity == "routine"  # the post that day is dropped; the scan moved
    assert friday.starts_at.date() == date(2026, 11, 30)
