"""The role matrix on the pages: what each role may change, the buttons it sees, and
handing over the workspace."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from calendar_app.domain import permissions
from calendar_app.extensions import db
from calendar_app.models import CadenceRule, Channel, ScheduleItem, User
from calendar_app.services.items import set_status
from calendar_app.web.permissions import BLUEPRINT_ACTIONS, ENDPOINT_ACTIONS, action_of
from tests.factories import make_channel, make_idea, make_item, make_rule, make_user, make_workspace

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
MONDAY_NOON = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)


def log_in(app, user: User) -> FlaskClient:
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
    return client


@pytest.fixture
def team(app):
    """Owner, editor, contributor and viewer; an approved post on a channel that requires
    approval, with a cadence rule."""
    make_workspace()
    people = {
        "owner": make_user("owner@example.com", is_owner=True),
        "editor": make_user("editor@example.com", role="editor"),
        "contributor": make_user("writer@example.com", role="contributor"),
        "viewer": make_user("viewer@example.com", role="viewer"),
    }
    channel = make_channel("blog", requires_approval=True)
    make_rule(channel)
    post = make_item(channel, MONDAY_NOON, idea=make_idea("Winter tyres explained"))
    set_status(post, "approved", NOW, by=people["editor"])
    return people, post


def fill(rule: str, value: str) -> str:
    return re.sub(r"<(?:\w+:)?(\w+)>", value, rule)


def snapshot() -> tuple:
    db.session.expire_all()
    return (
        db.session.execute(
            select(ScheduleItem.id, ScheduleItem.version, ScheduleItem.status)
        ).all(),
        db.session.execute(select(Channel.id, Channel.name, Channel.paused)).all(),
        db.session.execute(select(CadenceRule.id, CadenceRule.enabled)).all(),
        db.session.execute(select(User.id, User.role, User.is_owner)).all(),
    )


def test_every_change_belongs_to_a_known_area(app) -> None:
    for rule in app.url_map.iter_rules():
        if "POST" in rule.methods:
            blueprint = rule.endpoint.partition(".")[0]
            assert rule.endpoint in ENDPOINT_ACTIONS or blueprint in BLUEPRINT_ACTIONS, rule
            assert action_of(rule.endpoint) in permissions.ACTIONS
    assert action_of("unknown.view") == permissions.SETTINGS  # editors and the owner only


@pytest.mark.parametrize(("role", "words"), [("contributor", "You are a contributor"),
                                              ("editor", "You are an editor")])  # fmt: skip
def test_every_change_beyond_the_role_is_a_403_that_says_what_it_may_do(
    app, team, role: str, words: str
) -> None:
    people, post = team
    client = log_in(app, people[role])
    before = snapshot()
    refused = 0
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods or rule.endpoint.startswith("auth."):
            continue
        if permissions.may(role, action_of(rule.endpoint)):
            continue
        answer = client.post(fill(rule.rule, str(post.id)), data={"paused": "1", "enabled": "0"})
        assert answer.status_code == 403, (rule.rule, answer.status_code)
        assert words in answer.get_data(as_text=True)
        refused += 1
    assert refused > (20 if role == "contributor" else 8)
    assert snapshot() == before


def test_a_contributor_still_writes_posts_and_an_editor_still_edits_channels(app, team) -> None:
    people, post = team
    writer, editor = log_in(app, people["contributor"]), log_in(app, people["editor"])
    saved = writer.post(f"/items/{post.id}", data={"notes": "Grip", "version": str(post.version)})
    assert saved.status_code == 302
    db.session.refresh(post)
    assert post.notes == "Grip"
    added = writer.post("/ideas/add", data={"headline": "How to pick winter tyres"})
    assert added.status_code == 302
    paused = editor.post(f"/channels/{post.channel.id}/pause", data={"paused": "1"})
    assert paused.status_code == 302
    db.session.refresh(post.channel)
    assert post.channel.paused


def test_a_contributor_sees_no_buttons_they_cannot_use(app, team) -> None:
    people, post = team
    writer, editor = log_in(app, people["contributor"]), log_in(app, people["editor"])
    pages = ("/channels/", "/campaigns/", "/results/", "/results/metrics", "/settings",
             "/settings/files")  # fmt: skip
    forbidden = ("/channels/new", "/pause", "/rules/new", 'action="/campaigns/', "results/goals",
                 "results/spend", "Save settings", "Preview the changes",
                 "Import</button>")  # fmt: skip
    for page in pages:
        text = writer.get(page).get_data(as_text=True)
        assert "You are a contributor" in text, page
        assert not [word for word in forbidden if word in text], page
    channels = editor.get("/channels/").get_data(as_text=True)
    assert "/channels/new" in channels and "/pause" in channels and "/rules/new" in channels
    assert "Require approval" not in channels.replace("Approval required", "")
    owner = log_in(app, people["owner"]).get("/channels/").get_data(as_text=True)
    assert "Stop requiring approval" in owner
    assert "Save settings" in editor.get("/settings").get_data(as_text=True)


def test_a_contributors_headline_swap_sends_the_post_back_to_review(app, team) -> None:
    people, post = team
    writer, editor = log_in(app, people["contributor"]), log_in(app, people["editor"])
    writer.post(f"/items/{post.id}/headline", data={"headline": "Chain care in the cold"})
    db.session.refresh(post)
    assert post.status == "in_review"
    page = editor.get(f"/items/{post.id}").get_data(as_text=True)
    assert "Changed since it was approved" in page
    assert "Winter tyres explained" in page and "Chain care in the cold" in page


def test_an_editors_headline_swap_keeps_the_approval(app, team) -> None:
    people, post = team
    editor = log_in(app, people["editor"])
    editor.post(f"/items/{post.id}/headline", data={"headline": "Chain care in the cold"})
    db.session.refresh(post)
    assert (post.status, post.idea.headline) == ("approved", "Chain care in the cold")


def hand_over(client: FlaskClient, to: User, password: str = "long enough pw"):
    return client.post(
        "/account/owner",
        data={"owner-member": str(to.id), "owner-password": password},
        follow_redirects=True,
    )


def owners() -> list[str]:
    db.session.expire_all()
    return list(db.session.scalars(select(User.email).where(User.is_owner)))


def test_the_owner_hands_over_with_their_password(app, team) -> None:
    people, _ = team
    owner = log_in(app, people["owner"])
    page = owner.get("/account").get_data(as_text=True)
    assert "Hand over ownership" in page and "writer@example.com</option>" in page
    wrong = hand_over(owner, people["contributor"], "not my password")
    assert "That is not your password" in wrong.get_data(as_text=True)
    assert owners() == ["owner@example.com"]
    done = hand_over(owner, people["contributor"]).get_data(as_text=True)
    assert "writer@example.com is now the owner; you are an editor." in done
    assert owners() == ["writer@example.com"]
    assert db.session.get(User, people["owner"].id).role == "editor"
    assert "Hand over ownership" not in done  # an editor now
    assert hand_over(owner, people["owner"]).status_code == 403


def test_the_owner_cannot_hand_over_to_themselves_or_a_stranger(app, team) -> None:
    people, _ = team
    owner = log_in(app, people["owner"])
    self_choice = hand_over(owner, people["owner"]).get_data(as_text=True)
    assert "Not a valid choice" in self_choice
    stranger = owner.post(
        "/account/owner", data={"owner-member": "999", "owner-password": "long enough pw"}
    )
    assert "Not a valid choice" in stranger.get_data(as_text=True)
    assert owners() == ["owner@example.com"]


@pytest.mark.parametrize("role", ["editor", "contributor", "viewer"])
def test_only_the_owner_hands_over(app, team, role: str) -> None:
    people, _ = team
    member = log_in(app, people[role])
    assert "Hand over ownership" not in member.get("/account").get_data(as_text=True)
    assert hand_over(member, people[role]).status_code == 403
    assert owners() == ["owner@example.com"]


def test_the_last_owner_cannot_demote_themselves_or_leave(app, team) -> None:
    people, _ = team
    owner = log_in(app, people["owner"])
    owner_id = people["owner"].id
    demoted = owner.post(
        f"/account/members/{owner_id}/role", data={"role": "editor"}, follow_redirects=True
    )
    assert "Hand over ownership to another member first." in demoted.get_data(as_text=True)
    left = owner.post(f"/account/members/{owner_id}/remove", follow_redirects=True)
    assert "cannot be removed" in left.get_data(as_text=True)
    assert owners() == ["owner@example.com"]
    changed = owner.post(f"/account/members/{people['editor'].id}/role", data={"role": "viewer"})
    assert changed.status_code == 302
    assert db.session.get(User, people["editor"].id).role == "viewer"
