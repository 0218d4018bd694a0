"""Backups round-trip everything and restore only into an empty database."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from calendar_app.clock import now as app_now
from calendar_app.extensions import db
from calendar_app.models import Campaign, CampaignSpend, Channel, Idea, ScheduleItem, User
from calendar_app.services import accounts, api_tokens, plan_export, planner, shares, webhooks
from calendar_app.services.routines import save_checklist
from tests.factories import make_item, make_user


def but_the_restore(document: dict | str) -> dict:
    """A re-exported backup without the one history entry its restore added (a file's
    text is read first); the restore must add exactly that one."""
    document = json.loads(document) if isinstance(document, str) else document
    records = document["tables"]["change_record"]
    assert [r["field"] for r in records].count("restored") >= 1
    assert records[-1]["field"] == "restored" and records[-1]["kind"] == "workspace"
    tables = {**document["tables"], "change_record": records[:-1]}
    return {**document, "tables": tables}


def load_demo_with_work(runner) -> None:
    assert runner.invoke(args=["demo"]).exit_code == 0
    runner.invoke(
        args=["users", "create", "owner@example.com", "--password-stdin"], input="s3cret-password\n"
    )
    item = db.session.scalars(select(ScheduleItem).where(ScheduleItem.activity == "post")).first()
    item.idea = db.session.scalars(select(Idea)).first()
    item.notes = "Line one\nLine two, with ünïcödé"
    planner.move_item(item, item.starts_at.replace(hour=13), app_now())
    planner.delete_item(
        db.session.scalars(select(ScheduleItem).where(ScheduleItem.activity == "reply")).first()
    )
    scan = db.session.scalars(
        select(ScheduleItem).where(ScheduleItem.activity == "routine").order_by(ScheduleItem.id)
    ).first()
    owner = db.session.scalar(select(User))
    save_checklist(scan, {0: 14, 1: None}, owner, app_now())
    winter = db.session.scalar(select(Campaign))
    item.campaign = winter
    db.session.add(CampaignSpend(campaign=winter, month=date(2026, 11, 1), amount=Decimal("80")))
    db.session.commit()
    make_share_links()
    make_api_tokens()
    make_webhooks()


def make_share_links() -> tuple[str, str]:
    """A live share link of the first channel until 31 Dec, and a revoked one; their tokens."""
    first = db.session.scalars(select(Channel).order_by(Channel.id)).first()
    values = {"all_channels": False, "channel_ids": [first.id], "expires_on": date(2026, 12, 31)}
    _link, live = shares.create_share({"label": "Client", **values}, None, app_now(), "UTC")
    old, revoked = shares.create_share(
        {"label": "Old", "all_channels": True}, None, app_now(), "UTC"
    )
    shares.revoke_share(old, app_now())
    return live, revoked


def make_api_tokens() -> tuple[str, str]:
    """The owner's live write token and a revoked read token; their secrets."""
    owner = db.session.scalar(select(User).order_by(User.id)) or make_user("ops@example.com")
    _token, live = api_tokens.create_token(owner, "Script", "write", 30, app_now())
    old, revoked = api_tokens.create_token(owner, "Old", "read", None, app_now())
    api_tokens.revoke_token(old, app_now())
    return live, revoked


def make_webhooks() -> list[str]:
    """A webhook for items and a paused one for rules (no delivery yet); their secrets."""
    owner = db.session.scalar(select(User).order_by(User.id)) or make_user("ops@example.com")
    settings = webhooks.WebhookSettings(allow_private=True)
    made = [
        webhooks.create_subscription(url, "Zapier", events, owner, app_now(), settings)
        for url, events in [
            ("https://hooks.example.com/items", ["item.created", "item.published"]),
            ("http://10.0.0.5/rules", ["rule.changed"]),
        ]
    ]
    webhooks.set_active(made[1], False, app_now())
    return [hook.secret for hook in made]


