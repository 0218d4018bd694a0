"""Roles on the pages: viewers read, contributors send for review, editors approve."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from calendar_app.extensions import db
from calendar_app.models import Channel, Invitation, ScheduleItem, User
from calendar_app.services.items import set_status
from tests.factories import (
    feed_token,
    make_channel,
    make_idea,
    make_item,
    make_user,
    make_workspace,
)

MONDAY_NOON = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)
VIEWER_MAY_POST = ("auth.logout", "settings.change_password", "settings.mail_choices",
                   "feeds.reset", "feeds.reminder", "inbox.read", "inbox.read_all",
                   "share.review",
                   "settings.create_token", "settings.revoke_token")  # fmt: skip


def log_in(app, user: User) -> FlaskClient:
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
    return client


@pytest.fixture
def team(app):
    """Owner, editor, contributor and viewer, and a post with a headline on a channel that
    requires approval."""
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


def fill(rule: str, value: str) -> str:
    return re.sub(r"<(?:\w+:)?(\w+)>", value, rule)


def test_a_viewer_reads_every_page_but_every_post_is_a_403_that_changes_nothing(app, team) -> None:
    people, post = team
    viewer = log_in(app, people["viewer"])
    before = db.session.execute(select(ScheduleItem.id, ScheduleItem.version)).all()
    posted = 0
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods or rule.endpoint in VIEWER_MAY_POST:
            continue
        path = fill(rule.rule, str(post.id))
        answer = viewer.post(path, data={"status": "approved", "version": str(post.version)})
        if rule.endpoint.startswith("auth.") or rule.endpoint == "feeds.feed":
            continue  # login, setup and joining are for people not logged in
        if rule.endpoint.startswith("api."):
            assert answer.status_code == 401  # the JSON API takes a token, never the cookie
            continue
        assert answer.status_code == 403, (rule.rule, answer.status_code)
        assert "You are a viewer" in answer.get_data(as_text=True)
        posted += 1
    assert posted > 40
    db.session.expire_all()
    assert db.session.execute(select(ScheduleItem.id, ScheduleItem.version)).all() == before
    for page in ("/week", f"/items/{post.id}", "/board", "/calendar", "/channels/", "/account"):
        assert viewer.get(page).status_code == 200, page


def test_a_viewer_may_still_change_their_password_and_log_out(app, team) -> None:
    people, _ = team
    viewer = log_in(app, people["viewer"])
    answer = viewer.post(
        "/account/password",
        data={
            "pw-current": "long enough pw",
            "pw-password": "a new long pw",
            "pw-confirm": "a new long pw",
        },
    )
    assert answer.status_code == 302
    assert viewer.post("/logout").status_code == 302
    assert viewer.get("/week").status_code == 302  # logged out


def test_the_week_and_item_pages_show_the_status_and_the_roles_next_steps(app, team) -> None:
    people, post = team
    writer, editor = log_in(app, people["contributor"]), log_in(app, people["editor"])
    page = writer.get(f"/items/{post.id}").get_data(as_text=True)
    assert "Draft" in page and "Send for review" in page and ">Approve<" not in page
    assert "Blog requires approval" in page
    assert ">Approve<" in editor.get(f"/items/{post.id}").get_data(as_text=True)
    week = writer.get("/week?start=2026-11-23").get_data(as_text=True)
    assert f'name="in_review" value="{post.id}:{post.version}">Send for review' in week
    viewer = log_in(app, people["viewer"]).get("/week?start=2026-11-23").get_data(as_text=True)
    assert "Send for review" not in viewer and "Draft" in viewer


def test_a_contributors_post_waits_for_approval_and_an_edit_returns_it_with_the_diff(
    app, team
) -> None:
    people, post = team
    writer, editor = log_in(app, people["contributor"]), log_in(app, people["editor"])

    def move(client, status, **extra):
        data = {"status": status, "version": str(post.version), "back": "item", **extra}
        page = client.post(f"/items/{post.id}/status", data=data, follow_redirects=True)
        db.session.refresh(post)
        return page.get_data(as_text=True)

    assert "Marked in review." in move(writer, "in_review")
    refused = move(writer, "scheduled")
    assert "requires approval" in refused and post.status == "in_review"
    assert "Only an editor or the owner can approve" in move(writer, "approved")
    assert post.status == "in_review"
    assert "Marked approved." in move(editor, "approved")
    assert post.approved_by.email == "editor@example.com"
    saved = writer.post(
        f"/items/{post.id}",
        data={"notes": "Studded tyres <b>grip</b>", "version": str(post.version)},
        follow_redirects=True,
    )
    db.session.refresh(post)
    assert saved.status_code == 200 and post.status == "in_review"
    page = editor.get(f"/items/{post.id}").get_data(as_text=True)
    assert "Changed since it was approved" in page
    assert "added: </span>Studded tyres &lt;b&gt;grip&lt;/b&gt;</ins>" in page
    assert "Marked scheduled." not in move(writer, "scheduled") and post.status == "in_review"


def test_asking_for_changes_shows_the_note_to_the_writer(app, team) -> None:
    people, post = team
    set_status(post, "in_review", MONDAY_NOON, by=people["contributor"])
    editor = log_in(app, people["editor"])
    page = editor.get(f"/items/{post.id}").get_data(as_text=True)
    assert "Note for the writer" in page and "Ask for changes" in page
    editor.post(
        f"/items/{post.id}/status",
        data={"status": "draft", "version": str(post.version), "note": "Name the tyres"},
    )
    page = log_in(app, people["contributor"]).get(f"/items/{post.id}").get_data(as_text=True)
    assert "Changes asked for: Name the tyres" in page


def test_the_feed_is_tentative_until_approved_and_confirmed_after(app, team) -> None:
    people, post = team
    client = app.test_client()
    url = f"/feeds/{feed_token(people['owner'])}.ics"
    assert "STATUS:TENTATIVE" in client.get(url).get_data(as_text=True)
    set_status(post, "approved", MONDAY_NOON, by=people["editor"])
    body = client.get(url).get_data(as_text=True)
    assert "STATUS:CONFIRMED" in body and "STATUS:TENTATIVE" not in body


def test_the_owner_sets_roles_on_the_team_page_but_not_their_own(app, team) -> None:
    people, _ = team
    owner = log_in(app, people["owner"])
    page = owner.get("/account").get_data(as_text=True)
    assert "Contributor (writes, sends for review)" in page and "Set role" in page
    answer = owner.post(
        f"/account/members/{people['viewer'].id}/role",
        data={"role": "contributor"},
        follow_redirects=True,
    )
    assert "viewer@example.com is now contributor" in answer.get_data(as_text=True)
    refused = owner.post(
        f"/account/members/{people['owner'].id}/role",
        data={"role": "viewer"},
        follow_redirects=True,
    )
    assert "The owner stays the owner" in refused.get_data(as_text=True)
    bad = owner.post(
        f"/account/members/{people['editor'].id}/role", data={"role": "boss"}, follow_redirects=True
    )
    assert "Choose editor, contributor or viewer." in bad.get_data(as_text=True)
    editor = log_in(app, people["editor"])
    assert (
        editor.post(
            f"/account/members/{people['viewer'].id}/role", data={"role": "editor"}
        ).status_code
        == 403
    )
    db.session.expire_all()
    assert [u.role for u in db.session.scalars(select(User).order_by(User.id))] == [
        "owner", "editor", "contributor", "contributor"
    ]  # fmt: skip


def test_an_invitation_and_a_new_account_get_the_role_chosen(app, team) -> None:
    people, _ = team
    owner = log_in(app, people["owner"])
    owner.post(
        "/account/invitations", data={"invite-email": "new@example.com", "invite-role": "viewer"}
    )
    assert db.session.scalar(select(Invitation)).role == "viewer"
    owner.post(
        "/account/members",
        data={"member-email": "made@example.com", "member-password": "long enough pw",
              "member-role": "contributor"},
    )  # fmt: skip
    assert db.session.scalar(select(User).where(User.email == "made@example.com")).role == (
        "contributor"
    )
    refused = owner.post(
        "/account/invitations", data={"invite-email": "x@example.com", "invite-role": "owner"}
    )
    assert "Not a valid choice" in refused.get_data(as_text=True)
    assert db.session.scalar(select(Invitation).where(Invitation.email == "x@example.com")) is None


def test_only_the_owner_makes_a_channel_require_approval(app, team) -> None:
    people, post = team
    channel_id = post.channel_id
    editor = log_in(app, people["editor"])
    assert "Require approval" not in editor.get("/channels/").get_data(as_text=True)
    assert editor.post(f"/channels/{channel_id}/approval", data={}).status_code == 403
    db.session.expire_all()
    assert db.session.get(Channel, channel_id).requires_approval
    owner = log_in(app, people["owner"])
    assert "Stop requiring approval" in owner.get("/channels/").get_data(as_text=True)
    owner.post(f"/channels/{channel_id}/approval", data={"requires_approval": "0"})
    db.session.expire_all()
    assert not db.session.get(Channel, channel_id).requires_approval
    page = owner.get("/channels/").get_data(as_text=True)
    assert "Require approval for contributors&#39; posts" in page


def test_plan_files_carry_approval_and_only_the_owner_changes_it_through_one(app, team) -> None:
    from tests.web.test_plan_and_backup_files import apply_form, upload

    people, post = team
    owner, editor = log_in(app, people["owner"]), log_in(app, people["editor"])
    document = owner.get("/settings/plan.json").get_json()
    assert [c["requires_approval"] for c in document["channels"]] == [True]
    # The same file changes nothing, so an editor may apply it.
    page = upload(editor, document).get_data(as_text=True)
    editor.post("/settings/plan/apply", data=apply_form(page))
    document["channels"][0]["requires_approval"] = False
    page = upload(editor, document).get_data(as_text=True)
    refused = editor.post("/settings/plan/apply", data=apply_form(page), follow_redirects=True)
    assert "Only the owner decides which channels require approval (blog)" in refused.get_data(
        as_text=True
    )
    db.session.expire_all()
    assert db.session.get(Channel, post.channel_id).requires_approval
    page = upload(owner, document).get_data(as_text=True)
    owner.post("/settings/plan/apply", data=apply_form(page))
    db.session.expire_all()
    assert not db.session.get(Channel, post.channel_id).requires_approval
