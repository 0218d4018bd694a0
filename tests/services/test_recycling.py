"""Evergreen posts: marking them, the Recycle list, planning a rerun and the runs of a post."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from calendar_app.clock import now as app_now
from calendar_app.domain.recycling import RecyclingError
from calendar_app.extensions import db
from calendar_app.models import Idea, ScheduleItem
from calendar_app.services import slots
from calendar_app.services.planner import StaleItem
from calendar_app.services.recycling import evergreen_posts, mark_evergreen, recycle_list
from calendar_app.services.reruns import plan_rerun, runs_of
from calendar_app.services.results_import import import_results
from tests.factories import make_campaign, make_channel, make_idea, make_item, make_workspace
from tests.queries import count_statements

ZONE = "Europe/Berlin"
HEADER = "date,utm_source,utm_medium,utm_campaign,utm_content,visits,leads,customers,revenue"


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour - 1, tzinfo=UTC)  # 09:00 in Berlin


def published(channel, day: date, headline: str, **fields) -> ScheduleItem:
    """A published post with a headline, linking to the workspace's site."""
    idea = make_idea(headline, status="published")
    return make_item(channel, at(day), idea=idea, status="published", **fields)


def evergreen(item: ScheduleItem, cooldown: int = 90, max_runs: int | None = 3) -> ScheduleItem:
    mark_evergreen(item, True, cooldown, max_runs, app_now())
    return item


def import_rows(*rows: tuple[ScheduleItem, date, int, int, str]) -> None:
    """Results for posts: (item, day, visits, leads, revenue)."""
    lines = [
        f"{day},{item.channel.utm_source},social,,{item.uid[:12]},{visits},{leads},0,{revenue}"
        for item, day, visits, leads, revenue in rows
    ]
    import_results("\n".join([HEADER, *lines]))


@pytest.fixture
def blog(app):
    make_workspace()
    return make_channel("blog", name="Blog")


# Marking a post evergreen.


def test_a_published_post_is_marked_evergreen_with_its_cooldown_and_most(app, blog) -> None:
    post = published(blog, date(2026, 8, 3), "Winter tyres explained")
    version = post.version
    mark_evergreen(post, True, 60, None, app_now(), seen_version=version)
    db.session.refresh(post)
    assert (post.evergreen, post.cooldown_days, post.max_runs) == (True, 60, None)
    assert post.touched and post.version == version + 1
    mark_evergreen(post, False, 0, 0, app_now())  # unmarking ignores the numbers, keeps them
    db.session.refresh(post)
    assert (post.evergreen, post.cooldown_days, post.max_runs) == (False, 60, None)


@pytest.mark.parametrize(
    ("change", "cooldown", "max_runs", "message"),
    [
        ({"status": "draft"}, 90, 3, "Only a published post can be evergreen"),
        ({"status": "skipped"}, 90, 3, "Only a published post can be evergreen"),
        ({"idea": None}, 90, 3, "Give it a headline first"),
        ({"activity": "reply"}, 90, 3, "Only a post or a video can be evergreen."),
        ({}, 0, 3, "Give a cool-down from 1 to 3650 days."),
        ({}, -1, 3, "Give a cool-down from 1 to 3650 days."),
        ({}, 3651, 3, "Give a cool-down from 1 to 3650 days."),
        ({}, 90, 0, "Let it run again from 1 to 100 times"),
        ({}, 90, 101, "Let it run again from 1 to 100 times"),
    ],
)
def test_a_mark_that_cannot_be_is_refused_and_nothing_is_saved(
    app, blog, change, cooldown, max_runs, message
) -> None:
    post = published(blog, date(2026, 8, 3), "Winter tyres explained")
    for name, value in change.items():
        setattr(post, name, value)
    db.session.commit()
    version = post.version
    with pytest.raises(RecyclingError, match=message):
        mark_evergreen(post, True, cooldown, max_runs, app_now())
    db.session.refresh(post)
    assert (post.evergreen, post.cooldown_days, post.max_runs) == (False, 90, 3)
    assert post.version == version and not post.touched


def test_a_rerun_is_not_marked_itself_its_original_is(app, blog) -> None:
    original = evergreen(published(blog, date(2026, 8, 3), "Winter tyres explained"))
    rerun = make_item(blog, at(date(2026, 11, 25)))
    plan_rerun(original, rerun, ZONE, app_now())
    rerun.status = "published"
    db.session.commit()
    with pytest.raises(RecyclingError, match="mark its original evergreen instead"):
        mark_evergreen(rerun, True, 90, 3, app_now())