def test_backup_export_import_export_gives_the_same_file(app, runner, tmp_path, fresh_app) -> None:
    load_demo_with_work(runner)
    first = tmp_path / "first.json"
    assert runner.invoke(args=["backup", "export", str(first)]).exit_code == 0
    document = json.loads(first.read_text())
    assert "password_hash" not in document["tables"]["user"][0]
    assert any(row["touched_at"] for row in document["tables"]["schedule_item"])
    assert len(document["tables"]["rule_exception"]) == 1
    ticks = document["tables"]["routine_tick"]
    assert [(t["step"], t["number"], t["ticked_by_id"]) for t in ticks] == [
        (0, 14, 1),
        (1, None, 1),
    ]

    fresh = fresh_app()
    with fresh.app_context():
        fresh_runner = fresh.test_cli_runner()
        result = fresh_runner.invoke(args=["backup", "import", str(first)])
        assert result.exit_code == 0, result.output
        assert "flask users password" in result.output
        second = tmp_path / "second.json"
        fresh_runner.invoke(args=["backup", "export", str(second)])
        assert but_the_restore(second.read_text()) == json.loads(first.read_text())
        # Every feed of the restored database has a version of its own, raised by the restore.
        from calendar_app.models import FeedRevision

        scopes = set(db.session.scalars(select(FeedRevision.scope)))
        channels = {f"channel:{c}" for c in db.session.scalars(select(Channel.id))}
        assert {"all"} | channels <= scopes
        owner = db.session.scalar(select(User))
        assert not accounts.password_matches(owner, "s3cret-password")
        set_pw = fresh_runner.invoke(
            args=["users", "password", owner.email, "--password-stdin"], input="another-password\n"
        )
        assert set_pw.exit_code == 0
        assert accounts.password_matches(owner, "another-password")
        make_item(db.session.get(Channel, 1), app_now())  # ids continue after the restored ones


def test_a_backup_restores_only_into_an_empty_database(app, runner, tmp_path) -> None:
    load_demo_with_work(runner)
    path = tmp_path / "backup.json"
    runner.invoke(args=["backup", "export", str(path)])
    result = runner.invoke(args=["backup", "import", str(path)])
    assert result.exit_code == 1
    assert "not empty" in result.output


def test_a_broken_backup_changes_nothing(app, runner, tmp_path, fresh_app) -> None:
    load_demo_with_work(runner)
    path = tmp_path / "backup.json"
    runner.invoke(args=["backup", "export", str(path)])
    document = json.loads(path.read_text())
    document["tables"]["schedule_item"][3]["starts_at"] = "yesterday"
    path.write_text(json.dumps(document))
    fresh = fresh_app()
    with fresh.app_context():
        result = fresh.test_cli_runner().invoke(args=["backup", "import", str(path)])
        assert result.exit_code == 1
        assert "tables.schedule_item[3].starts_at" in result.output
        assert db.session.scalars(select(User)).first() is None


def test_a_backup_with_dangling_references_changes_nothing(
    app, runner, tmp_path, fresh_app
) -> None:
    load_demo_with_work(runner)
    path = tmp_path / "backup.json"
    runner.invoke(args=["backup", "export", str(path)])
    document = json.loads(path.read_text())
    document["tables"]["schedule_item"][0]["channel_id"] = 999
    path.write_text(json.dumps(document))
    fresh = fresh_app()
    with fresh.app_context():
        result = fresh.test_cli_runner().invoke(args=["backup", "import", str(path)])
        assert result.exit_code == 1
        assert "does not fit together" in result.output
        assert db.session.scalars(select(User)).first() is None


def test_a_backup_from_before_campaigns_restores_whatever_its_free_text_held(
    app, runner, fresh_app
) -> None:
    """A headline's campaign was only stripped then: a control character could be in it."""
    from calendar_app.models import Campaign
    from calendar_app.services import backup

    load_demo_with_work(runner)
    document = backup.export_backup()
    tables = document["tables"]
    for name in ("campaign", "campaign_channel", "campaign_spend"):
        del tables[name]
    for row in (*tables["schedule_item"], *tables["idea"]):
        row["campaign"] = "Winter\x07 riding \u202e" if row.get("campaign_id") else ""
        del row["campaign_id"]
    fresh = fresh_app()
    with fresh.app_context():
        assert backup.import_backup(backup.dumps(document))["campaign"] == 1
        winter = db.session.scalar(select(Campaign))
        assert (winter.name, winter.token) == ("Winter riding", "winter-riding")
        assert db.session.scalar(select(Idea).where(Idea.campaign_id == winter.id)) is not None


