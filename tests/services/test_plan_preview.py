"""A plan preview counts with the import's own rules and stores nothing; applying stores
only what was previewed; a backup check reads the file and nothing else."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from calendar_app.clock import now
from calendar_app.domain.backup_checks import BackupError
from calendar_app.domain.json_reader import PlanError
from calendar_app.domain.plan_parser import parse_plan
from calendar_app.extensions import db
from calendar_app.models import CadenceRule, Channel, Idea, ScheduleItem, Workspace
from calendar_app.services import backup
from calendar_app.services.plan_preview import (
    PreviewOutdated,
    apply_previewed_plan,
    preview_plan,
    report_from_values,
    report_values,
)
from calendar_app.services.planner import PlanStats
from calendar_app.services.plans import ImportReport, import_plan
from tests.factories import make_channel, make_workspace
from tests.services.test_plan_files import PLAN


def stored() -> list[int]:
    db.session.rollback()
    models = (Workspace, Channel, CadenceRule, Idea, ScheduleItem)
    return [db.session.scalar(select(func.count()).select_from(m)) for m in models]


def test_the_preview_counts_what_the_import_does_and_stores_nothing(app) -> None:
    make_workspace()
    plan = parse_plan(json.dumps(PLAN))
    previewed = preview_plan(plan, now())
    assert stored() == [1, 0, 0, 0, 0]
    assert (previewed.channels_created, previewed.rules_created, previewed.ideas_created) == (
        2,
        3,
        1,
    )
    assert import_plan(parse_plan(json.dumps(PLAN)), now()) == previewed


def test_a_plan_that_fails_only_when_stored_is_refused_by_the_preview(app) -> None:
    make_workspace()
    document = copy.deepcopy(PLAN)
    document["channels"][0]["rules"][0]["starts_on"] = "2024-01-01"
    with pytest.raises(PlanError, match=r"channels\[0\]\.rules\[0\]\.starts_on"):
        preview_plan(parse_plan(json.dumps(document)), now())
    assert stored() == [1, 0, 0, 0, 0]


def test_apply_stores_the_previewed_plan_or_nothing(app) -> None:
    make_workspace()
    previewed = preview_plan(parse_plan(json.dumps(PLAN)), now())
    make_channel("blog")
    before = stored()
    with pytest.raises(PreviewOutdated) as outdated:
        apply_previewed_plan(parse_plan(json.dumps(PLAN)), now(), previewed)
    assert stored() == before
    assert outdated.value.report.channels_created == 1
    report = apply_previewed_plan(parse_plan(json.dumps(PLAN)), now(), outdated.value.report)
    assert report == outdated.value.report
    assert stored()[1:4] == [2, 3, 1]


counts = st.integers(min_value=0, max_value=10**6)


@settings(max_examples=50)
@given(
    fields=st.tuples(counts, counts, counts, counts, counts),
    items=st.none() | st.builds(PlanStats, counts, counts, counts, counts),
)
def test_a_report_survives_the_signed_token(fields, items) -> None:
    report = ImportReport(*fields, items=items)
    values = json.loads(json.dumps(report_values(report)))
    assert report_from_values(values) == report


def test_checking_a_backup_reads_only_the_file(app) -> None:
    make_workspace()
    make_channel("blog")
    raw = backup.dumps(backup.export_backup())
    before = stored()
    found = backup.check_backup(raw)
    assert (found["workspace"], found["channel"], found["user"]) == (1, 1, 0)
    assert stored() == before
    with pytest.raises(BackupError, match="not empty"):
        backup.import_backup(raw)  # the command line still restores only into an empty one
    broken = json.loads(raw)
    broken["tables"]["channel"][0]["workspace_id"] = "x"
    broken["tables"]["cadence_rule"] = "none"
    with pytest.raises(BackupError) as refused:
        backup.check_backup(json.dumps(broken))
    assert any("tables.cadence_rule: must be a list." in p for p in refused.value.problems)
    assert len(refused.value.problems) >= 1