def test_a_mark_from_a_page_showing_an_older_version_is_refused(app, blog) -> None:
    post = published(blog, date(2026, 8, 3), "Winter tyres explained")
    with pytest.raises(StaleItem):
        mark_evergreen(post, True, 30, 3, app_now(), seen_version=post.version - 1)
    db.session.refresh(post)
    assert not post.evergreen


# Planning a rerun.


def test_a_rerun_takes_the_headline_and_link_values_and_keeps_its_own_uid(app, blog) -> None:
    winter = make_campaign("winter", channels=[blog])
    original = evergreen(
        published(
            blog,
            date(2026, 8, 3),
            "Winter tyres explained",
            destination_url="https://acme.example/tyres",
            campaign=winter,
            utm_term="tyres",
            notes="Add the new photo.",
        )
    )
    slot = make_item(blog, at(date(2026, 11, 25)), notes="Short version")
    uid, version = slot.uid, slot.version
    plan_rerun(original, slot, ZONE, app_now(), seen_version=version)
    db.session.refresh(slot)
    assert slot.idea == original.idea and slot.recycled_from_id == original.id
    assert (slot.destination_url, slot.campaign, slot.utm_term) == (
        "https://acme.example/tyres",
        winter,
        "tyres",
    )
    assert slot.notes == "Short version\n\nAdd the new photo."  # both kept
    assert slot.uid == uid != original.uid  # a new utm_content: its results stay its own
    assert slot.touched and slot.version == version + 1 and slot.sequence == 1
    assert slot.status == "draft"


def test_a_rerun_of_a_rerun_points_to_the_first_original(app, blog) -> None:
    original = evergreen(published(blog, date(2026, 1, 5), "Winter tyres explained"), 30, None)
    first = make_item(blog, at(date(2026, 3, 2)))
    plan_rerun(original, first, ZONE, datetime(2026, 2, 1, tzinfo=UTC))
    second = make_item(blog, at(date(2026, 11, 25)))
    plan_rerun(first, second, ZONE, app_now())  # planned from the rerun's page
    assert second.recycled_from_id == original.id


@pytest.mark.parametrize(
    ("slot_fields", "message"),
    [
        ({"idea": "taken"}, "Someone gave that slot a headline meanwhile"),
        ({"status": "approved"}, "That slot is no longer open: it is approved."),
        ({"starts_at": at(date(2026, 11, 20))}, "That slot is in the past"),
        ({"activity": "reply"}, "Only a post or video slot takes a rerun."),
    ],
)
def test_a_slot_no_longer_open_is_refused_and_nothing_changes(
    app, blog, slot_fields, message
) -> None:
    original = evergreen(published(blog, date(2026, 8, 3), "Winter tyres explained"))
    slot = make_item(blog, at(date(2026, 11, 25)))
    for name, value in slot_fields.items():
        setattr(slot, name, make_idea("Someone else's") if value == "taken" else value)
    db.session.commit()
    version, idea_id = slot.version, slot.idea_id
    with pytest.raises(RecyclingError, match=message):
        plan_rerun(original, slot, ZONE, app_now(), seen_version=version)
    db.session.refresh(slot)
    assert (slot.version, slot.idea_id, slot.recycled_from_id) == (version, idea_id, None)


@pytest.mark.parametrize(
    ("ran", "cooldown", "max_runs", "slot_day", "message"),
    [
        (date(2026, 9, 1), 90, 3, date(2026, 11, 25), "lasts until Mon 30 Nov 2026"),
        (date(2026, 11, 23), 1, 3, date(2026, 11, 25), "It already runs in that week"),
    ],
)
def test_a_rerun_the_rules_refuse_changes_nothing(
    app, blog, ran, cooldown, max_runs, slot_day, message
) -> None:
    original = evergreen(published(blog, ran, "Winter tyres explained"), cooldown, max_runs)
    slot = make_item(blog, at(slot_day))
    with pytest.raises(RecyclingError, match=message):
        plan_rerun(original, slot, ZONE, app_now())
    db.session.refresh(slot)
    assert slot.idea_id is None and slot.recycled_from_id is None and not slot.touched


