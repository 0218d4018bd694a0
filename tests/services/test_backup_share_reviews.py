"""Backups carry whether a share link takes reviews and the approvals given through one;
plan files carry neither."""

from __future__ import annotations

import json

from sqlalchemy import select

from calendar_app.clock import now as app_now
from calendar_app.extensions import db
from calendar_app.models import ScheduleItem, ShareLink, User
from calendar_app.services import plan_export, share_reviews, shares


def approve_through_a_link() -> ScheduleItem:
    """A link that takes reviews, a plain one, and a post approved through the first."""
    share, _token = shares.create_share(
        {"label": "Client", "all_channels": True, "allow_approval": True}, None, app_now(), "UTC"
    )
    shares.create_share({"label": "Plain", "all_channels": True}, None, app_now(), "UTC")
    item = db.session.scalars(
        select(ScheduleItem).where(ScheduleItem.activity == "post").order_by(ScheduleItem.id)
    ).first()
    item.status = "in_review"
    db.session.commit()
    answer = {"name": "Ana", "decision": "approve", "note": ""}
    share_reviews.review(share, item, answer, app_now(), None)
    return item


def test_reviews_on_links_survive_a_backup_and_stay_out_of_plan_files(
    app, runner, tmp_path, fresh_app
) -> None:
    assert runner.invoke(args=["demo"]).exit_code == 0
    item = approve_through_a_link()
    path = tmp_path / "backup.json"
    assert runner.invoke(args=["backup", "export", str(path)]).exit_code == 0
    tables = json.loads(path.read_text())["tables"]
    assert [r["allow_approval"] for r in tables["share_link"]] == [True, False]
    (row,) = [r for r in tables["schedule_item"] if r["id"] == item.id]
    assert row["approved_through"] == "Ana (through share link “Client”)"
    plan = json.dumps(plan_export.export_plan())
    assert "share" not in plan and "approved_through" not in plan and "Ana" not in plan
    fresh = fresh_app()
    with fresh.app_context():
        result = fresh.test_cli_runner().invoke(args=["backup", "import", str(path)])
        assert result.exit_code == 0, result.output
        links = {s.label: s.allow_approval for s in db.session.scalars(select(ShareLink))}
        assert links == {"Client": True, "Plain": False}
        restored = db.session.get(ScheduleItem, item.id)
        assert (restored.status, restored.approved_through) == (
            "approved",
            "Ana (through share link “Client”)",
        )


def test_a_backup_from_before_reviews_on_links_restores_them_switched_off(
    app, runner, tmp_path, fresh_app
) -> None:
    assert runner.invoke(args=["demo"]).exit_code == 0
    approve_through_a_link()
    path = tmp_path / "backup.json"
    runner.invoke(args=["backup", "export", str(path)])
    document = json.loads(path.read_text())
    for row in document["tables"]["share_link"]:
        del row["allow_approval"]
    for row in document["tables"]["schedule_item"]:
        del row["approved_through"]
    path.write_text(json.dumps(document))
    fresh = fresh_app()
    with fresh.app_context():
        result = fresh.test_cli_runner().invoke(args=["backup", "import", str(path)])
        assert result.exit_code == 0, result.output
        assert not any(s.allow_approval for s in db.session.scalars(select(ShareLink)))
        assert not any(i.approved_through for i in db.session.scalars(select(ScheduleItem)))


def test_a_backup_with_a_bad_review_value_changes_nothing(app, runner, tmp_path, fresh_app):
    assert runner.invoke(args=["demo"]).exit_code == 0
    approve_through_a_link()
    path = tmp_path / "backup.json"
    runner.invoke(args=["backup", "export", str(path)])
    good = json.loads(path.read_text())
    fresh = fresh_app()
    with fresh.app_context():
        fresh_runner = fresh.test_cli_runner()
        for table, field, value in (
            ("share_link", "allow_approval", "yes"),
            ("schedule_item", "approved_through", "x" * 241),
        ):
            document = json.loads(json.dumps(good))
            document["tables"][table][0][field] = value
            path.write_text(json.dumps(document))
            result = fresh_runner.invoke(args=["backup", "import", str(path)])
            assert result.exit_code == 1 and f"tables.{table}[0].{field}" in result.output
            assert db.session.scalars(select(User)).first() is None