BAD_VALUES = [
    ("workspace", 0, "timezone", "Mars/Olympus", "Unknown time zone"),
    ("workspace", 0, "site_url", "javascript:alert(1)", "http"),
    ("workspace", 0, "name", "Acme\nX-WR-CALNAME:Hacked", "single line"),
    ("workspace", 0, "blackout_dates", ["2026-02-30"], "is not a date"),
    ("workspace", 0, "hours_per_week", 1000, "between 0 and 168"),
    ("workspace", 0, "topics", "e-bikes", "list of strings"),
    ("channel", 0, "utm_source", "!!!", "not a tracking value"),
    ("channel", 0, "slug", "Linked In", "lowercase"),
    ("channel", 0, "name", "Blog\u0007", "single line"),
    ("cadence_rule", 0, "rrule", "FREQ=DAILY;INTERVAL=0", "INTERVAL=0 is out of range"),
    ("cadence_rule", 0, "rrule", "FREQ=WEEKLY;BYDAY=1MO", "needs FREQ=MONTHLY"),
    ("cadence_rule", 0, "activity", "dance", "not one of"),
    ("cadence_rule", 0, "starts_on", "2026-13-01", "not a valid DATE"),
    ("cadence_rule", 0, "enabled", "yes", "true or false"),
    ("schedule_item", 0, "status", "lost", "not one of"),
    ("schedule_item", 0, "destination_url", "javascript:alert(1)", "http"),
    ("schedule_item", 0, "sequence", 2**63, "out of range"),
    ("schedule_item", 0, "notes", 42, "must be a string"),
    ("idea", 0, "status", "someday", "not one of"),
    ("idea", 0, "headline", "x" * 201, "longer than 200"),
    ("workspace", 0, "currency", "XYZ", "is not a currency code like EUR or USD"),
    ("workspace", 0, "locale", "tlh", "not one of"),
    ("workspace", 0, "analytics_source", "matomo", "not one of"),
    ("campaign", 0, "token", "Winter Riding", "not a tracking value"),
    ("campaign", 0, "colour", "#000000", "Pick one of the colours offered"),
    ("campaign", 0, "ends_on", "2026-01-01", "cannot end before it starts"),
    ("campaign_spend", 0, "month", "2026-11-15", "first day of a month"),
    ("schedule_item", 0, "cooldown_days", 0, "must be between 1 and 3650"),
    ("schedule_item", 0, "max_runs", 101, "must be between 1 and 100, or null (no limit)"),
    ("schedule_item", 0, "evergreen", "yes", "true or false"),
    ("schedule_item", 0, "recycled_from_id", 99999, "item 99999 is not in the backup"),
    ("channel", 0, "colour", "#ff00ff", "Choose one of the colours"),
    ("workspace", 0, "fiscal_year_start", 13, "a month from 1 to 12"),
    ("share_link", 0, "label", " ", "Give the link a label"),
    ("share_link", 0, "label", " Client", "must not start or end with spaces"),
    ("share_link", 0, "label", "x" * 121, "longer than 120"),
    ("share_link", 1, "token_digest", "a-secret-token", "must be a SHA-256 digest"),
    ("share_link", 0, "revoked_at", "soon", "not a valid"),
    ("api_token", 0, "label", "", "Give the token a label"),
    ("api_token", 0, "scope", "admin", "not one of read, write"),
    ("api_token", 1, "digest", "cal_a-secret-token", "must be a SHA-256 digest"),
    ("webhook_subscription", 0, "url", "file:///etc/passwd", "must start with https://"),
    ("webhook_subscription", 0, "url", "https://me:pw@example.com/", "user name and password"),
    ("webhook_subscription", 0, "events", "item.deleted", "must be one or more of"),
    ("webhook_subscription", 1, "secret", "sk_plain", "starts with whsec_"),
    ("webhook_subscription", 1, "secret", "whsec_AAAA", "at least 24 bytes"),
    ("webhook_subscription", 0, "description", "Zap\nier", "single line"),
    ("webhook_subscription", 0, "created_by_id", 999, "not the id of a user"),
]