def test_reruns_stop_at_the_most_and_a_skipped_one_does_not_count(app, blog) -> None:
    original = evergreen(published(blog, date(2026, 1, 5), "Winter tyres explained"), 7, 1)
    first = make_item(blog, at(date(2026, 11, 25)))
    plan_rerun(original, first, ZONE, app_now())
    second = make_item(blog, at(date(2026, 12, 16)))
    with pytest.raises(RecyclingError, match="It has run again once, its most."):
        plan_rerun(original, second, ZONE, app_now())
    first.status = "skipped"
    db.session.commit()
    plan_rerun(original, second, ZONE, app_now())
    assert second.recycled_from_id == original.id


def test_a_post_no_longer_evergreen_or_published_is_not_planned_again(app, blog) -> None:
    original = published(blog, date(2026, 1, 5), "Winter tyres explained")
    slot = make_item(blog, at(date(2026, 11, 25)))
    with pytest.raises(RecyclingError, match="not evergreen"):
        plan_rerun(original, slot, ZONE, app_now())
    evergreen(original)
    original.status = "approved"
    db.session.commit()
    with pytest.raises(RecyclingError, match="Only a published post"):
        plan_rerun(original, slot, ZONE, app_now())
    assert slot.idea_id is None


def test_taking_the_headline_out_of_a_rerun_makes_it_an_open_slot_again(app, blog) -> None:
    original = evergreen(published(blog, date(2026, 1, 5), "Winter tyres explained"))
    slot = make_item(blog, at(date(2026, 11, 25)))
    plan_rerun(original, slot, ZONE, app_now())
    slots.unassign(original.idea, slot, app_now())
    assert slot.recycled_from_id is None and slot.idea is None
    plan_rerun(original, slot, ZONE, app_now())
    slots.assign_to_slot(make_idea("Something else"), slot, app_now())
    assert slot.recycled_from_id is None
    assert original.idea.status == "published"  # the original still holds it


def test_an_item_other_posts_run_again_from_is_not_a_slot_for_a_rerun(app, blog) -> None:
    original = evergreen(published(blog, date(2026, 1, 5), "Winter tyres explained"), 7)
    rerun = make_item(blog, at(date(2026, 11, 25)))
    plan_rerun(original, rerun, ZONE, app_now())
    # Someone empties the original and plans it for later: it is open, but not for reruns.
    other = evergreen(published(blog, date(2026, 2, 2), "Chains in the cold"))
    original.idea, original.status, original.starts_at = None, "draft", at(date(2027, 1, 4))
    db.session.commit()
    with pytest.raises(RecyclingError, match="Other posts run again from that item"):
        plan_rerun(other, original, ZONE, app_now())


# The Recycle list.


def test_the_list_proposes_the_best_post_for_each_open_slot_within_the_rules(app, blog) -> None:
    linkedin = make_channel("linkedin", name="LinkedIn")
    strong = evergreen(published(blog, date(2026, 6, 1), "Strong"), 30)
    weak = evergreen(published(blog, date(2026, 6, 2), "Weak"), 30)
    fresh = evergreen(published(blog, date(2026, 6, 3), "Fresh"), 30)  # no results yet
    cooling = evergreen(published(blog, date(2026, 11, 16), "Cooling"), 30)
    other = evergreen(published(linkedin, date(2026, 6, 3), "On LinkedIn"), 30)
    published(blog, date(2026, 6, 4), "Not evergreen")
    import_rows(
        (strong, date(2026, 6, 2), 300, 6, "0"),
        (weak, date(2026, 6, 3), 30, 1, "0"),
        (cooling, date(2026, 11, 17), 9000, 9, "0"),
        (other, date(2026, 6, 4), 10, 0, "0"),
    )
    open_slots = [make_item(blog, at(date(2026, 11, 23) + timedelta(days=n))) for n in (2, 4, 9)]
    make_item(blog, at(date(2026, 11, 24)), idea=make_idea("Taken"))  # not open
    make_item(blog, at(date(2027, 2, 1)))  # beyond the eight weeks
    listed = recycle_list(ZONE, app_now())
    assert [(p.slot.item_id, p.post.item_id) for p in listed.proposals] == [
        (open_slots[0].id, strong.id),
        (open_slots[1].id, weak.id),
        (open_slots[2].id, fresh.id),
    ]
    assert [a.item_id for a in listed.proposals[0].alternatives] == [weak.id, fresh.id]
    assert set(listed.posts) == {strong.id, weak.id, fresh.id, cooling.id, other.id}
    assert listed.posts[strong.id].figures.visits == 300
    assert listed.posts[strong.id].headline == "Strong"
    assert listed.posts[cooling.id].candidate.last_run == date(2026, 11, 16)
    assert len(listed.slots) == 3


