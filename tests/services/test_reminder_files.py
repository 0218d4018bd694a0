"""Plan files carry a channel's response-time standard; backups carry it and each person's
feed reminder, and refuse values the forms would refuse."""

from __future__ import annotations

import copy
import json

import pytest
from sqlalchemy import select

from calendar_app.extensions import db
from calendar_app.models import Channel, User
from tests.services.test_backup import but_the_restore, load_demo_with_work
from tests.services.test_plan_files import PLAN, counts, write


def test_a_plan_carries_the_response_standard_and_a_file_without_it_keeps_it(
    runner, tmp_path
) -> None:
    document = copy.deepcopy(PLAN)
    document["channels"][1]["response_hours"] = 4
    result = runner.invoke(args=["plan", "import", write(tmp_path, document)])
    assert result.exit_code == 0, result.output
    standards = dict(db.session.execute(select(Channel.slug, Channel.response_hours)).all())
    assert standards == {"blog": None, "linkedin": 4}
    out = tmp_path / "exported.json"
    assert runner.invoke(args=["plan", "export", str(out)]).exit_code == 0
    exported = json.loads(out.read_text())
    assert [c["response_hours"] for c in exported["channels"]] == [None, 4]
    del exported["channels"][1]["response_hours"]  # a file that does not say keeps it
    assert runner.invoke(args=["plan", "import", write(tmp_path, exported)]).exit_code == 0
    assert db.session.scalar(select(Channel.response_hours).where(Channel.slug == "linkedin")) == 4


@pytest.mark.parametrize("hours", [0, 169, "4", 2.5, True])
def test_a_plan_with_a_bad_response_standard_is_refused_and_changes_nothing(
    runner, tmp_path, hours
) -> None:
    document = copy.deepcopy(PLAN)
    document["channels"][1]["response_hours"] = hours
    result = runner.invoke(args=["plan", "import", write(tmp_path, document)])
    assert result.exit_code != 0
    assert "channels[1].response_hours" in result.output
    assert counts()["channel"] == 0


def set_reminders() -> None:
    owner = db.session.scalar(select(User))
    owner.feed_alarm_minutes = 1440
    channel = db.session.scalars(select(Channel).order_by(Channel.id)).first()
    channel.response_hours = 6
    db.session.commit()


def test_reminders_and_standards_survive_a_backup(app, runner, tmp_path, fresh_app) -> None:
    load_demo_with_work(runner)
    set_reminders()
    path = tmp_path / "backup.json"
    assert runner.invoke(args=["backup", "export", str(path)]).exit_code == 0
    fresh = fresh_app()
    with fresh.app_context():
        fresh_runner = fresh.test_cli_runner()
        assert fresh_runner.invoke(args=["backup", "import", str(path)]).exit_code == 0
        assert db.session.scalar(select(User.feed_alarm_minutes)) == 1440
        hours = db.session.scalars(select(Channel.response_hours).order_by(Channel.id))
        assert next(iter(hours)) == 6
        again = tmp_path / "again.json"
        fresh_runner.invoke(args=["backup", "export", str(again)])
        assert but_the_restore(again.read_text()) == json.loads(path.read_text())


BAD = [
    ("user", "feed_alarm_minutes", 5, "15, 60 or 1440"),
    ("user", "feed_alarm_minutes", 0, "15, 60 or 1440"),
    ("channel", "response_hours", 0, "from 1 to 168"),
    ("channel", "response_hours", 500, "from 1 to 168"),
]


def test_a_backup_with_a_bad_reminder_or_standard_changes_nothing(
    app, runner, tmp_path, fresh_app
) -> None:
    load_demo_with_work(runner)
    set_reminders()
    path = tmp_path / "backup.json"
    runner.invoke(args=["backup", "export", str(path)])
    good = json.loads(path.read_text())
    fresh = fresh_app()
    with fresh.app_context():
        fresh_runner = fresh.test_cli_runner()
        for table, field, value, fragment in BAD:
            document = json.loads(json.dumps(good))
            document["tables"][table][0][field] = value
            path.write_text(json.dumps(document))
            result = fresh_runner.invoke(args=["backup", "import", str(path)])
            assert result.exit_code == 1, (field, result.output)
            assert f"tables.{table}[0].{field}" in result.output, result.output
            assert fragment in result.output, result.output
            assert db.session.scalars(select(User)).first() is None
        older = json.loads(json.dumps(good))  # a backup from before reminders
        for row in older["tables"]["user"]:
            del row["feed_alarm_minutes"]
        for row in older["tables"]["channel"]:
            del row["response_hours"]
        path.write_text(json.dumps(older))
        assert fresh_runner.invoke(args=["backup", "import", str(path)]).exit_code == 0
        assert set(db.session.scalars(select(Channel.response_hours))) == {None}
        assert set(db.session.scalars(select(User.feed_alarm_minutes))) == {None}
