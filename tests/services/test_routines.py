"""Ticking routine checklists: saved as one unit, refused whole, kept by the planner."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from sqlalchemy import select

from calendar_app.domain.routine_ticks import DONE, MISSED, OPEN, RoutineError
from calendar_app.extensions import db
from calendar_app.models import RoutineTick, ScheduleItem
from calendar_app.services import planner
from calendar_app.services.items import delete
from calendar_app.services.planner import StaleItem
from calendar_app.services.routines import (
    RoutineProgress,
    save_checklist,
    ticks_of,
    week_routines,
)
from tests.conftest import NOW
from tests.factories import make_channel, make_item, make_rule, make_user, make_workspace


def routine_items(key: str = "daily-scan", rrule: str = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"):
    make_workspace(planned_until=date(2026, 12, 6))
    channel = make_channel("routines", name="Routines")
    make_rule(
        channel,
        activity="routine",
        rrule=rrule,
        routine_key=key,
        label="Daily scan",
        time_of_day=time(9),
        duration_minutes=15,
        starts_on=date(2026, 11, 16),
    )
    planner.replan_everything(NOW - timedelta(days=7))
    db.session.commit()
    return list(db.session.scalars(select(ScheduleItem).order_by(ScheduleItem.starts_at)))


def saved(item: ScheduleItem) -> dict[int, int | None]:
    return {step: tick.number for step, tick in ticks_of(item).items()}


def test_ticking_saves_the_steps_and_numbers_and_touches_the_item(app) -> None:
    item = routine_items()[-1]
    owner = make_user("owner@example.com")
    version = item.version
    save_checklist(item, {0: 14, 1: None}, owner, NOW, version)
    assert saved(item) == {0: 14, 1: None}
    assert item.touched and item.version == version + 1
    tick = ticks_of(item)[0]
    assert (tick.ticked_by_id, tick.ticked_at) == (owner.id, NOW)


def test_saving_again_keeps_who_ticked_an_unchanged_step_and_unticks_the_rest(app) -> None:
    item = routine_items()[-1]
    first, second = make_user("first@example.com"), make_user("second@example.com")
    save_checklist(item, {0: 14, 1: None}, first, NOW)
    later = NOW + timedelta(hours=1)
    save_checklist(item, {0: 14, 2: 3}, second, later)
    ticks = ticks_of(item)
    assert sorted(ticks) == [0, 2]
    assert (ticks[0].ticked_by_id, ticks[0].ticked_at) == (first.id, NOW)
    assert (ticks[2].ticked_by_id, ticks[2].number) == (second.id, 3)
    save_checklist(item, {0: 15}, second, later)
    assert saved(item) == {0: 15}
    assert ticks_of(item)[0].ticked_by_id == second.id
    save_checklist(item, {}, second, later)
    assert saved(item) == {}


@pytest.mark.parametrize(
    ("ticks", "field", "message"),
    [
        ({3: None}, "step", "has no step 4"),
        ({1: 5}, "number-1", "counts nothing"),
        ({0: 10**9 + 1}, "number-0", "whole number"),
        ({0: -1}, "number-0", "whole number"),
    ],
)
def test_a_bad_tick_is_refused_and_changes_nothing(app, ticks, field, message) -> None:
    item = routine_items()[-1]
    save_checklist(item, {0: 2}, None, NOW)
    version = item.version
    with pytest.raises(RoutineError, match=message) as error:
        save_checklist(item, {0: 9, **ticks}, None, NOW)
    assert error.value.field == field
    db.session.expire_all()
    assert saved(item) == {0: 2} and item.version == version


def test_a_post_or_a_routine_without_its_rule_cannot_be_ticked(app) -> None:
    item = routine_items()[-1]
    post = make_item(make_channel("blog"), NOW)
    with pytest.raises(RoutineError, match="not a routine"):
        save_checklist(post, {0: None}, None, NOW)
    one_off = make_item(item.channel, NOW, activity="routine")
    with pytest.raises(RoutineError, match="not a routine"):
        save_checklist(one_off, {}, None, NOW)
    assert db.session.scalars(select(RoutineTick)).all() == []
    assert not post.touched


def test_a_tick_from_a_page_showing_an_older_version_is_refused(app) -> None:
    item = routine_items()[-1]
    old = item.version
    save_checklist(item, {0: 1}, None, NOW, old)
    with pytest.raises(StaleItem, match="Someone else changed"):
        save_checklist(item, {0: 1, 1: None, 2: 0}, None, NOW, old)
    db.session.expire_all()
    assert saved(item) == {0: 1}


def test_a_ticked_routine_survives_re_planning_and_ticks_go_with_a_deleted_item(app) -> None:
    items = routine_items()
    future = items[-1]
    save_checklist(future, {0: 3}, None, NOW)
    rule = future.rule
    rule.rrule = "FREQ=WEEKLY;BYDAY=MO"  # the ticked Friday is no longer in the rule
    planner.replan([rule], planner.get_workspace(), NOW)
    db.session.commit()
    assert db.session.get(ScheduleItem, future.id).off_rule
    assert saved(future) == {0: 3}
    delete(future)
    assert db.session.scalars(select(RoutineTick)).all() == []


def test_the_week_counts_done_missed_and_open_routines(app) -> None:
    items = routine_items()  # the daily scan from Mon 16 Nov, at 09:00 Berlin
    by_day = {i.starts_at.date(): i for i in items}
    friday, monday, tuesday = (by_day[date(2026, 11, d)] for d in (20, 23, 24))
    save_checklist(friday, {0: 1, 1: None, 2: 0}, None, NOW)
    save_checklist(tuesday, {0: 1}, None, NOW)
    summary = week_routines(items, NOW)
    assert summary.progress[friday.id].state == DONE
    assert summary.progress[tuesday.id] == RoutineProgress(1, 3, OPEN)
    assert summary.progress[monday.id].state == (MISSED if monday.ends_at <= NOW else OPEN)
    states = [summary.progress[i.id].state for i in items]
    tally = summary.tally
    assert (tally.done, tally.missed, tally.open) == tuple(
        states.count(state) for state in (DONE, MISSED, OPEN)
    )
    assert tally.done == 1 and tally.missed >= 4  # Mon 16 to Thu 19 went by unticked


def test_skipped_routines_are_left_out_of_the_week(app) -> None:
    items = routine_items()
    items[0].status = "skipped"
    db.session.commit()
    assert items[0].id not in week_routines(items, NOW).progress


def test_a_week_without_routines_has_nothing_to_count(app) -> None:
    post = make_item(make_channel("blog"), NOW)
    summary = week_routines([post], NOW)
    assert summary.progress == {} and summary.tally.done == 0
