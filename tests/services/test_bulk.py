"""Bulk actions: the single-item rules for every selected row, all or nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calendar_app.domain.bulk import BulkError, Pick
from calendar_app.extensions import db
from calendar_app.models import Idea, ScheduleItem
from calendar_app.services import bulk
from tests.conftest import NOW
from tests.factories import make_channel, make_idea, make_item, make_user, make_workspace

BERLIN_MONDAY_9 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # 09:00 in Berlin


@pytest.fixture
def posts(app) -> list[ScheduleItem]:
    """Four posts this week at different local times, on two channels (one in New York)."""
    make_workspace()
    linkedin = make_channel("linkedin", name="LinkedIn")
    blog = make_channel("blog", timezone="America/New_York")
    return [
        make_item(linkedin, BERLIN_MONDAY_9 + timedelta(days=1)),  # Tue 09:00 Berlin
        make_item(linkedin, BERLIN_MONDAY_9 + timedelta(days=2, hours=5, minutes=30)),
        make_item(blog, datetime(2026, 11, 24, 15, 0, tzinfo=UTC)),  # Tue 10:00 New York
        make_item(blog, datetime(2026, 11, 27, 22, 45, tzinfo=UTC)),  # Fri 17:45 New York
    ]


def picks_of(items: list[ScheduleItem]) -> list[Pick]:
    return [Pick(item.id, item.version) for item in items]


def snapshot(items: list[ScheduleItem]) -> list[tuple[object, ...]]:
    db.session.expire_all()
    return [(i.starts_at, i.status, i.assignee_id, i.version, i.touched_at) for i in items]


def local_times(items: list[ScheduleItem]) -> list[tuple[date, object]]:
    db.session.expire_all()
    return [
        (
            (at := i.starts_at.astimezone(bulk.resolve_timezone(bulk.item_zone(i)))).date(),
            at.time(),
        )
        for i in items
    ]


def test_moving_many_keeps_each_items_time_of_day_in_its_zone(posts) -> None:
    before = [at for _day, at in local_times(posts)]
    assert bulk.move_many(picks_of(posts), date(2026, 11, 26), NOW) == 4
    assert local_times(posts) == [(date(2026, 11, 26), at) for at in before]
    assert all(item.version == 2 and item.touched_at is not None for item in posts)


def test_one_stale_item_leaves_every_row_unchanged(posts) -> None:
    picks = picks_of(posts)
    posts[2].notes = "changed meanwhile"
    posts[2].version = 5
    db.session.commit()
    before = snapshot(posts)
    with pytest.raises(BulkError) as error:
        bulk.move_many(picks, date(2026, 11, 26), NOW)
    assert snapshot(posts) == before
    assert "1 of 4" in error.value.message
    assert "“Blog · Post, Tue 24 Nov 10:00”: Someone else changed" in error.value.message


def test_a_day_out_of_reach_is_refused_for_every_item_by_name(posts) -> None:
    before = snapshot(posts)
    with pytest.raises(BulkError, match="4 of 4 could not be.*within ten years"):
        bulk.move_many(picks_of(posts), date(2040, 1, 1), NOW)
    assert snapshot(posts) == before


def test_an_item_deleted_meanwhile_is_named_and_nothing_changes(posts) -> None:
    before = snapshot(posts)
    with pytest.raises(BulkError, match="“#999999”: It no longer exists"):
        bulk.move_many([*picks_of(posts), Pick(999999, 1)], date(2026, 11, 26), NOW)
    assert snapshot(posts) == before


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    chosen=st.sets(st.integers(0, 3), min_size=1),
    day=st.dates(date(2026, 1, 1), date(2027, 12, 31)),
)
def test_any_subset_moved_keeps_each_time_of_day(posts, chosen: set[int], day: date) -> None:
    db.session.expire_all()
    before = local_times(posts)
    moved = [posts[n] for n in sorted(chosen)]
    bulk.move_many(picks_of(moved), day, NOW)
    after = local_times(posts)
    for n, (was, now) in enumerate(zip(before, after, strict=True)):
        assert now[1] == was[1]  # local times of day across DST changes too
        assert now[0] == (day if n in chosen else was[0])


def test_assigning_many_to_a_member_and_to_nobody(posts) -> None:
    ana = make_user("ana@example.com")
    assert bulk.assign_many(picks_of(posts[:2]), ana.id, NOW) == ana
    db.session.expire_all()
    assert [item.assignee_id for item in posts] == [ana.id, ana.id, None, None]
    assert bulk.assign_many(picks_of(posts[:1]), None, NOW) is None
    db.session.expire_all()
    assert posts[0].assignee_id is None


def test_assigning_many_to_someone_who_is_not_a_member_changes_nothing(posts) -> None:
    before = snapshot(posts)
    with pytest.raises(BulkError, match="member of the team"):
        bulk.assign_many(picks_of(posts), 4242, NOW)
    assert snapshot(posts) == before


@pytest.fixture
def team(posts):
    """An editor and a contributor; the blog requires approval."""
    posts[2].channel.requires_approval = True
    db.session.commit()
    return make_user("editor@example.com"), make_user("writer@example.com", role="contributor")


def test_a_contributor_cannot_bulk_approve_an_editor_can(team, posts) -> None:
    editor, writer = team
    before = snapshot(posts)
    with pytest.raises(BulkError, match="4 of 4.*Only an editor or the owner can approve"):
        bulk.set_status_many(picks_of(posts), "approved", NOW, writer)
    assert snapshot(posts) == before
    assert bulk.set_status_many(picks_of(posts), "approved", NOW, editor) == 4
    db.session.expire_all()
    assert {item.status for item in posts} == {"approved"}
    assert {item.approved_by_id for item in posts} == {editor.id}


def test_a_contributor_cannot_schedule_an_unapproved_post_that_requires_approval(
    team, posts
) -> None:
    _editor, writer = team
    before = snapshot(posts)
    refused = "2 of 4.*“Blog · Post, Tue 24 Nov 10:00”, “Blog · Post, Fri 27 Nov 17:45”: This"
    with pytest.raises(BulkError, match=refused):
        bulk.set_status_many(picks_of(posts), "scheduled", NOW, writer)
    assert snapshot(posts) == before
    assert bulk.set_status_many(picks_of(posts[:2]), "scheduled", NOW, writer) == 2
    db.session.expire_all()
    assert [item.status for item in posts] == ["scheduled", "scheduled", "draft", "draft"]


def test_an_unknown_status_is_refused(posts) -> None:
    with pytest.raises(BulkError, match="Unknown status"):
        bulk.set_status_many(picks_of(posts), "lost", NOW, None)


def test_archiving_many_items_skips_them_with_the_same_rules(team, posts) -> None:
    _editor, writer = team
    stale = picks_of(posts)
    bulk.set_status_many(picks_of(posts[:1]), "in_review", NOW, writer)
    with pytest.raises(BulkError, match="1 of 4.*Someone else changed"):
        bulk.archive_items(stale, NOW, writer)
    db.session.expire_all()
    assert [item.status for item in posts] == ["in_review", "draft", "draft", "draft"]
    assert bulk.archive_items(picks_of(posts), NOW, writer) == 4
    db.session.expire_all()
    assert {item.status for item in posts} == {"skipped"}


def test_archiving_many_ideas_refuses_one_in_upcoming_slots_and_archives_nothing(posts) -> None:
    free, planned = make_idea("Free headline"), make_idea("Planned headline")
    past = make_idea("Used last month")
    posts[0].idea = planned
    make_item(posts[0].channel, NOW - timedelta(days=30), idea=past)
    db.session.commit()
    picks = [Pick(idea.id) for idea in (free, planned, past)]
    with pytest.raises(BulkError, match="“Planned headline”: This headline is in upcoming slots"):
        bulk.set_idea_status_many(picks, "archived", NOW)
    db.session.expire_all()
    assert {idea.status for idea in db.session.query(Idea)} == {"backlog"}
    assert bulk.set_idea_status_many([picks[0], picks[2]], "archived", NOW) == 2
    db.session.expire_all()
    assert [i.status for i in (free, planned, past)] == ["archived", "backlog", "archived"]