def test_a_backup_with_a_value_the_forms_would_refuse_changes_nothing(
    app, runner, tmp_path, fresh_app
) -> None:
    load_demo_with_work(runner)
    path = tmp_path / "backup.json"
    runner.invoke(args=["backup", "export", str(path)])
    good = json.loads(path.read_text())
    fresh = fresh_app()
    with fresh.app_context():
        fresh_runner = fresh.test_cli_runner()
        for table, index, field, value, fragment in BAD_VALUES:
            document = json.loads(json.dumps(good))
            document["tables"][table][index][field] = value
            path.write_text(json.dumps(document))
            result = fresh_runner.invoke(args=["backup", "import", str(path)])
            assert result.exit_code == 1, (field, result.output)
            assert f"tables.{table}[{index}].{field}" in result.output, result.output
            assert fragment in result.output, result.output
            assert "Traceback" not in result.output
            assert db.session.scalars(select(User)).first() is None
        path.write_text(json.dumps(good))
        assert fresh_runner.invoke(args=["backup", "import", str(path)]).exit_code == 0


def test_a_backup_with_many_bad_values_names_every_one_and_changes_nothing(
    app, runner, tmp_path, fresh_app
) -> None:
    load_demo_with_work(runner)
    path = tmp_path / "backup.json"
    runner.invoke(args=["backup", "export", str(path)])
    document = json.loads(path.read_text())
    chosen = [BAD_VALUES[0], BAD_VALUES[1], BAD_VALUES[6], BAD_VALUES[16], BAD_VALUES[19]]
    for table, index, field, value, _fragment in chosen:
        document["tables"][table][index][field] = value
    path.write_text(json.dumps(document))
    fresh = fresh_app()
    with fresh.app_context():
        result = fresh.test_cli_runner().invoke(args=["backup", "import", str(path)])
        assert result.exit_code == 1
        named = [line for line in result.output.splitlines() if "tables." in line]
        assert len(named) == len(chosen), result.output
        for table, index, field, _value, fragment in chosen:
            where = f"tables.{table}[{index}].{field}: "
            assert any(where in line and fragment in line for line in named), (where, named)
        assert db.session.scalars(select(User)).first() is None


def test_a_backup_from_before_campaigns_restores_its_free_text_as_campaigns(
    app, runner, tmp_path, fresh_app
) -> None:
    load_demo_with_work(runner)
    path = tmp_path / "backup.json"
    runner.invoke(args=["backup", "export", str(path)])
    document = json.loads(path.read_text())
    tables = document["tables"]
    for name in ("campaign", "campaign_channel", "campaign_spend"):
        del tables[name]
    for row in tables["idea"] + tables["schedule_item"]:
        row["campaign"] = "Winter Riding" if row.pop("campaign_id", None) else ""
    path.write_text(json.dumps(document))
    fresh = fresh_app()
    with fresh.app_context():
        result = fresh.test_cli_runner().invoke(args=["backup", "import", str(path)])
        assert result.exit_code == 0, result.output
        (campaign,) = db.session.scalars(select(Campaign)).all()
        assert (campaign.name, campaign.token) == ("Winter Riding", "winter-riding")
        assert [c.slug for c in campaign.channels] == ["blog"]  # where its item was
        in_it = db.session.scalars(select(Idea).where(Idea.campaign_id == campaign.id)).all()
        assert [idea.headline[:22] for idea in in_it] == ["Winter cycling for beg"]


def with_metrics_and_goals(runner) -> None:
    """The demo with a channel's numbers for two months and goals that count them."""
    from calendar_app.services import metrics, results

    load_demo_with_work(runner)
    linkedin = db.session.scalar(select(Channel).where(Channel.slug == "linkedin"))
    metrics.save_metrics(linkedin, "2026-10", {"followers": "1240", "mentions": "0"})
    metrics.save_metrics(
        linkedin,
        "2026-11",
        {"reach": "9100", "mentions": "12", "positive_mentions": "6", "negative_mentions": "1"},
    )
    results.add_goal(
        {"kind": "awareness", "metric": "followers", "target": "2000", "period": "year"}
    )
    results.add_goal({"kind": "community", "metric": "mentions", "target": "30", "period": "month"})


