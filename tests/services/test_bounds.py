"""What the forms and imports accept, the columns can store and a backup can restore."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from sqlalchemy import Numeric, select

from calendar_app.domain import bounds
from calendar_app.extensions import db
from calendar_app.models import Channel, ChannelSpend, Goal, ResultRecord, Workspace
from calendar_app.services import backup, results, results_import
from tests.factories import make_workspace
from tests.services.test_backup import but_the_restore


@pytest.mark.parametrize(
    ("column", "maximum"),
    [
        (Workspace.hourly_rate, bounds.MAX_RATE),
        (Channel.click_value, bounds.MAX_RATE),
        (ResultRecord.revenue, bounds.MAX_AMOUNT),
        (ChannelSpend.amount, bounds.MAX_AMOUNT),
        (Goal.target, bounds.MAX_AMOUNT),
        (Goal.baseline, bounds.MAX_AMOUNT),
    ],
)
def test_the_largest_amount_accepted_is_what_its_column_holds(column, maximum) -> None:
    kind = column.type
    assert isinstance(kind, Numeric)
    assert bounds.largest(kind.precision, kind.scale) == maximum


def test_counts_fit_an_integer_column() -> None:
    assert bounds.MAX_COUNT <= bounds.MAX_INTEGER == 2**31 - 1


def exported(app, runner, tmp_path) -> dict:
    path = tmp_path / "backup.json"
    assert runner.invoke(args=["backup", "export", str(path)]).exit_code == 0
    return json.loads(path.read_text())


@pytest.mark.parametrize(
    ("table", "row", "fragment"),
    [
        ("goal", None, "at most 2 goals, not 3"),
        ("schedule_item", {"actual_minutes": -5}, "actual_minutes: must be between 0 and 1440"),
        ("schedule_item", {"actual_minutes": 1441}, "actual_minutes: must be between 0 and 1440"),
        ("result_record", {"starts_on": "0001-01-01"}, "starts_on: 0001-01-01 is outside"),
        ("result_record", {"revenue": "1000000000000"}, "revenue: '1000000000000' is more than"),
        ("result_record", {"visits": 2**31 - 1}, "visits: must be between 0 and 1,000,000,000"),
        ("channel_spend", {"month": "9999-12-01"}, "month: 9999-12-01 is outside"),
    ],
)
def test_a_backup_with_values_no_form_or_import_accepts_is_refused(
    app, runner, tmp_path, fresh_app, table, row, fragment
) -> None:
    runner.invoke(args=["demo"])
    results_import.import_results(_results_file())
    results.add_goal({"kind": "sales", "metric": "leads", "target": "5", "period": "month"})
    results.add_goal({"kind": "traffic", "metric": "visits", "target": "50", "period": "year"})
    results.record_spend(db.session.scalars(select(Channel)).first(), "2026-11", "20", "ads")
    document = exported(app, runner, tmp_path)
    tables = document["tables"]
    if row is None:
        tables["goal"].append({**tables["goal"][0], "id": 3})
    else:
        tables[table][0].update(row)
    (tmp_path / "bad.json").write_text(json.dumps(document))
    fresh = fresh_app()
    with fresh.app_context():
        result = fresh.test_cli_runner().invoke(
            args=["backup", "import", str(tmp_path / "bad.json")]
        )
        assert result.exit_code == 1
        assert fragment in result.output, result.output


def _results_file() -> str:
    return (
        "date,utm_source,utm_medium,utm_campaign,utm_content,visits,leads,customers,revenue\n"
        "2026-11-02,linkedin,social,winter,,35,2,1,999999999999.99\n"
    )


def test_the_largest_values_accepted_survive_a_backup(app, runner, tmp_path, fresh_app) -> None:
    make_workspace()
    results_import.import_results(
        _results_file().replace("35,2,1", f"{bounds.MAX_COUNT},{bounds.MAX_COUNT},0")
    )
    document = exported(app, runner, tmp_path)
    (tmp_path / "max.json").write_text(json.dumps(document))
    fresh = fresh_app()
    with fresh.app_context():
        result = fresh.test_cli_runner().invoke(
            args=["backup", "import", str(tmp_path / "max.json")]
        )
        assert result.exit_code == 0, result.output
        assert but_the_restore(backup.export_backup()) == document
    assert Decimal(document["tables"]["result_record"][0]["revenue"]) == bounds.MAX_AMOUNT
