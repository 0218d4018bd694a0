"""Plan files import idempotently, export faithfully, and bad ones change nothing."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from calendar_app.extensions import db
from calendar_app.models import CadenceRule, Channel, Idea, ScheduleItem, Workspace

PLAN = {
    "format": "editorial-calendar/plan-v1",
    "workspace": {
        "name": "Acme Bikes",
        "mission": "We fix city bikes the same day.",
        "industry": "bicycle repair",
        "audience": "city commuters",
        "topics": ["e-bikes", "winter cycling"],
        "products": ["same-day repair"],
        "site_url": "https://acme.example/",
        "timezone": "Europe/Amsterdam",
        "hours_per_week": 10,
        "blackout_dates": ["2026-12-25"],
    },
    "channels": [
        {
            "name": "Blog",
            "slug": "blog",
            "utm_source": "blog",
            "utm_medium": "owned",
            "rules": [
                {"activity": "post", "per_week": 3, "time": "09:00", "starts_on": "2026-12-01"}
            ],
        },
        {
            "name": "LinkedIn",
            "slug": "linkedin",
            "rules": [
                {"activity": "post", "rrule": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "time": "10:00"},
                {
                    "activity": "reply",
                    "rrule": "FREQ=DAILY",
                    "time": "16:00",
                    "duration_minutes": 30,
                },
            ],
        },
    ],
    "ideas": [{"headline": "Winter cycling for beginners", "template": "for-beginners"}],
}


def write(tmp_path: Path, document: object, name: str = "plan.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(document) if not isinstance(document, str) else document)
    return str(path)


def counts() -> dict[str, int]:
    return {
        model.__tablename__: db.session.scalar(select(func.count()).select_from(model))
        for model in (Workspace, Channel, CadenceRule, Idea, ScheduleItem)
    }


def state() -> list:
    rows = db.session.execute(
        select(ScheduleItem.uid, ScheduleItem.starts_at, ScheduleItem.sequence)
    ).all()
    return sorted(map(tuple, rows))


def test_importing_the_example_plan(runner, tmp_path) -> None:
    result = runner.invoke(args=["plan", "import", write(tmp_path, PLAN)])
    assert result.exit_code == 0, result.output
    assert "2 channels, 3 rules and 1 ideas added" in result.output
    linkedin = db.session.scalar(select(Channel).where(Channel.slug == "linkedin"))
    assert (linkedin.utm_source, linkedin.utm_medium) == ("linkedin", "social")
    blog = db.session.scalar(select(Channel).where(Channel.slug == "blog"))
    assert blog.utm_medium == "owned"
    assert counts()["schedule_item"] > 50


def test_importing_the_same_plan_twice_changes_nothing(runner, tmp_path) -> None:
    path = write(tmp_path, PLAN)
    runner.invoke(args=["plan", "import", path])
    before_counts, before_state = counts(), state()
    result = runner.invoke(args=["plan", "import", path])
    assert result.exit_code == 0
    assert (
        "0 channels, 0 rules and 0 ideas added, 0 records updated; "
        "0 schedule items planned, 0 moved, 0 removed" in result.output
    )
    assert counts() == before_counts
    assert state() == before_state


def test_export_then_import_changes_nothing(runner, tmp_path) -> None:
    runner.invoke(args=["plan", "import", write(tmp_path, PLAN)])
    out = tmp_path / "exported.json"
    assert runner.invoke(args=["plan", "export", str(out)]).exit_code == 0
    exported = json.loads(out.read_text())
    assert exported["workspace"]["blackout_dates"] == ["2026-12-25"]
    assert [c["slug"] for c in exported["channels"]] == ["blog", "linkedin"]
    before = state()
    result = runner.invoke(args=["plan", "import", str(out)])
    assert "0 records updated" in result.output
    assert state() == before


def test_a_changed_plan_updates_in_place_and_keeps_what_it_does_not_mention(
    runner, tmp_path
) -> None:
    runner.invoke(args=["plan", "import", write(tmp_path, PLAN)])
    changed = copy.deepcopy(PLAN)
    changed["channels"] = [{"name": "LinkedIn Company", "slug": "linkedin", "rules": []}]
    changed["ideas"] = [{"headline": "Five e-bike myths"}]
    runner.invoke(args=["plan", "import", write(tmp_path, changed, "changed.json")])
    assert (
        db.session.scalar(select(Channel.name).where(Channel.slug == "linkedin"))
        == "LinkedIn Company"
    )
    assert counts()["channel"] == 2 and counts()["cadence_rule"] == 3 and counts()["idea"] == 2


def mutate(path: str, value: object) -> dict:
    document = copy.deepcopy(PLAN)
    *parents, last = path.split(".")
    target: object = document
    for key in parents:
        target = target[int(key)] if isinstance(target, list) else target[key]
    if value is KeyError:
        del target[last]
    elif isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return document


@pytest.mark.parametrize(
    ("document", "field"),
    [
        ("{not json", "(file)"),
        ("[]", "(file)"),
        (mutate("format", "something-else"), "format"),
        (mutate("workspace", KeyError), "workspace"),
        (mutate("workspace.name", ""), "workspace.name"),
        (mutate("workspace.timezone", "Mars/Olympus"), "workspace.timezone"),
        (mutate("workspace.site_url", "javascript:alert(1)"), "workspace.site_url"),
        (mutate("workspace.site_url", "ftp://acme.example/"), "workspace.site_url"),
        (mutate("workspace.mission", "x" * 141), "workspace.mission"),
        (mutate("workspace.hours_per_week", "ten"), "workspace.hours_per_week"),
        (mutate("workspace.blackout_dates", ["2026-02-30"]), "workspace.blackout_dates[0]"),
        (mutate("workspace.topics", "e-bikes"), "workspace.topics"),
        (mutate("channels.1.slug", "Linked In"), "channels[1].slug"),
        (mutate("channels.1.slug", "blog"), "channels[1].slug"),
        (mutate("channels.1.timezone", "Nowhere/Land"), "channels[1].timezone"),
        (mutate("channels.0.name", None), "channels[0].name"),
        (mutate("channels.1.rules.0.rrule", "FREQ=SOMETIMES"), "channels[1].rules[0].rrule"),
        (mutate("channels.1.rules.0.rrule", "FREQ=DAILY;BYHOUR=25"), "channels[1].rules[0].rrule"),
        (mutate("channels.1.rules.0.time", "25:00"), "channels[1].rules[0].time"),
        (mutate("channels.1.rules.0.time", "9am"), "channels[1].rules[0].time"),
        (mutate("channels.1.rules.0.time", KeyError), "channels[1].rules[0].time"),
        (mutate("channels.1.rules.0.activity", "dance"), "channels[1].rules[0].activity"),
        (mutate("channels.0.rules.0.per_week", 9), "channels[0].rules[0].per_week"),
        (mutate("channels.0.rules.0.starts_on", "1 Dec"), "channels[0].rules[0].starts_on"),
        (mutate("channels.0.rules.0.ends_on", "2026-01-01"), "channels[0].rules[0].ends_on"),
        (
            mutate("channels.1.rules.1.duration_minutes", -5),
            "channels[1].rules[1].duration_minutes",
        ),
        (mutate("channels.1.rules.1.routine", "weekly-party"), "channels[1].rules[1].routine"),
        (mutate("ideas.0.headline", ""), "ideas[0].headline"),
        (mutate("ideas.0.status", "someday"), "ideas[0].status"),
    ],
)
def test_a_malformed_plan_is_rejected_whole_naming_the_field(
    runner, tmp_path, document, field
) -> None:
    runner.invoke(args=["plan", "import", write(tmp_path, PLAN, "good.json")])
    before_counts, before_state = counts(), state()
    result = runner.invoke(args=["plan", "import", write(tmp_path, document)])
    assert result.exit_code == 1
    assert f"nothing changed. {field}:" in result.output
    assert "Traceback" not in result.output
    assert counts() == before_counts and state() == before_state


def test_a_missing_file_is_a_clear_error(runner, tmp_path) -> None:
    result = runner.invoke(args=["plan", "import", str(tmp_path / "nope.json")])
    assert result.exit_code == 1
    assert "Cannot read" in result.output


def test_demo_loads_only_into_an_empty_database(runner) -> None:
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    slugs = set(db.session.scalars(select(Channel.slug)))
    assert {"blog", "youtube", "linkedin", "instagram", "routines"} <= slugs
    activities = set(db.session.scalars(select(CadenceRule.activity)))
    assert activities == {"post", "video", "reply", "listening", "routine"}
    assert counts()["idea"] >= 30  # the plan's own ideas and a generated backlog
    assert "Idea bank seeded with 30 generated headlines." in first.output
    again = runner.invoke(args=["demo"])
    assert again.exit_code == 1 and "not empty" in again.output
    assert runner.invoke(args=["demo", "--if-empty"]).exit_code == 0
