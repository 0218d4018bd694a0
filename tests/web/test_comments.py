"""Comment threads on the item page and an idea's page: writing, mentions, editing within
15 minutes, deleting, resolving, and "Ask for changes" as a comment."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from calendar_app.extensions import db
from calendar_app.models import Comment, InboxEntry, ScheduleItem, User
from calendar_app.services.items import set_status
from tests.factories import make_channel, make_idea, make_item, make_user, make_workspace

MONDAY_NOON = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)


def log_in(app, user: User) -> FlaskClient:
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
    return client


@pytest.fixture
def team(app):
    """Owner, editor, contributor (assigned the post) and viewer; a post and an idea."""
    make_workspace()
    people = {
        "owner": make_user("owner@example.com", is_owner=True),
        "editor": make_user("edi@example.com", role="editor"),
        "writer": make_user("ana@example.com", role="contributor"),
        "viewer": make_user("vic@example.com", role="viewer"),
    }
    channel = make_channel("blog", requires_approval=True)
    post = make_item(channel, MONDAY_NOON, idea=make_idea("Winter tyres explained"))
    post.assignee = people["writer"]
    idea = make_idea("Ten rides for a cold weekend")
    db.session.commit()
    return people, post, idea


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def inbox_kinds(user: User) -> list[str]:
    rows = db.session.scalars(select(InboxEntry.kind).where(InboxEntry.user_id == user.id))
    return sorted(rows)


def test_a_comment_with_a_mention_and_a_link_shows_escaped_and_lands_in_the_inbox(
    app, team
) -> None:
    people, post, _ = team
    editor = log_in(app, people["editor"])
    body = "@ana see https://shop.example/a?b=1&c=2 <script>alert(1)</script> @nobody"
    answer = editor.post(f"/items/{post.id}/comments", data={"body": body})
    assert answer.status_code == 302 and answer.location.endswith("#comments")
    page = editor.get(f"/items/{post.id}").get_data(as_text=True)
    assert '<strong class="mention">@ana</strong>' in page
    assert (
        '<a href="https://shop.example/a?b=1&amp;c=2" rel="nofollow noopener noreferrer">' in page
    )
    assert "&lt;script&gt;alert(1)&lt;/script&gt; @nobody" in page
    assert "<script>alert(1)" not in page
    assert inbox_kinds(people["writer"]) == ["mention"]
    assert inbox_kinds(people["editor"]) == []
    editor.post(f"/items/{post.id}/comments", data={"body": "Note to self, @edi"})
    assert inbox_kinds(people["editor"]) == []  # not told of their own comment
    assert db.session.get(ScheduleItem, post.id).touched  # re-planning keeps it


def test_a_comment_over_10000_characters_or_empty_is_refused_and_kept_as_typed(app, team) -> None:
    people, post, idea = team
    editor = log_in(app, people["editor"])
    long = "@ana " + "x" * 10_000
    page = editor.post(f"/items/{post.id}/comments", data={"body": long})
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "at most 10,000 characters" in text and long in text
    for target in (f"/items/{post.id}", f"/ideas/{idea.id}"):
        answer = editor.post(f"{target}/comments", data={"body": "  \n "})
        assert "Write something" in answer.get_data(as_text=True)
    assert count(Comment) == 0 and count(InboxEntry) == 0
    ok = editor.post(f"/ideas/{idea.id}/comments", data={"body": "x" * 10_000})
    assert ok.status_code == 302 and count(Comment) == 1


def test_an_idea_has_a_thread_of_its_own_linked_from_the_ideas_page(app, team) -> None:
    people, _, idea = team
    owner = log_in(app, people["owner"])
    assert f"/ideas/{idea.id}/comments" in owner.get("/ideas/").get_data(as_text=True)
    owner.post(f"/ideas/{idea.id}/comments", data={"body": "Good one, @Edi."})
    page = owner.get(f"/ideas/{idea.id}/comments").get_data(as_text=True)
    assert (
        "Ten rides for a cold weekend" in page and '<strong class="mention">@Edi</strong>' in page
    )
    assert "Comments (1)" in owner.get("/ideas/").get_data(as_text=True)
    assert inbox_kinds(people["editor"]) == ["mention"]


def test_authors_edit_and_delete_their_own_comment_for_15_minutes_the_owner_any(
    app, team, clock
) -> None:
    people, post, _ = team
    writer, editor = log_in(app, people["writer"]), log_in(app, people["editor"])
    writer.post(f"/items/{post.id}/comments", data={"body": "First draft"})
    comment = db.session.scalars(select(Comment)).one()
    # Someone else may neither edit nor delete it.
    editor.post(f"/comments/{comment.id}/edit", data={"body": "Hijacked"})
    editor.post(f"/comments/{comment.id}/delete")
    db.session.expire_all()
    assert comment.body == "First draft"
    writer.post(f"/comments/{comment.id}/edit", data={"body": "Second draft @edi"})
    db.session.expire_all()
    assert comment.body == "Second draft @edi" and comment.edited_at is not None
    assert inbox_kinds(people["editor"]) == ["mention"]
    writer.post(f"/comments/{comment.id}/edit", data={"body": "Third @edi"})
    assert inbox_kinds(people["editor"]) == ["mention"]  # told once only
    clock.advance(minutes=16)
    answer = writer.post(
        f"/comments/{comment.id}/edit", data={"body": "Too late"}, follow_redirects=True
    )
    assert "for 15 minutes" in answer.get_data(as_text=True)
    writer.post(f"/comments/{comment.id}/delete")
    db.session.expire_all()
    assert comment.body == "Third @edi"
    log_in(app, people["owner"]).post(f"/comments/{comment.id}/delete")
    assert count(Comment) == 0 and count(InboxEntry) == 0  # its mention went with it


def test_a_remark_is_resolved_and_opened_again_and_viewers_only_read(app, team) -> None:
    people, post, _ = team
    editor, viewer = log_in(app, people["editor"]), log_in(app, people["viewer"])
    editor.post(f"/items/{post.id}/comments", data={"body": "Fix the intro"})
    comment = db.session.scalars(select(Comment)).one()
    editor.post(f"/comments/{comment.id}/resolve", data={"resolved": "1"})
    db.session.expire_all()
    assert comment.resolved_at is not None and comment.resolved_by_id == people["editor"].id
    assert "✓ resolved by edi" in editor.get(f"/items/{post.id}").get_data(as_text=True)
    editor.post(f"/comments/{comment.id}/resolve", data={"resolved": "0"})
    db.session.expire_all()
    assert comment.resolved_at is None
    page = viewer.get(f"/items/{post.id}").get_data(as_text=True)
    assert "Fix the intro" in page and "Add a comment" not in page
    assert viewer.post(f"/items/{post.id}/comments", data={"body": "hi"}).status_code == 403
    assert count(Comment) == 1


def test_ask_for_changes_is_a_comment_that_sends_the_post_back_to_draft(app, team) -> None:
    people, post, _ = team
    writer, editor = log_in(app, people["writer"]), log_in(app, people["editor"])
    set_status(post, "in_review", MONDAY_NOON, by=people["writer"])
    assert inbox_kinds(people["editor"]) == ["review_request"]
    assert inbox_kinds(people["owner"]) == ["review_request"]
    assert inbox_kinds(people["writer"]) == []
    assert "Comment and ask for changes" not in writer.get(f"/items/{post.id}").get_data(
        as_text=True
    )
    db.session.expire_all()
    answer = editor.post(
        f"/items/{post.id}/comments",
        data={"body": "Shorter title, please", "ask_changes": "1", "version": post.version},
    )
    assert answer.status_code == 302
    db.session.expire_all()
    assert post.status == "draft" and post.review_note == "Shorter title, please"
    comment = db.session.scalars(select(Comment)).one()
    assert comment.kind == "changes_requested" and comment.body == "Shorter title, please"
    assert inbox_kinds(people["writer"]) == ["changes_requested"]
    assert "asked for changes" in writer.get(f"/items/{post.id}").get_data(as_text=True)


def test_a_refused_ask_for_changes_changes_nothing(app, team) -> None:
    people, post, _ = team
    editor = log_in(app, people["editor"])
    set_status(post, "in_review", MONDAY_NOON, by=people["writer"])
    db.session.expire_all()
    page = editor.post(
        f"/items/{post.id}/comments",
        data={"body": "y" * 10_001, "ask_changes": "1", "version": post.version},
    )
    assert "at most 10,000 characters" in page.get_data(as_text=True)
    db.session.expire_all()
    assert post.status == "in_review" and count(Comment) == 0
    assert inbox_kinds(people["writer"]) == []