def test_a_channels_numbers_and_goals_on_them_survive_a_backup(
    app, runner, tmp_path, fresh_app
) -> None:
    with_metrics_and_goals(runner)
    first = tmp_path / "first.json"
    assert runner.invoke(args=["backup", "export", str(first)]).exit_code == 0
    rows = json.loads(first.read_text())["tables"]["channel_metric"]
    assert [(r["month"], r["followers"], r["reach"], r["mentions"]) for r in rows] == [
        ("2026-10-01", 1240, None, 0),  # unknown stays unknown, 0 stays 0
        ("2026-11-01", None, 9100, 12),
    ]


def load_evergreen_with_reruns() -> tuple[ScheduleItem, ScheduleItem]:
    """A rerun planned into a slot made before its original (so with a lower id)."""
    from datetime import UTC, datetime

    from calendar_app.services.recycling import mark_evergreen
    from calendar_app.services.reruns import plan_rerun
    from tests.factories import make_channel, make_idea, make_workspace

    make_workspace()
    blog = make_channel("blog", name="Blog")
    slot = make_item(blog, datetime(2026, 12, 2, 8, tzinfo=UTC))
    idea = make_idea("Winter tyres explained", status="published")
    original = make_item(blog, datetime(2026, 6, 1, 8, tzinfo=UTC), idea=idea, status="published")
    mark_evergreen(original, True, 30, None, app_now())
    plan_rerun(original, slot, "Europe/Berlin", app_now())
    assert slot.id < original.id
    return original, slot


def test_evergreen_posts_and_their_reruns_survive_a_backup(app, runner, tmp_path, fresh_app):
    original, rerun = load_evergreen_with_reruns()
    first = tmp_path / "first.json"
    assert runner.invoke(args=["backup", "export", str(first)]).exit_code == 0
    rows = {row["id"]: row for row in json.loads(first.read_text())["tables"]["schedule_item"]}
    assert (rows[original.id]["evergreen"], rows[original.id]["cooldown_days"]) == (True, 30)
    assert rows[original.id]["max_runs"] is None
    assert rows[rerun.id]["recycled_from_id"] == original.id
    fresh = fresh_app()
    with fresh.app_context():
        fresh_runner = fresh.test_cli_runner()
        result = fresh_runner.invoke(args=["backup", "import", str(first)])
        assert result.exit_code == 0, result.output
        second = tmp_path / "second.json"
        fresh_runner.invoke(args=["backup", "export", str(second)])
        assert but_the_restore(second.read_text()) == json.loads(first.read_text())


METRIC_VALUES = [
    ("channel_metric", 0, "followers", -5, "must be empty or between 0 and 1,000,000,000"),
    ("channel_metric", 0, "reach", 10**9 + 1, "must be empty or between 0"),
    ("channel_metric", 0, "reach", "many", "must be a whole number"),
    ("channel_metric", 0, "month", "2026-10-15", "must be the first day of a month"),
    ("channel_metric", 0, "month", "2026-10", "is not a valid DATE"),
    ("channel_metric", 0, "month", "1999-12-01", "outside the years 2000 to 2099"),
    ("channel_metric", 0, "channel_id", 999, "999 is not the id of a channel here"),
    ("channel", 0, "owner_id", 999, "999 is not the id of a user here"),
    ("schedule_item", 0, "assignee_id", 999, "999 is not the id of a user here"),
    ("channel_metric", 1, "negative_mentions", 7, "add up to more than the mentions (12)"),
    ("goal", 0, "kind", "traffic", "A goal counting followers is about awareness"),
]


