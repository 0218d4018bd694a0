"""The comments and inbox services: units of work that keep threads with their items, and
tell the right people of mentions, review requests and asked-for changes."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from sqlalchemy import func, select

from calendar_app.extensions import db
from calendar_app.models import Comment, InboxEntry, ScheduleItem
from calendar_app.services import comments, inbox, items, planner
from calendar_app.services.items import ItemError, set_status
from tests.conftest import NOW
from tests.factories import make_channel, make_idea, make_item, make_rule, make_user, make_workspace


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def people(app):
    make_workspace(planned_until=date(2026, 11, 29))
    return {
        "owner": make_user("owner@example.com", is_owner=True),
        "editor": make_user("edi@example.com", role="editor"),
        "writer": make_user("ana@example.com", role="contributor"),
        "twin": make_user("ana@other.example", role="contributor"),
        "viewer": make_user("vic@example.com", role="viewer"),
    }


def test_a_mention_tells_every_member_of_that_name_once_and_returns_them(people) -> None:
    idea = make_idea()
    comment, told = comments.add_comment(idea, people["editor"], "@ana @ANA @edi @nobody", NOW)
    assert {u.email for u in told} == {"ana@example.com", "ana@other.example"}
    assert count(InboxEntry) == 2 and comment.idea_id == idea.id
    assert inbox.unread_count(people["writer"]) == 1


def test_a_viewer_cannot_comment_and_nothing_is_stored(people) -> None:
    with pytest.raises(comments.CommentError, match="Viewers"):
        comments.add_comment(make_idea(), people["viewer"], "Hello @ana", NOW)
    assert count(Comment) == 0 and count(InboxEntry) == 0
    comment, _ = comments.add_comment(make_idea("Other"), people["writer"], "Hi", NOW)
    with pytest.raises(comments.CommentError, match="Viewers"):
        comments.set_resolved(comment, people["viewer"], True, NOW)
    comments.set_resolved(comment, people["writer"], True, NOW)
    assert comment.resolved_by == people["writer"]


def test_marking_read_is_for_ones_own_entries_only(people) -> None:
    comments.add_comment(make_idea(), people["editor"], "@ana and @vic", NOW)
    mine, theirs = (
        db.session.scalars(select(InboxEntry).where(InboxEntry.user_id == people[who].id)).one()
        for who in ("writer", "viewer")
    )
    with pytest.raises(comments.CommentError, match="not in your inbox"):
        inbox.mark_read(theirs.id, people["writer"], NOW)
    with pytest.raises(comments.CommentError, match="not in your inbox"):
        inbox.mark_read(10_000, people["writer"], NOW)
    assert inbox.unread_count(people["viewer"]) == 1
    inbox.mark_read(mine.id, people["writer"], NOW)
    inbox.mark_read(mine.id, people["writer"], NOW + timedelta(hours=1))
    db.session.expire_all()
    assert mine.read_at == NOW and inbox.unread_count(people["writer"]) == 0
    assert inbox.mark_all_read(people["viewer"], NOW) == 1
    assert inbox.mark_all_read(people["viewer"], NOW) == 0


def test_review_requests_go_to_the_editors_and_changes_to_the_assignee(people) -> None:
    post = make_item(make_channel(requires_approval=True), NOW + timedelta(days=1))
    post.assignee = people["writer"]
    told = set_status(post, "in_review", NOW, by=people["writer"])
    assert {u.email for u in told} == {"owner@example.com", "edi@example.com"}
    told = set_status(post, "draft", NOW, by=people["editor"], note="Shorter, @edi")
    assert told == [people["writer"]]  # the editor mentioned themselves: not told
    thread = comments.thread_of(post)
    assert [(c.kind, c.body) for c in thread] == [("changes_requested", "Shorter, @edi")]
    # Without a note the thread still says so; without an assignee nobody is told.
    post.assignee = None
    set_status(post, "in_review", NOW, by=people["writer"])
    assert set_status(post, "draft", NOW, by=people["owner"]) == []
    assert comments.thread_of(post)[-1].body == comments.CHANGES_ASKED


def test_a_refused_status_change_writes_no_comment_and_tells_nobody(people) -> None:
    post = make_item(make_channel(requires_approval=True), NOW + timedelta(days=1))
    with pytest.raises(ItemError):
        set_status(post, "approved", NOW, by=people["writer"])
    set_status(post, "in_review", NOW, by=people["writer"])
    before = count(InboxEntry)
    with pytest.raises(comments.CommentError):
        set_status(post, "draft", NOW, by=people["editor"], note="z" * 10_001)
    db.session.expire_all()
    assert post.status == "in_review" and count(Comment) == 0 and count(InboxEntry) == before


def test_replanning_keeps_a_commented_item_and_its_thread_deleting_an_item_deletes_it(
    people,
) -> None:
    rule = make_rule(make_channel())
    planner.replan_everything(NOW)
    db.session.commit()
    planned = list(db.session.scalars(select(ScheduleItem).order_by(ScheduleItem.starts_at)))
    kept, other = planned[1], planned[2]
    comments.add_comment(kept, people["editor"], "Photos from @ana?", NOW)
    rule.rrule, rule.time_of_day = "FREQ=WEEKLY;BYDAY=TU", time(9)
    planner.replan_everything(NOW)
    planner.delete_rule(rule, NOW)
    db.session.commit()
    assert db.session.get(ScheduleItem, kept.id) is not None
    assert db.session.get(ScheduleItem, other.id) is None
    assert [c.body for c in comments.thread_of(kept)] == ["Photos from @ana?"]
    items.delete(kept)
    assert count(Comment) == 0 and count(InboxEntry) == 0
