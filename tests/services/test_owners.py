"""Assigning items to members, a channel's owner, and one person's work."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from calendar_app.extensions import db
from calendar_app.models import ScheduleItem
from calendar_app.services import owners, planner
from calendar_app.services.planner import StaleItem
from tests.conftest import NOW
from tests.factories import make_channel, make_item, make_rule, make_user, make_workspace


def test_assigning_marks_the_item_touched_and_raises_its_version(app) -> None:
    ana = make_user("ana@example.com")
    item = make_item(make_channel(), NOW + timedelta(days=1))
    assert owners.assign(item, ana.id, NOW, seen_version=1) == ana
    db.session.expire_all()
    assert (item.assignee_id, item.version, item.touched_at) == (ana.id, 2, NOW)
    assert owners.assign(item, None, NOW, seen_version=2) is None
    db.session.expire_all()
    assert (item.assignee_id, item.version) == (None, 3)


def test_assigning_to_someone_who_is_not_a_member_changes_nothing(app) -> None:
    item = make_item(make_channel(), NOW + timedelta(days=1))
    with pytest.raises(owners.OwnerError, match="member of the team") as error:
        owners.assign(item, 999, NOW, seen_version=1)
    assert error.value.field == "assignee_id"
    db.session.expire_all()
    assert (item.assignee_id, item.version, item.touched_at) == (None, 1, None)


def test_assigning_from_a_stale_page_changes_nothing(app) -> None:
    ana = make_user("ana@example.com")
    item = make_item(make_channel(), NOW + timedelta(days=1), version=4)
    with pytest.raises(StaleItem):
        owners.assign(item, ana.id, NOW, seen_version=3)
    db.session.expire_all()
    assert (item.assignee_id, item.version, item.touched_at) == (None, 4, None)


def test_planned_items_take_their_channels_owner(app) -> None:
    ana = make_user("ana@example.com")
    make_workspace(planned_until=date(2026, 12, 6))
    make_rule(make_channel("blog", owner=ana))
    make_rule(make_channel("news"))
    planner.replan_everything(NOW)
    db.session.commit()
    rows = db.session.scalars(select(ScheduleItem)).all()
    assert {(i.channel.slug, i.assignee_id) for i in rows} == {("blog", ana.id), ("news", None)}


def test_a_new_owner_gets_only_the_untouched_future_items(app) -> None:
    ana, bo = make_user("ana@example.com"), make_user("bo@example.com")
    channel, other = make_channel("blog"), make_channel("news")
    past = make_item(channel, NOW - timedelta(days=1))
    future = make_item(channel, NOW + timedelta(days=1))
    touched = make_item(channel, NOW + timedelta(days=2), touched_at=NOW, assignee=bo)
    elsewhere = make_item(other, NOW + timedelta(days=1))
    assert owners.set_channel_owner(channel, ana.id, NOW) == 1
    db.session.expire_all()
    assert channel.owner_id == ana.id
    assignees = [i.assignee_id for i in (past, future, touched, elsewhere)]
    assert assignees == [None, ana.id, bo.id, None]
    assert owners.set_channel_owner(channel, None, NOW) == 1
    db.session.expire_all()
    assert (channel.owner_id, future.assignee_id, touched.assignee_id) == (None, None, bo.id)


def test_an_owner_who_is_not_a_member_is_refused_and_nothing_changes(app) -> None:
    ana = make_user("ana@example.com")
    channel = make_channel("blog", owner=ana)
    future = make_item(channel, NOW + timedelta(days=1), assignee=ana)
    with pytest.raises(owners.OwnerError) as error:
        owners.set_channel_owner(channel, 999, NOW)
    assert error.value.field == "owner_id"
    db.session.expire_all()
    assert (channel.owner_id, future.assignee_id) == (ana.id, ana.id)


def test_deleting_a_member_leaves_their_items_assigned_to_nobody(app) -> None:
    ana = make_user("ana@example.com")
    channel = make_channel("blog", owner=ana)
    item = make_item(channel, NOW + timedelta(days=1), assignee=ana)
    db.session.delete(ana)
    db.session.commit()
    db.session.expire_all()
    assert (item.assignee_id, channel.owner_id) == (None, None)


def test_my_work_lists_my_overdue_this_week_and_later_items(app) -> None:
    ana, bo = make_user("ana@example.com"), make_user("bo@example.com")
    channel = make_channel("blog")

    def item(days: float, who=ana, status="draft") -> ScheduleItem:
        return make_item(channel, NOW + timedelta(days=days), assignee=who, status=status)

    late, done = item(-1), item(-2, status="published")
    soon, next_week = item(2), item(9)
    item(1, who=bo)
    item(3, who=None)
    work = owners.my_work(ana, NOW, "Europe/Berlin")
    assert (work.overdue, work.this_week, work.later) == ([late], [soon], [next_week])
    assert done not in work.overdue
    assert owners.my_work(bo, NOW, "Europe/Berlin").this_week[0].assignee_id == bo.id
