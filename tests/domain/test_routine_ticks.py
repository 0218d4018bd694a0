"""Ticking a routine's checklist, its state, the fiscal year's review and blackout moves."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendar_app.domain.cadence import Cadence, plan_occurrences
from calendar_app.domain.routine_ticks import (
    DONE,
    MISSED,
    OPEN,
    RoutineError,
    RoutineTally,
    check_ticks,
    follows_fiscal_year,
    is_done,
    next_working_day,
    occurrence_state,
    parse_count,
    plan_slots,
    read_ticks,
    routine_rrule,
    yearly_review_rrule,
)
from calendar_app.domain.routines import ROUTINES

BERLIN = ZoneInfo("Europe/Berlin")
NOON = datetime(2026, 11, 23, 12, tzinfo=UTC)


def test_the_steps_that_count_something_keep_the_checklist_texts() -> None:
    scan = ROUTINES["daily-scan"]
    assert scan.checklist[0].startswith("Scan mentions and comments")
    assert scan.count_label(0) == "Mentions today"
    assert scan.count_label(2) == "Negative mentions"
    assert scan.count_label(1) is None
    assert "good day" in ROUTINES["weekly-review"].count_label(2)
    assert ROUTINES["yearly-strategy"].counts == {}


@pytest.mark.parametrize("text", ["0", "12", " 7 ", "1000000000"])
def test_a_count_is_a_whole_number_from_0_to_a_billion(text) -> None:
    assert parse_count(text) == int(text)


@pytest.mark.parametrize("text", ["-1", "1.5", "12 mentions", "1000000001", "²", "١", "1e3"])
def test_anything_else_is_refused_with_the_way_to_write_it(text) -> None:
    with pytest.raises(RoutineError, match="whole number from 0 to 1,000,000,000") as error:
        parse_count(text, "number-0")
    assert error.value.field == "number-0"


def test_a_blank_count_is_no_number() -> None:
    assert parse_count("  ") is None
    assert parse_count(None) is None


@given(st.integers(0, 10**9))
def test_every_count_in_range_reads_back_as_written(number) -> None:
    assert parse_count(str(number)) == number


def test_a_form_gives_the_ticked_steps_with_their_numbers() -> None:
    ticks = read_ticks(["0", "1"], {0: "14", 2: ""}, 3, [0, 2])
    assert ticks == {0: 14, 1: None}
    assert read_ticks([], {0: "", 2: ""}, 3, [0, 2]) == {}


@pytest.mark.parametrize("step", ["3", "-1", "one", "", "99999999999999999999"])
def test_a_step_that_does_not_exist_is_refused(step) -> None:
    with pytest.raises(RoutineError, match="has no step") as error:
        read_ticks(["0", step], {}, 3, [])
    assert error.value.field == "step"


def test_a_number_for_a_step_left_unticked_is_refused() -> None:
    with pytest.raises(RoutineError, match="Tick step 3 too, or clear its number"):
        read_ticks(["0"], {2: "4"}, 3, [0, 2])


def test_a_number_that_is_not_a_count_is_refused_by_the_form() -> None:
    with pytest.raises(RoutineError) as error:
        read_ticks(["0"], {0: "-3"}, 3, [0])
    assert error.value.field == "number-0"


def test_ticks_are_checked_against_the_checklist() -> None:
    check_ticks({0: 5, 1: None, 2: 0}, 3, [0, 2])  # accepted
    with pytest.raises(RoutineError, match="no step 4"):
        check_ticks({3: None}, 3, [])
    with pytest.raises(RoutineError, match="Step 2 counts nothing"):
        check_ticks({1: 5}, 3, [0])
    with pytest.raises(RoutineError, match="whole number"):
        check_ticks({0: 10**9 + 1}, 3, [0])
    with pytest.raises(RoutineError, match="whole number"):
        check_ticks({0: -1}, 3, [0])


def test_an_occurrence_is_done_with_every_step_ticked() -> None:
    assert is_done(3, 3)
    assert not is_done(2, 3)
    assert not is_done(0, 0)


def test_an_occurrence_is_done_open_or_missed_by_its_end() -> None:
    later, earlier = NOON + timedelta(minutes=1), NOON - timedelta(minutes=1)
    assert occurrence_state(3, 3, earlier, NOON) == DONE
    assert occurrence_state(3, 3, later, NOON) == DONE
    assert occurrence_state(2, 3, later, NOON) == OPEN
    assert occurrence_state(2, 3, earlier, NOON) == MISSED
    assert occurrence_state(0, 3, NOON, NOON) == MISSED


def test_a_tally_counts_each_state() -> None:
    tally = RoutineTally().add(DONE).add(DONE).add(MISSED).add(OPEN)
    assert (tally.done, tally.missed, tally.open) == (2, 1, 1)


def test_a_fiscal_year_from_january_reviews_in_december_as_before() -> None:
    assert yearly_review_rrule(1) == ROUTINES["yearly-strategy"].rrule


@given(st.integers(1, 12))
def test_the_review_falls_in_the_month_before_the_fiscal_year_starts(start) -> None:
    rrule = yearly_review_rrule(start)
    month = int(rrule.split("BYMONTH=")[1].split(";")[0])
    assert month % 12 + 1 == start
    cadence = Cadence("routine", time(10), date(2026, 1, 1), rrule=rrule)
    first = plan_occurrences(cadence, BERLIN, NOON, NOON + timedelta(days=400))[0]
    assert first.day.month == month and first.day.weekday() < 5 and first.day.day <= 3


@pytest.mark.parametrize("month", [0, 13, -1])
def test_a_fiscal_year_start_outside_the_year_is_refused(month) -> None:
    with pytest.raises(RoutineError, match="January to December"):
        yearly_review_rrule(month)


@given(st.integers(1, 12), st.integers(1, 12))
def test_a_review_follows_only_its_own_fiscal_year(start, other) -> None:
    rrule = yearly_review_rrule(start)
    assert follows_fiscal_year(rrule, start)
    assert follows_fiscal_year(rrule, other) == (start == other)


def test_a_rewritten_or_missing_review_rule_does_not_follow_the_fiscal_year() -> None:
    assert follows_fiscal_year("FREQ=YEARLY;BYDAY=MO,TU,WE,TH,FR;BYMONTH=12;BYSETPOS=1", 1)
    assert not follows_fiscal_year("FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=15", 1)
    assert not follows_fiscal_year(None, 1)


def test_only_the_yearly_review_moves_with_the_fiscal_year() -> None:
    assert routine_rrule("yearly-strategy", 4) == yearly_review_rrule(4)
    for key in ("daily-scan", "weekly-review", "monthly-analysis"):
        assert routine_rrule(key, 4) == ROUTINES[key].rrule


days = st.dates(date(2026, 1, 1), date(2030, 12, 31))


@given(days, st.frozensets(days, max_size=40))
def test_the_next_working_day_is_the_first_one_not_blacked_out(day, blackout) -> None:
    moved = next_working_day(day, blackout)
    assert moved >= day and moved.weekday() < 5 and moved not in blackout
    between = (day + timedelta(days=n) for n in range((moved - day).days))
    assert all(d.weekday() >= 5 or d in blackout for d in between)


def test_a_whole_year_blacked_out_has_no_working_day() -> None:
    year = frozenset(date(2027, 1, 1) + timedelta(days=n) for n in range(370))
    with pytest.raises(ValueError, match="every day is a blackout day"):
        next_working_day(date(2027, 1, 1), year)


SCAN = Cadence("routine", time(9), date(2026, 11, 23), rrule="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR")
POSTS = Cadence("post", time(9), date(2026, 11, 23), rrule="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR")
WEEK = (NOON, NOON + timedelta(days=7))


def test_a_routine_on_a_blackout_day_moves_to_the_next_working_day() -> None:
    blackout = frozenset({date(2026, 11, 27)})  # the Friday: the scan moves to Monday
    slots = plan_slots(SCAN, BERLIN, *WEEK, blackout)
    moved = slots[-2]
    assert moved.day == date(2026, 11, 27)  # it keeps its identity within the rule
    assert moved.start == datetime(2026, 11, 30, 8, tzinfo=UTC)  # 09:00 Berlin on Monday
    assert moved.end - moved.start == timedelta(minutes=30)  # a routine's default length
    assert len(slots) == len(plan_slots(SCAN, BERLIN, *WEEK, frozenset()))


def test_a_post_on_a_blackout_day_is_still_dropped() -> None:
    blackout = frozenset({date(2026, 11, 27)})
    days = [slot.day for slot in plan_slots(POSTS, BERLIN, *WEEK, blackout)]
    assert date(2026, 11, 27) not in days
    assert len(days) == len(plan_slots(POSTS, BERLIN, *WEEK, frozenset())) - 1


@given(st.frozensets(st.dates(date(2026, 11, 23), date(2027, 1, 31)), max_size=30))
def test_no_routine_occurrence_is_lost_to_blackouts(blackout) -> None:
    plain = plan_slots(SCAN, BERLIN, *WEEK, frozenset())
    slots = plan_slots(SCAN, BERLIN, *WEEK, blackout)
    assert [s.day for s in slots] == [s.day for s in plain]
    for slot in slots:
        local = slot.start.astimezone(BERLIN)
        assert local.time() == time(9) and local.date() not in blackout
        assert local.weekday() < 5 and local.date() >= slot.day
