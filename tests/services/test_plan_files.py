"""Plan files import idempotently, export faithfully, and bad ones change nothing."""

from __future__ import annotations

import copy
import json
from datetime import date
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
        (mutate("workspace", "Acme Bikes"), "workspace"),
        (mutate("workspace.colour", "blue"), "workspace.colour"),
        (mutate("channels.0.utm_source", "!!!"), "channels[0].utm_source"),
        (mutate("channels.0.utm_medium", "***"), "channels[0].utm_medium"),
        (mutate("channels.0.name", "Blog\nX-WR-CALNAME:Hacked"), "channels[0].name"),
        (mutate("workspace.name", "Acme\rBikes"), "workspace.name"),
        (mutate("channels.0.rules.0.until", "2027-01-01"), "channels[0].rules[0].until"),
        (mutate("channels.1.rules.0.rrule", "FREQ=DAILY;INTERVAL=0"), "channels[1].rules[0].rrule"),
        (
            mutate("channels.1.rules.0.rrule", "FREQ=DAILY;INTERVAL=-1"),
            "channels[1].rules[0].rrule",
        ),
        (mutate("channels.1.rules.0.rrule", "FREQ=WEEKLY;BYDAY=1MO"), "channels[1].rules[0].rrule"),
        (mutate("channels.0.rules.0.starts_on", "0001-01-01"), "channels[0].rules[0].starts_on"),
        (mutate("channels.0.rules.0.starts_on", "9999-12-31"), "channels[0].rules[0].starts_on"),
        (mutate("ideas.0.color", "red"), "ideas[0].color"),
        (mutate("workspace.name", ""), "workspace.name"),
        (mutate("workspace.timezone", "Mars/Olympus"), "workspace.timezone"),
        (mutate("workspace.site_url", "javascript:alert(1)"), "workspace.site_url"),
        (mutate("workspace.site_url", "ftp://acme.example/"), "workspace.site_url"),
        (mutate("workspace.mission", "x" * 141), "workspace.mission"),
        (mutate("workspace.hours_per_week", "ten"), "workspace.hours_per_week"),
        (mutate("workspace.fiscal_year_start", 13), "workspace.fiscal_year_start"),
        (mutate("workspace.fiscal_year_start", "April"), "workspace.fiscal_year_start"),
        (mutate("workspace.fiscal_year_start", None), "workspace.fiscal_year_start"),
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


def test_an_unknown_field_is_named_with_the_one_that_was_meant(runner, tmp_path) -> None:
    document = mutate("channels.0.rules.0.until", "2027-01-01")
    result = runner.invoke(args=["plan", "import", write(tmp_path, document)])
    assert result.exit_code == 1
    assert "channels[0].rules[0].until: is not a field here (did you mean 'ends_on'?)" in (
        result.output
    )
    assert counts()["cadence_rule"] == 0


def test_a_rule_with_an_end_date_imports_and_stops_there(runner, tmp_path) -> None:
    document = mutate("channels.0.rules.0.ends_on", "2026-12-31")
    result = runner.invoke(args=["plan", "import", write(tmp_path, document)])
    assert result.exit_code == 0, result.output
    blog = db.session.scalar(select(Channel).where(Channel.slug == "blog"))
    last = db.session.scalar(
        select(func.max(ScheduleItem.occurrence_date)).where(ScheduleItem.channel_id == blog.id)
    )
    assert last <= date(2026, 12, 31) and last >= date(2026, 12, 28)
    assert blog.rules[0].ends_on == date(2026, 12, 31)


def test_a_plan_that_mentions_one_field_changes_only_that_field(runner, tmp_path) -> None:
    runner.invoke(args=["plan", "import", write(tmp_path, PLAN)])
    workspace = db.session.scalar(select(Workspace))
    blog = db.session.scalar(select(Channel).where(Channel.slug == "blog"))
    blog.utm_medium = "owned-media"
    db.session.commit()
    before_state = state()
    small = {
        "format": "editorial-calendar/plan-v1",
        "workspace": {"name": "Acme Cycles"},
        "channels": [{"name": "Blog", "slug": "blog"}],
    }
    result = runner.invoke(args=["plan", "import", write(tmp_path, small, "small.json")])
    assert result.exit_code == 0, result.output
    assert "1 records updated; 0 schedule items planned, 0 moved, 0 removed" in result.output
    db.session.expire_all()
    assert workspace.name == "Acme Cycles"
    assert workspace.timezone == "Europe/Amsterdam"
    assert workspace.mission == "We fix city bikes the same day."
    assert workspace.topics == ["e-bikes", "winter cycling"]
    assert workspace.site_url == "https://acme.example/"
    assert workspace.hours_per_week == 10
    assert workspace.blackout_dates == ["2026-12-25"]
    assert blog.utm_medium == "owned-media"
    assert state() == before_state