def test_a_posts_results_are_those_of_all_its_runs(app, blog) -> None:
    original = evergreen(published(blog, date(2026, 1, 5), "Winter tyres explained"), 7, None)
    rerun = make_item(blog, at(date(2026, 11, 16)))
    plan_rerun(original, rerun, ZONE, datetime(2026, 11, 1, tzinfo=UTC))
    rerun.status = "published"
    db.session.commit()
    skipped = make_item(blog, at(date(2026, 12, 7)))
    plan_rerun(original, skipped, ZONE, app_now())
    skipped.status = "skipped"
    db.session.commit()
    import_rows((original, date(2026, 1, 6), 100, 2, "10"), (rerun, date(2026, 11, 17), 50, 1, "0"))
    post = evergreen_posts(ZONE)[original.id]
    assert (post.figures.visits, post.figures.leads, post.figures.revenue) == (150, 3, 10)
    assert post.candidate.results.runs_with_results == 2
    assert post.candidate.reruns == 1  # the skipped one never went out
    assert post.candidate.last_run == date(2026, 11, 16)


def test_the_list_costs_a_constant_number_of_statements(app, blog) -> None:
    def statements() -> int:
        return count_statements(lambda: recycle_list(ZONE, app_now()))

    for n in range(3):
        evergreen(published(blog, date(2026, 6, 1) + timedelta(days=n), f"Post {n}"), 7, None)
    make_item(blog, at(date(2026, 11, 30)))
    few = statements()
    for n in range(3, 30):
        post = evergreen(published(blog, date(2026, 6, 1) + timedelta(days=n), f"Post {n}"), 7)
        rerun = make_item(blog, at(date(2026, 8, 1) + timedelta(days=n)))
        plan_rerun(post, rerun, ZONE, datetime(2026, 7, 1, tzinfo=UTC))
        rerun.status = "published"
        make_item(blog, at(date(2026, 12, 1) + timedelta(days=n)))
    assert statements() == few <= 3


# The runs of a post.


def test_the_runs_of_a_post_side_by_side_with_their_own_results(app, blog) -> None:
    original = evergreen(published(blog, date(2026, 1, 5), "Winter tyres explained"), 7, None)
    assert runs_of(original) == []  # it has not run again yet
    rerun = make_item(blog, at(date(2026, 11, 16)))
    plan_rerun(original, rerun, ZONE, datetime(2026, 11, 1, tzinfo=UTC))
    coming = make_item(blog, at(date(2026, 12, 7)))
    plan_rerun(original, coming, ZONE, app_now())
    import_rows((original, date(2026, 1, 6), 100, 2, "10"), (rerun, date(2026, 11, 17), 50, 1, "0"))
    for item in (original, rerun, coming):
        runs = runs_of(item)
        assert [(r.item_id, r.original, r.channel) for r in runs] == [
            (original.id, True, "Blog"),
            (rerun.id, False, "Blog"),
            (coming.id, False, "Blog"),
        ]
        assert [r.figures.visits if r.figures else None for r in runs] == [100, 50, None]
    few = count_statements(lambda: runs_of(rerun))  # the item, which rows count, the runs
    for n in range(5):
        plan_rerun(
            original, make_item(blog, at(date(2026, 12, 14) + timedelta(weeks=n))), ZONE, app_now()
        )
    assert count_statements(lambda: runs_of(rerun)) == few <= 3
    assert len(runs_of(rerun)) == 8


def test_deleting_the_original_leaves_its_reruns_as_posts_of_their_own(app, blog) -> None:
    from calendar_app.services.items import delete

    original = evergreen(published(blog, date(2026, 1, 5), "Winter tyres explained"))
    rerun = make_item(blog, at(date(2026, 11, 25)))
    plan_rerun(original, rerun, ZONE, app_now())
    delete(original)
    db.session.expire_all()
    rerun = db.session.get(ScheduleItem, rerun.id)
    assert rerun.recycled_from_id is None
    assert rerun.idea == db.session.scalar(select(Idea).where(Idea.headline.like("Winter%")))
