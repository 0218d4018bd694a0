"""Backups carry roles, approval channels and approvals; old backups map like the migration."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from calendar_app.clock import now as app_now
from calendar_app.extensions import db
from calendar_app.models import Channel, ScheduleItem, User
from calendar_app.services.items import set_status
from tests.factories import make_user


def load_demo_with_review(runner) -> dict[str, str]:
    """The demo, an owner, a contributor and a viewer; one post approved on a channel that
    requires approval and one in review sent back with a note. The statuses of the items by uid."""
    assert runner.invoke(args=["demo"]).exit_code == 0
    owner = make_user("owner@example.com", is_owner=True)
    make_user("writer@example.com", role="contributor")
    make_user("viewer@example.com", role="viewer")
    channel = db.session.scalars(select(Channel).order_by(Channel.id)).first()
    channel.requires_approval = True
    posts = db.session.scalars(
        select(ScheduleItem)
        .where(ScheduleItem.channel_id == channel.id, ScheduleItem.activity == "post")
        .order_by(ScheduleItem.id)
    ).all()
    posts[0].notes = "Approved words"
    db.session.commit()
    set_status(posts[0], "approved", app_now(), by=owner)
    set_status(posts[1], "in_review", app_now(), by=owner)
    set_status(posts[1], "draft", app_now(), by=owner, note="Shorter, please")
    return {i.uid: i.status for i in db.session.scalars(select(ScheduleItem))}


def export(runner, tmp_path) -> tuple[dict, object]:
    path = tmp_path / "backup.json"
    assert runner.invoke(args=["backup", "export", str(path)]).exit_code == 0
    return json.loads(path.read_text()), path


def test_roles_approval_channels_and_approvals_survive_a_backup(
    app, runner, tmp_path, fresh_app
) -> None:
    statuses = load_demo_with_review(runner)
    document, path = export(runner, tmp_path)
    fresh = fresh_app()
    with fresh.app_context():
        assert fresh.test_cli_runner().invoke(args=["backup", "import", str(path)]).exit_code == 0
        assert {u.email: u.role for u in db.session.scalars(select(User))} == {
            "owner@example.com": "owner",
            "writer@example.com": "contributor",
            "viewer@example.com": "viewer",
        }
        assert {i.uid: i.status for i in db.session.scalars(select(ScheduleItem))} == statuses
        approved = db.session.scalar(
            select(ScheduleItem).where(ScheduleItem.approved_text.is_not(None))
        )
        assert approved.approved_by.email == "owner@example.com"
        assert "Approved words" in approved.approved_text
        asked = db.session.scalar(select(ScheduleItem).where(ScheduleItem.review_note != ""))
        assert (asked.status, asked.review_note) == ("draft", "Shorter, please")
        assert sum(c.requires_approval for c in db.session.scalars(select(Channel))) == 1


def test_a_backup_from_before_the_workflow_restores_mapped_like_the_migration(
    app, runner, tmp_path, fresh_app
) -> None:
    load_demo_with_review(runner)
    document, path = export(runner, tmp_path)
    old = {"post": {"draft": "planned", "approved": "ready"}, "reply": {"todo": "planned"}}
    for row in document["tables"]["user"]:
        del row["role"]
    for row in document["tables"]["channel"]:
        del row["requires_approval"]
    for row in document["tables"]["schedule_item"]:
        for key in ("approved_by_id", "approved_at", "approved_text", "review_note"):
            del row[key]
        before = old.get(row["activity"], {}).get(row["status"])
        row["status"] = before or row["status"]
        if row["activity"] == "routine" and row["status"] == "todo":
            row["status"] = "planned"
    path.write_text(json.dumps(document))
    fresh = fresh_app()
    with fresh.app_context():
        result = fresh.test_cli_runner().invoke(args=["backup", "import", str(path)])
        assert result.exit_code == 0, result.output
        roles = {u.email: u.role for u in db.session.scalars(select(User))}
        assert roles["owner@example.com"] == "owner" and roles["viewer@example.com"] == "editor"
        items = db.session.scalars(select(ScheduleItem)).all()
        assert {i.status for i in items if i.activity == "post"} <= {"draft", "approved"}
        assert {i.status for i in items if i.activity in ("reply", "routine")} == {"todo"}
        assert not any(c.requires_approval for c in db.session.scalars(select(Channel)))


@pytest.mark.parametrize(
    ("table", "field", "value", "fragment"),
    [
        ("user", "role", "boss", "role: 'boss' is not one of owner, editor, contributor, viewer"),
        ("user", "role", "owner", "role: must be owner exactly when is_owner is true"),
        ("schedule_item", "status", "done", "status: 'done' is not one of draft, in_review"),
        ("schedule_item", "status", "lost", "status: 'lost' is not one of"),
    ],
)
def test_a_backup_with_a_role_or_status_the_app_would_refuse_changes_nothing(
    app, runner, tmp_path, fresh_app, table, field, value, fragment
) -> None:
    load_demo_with_review(runner)
    document, path = export(runner, tmp_path)
    rows = document["tables"][table]
    index = next(
        i
        for i, row in enumerate(rows)
        if (table == "user" and row["email"] == "viewer@example.com")
        or (table == "schedule_item" and row["activity"] == "post")
    )
    rows[index][field] = value
    path.write_text(json.dumps(document))
    fresh = fresh_app()
    with fresh.app_context():
        result = fresh.test_cli_runner().invoke(args=["backup", "import", str(path)])
        assert result.exit_code == 1
        assert f"tables.{table}[{index}].{fragment}" in result.output, result.output
        assert db.session.scalars(select(User)).first() is None
