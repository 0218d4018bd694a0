"""Handing over the workspace, and a contributor's headline swap after approval."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from calendar_app.extensions import db
from calendar_app.models import ScheduleItem, User
from calendar_app.services import roles, slots
from calendar_app.services.items import set_status
from calendar_app.services.review import changes_since_approval
from tests.factories import make_channel, make_idea, make_item, make_user, make_workspace

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
MONDAY_NOON = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)


@pytest.fixture
def team(app):
    """Owner, editor, contributor and viewer; an approved post with a headline on a channel
    that requires approval."""
    make_workspace()
    people = {
        "owner": make_user("owner@example.com", is_owner=True),
        "editor": make_user("editor@example.com", role="editor"),
        "contributor": make_user("writer@example.com", role="contributor"),
        "viewer": make_user("viewer@example.com", role="viewer"),
    }
    channel = make_channel("blog", requires_approval=True)
    post = make_item(channel, MONDAY_NOON, idea=make_idea("Winter tyres explained"))
    set_status(post, "approved", NOW, by=people["editor"])
    return people, post


def owners_now() -> list[tuple[str, str]]:
    db.session.expire_all()
    rows = db.session.execute(select(User.email, User.role).where(User.is_owner)).all()
    return [tuple(row) for row in rows]


def test_the_owner_hands_over_and_becomes_an_editor(team) -> None:
    people, _ = team
    roles.hand_over(people["contributor"], people["owner"])
    assert owners_now() == [("writer@example.com", "owner")]
    assert (people["owner"].role, people["owner"].is_owner) == ("editor", False)
    roles.hand_over(people["owner"], people["contributor"])  # and back again
    assert owners_now() == [("owner@example.com", "owner")]


def test_only_the_owner_hands_over_and_never_to_themselves(team) -> None:
    people, _ = team
    with pytest.raises(roles.RoleError, match="Only the owner"):
        roles.hand_over(people["editor"], people["editor"])
    with pytest.raises(roles.RoleError, match="Only the owner"):
        roles.hand_over(people["viewer"], people["editor"])
    with pytest.raises(roles.RoleError, match="owner already"):
        roles.hand_over(people["owner"], people["owner"])
    assert owners_now() == [("owner@example.com", "owner")]
    assert db.session.scalar(select(func.count()).select_from(User)) == 4


def test_no_one_changes_their_own_role_but_the_owner_changes_others(team) -> None:
    people, _ = team
    with pytest.raises(roles.RoleError, match="The owner stays the owner"):
        roles.set_role(people["owner"], "editor", people["owner"])
    with pytest.raises(roles.RoleError, match="Only the owner"):
        roles.set_role(people["editor"], "viewer", people["editor"])
    assert owners_now() == [("owner@example.com", "owner")]
    roles.set_role(people["editor"], "viewer", people["owner"])
    assert people["editor"].role == "viewer"


def test_a_contributors_headline_swap_sends_an_approved_post_back_with_old_and_new(team) -> None:
    people, post = team
    slots.assign_to_slot(make_idea("Chain care in the cold"), post, NOW, by=people["contributor"])
    assert post.status == "in_review"
    changes = [(c.kind, c.words) for c in changes_since_approval(post)]
    assert changes == [("removed", "Winter tyres explained"), ("added", "Chain care in the cold")]


def test_a_contributors_new_headline_typed_into_a_scheduled_post_sends_it_back(team) -> None:
    people, post = team
    set_status(post, "scheduled", NOW, by=people["editor"])
    slots.add_to_slot("Tyre pressure in winter", post, people["contributor"], NOW)
    assert post.status == "in_review"
    assert ("added", "Tyre pressure in winter") in [
        (c.kind, c.words) for c in changes_since_approval(post)
    ]


def test_a_contributor_taking_the_headline_out_sends_it_back(team) -> None:
    people, post = team
    slots.unassign(post.idea, post, NOW, by=people["contributor"])
    assert post.status == "in_review"
    assert [c.kind for c in changes_since_approval(post)] == ["removed"]


@pytest.mark.parametrize("who", ["editor", "owner"])
def test_an_editors_headline_swap_keeps_the_approval(team, who: str) -> None:
    people, post = team
    slots.assign_to_slot(make_idea("Studded tyres"), post, NOW, by=people[who])
    assert post.status == "approved"


def test_the_same_headline_again_or_a_channel_without_approval_keeps_it_approved(team) -> None:
    people, post = team
    slots.assign_to_slot(post.idea, post, NOW, by=people["contributor"])
    assert post.status == "approved"
    post.channel.requires_approval = False
    db.session.commit()
    slots.assign_to_slot(make_idea("Studded tyres"), post, NOW, by=people["contributor"])
    assert post.status == "approved"


def test_a_draft_post_stays_a_draft_when_its_headline_changes(team) -> None:
    people, post = team
    draft = make_item(post.channel, datetime(2026, 11, 25, 11, 0, tzinfo=UTC))
    slot = slots.assign_to_next_free_slot(make_idea("Chains"), post.channel, NOW,
                                          people["contributor"])  # fmt: skip
    assert slot.id == draft.id
    assert db.session.get(ScheduleItem, draft.id).status == "draft"