def test_a_plan_without_a_workspace_adds_channels_to_the_existing_one(runner, tmp_path) -> None:
    runner.invoke(args=["plan", "import", write(tmp_path, PLAN)])
    extra = {"format": "editorial-calendar/plan-v1", "channels": [{"name": "Pod", "slug": "pod"}]}
    result = runner.invoke(args=["plan", "import", write(tmp_path, extra, "extra.json")])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(Workspace.timezone)) == "Europe/Amsterdam"
    assert counts()["channel"] == 3


def test_a_first_plan_without_a_workspace_name_is_refused(runner, tmp_path) -> None:
    document = {"format": "editorial-calendar/plan-v1", "channels": []}
    result = runner.invoke(args=["plan", "import", write(tmp_path, document)])
    assert result.exit_code == 1
    assert "workspace.name: is required to set up a new workspace." in result.output
    assert counts()["workspace"] == 0


def test_a_rule_entry_that_leaves_fields_out_keeps_them(runner, tmp_path) -> None:
    runner.invoke(args=["plan", "import", write(tmp_path, PLAN)])
    rule = db.session.scalar(select(CadenceRule).where(CadenceRule.activity == "reply"))
    rule.label, rule.ends_on = "Answer comments", date(2027, 6, 30)
    db.session.commit()
    document = copy.deepcopy(PLAN)
    del document["channels"][1]["rules"][1]["duration_minutes"]
    document["channels"][1]["rules"][1]["enabled"] = False
    runner.invoke(args=["plan", "import", write(tmp_path, document, "again.json")])
    db.session.expire_all()
    assert (rule.label, rule.ends_on, rule.duration_minutes, rule.enabled) == (
        "Answer comments",
        date(2027, 6, 30),
        30,
        False,
    )


def test_an_old_start_date_already_stored_still_imports(runner, tmp_path, clock) -> None:
    runner.invoke(args=["plan", "import", write(tmp_path, PLAN)])
    out = tmp_path / "exported.json"
    runner.invoke(args=["plan", "export", str(out)])
    clock.advance(days=3 * 365)
    result = runner.invoke(args=["plan", "import", str(out)])
    assert result.exit_code == 0, result.output


