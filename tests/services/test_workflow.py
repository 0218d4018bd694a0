"""Moving items through review: roles, approval channels, edits after approval, roles given."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from calendar_app.extensions import db
from calendar_app.models import Invitation, ScheduleItem
from calendar_app.services import accounts, planner, roles
from calendar_app.services.items import ItemError, edit_item, set_status
from calendar_app.services.planner import StaleItem
from calendar_app.services.review import changes_since_approval
from tests.factories import make_channel, make_idea, make_item, make_rule, make_user, make_workspace

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
MONDAY_NOON = datetime(2026, 11, 24, 11, 0, tzinfo=UTC)


@pytest.fixture
def team(app):
    """An owner, an editor, a contributor and a viewer; a post on a channel that requires
    approval, with a headline."""
    make_workspace()
    people = {
        "owner": make_user("owner@example.com", is_owner=True),
        "editor": make_user("editor@example.com", role="editor"),
        "contributor": make_user("writer@example.com", role="contributor"),
        "viewer": make_user("viewer@example.com", role="viewer"),
    }
    channel = make_channel("blog", requires_approval=True)
    post = make_item(channel, MONDAY_NOON, idea=make_idea("Winter tyres explained"))
    return people, post


def state(item: ScheduleItem) -> tuple:
    db.session.expire_all()
    item = db.session.get(ScheduleItem, item.id)
    return item.status, item.version, item.sequence, item.approved_at, item.notes


def test_new_items_start_as_drafts_or_to_dos_and_the_planner_keeps_a_persons_status(app) -> None:
    workspace = make_workspace()
    blog = make_channel("blog")
    make_rule(blog)
    make_rule(blog, activity="reply", rrule="FREQ=DAILY")
    planner.keep_planned_ahead(NOW, 4, workspace)
    items = db.session.scalars(select(ScheduleItem).order_by(ScheduleItem.starts_at)).all()
    assert {i.status for i in items if i.activity == "post"} == {"draft"}
    assert {i.status for i in items if i.activity == "reply"} == {"todo"}
    post = next(i for i in items if i.activity == "post")
    set_status(post, "in_review", NOW)
    blog.rules[0].time_of_day = blog.rules[0].time_of_day.replace(hour=10)
    db.session.commit()
    planner.replan(blog.rules, workspace, NOW)
    assert db.session.get(ScheduleItem, post.id).status == "in_review"


def test_a_contributor_sends_for_review_and_cannot_approve_or_schedule(team) -> None:
    people, post = team
    writer = people["contributor"]
    set_status(post, "in_review", NOW, post.version, by=writer)
    before = state(post)
    for target, message in (
        ("approved", "Only an editor or the owner can approve"),
        ("scheduled", "requires approval"),
        ("published", "requires approval"),
    ):
        with pytest.raises(ItemError, match=message):
            set_status(post, target, NOW, post.version, by=writer)
        assert state(post) == before  # nothing changed, not even the version


def test_an_editor_approves_and_then_the_contributor_may_schedule(team) -> None:
    people, post = team
    set_status(post, "in_review", NOW, by=people["contributor"])
    set_status(post, "approved", NOW, post.version, by=people["editor"])
    assert post.approved_by is people["editor"] and post.approved_at == NOW
    assert post.approved_text == "Winter tyres explained"
    set_status(post, "scheduled", NOW, post.version, by=people["contributor"])
    set_status(post, "published", NOW, post.version, by=people["contributor"])
    assert state(post)[0] == "published"


def test_asking_for_changes_keeps_the_note_until_the_next_approval(team) -> None:
    people, post = team
    set_status(post, "in_review", NOW, by=people["contributor"])
    set_status(post, "draft", NOW, by=people["editor"], note="  Say  which tyres. ")
    assert (post.status, post.review_note) == ("draft", "Say which tyres.")
    set_status(post, "approved", NOW, by=people["owner"])
    assert post.review_note == ""


def test_a_viewer_cannot_move_anything_and_a_stale_version_is_refused(team) -> None:
    people, post = team
    before = state(post)
    with pytest.raises(ItemError, match="Viewers can read"):
        set_status(post, "in_review", NOW, post.version, by=people["viewer"])
    with pytest.raises(StaleItem):
        set_status(post, "in_review", NOW, post.version - 1, by=people["contributor"])
    assert state(post) == before


def test_a_contributors_edit_after_approval_returns_it_to_review_with_the_diff(team) -> None:
    people, post = team
    set_status(post, "approved", NOW, by=people["editor"])
    assert changes_since_approval(post) == []
    edit_item(post, {"notes": "Studded or not?"}, NOW, post.version, by=people["contributor"])
    assert (post.status, post.notes) == ("in_review", "Studded or not?")
    changes = [(c.kind, c.words) for c in changes_since_approval(post)]
    assert changes == [("same", "Winter tyres explained"), ("added", "Studded or not?")]


def test_an_editors_edit_or_an_unchanged_text_keeps_the_approval(team) -> None:
    people, post = team
    set_status(post, "approved", NOW, by=people["editor"])
    edit_item(post, {"notes": "Editor's words"}, NOW, by=people["editor"])
    assert post.status == "approved"
    edit_item(post, {"notes": "Editor's words", "utm_term": "tyres"}, NOW, by=people["contributor"])
    assert post.status == "approved"  # only the text counts, not the tracking values


def test_without_approval_required_a_contributor_schedules_and_edits_freely(team) -> None:
    people, post = team
    post.channel.requires_approval = False
    db.session.commit()
    set_status(post, "scheduled", NOW, by=people["contributor"])
    edit_item(post, {"notes": "Changed"}, NOW, by=people["contributor"])
    assert post.status == "scheduled"


def test_the_owner_gives_roles_but_never_changes_their_own(team) -> None:
    people, _ = team
    owner, editor = people["owner"], people["editor"]
    roles.set_role(editor, "contributor", owner)
    assert editor.role == "contributor" and not editor.may_approve
    with pytest.raises(roles.RoleError, match="The owner stays the owner"):
        roles.set_role(owner, "editor", owner)
    with pytest.raises(roles.RoleError, match="Choose editor, contributor or viewer"):
        roles.set_role(editor, "owner", owner)
    with pytest.raises(roles.RoleError, match="Only the owner"):
        roles.set_role(people["viewer"], "editor", editor)
    db.session.expire_all()
    assert (owner.role, editor.role, people["viewer"].role) == ("owner", "contributor", "viewer")


def test_only_the_owner_makes_a_channel_require_approval(team) -> None:
    people, post = team
    with pytest.raises(roles.RoleError, match="Only the owner"):
        roles.require_approval(post.channel, False, people["editor"])
    assert post.channel.requires_approval
    roles.require_approval(post.channel, False, people["owner"])
    assert not post.channel.requires_approval


def test_an_invitation_carries_the_role_the_new_member_gets(team) -> None:
    people, _ = team
    invitation, _token = accounts.invite("new@example.com", people["owner"], NOW, "viewer")
    user = accounts.accept_invitation(invitation, "long enough pw", "secret")
    assert (user.role, user.is_owner) == ("viewer", False)
    with pytest.raises(roles.RoleError):
        accounts.invite("other@example.com", people["owner"], NOW, "owner")
    assert db.session.scalars(select(Invitation)).all() == []


def test_a_contributors_copy_after_approval_returns_it_to_review_with_the_diff(team) -> None:
    from calendar_app.services.copy import save_copy

    people, post = team
    workspace = planner.get_workspace()
    save_copy(post, {"title": "Winter tyres", "body": "Grip first."}, people["editor"],
              workspace, NOW)  # fmt: skip
    set_status(post, "approved", NOW, by=people["editor"])
    assert "Grip first." in post.approved_text
    save_copy(post, {"title": "Winter tyres", "body": "Grip first."}, people["contributor"],
              workspace, NOW)  # fmt: skip
    assert post.status == "approved"  # the same words: nothing to review
    save_copy(post, {"title": "Winter tyres", "body": "Grip and studs."}, people["contributor"],
              workspace, NOW)  # fmt: skip
    assert post.status == "in_review"
    changes = [(c.kind, c.words) for c in changes_since_approval(post)]
    assert ("removed", "first.") in changes and ("added", "and studs.") in changes


def test_an_editors_copy_after_approval_keeps_it_approved(team) -> None:
    from calendar_app.services.copy import save_copy

    people, post = team
    set_status(post, "approved", NOW, by=people["editor"])
    save_copy(post, {"title": "Winter tyres", "body": "The editor's own words."},
              people["editor"], planner.get_workspace(), NOW)  # fmt: skip
    assert post.status == "approved"
