"""The history: what is recorded, as whom, and what is not (rolled back, no-op, planner)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import delete, func, select

from calendar_app.extensions import db
from calendar_app.models import ChangeRecord, ScheduleItem
from calendar_app.services import copy, history, owners, planner
from calendar_app.services.actor import COMMAND_LINE, PLANNER, acting_as, current_actor, member
from calendar_app.services.items import edit_item, set_status
from calendar_app.services.transaction import unit_of_work
from tests.factories import make_channel, make_item, make_rule, make_user, make_workspace

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
TUESDAY_NOON = datetime(2026, 11, 24, 11, 0, tzinfo=UTC)


@pytest.fixture
def post(app):
    workspace = make_workspace()
    owner = make_user("owner@example.com", is_owner=True)
    item = make_item(make_channel("blog"), TUESDAY_NOON)
    assert {r.field for r in records()} == {"created"}  # the channel and the item
    db.session.execute(delete(ChangeRecord))
    db.session.commit()
    return workspace, owner, item


def records() -> list[ChangeRecord]:
    return list(db.session.scalars(select(ChangeRecord).order_by(ChangeRecord.id)))


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(ChangeRecord))


def test_a_status_change_is_recorded_as_the_members_in_words(post) -> None:
    _, owner, item = post
    with acting_as(member(owner)):
        set_status(item, "in_review", NOW, by=owner)
    [record] = records()
    assert (record.kind, record.entity_id, record.field) == ("item", item.id, "status")
    assert (record.before, record.after) == ("Draft", "In review")
    assert (record.actor_id, record.actor_label) == (owner.id, "owner@example.com")
    assert record.subject == "Blog, Tue 24 Nov 2026 12:00"  # Berlin time


def test_an_assignee_is_recorded_by_name_and_a_time_in_the_workspace_zone(post) -> None:
    _, owner, item = post
    writer = make_user("writer@example.com")
    owners.assign(item, writer.id, NOW)
    with unit_of_work():
        item.starts_at = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
    fields = {r.field: (r.before, r.after) for r in records()}
    assert fields["assignee_id"] == ("", "writer@example.com")
    assert fields["starts_at"] == ("Tue 24 Nov 2026 12:00", "Wed 25 Nov 2026 10:30")
    assert {r.actor_label for r in records()} == {"system"}


def test_a_rolled_back_change_writes_no_history(post) -> None:
    _, owner, item = post
    with pytest.raises(RuntimeError), unit_of_work():
        item.status = "skipped"
        db.session.flush()
        assert count() == 1  # written in the transaction...
        raise RuntimeError("refused")
    assert count() == 0  # ...and gone with it
    assert db.session.get(ScheduleItem, item.id).status == "draft"


def test_a_save_that_changes_nothing_writes_no_history(post) -> None:
    _, owner, item = post
    edit_item(item, {"destination_url": "https://acme.example/a", "notes": "One"}, NOW, by=owner)
    assert count() == 2
    edit_item(item, {"destination_url": "https://acme.example/a", "notes": "One"}, NOW, by=owner)
    edit_item(item, {"destination_url": "https://acme.example/a", "notes": " One\n"}, NOW, by=owner)
    assert count() == 2  # the same values, and whitespace alone, are no change


def test_copy_is_recorded_whole_and_each_save_once(post) -> None:
    workspace, owner, item = post
    copy.save_copy(item, {"body": "Winter tyres"}, owner, workspace, NOW)
    copy.save_copy(item, {"body": "Winter tyres explained"}, owner, workspace, NOW)
    copy.save_copy(item, {"body": "Winter tyres explained"}, owner, workspace, NOW)
    bodies = [(r.before, r.after) for r in records() if r.field == "copy_body"]
    assert bodies == [("", "Winter tyres"), ("Winter tyres", "Winter tyres explained")]
    assert {r.entity_id for r in records()} == {item.id}


def test_rules_and_channels_record_their_making_changes_and_deletion(post) -> None:
    channel = make_channel("video", name="YouTube")
    rule = make_rule(channel, label="Weekly video")
    with unit_of_work():
        channel.name = "YouTube (Acme)"
        channel.paused = True
        rule.time_of_day = rule.time_of_day.replace(hour=10)
    planner.delete_rule(rule, NOW)
    seen = [(r.kind, r.field, r.before, r.after) for r in records()]
    assert ("channel", "created", "", "YouTube") in seen
    assert ("rule", "created", "", "Weekly video") in seen
    assert ("channel", "name", "YouTube", "YouTube (Acme)") in seen
    assert ("channel", "paused", "no", "yes") in seen
    assert ("rule", "time_of_day", "09:00", "10:00") in seen
    assert ("rule", "deleted", "Weekly video", "") in seen


def test_the_planner_records_only_what_it_does_to_items_people_worked_on(post) -> None:
    workspace, owner, _ = post
    rule = make_rule(make_channel("linkedin"))
    planner.extend_schedule(workspace, date(2026, 12, 20), NOW)
    db.session.commit()
    made = count()
    assert made == 2  # the channel and the rule; not the dozen items planned
    items = db.session.scalars(select(ScheduleItem).where(ScheduleItem.rule_id == rule.id)).all()
    worked_on = items[3]
    with acting_as(member(owner)):
        set_status(worked_on, "in_review", NOW, by=owner)
    with unit_of_work():
        rule.rrule = "FREQ=WEEKLY;BYDAY=TU"
        planner.replan([rule], workspace, NOW)
    new = records()[made + 1 :]
    assert [(r.field, r.actor_label) for r in new if r.kind == "item"] == [("off_rule", "planner")]
    assert new[-1].entity_id == worked_on.id
    assert [r.field for r in new if r.kind == "rule"] == ["rrule"]


def test_history_stays_when_an_item_is_deleted(post) -> None:
    _, owner, item = post
    set_status(item, "skipped", NOW, by=owner)
    planner.delete_item(item)
    kept = records()
    assert [r.field for r in kept] == ["status", "deleted"]
    assert history.item_history(item)[0].field == "deleted"


def test_actors_default_to_the_system_and_nest(app) -> None:
    assert current_actor().label == "system"
    with acting_as(COMMAND_LINE):
        with acting_as(PLANNER):
            assert current_actor() == PLANNER
        assert current_actor() == COMMAND_LINE
    assert current_actor().label == "system"


def test_recent_activity_pages_and_filters_by_person(post) -> None:
    _, owner, item = post
    writer = make_user("writer@example.com")
    with acting_as(member(owner)):
        set_status(item, "in_review", NOW, by=owner)
    with acting_as(member(writer)):
        edit_item(item, {"notes": "Hi"}, NOW, by=writer)
    everyone, more = history.recent_activity()
    assert [r.actor_label for r in everyone] == ["writer@example.com", "owner@example.com"]
    assert not more
    mine, _ = history.recent_activity(owner.id)
    assert [r.field for r in mine] == ["status"]
    assert history.people_in_history() == [
        (owner.id, "owner@example.com"),
        (writer.id, "writer@example.com"),
    ]
    db.session.add_all(
        ChangeRecord(at=NOW, kind="item", entity_id=item.id, field="notes", actor_label="x")
        for _ in range(history.PAGE_SIZE)
    )
    db.session.commit()
    first, more = history.recent_activity()
    second, more_after = history.recent_activity(page=2)
    assert (len(first), more, len(second), more_after) == (100, True, 2, False)


def test_commands_act_as_the_command_line(app, runner) -> None:
    assert runner.invoke(args=["demo"]).exit_code == 0
    labels = set(db.session.scalars(select(ChangeRecord.actor_label)))
    assert labels == {"command line"}  # the channels and rules it made; no planned items
    kinds = set(db.session.scalars(select(ChangeRecord.kind)))
    assert kinds == {"channel", "rule"}
    assert current_actor().label == "system"  # and nothing is left acting after it


def test_a_rules_untouched_slots_go_with_it_unrecorded_but_a_deleted_slot_is(post) -> None:
    workspace, owner, _ = post
    rule = make_rule(make_channel("linkedin"))
    planner.extend_schedule(workspace, date(2026, 12, 20), NOW)
    db.session.commit()
    slots = db.session.scalars(select(ScheduleItem).where(ScheduleItem.rule_id == rule.id)).all()
    assert len(slots) > 5
    with unit_of_work():
        planner.delete_item(slots[0])
    assert [(r.kind, r.field, r.entity_id) for r in records()][-1] == (
        "item",
        "deleted",
        slots[0].id,
    )
    before = count()
    with unit_of_work():
        planner.delete_rule(rule, NOW)
    assert [(r.kind, r.field) for r in records()[before:]] == [("rule", "deleted")]
