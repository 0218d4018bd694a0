"""Rules become schedule items; editing rules never loses what people did to items."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from calendar_app.extensions import db
from calendar_app.models import Idea, ScheduleItem
from calendar_app.services import planner
from tests.conftest import NOW
from tests.factories import make_channel, make_rule, make_workspace


def items() -> list[ScheduleItem]:
    return list(db.session.scalars(select(ScheduleItem).order_by(ScheduleItem.starts_at)))


def days_of(rows: list[ScheduleItem]) -> list[str]:
    return [
        i.starts_at.astimezone(planner.resolve_timezone("Europe/Berlin")).strftime("%a %d %b %H:%M")
        for i in rows
    ]


def plan(now: datetime = NOW) -> planner.PlanStats:
    stats = planner.replan_everything(now)
    db.session.commit()
    return stats


def snapshot() -> list[tuple]:
    return [(i.uid, i.starts_at, i.ends_at, i.sequence, i.updated_at, i.status) for i in items()]


def test_planning_fills_the_horizon_at_local_time(app) -> None:
    make_workspace(planned_until=date(2026, 12, 6))
    make_rule(make_channel())
    stats = plan()
    assert stats.created == 6
    assert days_of(items()) == [
        "Mon 23 Nov 09:00",
        "Wed 25 Nov 09:00",
        "Fri 27 Nov 09:00",
        "Mon 30 Nov 09:00",
        "Wed 02 Dec 09:00",
        "Fri 04 Dec 09:00",
    ]
    first = items()[0]
    assert first.starts_at == datetime(2026, 11, 23, 8, tzinfo=UTC)
    assert first.ends_at - first.starts_at == timedelta(minutes=30)
    assert first.occurrence_date == date(2026, 11, 23)
    assert first.status == "draft" and not first.touched


def test_running_the_planner_twice_changes_nothing(app) -> None:
    make_workspace()
    make_rule(make_channel())
    plan()
    before = snapshot()
    assert plan().changed == 0
    assert snapshot() == before


def test_editing_a_rule_replans_untouched_items_and_keeps_their_identity(app) -> None:
    make_workspace(planned_until=date(2026, 11, 29))
    rule = make_rule(make_channel())
    plan()
    uids = [i.uid for i in items()]
    rule.time_of_day = time(11, 30)
    stats = plan()
    assert stats.updated == 3
    assert days_of(items()) == ["Mon 23 Nov 11:30", "Wed 25 Nov 11:30", "Fri 27 Nov 11:30"]
    assert [i.uid for i in items()] == uids
    assert all(i.sequence == 1 for i in items())


def test_editing_a_rule_keeps_a_moved_an_assigned_and_an_annotated_item(app) -> None:
    make_workspace(planned_until=date(2026, 12, 6))
    rule = make_rule(make_channel())
    plan()
    monday, wednesday, friday, next_monday, *_ = items()
    moved_to = datetime(2026, 11, 26, 14, tzinfo=UTC)
    planner.move_item(wednesday, moved_to, NOW)
    friday.idea = Idea(headline="Winter cycling for beginners")
    planner.touch(friday, NOW)
    next_monday.notes = "Ask Sam for photos"
    planner.touch(next_monday, NOW)
    db.session.commit()

    rule.rrule = "FREQ=WEEKLY;BYDAY=TU,TH"
    rule.time_of_day = time(10)
    plan()

    kept = {i.uid: i for i in items()}
    assert kept[wednesday.uid].starts_at == moved_to
    assert kept[friday.uid].idea.headline == "Winter cycling for beginners"
    assert kept[next_monday.uid].notes == "Ask Sam for photos"
    assert monday.uid not in kept  # untouched and no longer in the rule
    assert all(kept[uid].off_rule for uid in (wednesday.uid, friday.uid, next_monday.uid))
    untouched = [i for i in items() if not i.touched]
    assert days_of(untouched) == [
        "Tue 24 Nov 10:00",
        "Thu 26 Nov 10:00",
        "Tue 01 Dec 10:00",
        "Thu 03 Dec 10:00",
    ]


def test_a_touched_item_is_unflagged_when_the_rule_fits_it_again(app) -> None:
    make_workspace(planned_until=date(2026, 11, 29))
    rule = make_rule(make_channel())
    plan()
    wednesday = items()[1]
    planner.touch(wednesday, NOW)
    rule.rrule = "FREQ=WEEKLY;BYDAY=MO"
    plan()
    assert wednesday.off_rule
    rule.rrule = "FREQ=WEEKLY;BYDAY=MO,WE,FR"
    plan()
    assert not wednesday.off_rule
    assert len(items()) == 3  # the touched item stands for its occurrence: no duplicate


def test_deleting_a_rule_keeps_touched_items_as_one_offs(app) -> None:
    make_workspace(planned_until=date(2026, 11, 29))
    rule = make_rule(make_channel())
    plan()
    _, wednesday, _ = items()
    planner.move_item(wednesday, wednesday.starts_at + timedelta(hours=2), NOW)
    db.session.commit()
    planner.delete_rule(rule, NOW)
    db.session.commit()
    assert [i.uid for i in items()] == [wednesday.uid]
    assert wednesday.rule_id is None and wednesday.occurrence_date is None
    assert plan().changed == 0


def test_past_items_are_history_and_stay(app) -> None:
    make_workspace(planned_until=date(2026, 12, 6))
    rule = make_rule(make_channel())
    plan()
    later = datetime(2026, 11, 28, tzinfo=UTC)
    rule.rrule = "FREQ=WEEKLY;BYDAY=TU"
    plan(later)
    assert days_of(items()) == [
        "Mon 23 Nov 09:00",
        "Wed 25 Nov 09:00",
        "Fri 27 Nov 09:00",
        "Tue 01 Dec 09:00",
    ]


def test_pausing_a_channel_removes_untouched_future_items_and_resuming_brings_them_back(
    app,
) -> None:
    make_workspace(planned_until=date(2026, 11, 29))
    channel = make_channel()
    make_rule(channel)
    plan()
    kept = items()[2]
    planner.touch(kept, NOW)
    channel.paused = True
    plan()
    assert [i.uid for i in items()] == [kept.uid]
    channel.paused = False
    plan()
    assert len(items()) == 3 and kept in items()


def test_a_deleted_occurrence_is_not_planned_again(app) -> None:
    make_workspace(planned_until=date(2026, 11, 29))
    make_rule(make_channel())
    plan()
    planner.delete_item(items()[1])
    db.session.commit()
    plan()
    assert days_of(items()) == ["Mon 23 Nov 09:00", "Fri 27 Nov 09:00"]


def test_blackout_dates_get_no_items(app) -> None:
    make_workspace(planned_until=date(2026, 11, 29), blackout_dates=["2026-11-25"])
    make_rule(make_channel())
    plan()
    assert days_of(items()) == ["Mon 23 Nov 09:00", "Fri 27 Nov 09:00"]


def test_a_channel_time_zone_overrides_the_workspace_one(app) -> None:
    make_workspace(planned_until=date(2026, 11, 29))
    make_rule(
        make_channel(timezone="Asia/Kolkata"), rrule="FREQ=WEEKLY;BYDAY=TU", time_of_day=time(10)
    )
    plan()
    assert [i.starts_at for i in items()] == [datetime(2026, 11, 24, 4, 30, tzinfo=UTC)]


def test_the_horizon_extends_to_thirteen_weeks_once_a_day(app) -> None:
    workspace = make_workspace(planned_until=None)
    make_rule(make_channel(), rrule="FREQ=WEEKLY;BYDAY=MO")
    stats = planner.keep_planned_ahead(NOW)
    assert workspace.planned_until == date(2027, 2, 22)
    assert stats.created == 14  # Mondays from 23 Nov 2026 to 22 Feb 2027
    assert planner.keep_planned_ahead(NOW + timedelta(hours=5)).changed == 0
    assert planner.keep_planned_ahead(NOW + timedelta(days=7)).created == 1


def test_disabled_rules_plan_nothing(app) -> None:
    make_workspace(planned_until=date(2026, 11, 29))
    make_rule(make_channel(), enabled=False)
    assert plan().created == 0


def test_two_workers_extending_at_once_do_not_fail(app, monkeypatch) -> None:
    workspace = make_workspace(planned_until=None)
    make_rule(make_channel(), rrule="FREQ=WEEKLY;BYDAY=MO")
    planner.keep_planned_ahead(NOW)  # the other worker's extension, committed
    planned = len(items())
    workspace.planned_until = None  # ...while this worker still saw the old horizon
    db.session.commit()
    original = planner.replan

    def replan_without_seeing_the_other_worker(rules, workspace, now):
        db.session.execute(ScheduleItem.__table__.update().values(rule_id=None))
        stats = original(rules, workspace, now)
        db.session.execute(ScheduleItem.__table__.update().values(rule_id=rules[0].id))
        return stats

    monkeypatch.setattr(planner, "replan", replan_without_seeing_the_other_worker)
    assert planner.keep_planned_ahead(NOW).changed == 0
    assert len(items()) == planned