def test_a_backup_with_numbers_the_forms_would_refuse_changes_nothing(
    app, runner, tmp_path, fresh_app
) -> None:
    with_metrics_and_goals(runner)
    path = tmp_path / "backup.json"
    runner.invoke(args=["backup", "export", str(path)])
    good = json.loads(path.read_text())
    fresh = fresh_app()
    with fresh.app_context():
        fresh_runner = fresh.test_cli_runner()
        for table, index, field, value, fragment in METRIC_VALUES:
            document = json.loads(json.dumps(good))
            document["tables"][table][index][field] = value
            path.write_text(json.dumps(document))
            result = fresh_runner.invoke(args=["backup", "import", str(path)])
            assert result.exit_code == 1, (field, result.output)
            where = f"tables.{table}[{index}]"
            assert where in result.output and fragment in result.output, result.output
            assert db.session.scalars(select(User)).first() is None
        path.write_text(json.dumps(good))
        assert fresh_runner.invoke(args=["backup", "import", str(path)]).exit_code == 0


def test_a_backup_from_before_evergreen_posts_restores_with_none_evergreen(
    app, runner, tmp_path, fresh_app
) -> None:
    load_demo_with_work(runner)
    path = tmp_path / "backup.json"
    runner.invoke(args=["backup", "export", str(path)])
    document = json.loads(path.read_text())
    for row in document["tables"]["schedule_item"]:
        for key in ("evergreen", "cooldown_days", "max_runs", "recycled_from_id"):
            del row[key]
    path.write_text(json.dumps(document))
    fresh = fresh_app()
    with fresh.app_context():
        assert fresh.test_cli_runner().invoke(args=["backup", "import", str(path)]).exit_code == 0
        items = db.session.scalars(select(ScheduleItem)).all()
        assert items and {(i.evergreen, i.cooldown_days, i.max_runs) for i in items} == {
            (False, 90, 3)
        }


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("itself", "recycled_from_id: is the item itself."),
        ("rerun", "is a rerun itself: point to its original"),
    ],
)
def test_a_rerun_must_point_to_an_original_in_the_backup(
    app, runner, tmp_path, fresh_app, target, message
) -> None:
    original, rerun = load_evergreen_with_reruns()
    path = tmp_path / "backup.json"
    runner.invoke(args=["backup", "export", str(path)])
    document = json.loads(path.read_text())
    rows = document["tables"]["schedule_item"]
    index = next(i for i, row in enumerate(rows) if row["id"] == original.id)
    rows[index]["recycled_from_id"] = original.id if target == "itself" else rerun.id
    path.write_text(json.dumps(document))
    fresh = fresh_app()
    with fresh.app_context():
        result = fresh.test_cli_runner().invoke(args=["backup", "import", str(path)])
        assert result.exit_code == 1
        assert f"tables.schedule_item[{index}].recycled_from_id" in result.output
        assert message in result.output and "Traceback" not in result.output
        assert db.session.scalars(select(User)).first() is None


def test_channel_colours_survive_a_backup_and_an_old_backup_gets_the_first(
    app, runner, tmp_path, fresh_app
) -> None:
    load_demo_with_work(runner)
    colours = {c.slug: c.colour for c in db.session.scalars(select(Channel))}
    assert len(set(colours.values())) == len(colours) > 1  # each demo channel its own
    path = tmp_path / "backup.json"
    runner.invoke(args=["backup", "export", str(path)])
    document = json.loads(path.read_text())
    assert {row["slug"]: row["colour"] for row in document["tables"]["channel"]} == colours
    fresh = fresh_app()
    with fresh.app_context():
        assert fresh.test_cli_runner().invoke(args=["backup", "import", str(path)]).exit_code == 0
        assert {c.slug: c.colour for c in db.session.scalars(select(Channel))} == colours
    for row in document["tables"]["channel"]:
        del row["colour"]  # a backup from before channels had colours
    path.write_text(json.dumps(document))
    older = fresh_app()
    with older.app_context():
        assert older.test_cli_runner().invoke(args=["backup", "import", str(path)]).exit_code == 0
        assert set(db.session.scalars(select(Channel.colour))) == {"#1f5fbf"}


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("step", 3, "step: must be between 0 and 2"),
        ("step", -1, "step: must be between 0 and 2"),
        ("number", -1, "number: must be empty or between 0 and 1,000,000,000"),
        ("number", 10**9 + 1, "number: must be empty or between 0 and 1,000,000,000"),
        ("item_id", 99999, "item_id: 99999 is not the id of a schedule_item here"),
    ],
)
def test_a_backup_with_a_tick_the_app_would_refuse_changes_nothing(
    app, runner, tmp_path, fresh_app, field, value, fragment
) -> None:
    load_demo_with_work(runner)
    path = tmp_path / "backup.json"
    runner.invoke(args=["backup", "export", str(path)])
    good = json.loads(path.read_text())
    bad = json.loads(json.dumps(good))
    bad["tables"]["routine_tick"][0][field] = value
    path.write_text(json.dumps(bad))
    fresh = fresh_app()
    with fresh.app_context():
        fresh_runner = fresh.test_cli_runner()
        result = fresh_runner.invoke(args=["backup", "import", str(path)])
        assert result.exit_code == 1
        assert "tables.routine_tick[0]." + fragment in result.output, result.output
        assert db.session.scalars(select(User)).first() is None
        # The same backup with the tick as it was restores, ticks and all.
        path.write_text(json.dumps(good))
        assert fresh_runner.invoke(args=["backup", "import", str(path)]).exit_code == 0
        from calendar_app.models import RoutineTick

        assert db.session.scalar(select(RoutineTick).where(RoutineTick.step == 0)).number == 14


