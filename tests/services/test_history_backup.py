"""The history goes into backups and comes back; a restore adds one entry, not one per
row; a history row the app would never write is refused with the rest of the backup."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import delete, func, select

from calendar_app.domain.backup_checks import BackupError
from calendar_app.extensions import db
from calendar_app.models import ChangeRecord, User
from calendar_app.services import backup, plan_export
from calendar_app.services.actor import COMMAND_LINE, acting_as, member
from calendar_app.services.items import set_status
from tests.factories import make_channel, make_item, make_user, make_workspace

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def wipe() -> None:
    for table in reversed(backup.TABLES):
        db.session.execute(delete(table))
    db.session.commit()


@pytest.fixture
def worked_on(app) -> dict:
    """A workspace whose owner moved a post along; its backup document."""
    make_workspace()
    owner = make_user("owner@example.com", is_owner=True)
    item = make_item(make_channel("blog"), datetime(2026, 11, 24, 11, tzinfo=UTC))
    with acting_as(member(owner)):
        set_status(item, "in_review", NOW, by=owner)
    return backup.export_backup()


def test_the_history_survives_a_backup_and_the_restore_adds_one_entry(worked_on) -> None:
    records = worked_on["tables"]["change_record"]
    assert [r["field"] for r in records] == ["created", "created", "status"]
    wipe()
    with acting_as(COMMAND_LINE):
        counts = backup.import_backup(backup.dumps(worked_on))
    assert counts["change_record"] == 3
    again = backup.export_backup()["tables"]["change_record"]
    assert again[:3] == records
    [restore] = again[3:]
    assert (restore["kind"], restore["field"], restore["actor_label"]) == (
        "workspace",
        "restored",
        "command line",
    )
    assert restore["after"].endswith("rows")


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("field", "password_hash", "is not something the history records"),
        ("kind", "invoice", "must be one of"),
        ("after", "x" * 20_001, "at most 20,000 characters"),
    ],
)
def test_a_history_row_the_app_would_not_write_changes_nothing(worked_on, key, value, message):
    worked_on["tables"]["change_record"][2][key] = value
    wipe()
    with pytest.raises(BackupError, match=message):
        backup.import_backup(backup.dumps(worked_on))
    assert db.session.scalar(select(func.count()).select_from(User)) == 0
    assert db.session.scalar(select(func.count()).select_from(ChangeRecord)) == 0


def test_a_history_row_of_a_member_not_in_the_backup_changes_nothing(worked_on) -> None:
    worked_on["tables"]["change_record"][2]["actor_id"] = 99
    wipe()
    with pytest.raises(BackupError, match="change_record.*actor_id: 99"):
        backup.import_backup(backup.dumps(worked_on))
    assert db.session.scalar(select(func.count()).select_from(ChangeRecord)) == 0


def test_a_backup_from_before_the_history_restores_with_none(worked_on) -> None:
    del worked_on["tables"]["change_record"]
    wipe()
    backup.import_backup(json.dumps(worked_on))
    fields = list(db.session.scalars(select(ChangeRecord.field)))
    assert fields == ["restored"]


def test_plan_files_carry_no_history(worked_on) -> None:
    assert "change_record" not in json.dumps(plan_export.export_plan())
    assert "in_review" not in json.dumps(plan_export.export_plan())
