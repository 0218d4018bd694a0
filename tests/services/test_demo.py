"""Loading the demo marked as the demo's, and removing it without losing anyone's work."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from calendar_app.domain.plan_parser import parse_plan
from calendar_app.extensions import db
from calendar_app.models import (
    CadenceRule,
    Campaign,
    CampaignSpend,
    Channel,
    ChannelSpend,
    Idea,
    ResultRecord,
    ScheduleItem,
    Workspace,
)
from calendar_app.services import demo, planner, plans
from tests.conftest import NOW
from tests.factories import make_campaign, make_channel, make_idea, make_item, make_rule


def count(model: type) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def demo_item(slug: str) -> ScheduleItem:
    return db.session.scalars(
        select(ScheduleItem)
        .join(Channel)
        .where(Channel.slug == slug, ScheduleItem.starts_at > NOW)
        .order_by(ScheduleItem.starts_at)
    ).first()


@pytest.fixture
def loaded(app) -> demo.DemoRemoval:
    demo.load_demo(NOW)
    return demo


def test_the_demo_loads_marked_and_only_into_an_empty_database(app) -> None:
    report, seeded = demo.load_demo(NOW)
    assert report.channels_created == 5 and seeded == demo.DEMO_IDEAS
    for model in demo.MARKED:
        assert count(model) > 0
        assert db.session.scalar(select(func.count()).where(model.from_demo.is_(False))) == 0
    assert demo.has_demo()
    with pytest.raises(demo.DemoError, match="not empty"):
        demo.load_demo(NOW)
    assert count(Channel) == 5


def test_a_plan_file_people_import_is_not_marked(app) -> None:
    plans.import_plan(parse_plan(demo.demo_plan_text()), NOW)
    assert count(Channel) == 5
    assert not demo.has_demo()
    with pytest.raises(demo.DemoError, match="no demo"):
        demo.remove_demo()
    assert count(Channel) == 5


def test_removing_an_untouched_demo_leaves_only_the_workspace(loaded) -> None:
    rules, ideas = count(CadenceRule), count(Idea)
    items = count(ScheduleItem)
    removal = demo.remove_demo()
    assert (removal.channels, removal.rules, removal.items) == (5, rules, items)
    assert (removal.ideas, removal.campaigns) == (ideas, 1)
    for model in (Channel, CadenceRule, ScheduleItem, Idea, Campaign):
        assert count(model) == 0
    assert count(Workspace) == 1
    assert not demo.has_demo()
    assert removal.message().startswith("Removed the demo: 5 channels, ")
    assert "Kept" not in removal.message()


def test_removing_twice_says_so_and_changes_nothing(loaded) -> None:
    demo.remove_demo()
    with pytest.raises(demo.DemoError, match="There is no demo to remove"):
        demo.remove_demo()
    assert count(Workspace) == 1


@pytest.mark.parametrize(
    "work",
    [
        {"notes": "Ask Sam for photos"},
        {"actual_minutes": 45},
        {"evergreen": True},
        {"touched_at": NOW},
    ],
)
def test_an_item_someone_worked_on_stays_with_its_channel(loaded, work) -> None:
    item = demo_item("linkedin")
    for key, value in work.items():
        setattr(item, key, value)
    db.session.commit()
    item_id = item.id
    removal = demo.remove_demo()
    kept = db.session.get(ScheduleItem, item_id)
    assert kept is not None and kept.rule_id is None and kept.occurrence_date is None
    assert [c.slug for c in db.session.scalars(select(Channel))] == ["linkedin"]
    assert count(CadenceRule) == 0  # its demo rules go
    assert not kept.channel.from_demo  # the channel is the team's now
    assert (removal.kept_items, removal.kept_channels, removal.channels) == (1, ["LinkedIn"], 4)
    assert removal.message().endswith(
        "Kept 1 item you worked on and the channel LinkedIn, which still holds your work."
    )
    assert not demo.has_demo()


def test_a_headline_given_to_an_item_keeps_the_item_and_the_headline(loaded) -> None:
    item = demo_item("blog")
    idea = db.session.scalars(select(Idea).order_by(Idea.id)).first()
    item.idea = idea
    db.session.commit()
    removal = demo.remove_demo()
    assert [i.headline for i in db.session.scalars(select(Idea))] == [idea.headline]
    assert removal.kept_ideas == 1 and removal.ideas == demo.DEMO_IDEAS + 4
    assert "1 headline they use" in removal.message()


def test_results_on_an_item_keep_it(loaded) -> None:
    item = demo_item("youtube")
    db.session.add(
        ResultRecord(starts_on=date(2026, 11, 1), ends_on=date(2026, 11, 30), visits=9, item=item)
    )
    db.session.commit()
    demo.remove_demo()
    assert db.session.get(ScheduleItem, item.id) is not None
    assert count(ResultRecord) == 1


def test_a_rerun_keeps_its_original(loaded) -> None:
    original = demo_item("blog")
    later = original.starts_at + timedelta(days=60)
    make_item(original.channel, later, recycled_from_id=original.id)
    original_id = original.id
    demo.remove_demo()
    assert db.session.get(ScheduleItem, original_id) is not None
    assert count(ScheduleItem) == 2


def test_a_demo_channel_with_the_teams_rule_one_off_or_spend_stays(loaded) -> None:
    blog, youtube, instagram = (
        db.session.scalar(select(Channel).where(Channel.slug == slug))
        for slug in ("blog", "youtube", "instagram")
    )
    make_rule(blog, label="Our own")
    make_item(youtube, NOW + timedelta(days=3))
    db.session.add(ChannelSpend(channel=instagram, month=date(2026, 11, 1), amount=Decimal(5)))
    db.session.commit()
    removal = demo.remove_demo()
    slugs = sorted(c.slug for c in db.session.scalars(select(Channel)))
    assert slugs == ["blog", "instagram", "youtube"]
    assert [r.label for r in db.session.scalars(select(CadenceRule))] == ["Our own"]
    assert sorted(removal.kept_channels) == ["Blog", "Instagram", "YouTube"]
    assert "the channels " in removal.message() and "which still hold your work" in (
        removal.message()
    )


def test_the_teams_own_rows_are_never_touched(loaded) -> None:
    mine = make_channel("podcast", name="Podcast")
    make_rule(mine)
    idea = make_idea("How we fix a flat in four minutes")
    campaign = make_campaign("Spring", channels=[mine])
    planner.replan(planner.all_rules(), planner.get_workspace(), NOW)
    db.session.commit()
    items = db.session.scalar(select(func.count()).where(ScheduleItem.channel_id == mine.id))
    demo.remove_demo()
    assert [c.slug for c in db.session.scalars(select(Channel))] == ["podcast"]
    assert [i.id for i in db.session.scalars(select(Idea))] == [idea.id]
    assert [c.id for c in db.session.scalars(select(Campaign))] == [campaign.id]
    assert count(ScheduleItem) == items > 0


def test_a_demo_campaign_the_team_spent_on_stays(loaded) -> None:
    winter = db.session.scalar(select(Campaign))
    db.session.add(CampaignSpend(campaign=winter, month=date(2026, 11, 1), amount=Decimal(80)))
    db.session.commit()
    removal = demo.remove_demo()
    assert [c.name for c in db.session.scalars(select(Campaign))] == ["Winter riding"]
    assert removal.kept_campaigns == ["Winter riding"] and count(Channel) == 0
    assert "the campaign Winter riding, which your work uses" in removal.message()


def test_a_failed_removal_changes_nothing(loaded, monkeypatch) -> None:
    before = (count(Channel), count(ScheduleItem), count(Idea))

    def broken(*_args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(demo, "_remove_campaigns", broken)
    with pytest.raises(RuntimeError):
        demo.remove_demo()
    db.session.remove()
    assert (count(Channel), count(ScheduleItem), count(Idea)) == before
    assert demo.has_demo()


def test_the_demo_command_loads_the_marked_demo_once(app, runner) -> None:
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert "Demo plan loaded: 5 channels" in result.output
    assert f"seeded with {demo.DEMO_IDEAS} generated headlines" in result.output
    assert demo.has_demo()
    again = runner.invoke(args=["demo", "--if-empty"])
    assert again.exit_code == 0 and "demo not loaded" in again.output
    refused = runner.invoke(args=["demo"])
    assert refused.exit_code != 0 and "loads only into an empty one" in refused.output
    assert count(Channel) == 5


@pytest.mark.parametrize("old_backup", [False, True])
def test_a_backup_keeps_the_demo_marks_and_an_older_one_restores_unmarked(
    loaded, fresh_app, old_backup
) -> None:
    from calendar_app.services import backup

    document = backup.export_backup()
    if old_backup:  # made before the demo was marked
        for rows in document["tables"].values():
            for row in rows:
                row.pop("from_demo", None)
    raw = backup.dumps(document)
    fresh = fresh_app()
    with fresh.app_context():
        backup.import_backup(raw)
        assert count(Channel) == 5
        assert demo.has_demo() is not old_backup
        if not old_backup:
            assert demo.remove_demo().channels == 5


def demo_row(model: type) -> object:
    return db.session.scalars(select(model).where(model.from_demo.is_(True))).first()


@pytest.mark.parametrize(
    ("model", "field", "value"),
    [
        (Channel, "name", "Our blog"),
        (CadenceRule, "time_of_day", None),  # moved an hour later below
        (Idea, "headline", "Our own take on winter riding"),
        (Campaign, "name", "Our winter"),
    ],
)
def test_a_demo_row_someone_edited_becomes_the_teams_and_stays(loaded, model, field, value) -> None:
    row = demo_row(model)
    if value is None:
        time_of_day = row.time_of_day
        value = time_of_day.replace(hour=(time_of_day.hour + 1) % 24)
    setattr(row, field, value)
    db.session.commit()
    assert row.from_demo is False
    demo.remove_demo()
    assert db.session.get(model, row.id) is not None
    assert getattr(db.session.get(model, row.id), field) == value


def test_marks_survive_changes_nobody_made(loaded) -> None:
    """Removing the demo's own rows and re-planning does not count as someone's edit."""
    channel = demo_row(Channel)
    planner.replan_everything(NOW + timedelta(days=1))
    db.session.refresh(channel)
    assert channel.from_demo is True
    channel.from_demo = True  # setting the mark itself is not an edit either
    db.session.commit()
    assert channel.from_demo is True