def add_copy_work() -> None:
    """Copy with an earlier version, a Mastodon channel's own limit and a hashtag set."""
    from calendar_app.models import Workspace
    from calendar_app.services.copy import save_copy, save_hashtag_set

    user = db.session.scalar(select(User))
    workspace = db.session.scalar(select(Workspace))
    item = db.session.scalars(select(ScheduleItem).where(ScheduleItem.activity == "post")).first()
    item.channel.network, item.channel.own_limit = "mastodon", 11000
    save_copy(item, {"body": "First: {link}"}, user, workspace, app_now())
    save_copy(item, {"body": "Ünïcödé\nSecond #winter"}, None, workspace, app_now())
    save_hashtag_set(item.channel, "Winter", "#winter, #bikes")


def test_copy_versions_networks_and_hashtag_sets_survive_a_backup(
    app, runner, tmp_path, fresh_app
) -> None:
    load_demo_with_work(runner)
    add_copy_work()
    path = tmp_path / "backup.json"
    assert runner.invoke(args=["backup", "export", str(path)]).exit_code == 0
    tables = json.loads(path.read_text())["tables"]
    assert [row["body"] for row in tables["item_copy"]] == ["Ünïcödé\nSecond #winter"]
    assert [row["body"] for row in tables["copy_version"]] == ["First: {link}"]
    assert [row["tags"] for row in tables["hashtag_set"]] == ["#winter #bikes"]
    assert {row["network"] for row in tables["channel"]} >= {"mastodon", "youtube", "other"}
    fresh = fresh_app()
    with fresh.app_context():
        fresh_runner = fresh.test_cli_runner()
        assert fresh_runner.invoke(args=["backup", "import", str(path)]).exit_code == 0
        again = tmp_path / "again.json"
        fresh_runner.invoke(args=["backup", "export", str(again)])
        assert but_the_restore(again.read_text()) == json.loads(path.read_text())


COPY_BAD_VALUES = [
    ("channel", 0, "network", "myspace", "is not one"),
    ("channel", 0, "own_limit", 0, "whole number"),
    ("item_copy", 0, "title", "Two\nlines", "single line"),
    ("item_copy", 0, "item_id", 99999, "is not the id of a schedule_item"),
    ("copy_version", 0, "body", "x" * 100_001, "100,000 characters"),
    ("hashtag_set", 0, "tags", "#summer-sale", "not a hashtag"),
    ("hashtag_set", 0, "tags", "#summer sale", "write the tags as"),
    ("hashtag_set", 0, "tags", " ".join(f"#t{n}" for n in range(31)), "at most 30"),
    ("hashtag_set", 0, "name", "", "1 to 60 characters"),
]