def test_a_plan_with_three_mistakes_names_all_three_and_changes_nothing(runner, tmp_path) -> None:
    runner.invoke(args=["plan", "import", write(tmp_path, PLAN, "good.json")])
    before_counts, before_state = counts(), state()
    document = copy.deepcopy(PLAN)
    document["workspace"]["timezone"] = "Mars/Olympus_Mons"
    document["workspace"]["site_url"] = "javascript:alert(1)"
    document["channels"][0]["rules"][0]["time"] = "25:99"
    result = runner.invoke(args=["plan", "import", write(tmp_path, document)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines[0].startswith("Error: Plan rejected, nothing changed. workspace.site_url: ")
    assert [line.split(":")[0] for line in lines[1:]] == [
        "workspace.timezone",
        "channels[0].rules[0].time",
    ]
    assert "'25:99' is not a time like 09:30" in result.output
    assert counts() == before_counts and state() == before_state


def test_every_problem_of_every_part_is_named_in_file_order() -> None:
    from calendar_app.domain.json_reader import PlanError
    from calendar_app.domain.plan_parser import parse_plan

    document = copy.deepcopy(PLAN)
    document["colour"] = "red"
    document["workspace"]["hours_per_week"] = 400
    document["channels"][0]["slug"] = "Blog!"
    document["channels"][0]["rules"][0]["until"] = "2027-01-01"
    document["channels"][1]["rules"][1]["rrule"] = "FREQ=HOURLY"
    document["channels"][1]["rules"][1]["duration_minutes"] = 0
    document["ideas"].append({"headline": "", "status": "someday"})
    with pytest.raises(PlanError) as caught:
        parse_plan(json.dumps(document))
    assert [problem.split(":")[0] for problem in caught.value.problems] == [
        "colour",
        "workspace.hours_per_week",
        "channels[0].slug",
        "channels[0].rules[0].until",
        "channels[1].rules[1].rrule",
        "channels[1].rules[1].duration_minutes",
        "ideas[1].headline",
        "ideas[1].status",
    ]
    assert caught.value.field == "colour"  # the first, for a form that shows one


def test_rules_that_only_fail_against_the_stored_plan_are_all_named(runner, tmp_path) -> None:
    document = copy.deepcopy(PLAN)
    document["channels"][0]["rules"][0]["starts_on"] = "2010-01-01"
    document["channels"][1]["rules"][0]["starts_on"] = "2099-01-01"
    result = runner.invoke(args=["plan", "import", write(tmp_path, document)])
    assert result.exit_code == 1
    assert "channels[0].rules[0].starts_on: The start date must be between" in result.output
    assert "channels[1].rules[0].starts_on: The start date must be between" in result.output
    assert counts() == dict.fromkeys(counts(), 0)


def test_a_file_full_of_mistakes_stops_after_twenty_and_says_so() -> None:
    from calendar_app.domain.json_reader import PlanError
    from calendar_app.domain.plan_parser import parse_plan

    document = copy.deepcopy(PLAN)
    document["ideas"] = [{"headline": "", "status": "someday"} for _ in range(50)]
    with pytest.raises(PlanError) as caught:
        parse_plan(json.dumps(document))
    assert len(caught.value.problems) == 21
    assert caught.value.problems[-1] == "Stopped after 20 problems; fix these first."


def test_a_headline_names_a_campaign_by_its_token_or_by_its_name(runner, tmp_path) -> None:
    from calendar_app.models import Campaign

    plan = copy.deepcopy(PLAN)
    plan["campaigns"] = [{"name": "Winter riding", "token": "wr-2026"}]
    plan["ideas"] = [
        {"headline": "Ten winter rides", "campaign": "Winter  riding"},  # its name
        {"headline": "Studded tyres", "campaign": "WR-2026"},  # its token
        {"headline": "Spring checks", "campaign": "Spring push"},  # none: made
    ]
    result = runner.invoke(args=["plan", "import", write(tmp_path, plan)])
    assert result.exit_code == 0, result.output
    assert "2 campaigns and 3 ideas added" in result.output
    query = select(Idea.headline, Campaign.token).join(Idea.campaign)
    tokens = dict(db.session.execute(query).all())
    assert tokens == {
        "Ten winter rides": "wr-2026",
        "Studded tyres": "wr-2026",
        "Spring checks": "spring-push",
    }


def test_a_plan_carries_channel_colours_and_a_new_channel_without_one_gets_an_unused_one(
    runner, tmp_path
) -> None:
    document = copy.deepcopy(PLAN)
    document["channels"][0]["colour"] = "#1d6b3a"  # the blog's is given, LinkedIn's is not
    result = runner.invoke(args=["plan", "import", write(tmp_path, document)])
    assert result.exit_code == 0, result.output
    colours = {c.slug: c.colour for c in db.session.scalars(select(Channel))}
    assert colours == {"blog": "#1d6b3a", "linkedin": "#1f5fbf"}
    out = tmp_path / "exported.json"
    assert runner.invoke(args=["plan", "export", str(out)]).exit_code == 0
    exported = json.loads(out.read_text())
    assert {c["slug"]: c["colour"] for c in exported["channels"]} == colours
    exported["channels"][0]["colour"] = "#4a5568"
    assert runner.invoke(args=["plan", "import", write(tmp_path, exported)]).exit_code == 0
    assert db.session.scalar(select(Channel.colour).where(Channel.slug == "blog")) == "#4a5568"


def test_a_plan_with_a_colour_outside_the_palette_is_refused_and_changes_nothing(
    runner, tmp_path
) -> None:
    document = copy.deepcopy(PLAN)
    document["channels"][0]["colour"] = "red"
    result = runner.invoke(args=["plan", "import", write(tmp_path, document)])
    assert result.exit_code != 0
    assert "channels[0].colour" in result.output and "Choose one of the colours" in result.output
    assert counts()["channel"] == 0


def test_a_plan_carries_networks_own_limits_and_hashtag_sets(runner, tmp_path) -> None:
    from calendar_app.models import HashtagSet

    document = copy.deepcopy(PLAN)
    document["channels"][1]["hashtag_sets"] = [{"name": "Bikes", "tags": ["#bikes", "repair"]}]
    document["channels"].append(
        {"name": "Fediverse", "slug": "fedi", "network": "mastodon", "own_limit": 11000}
    )
    result = runner.invoke(args=["plan", "import", write(tmp_path, document)])
    assert result.exit_code == 0, result.output
    networks = {c.slug: (c.network, c.own_limit) for c in db.session.scalars(select(Channel))}
    # Without a network in the file, a new channel gets the one its slug names.
    assert networks == {
        "blog": ("blog", None), "linkedin": ("linkedin", None), "fedi": ("mastodon", 11000),
    }  # fmt: skip
    assert db.session.scalar(select(HashtagSet.tags)) == "#bikes #repair"
    out = tmp_path / "exported.json"
    assert runner.invoke(args=["plan", "export", str(out)]).exit_code == 0
    exported = json.loads(out.read_text())
    assert exported["channels"][1]["hashtag_sets"] == [
        {"name": "Bikes", "tags": ["#bikes", "#repair"]}
    ]
    # A set of the same name gets the file's tags; a set the file leaves out is kept.
    linkedin = db.session.scalar(select(Channel).where(Channel.slug == "linkedin"))
    db.session.add(HashtagSet(channel=linkedin, name="Kept", tags="#mine"))
    db.session.commit()
    exported["channels"][1]["hashtag_sets"][0]["tags"] = ["#winter"]
    assert runner.invoke(args=["plan", "import", write(tmp_path, exported)]).exit_code == 0
    assert sorted(db.session.scalars(select(HashtagSet.tags))) == ["#mine", "#winter"]


@pytest.mark.parametrize(
    ("channel", "where", "message"),
    [
        ({"network": "myspace"}, "channels[0].network", "is not one"),
        ({"network": "x", "own_limit": 1000}, "channels[0].own_limit", "only Mastodon and Other"),
        ({"network": "other", "own_limit": 0}, "channels[0].own_limit", "between 1 and"),
        (
            {"hashtag_sets": [{"name": "Sale", "tags": ["#summer sale"]}]},
            "channels[0].hashtag_sets[0].tags",
            "no spaces",
        ),
        (
            {"hashtag_sets": [{"name": "Many", "tags": [f"#t{n}" for n in range(31)]}]},
            "channels[0].hashtag_sets[0].tags",
            "at most 30",
        ),
        (
            {"hashtag_sets": [{"name": "A", "tags": ["#a"]}, {"name": "A", "tags": ["#b"]}]},
            "channels[0].hashtag_sets[1].name",
            "used twice",
        ),
    ],
)
def test_a_plan_with_a_bad_network_or_hashtag_set_is_refused_and_changes_nothing(
    runner, tmp_path, channel, where, message
) -> None:
    document = copy.deepcopy(PLAN)
    document["channels"][0].update(channel)
    result = runner.invoke(args=["plan", "import", write(tmp_path, document)])
    assert result.exit_code != 0
    assert where in result.output and message in result.output, result.output
    assert counts()["channel"] == 0


def test_a_plan_carries_the_fiscal_year_start_and_one_without_it_keeps_it(runner, tmp_path) -> None:
    plan = copy.deepcopy(PLAN)
    plan["workspace"]["fiscal_year_start"] = 4
    assert runner.invoke(args=["plan", "import", write(tmp_path, plan)]).exit_code == 0
    out = tmp_path / "exported.json"
    runner.invoke(args=["plan", "export", str(out)])
    assert json.loads(out.read_text())["workspace"]["fiscal_year_start"] == 4
    runner.invoke(args=["plan", "import", write(tmp_path, PLAN, "without.json")])
    db.session.expire_all()
    assert db.session.scalar(select(Workspace.fiscal_year_start)) == 4