def test_a_backup_with_bad_copy_networks_or_hashtag_sets_changes_nothing(
    app, runner, tmp_path, fresh_app
) -> None:
    load_demo_with_work(runner)
    add_copy_work()
    path = tmp_path / "backup.json"
    runner.invoke(args=["backup", "export", str(path)])
    good = json.loads(path.read_text())
    mastodon = next(i for i, c in enumerate(good["tables"]["channel"]) if c["own_limit"])
    fresh = fresh_app()
    with fresh.app_context():
        fresh_runner = fresh.test_cli_runner()
        for table, index, field, value, fragment in COPY_BAD_VALUES:
            index = mastodon if table == "channel" else index
            document = json.loads(json.dumps(good))
            document["tables"][table][index][field] = value
            path.write_text(json.dumps(document))
            result = fresh_runner.invoke(args=["backup", "import", str(path)])
            assert result.exit_code == 1, (field, result.output)
            assert f"tables.{table}[{index}].{field}" in result.output, result.output
            assert fragment in result.output, result.output
            assert db.session.scalars(select(User)).first() is None
        older = json.loads(json.dumps(good))
        for name in ("item_copy", "copy_version", "hashtag_set"):
            del older["tables"][name]  # a backup from before copy
        for row in older["tables"]["channel"]:
            del row["network"], row["own_limit"]
        path.write_text(json.dumps(older))
        assert fresh_runner.invoke(args=["backup", "import", str(path)]).exit_code == 0
        assert set(db.session.scalars(select(Channel.network))) == {"other"}


def test_share_links_survive_a_backup_as_digests_and_keep_working(
    app, runner, tmp_path, fresh_app
) -> None:
    from calendar_app.models import ShareLink

    assert runner.invoke(args=["demo"]).exit_code == 0
    live, revoked = make_share_links()
    path = tmp_path / "backup.json"
    assert runner.invoke(args=["backup", "export", str(path)]).exit_code == 0
    written = path.read_text()
    assert live not in written and revoked not in written  # only digests
    rows = json.loads(written)["tables"]
    assert [r["label"] for r in rows["share_link"]] == ["Client", "Old"]
    assert len(rows["share_link_channel"]) == 1
    assert "share" not in json.dumps(plan_export.export_plan())  # secrets are not plan data
    fresh = fresh_app()
    with fresh.app_context():
        result = fresh.test_cli_runner().invoke(args=["backup", "import", str(path)])
        assert result.exit_code == 0, result.output
        link = shares.share_for_token(live, app_now())
        assert link is not None and link.label == "Client" and len(link.channels) == 1
        assert shares.share_for_token(revoked, app_now()) is None
        assert db.session.get(ShareLink, 2).revoked_at is not None


def test_a_share_link_of_a_channel_not_in_the_backup_changes_nothing(
    app, runner, tmp_path, fresh_app
) -> None:
    load_demo_with_work(runner)
    path = tmp_path / "backup.json"
    runner.invoke(args=["backup", "export", str(path)])
    document = json.loads(path.read_text())
    document["tables"]["share_link_channel"][0]["channel_id"] = 999
    path.write_text(json.dumps(document))
    fresh = fresh_app()
    with fresh.app_context():
        result = fresh.test_cli_runner().invoke(args=["backup", "import", str(path)])
        assert result.exit_code == 1 and "does not fit together" in result.output
        assert db.session.scalars(select(User)).first() is None


def test_api_tokens_survive_a_backup_as_digests_and_keep_working(
    app, runner, tmp_path, fresh_app
) -> None:
    assert runner.invoke(args=["demo"]).exit_code == 0
    live, revoked = make_api_tokens()
    path = tmp_path / "backup.json"
    assert runner.invoke(args=["backup", "export", str(path)]).exit_code == 0
    written = path.read_text()
    assert live not in written and revoked not in written  # only digests
    assert [r["label"] for r in json.loads(written)["tables"]["api_token"]] == ["Script", "Old"]
    fresh = fresh_app()
    with fresh.app_context():
        result = fresh.test_cli_runner().invoke(args=["backup", "import", str(path)])
        assert result.exit_code == 0, result.output
        token = api_tokens.authenticate(live, app_now())
        assert token is not None and (token.label, token.scope) == ("Script", "write")
        assert api_tokens.authenticate(revoked, app_now()) is None
