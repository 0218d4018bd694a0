"""The schema comes from the migrations, and they build exactly what the models describe."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from calendar_app.extensions import db
from tests.conftest import USES_POSTGRES
from tests.factories import reset_feed_token, secret_key


def test_db_upgrade_builds_the_schema_the_models_describe(fresh_app) -> None:
    app = fresh_app(create_schema=False)
    with app.app_context():
        assert inspect(db.engine).get_table_names() == []
        result = app.test_cli_runner().invoke(args=["db", "upgrade"])
        assert result.exit_code == 0, result.output
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"render_as_batch": True})
            differences = compare_metadata(context, db.metadata)
        assert differences == []
        assert "alembic_version" in inspect(db.engine).get_table_names()
        runner = app.test_cli_runner()
        assert runner.invoke(args=["demo"]).exit_code == 0
        assert not app.logger.disabled  # an upgrade run in-process keeps the app's logging


@pytest.mark.skipif(USES_POSTGRES, reason="SQLite connection settings")
def test_sqlite_connections_enforce_foreign_keys_and_use_wal(app) -> None:
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_upgrading_keeps_existing_ideas_and_scores_them(fresh_app) -> None:
    from sqlalchemy import text

    from idea_bank import headline_key, score_headline

    app = fresh_app(create_schema=False)
    with app.app_context():
        runner = app.test_cli_runner()
        assert runner.invoke(args=["db", "upgrade", "0001"]).exit_code == 0
        db.session.execute(
            text(
                "INSERT INTO idea (headline, status, notes, target_url, campaign, "
                "created_at, updated_at) "
                "VALUES ('7 proven ways to ride in winter', 'planned', 'keep me', '', '', "
                "'2026-11-01 10:00:00', '2026-11-01 10:00:00')"
            )
        )
        db.session.commit()
        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
        row = db.session.execute(
            text("SELECT headline, status, notes, score, headline_key FROM idea")
        ).one()
        headline = "7 proven ways to ride in winter"
        assert row == (
            headline,
            "planned",
            "keep me",
            score_headline(headline).score,
            headline_key(headline),
        )


def test_upgrading_to_0005_keeps_feeds_headlines_and_people(fresh_app) -> None:
    from sqlalchemy import text

    from calendar_app.domain.tokens import digest_token
    from calendar_app.models import User

    app = fresh_app(create_schema=False)
    with app.app_context():
        runner = app.test_cli_runner()
        assert runner.invoke(args=["db", "upgrade", "0004"]).exit_code == 0
        stamp = "'2026-11-01 10:00:00'"
        for name in ("Acme", "Acme again"):
            db.session.execute(
                text(
                    "INSERT INTO workspace (name, mission, industry, audience, topics, products,"
                    " site_url, timezone, goal, hours_per_week, blackout_dates, created_at,"
                    f" updated_at) VALUES ('{name}', '', '', '', '[]', '[]', '', 'UTC', '', 0,"
                    f" '[]', {stamp}, {stamp})"
                )
            )
        for email, token in (("ann@example.com", "a" * 43), ("bob@example.com", "b" * 43)):
            db.session.execute(
                text(
                    'INSERT INTO "user" (email, password_hash, is_owner, feed_token,'
                    " feed_token_digest, created_at, updated_at) VALUES (:email, '', :owner,"
                    f" :token, :digest, {stamp}, {stamp})"
                ),
                {"email": email, "owner": True, "token": token, "digest": digest_token(token)},
            )
        for headline in ("Winter riding tips", "Winter riding tips!"):
            db.session.execute(
                text(
                    "INSERT INTO idea (headline, headline_key, status, score, notes, target_url,"
                    f" campaign, created_at, updated_at) VALUES (:h, 'winter riding tips',"
                    f" 'backlog', 50, '', '', '', {stamp}, {stamp})"
                ),
                {"h": headline},
            )
        db.session.commit()
        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0

        assert db.session.execute(text("SELECT COUNT(*) FROM idea")).scalar() == 2
        owners = db.session.execute(text('SELECT email FROM "user" WHERE is_owner')).all()
        assert owners == [("ann@example.com",)]
        assert db.session.execute(text("SELECT COUNT(*) FROM workspace")).scalar() == 2
        columns = {c["name"] for c in inspect(db.engine).get_columns("user")}
        assert "feed_token" not in columns
        client = app.test_client()
        # The old address still works; the Subscribe page then shows a new, derived one.
        assert client.get(f"/feeds/{'a' * 43}.ics").status_code == 200
        ann = db.session.scalar(db.select(User).where(User.email == "ann@example.com"))
        from calendar_app.services.accounts import feed_token_of

        new_token = feed_token_of(ann, secret_key())
        assert new_token != "a" * 43
        assert client.get(f"/feeds/{new_token}.ics").status_code == 200
        assert client.get(f"/feeds/{'a' * 43}.ics").status_code == 200
        reset_feed_token(ann)
        assert client.get(f"/feeds/{'a' * 43}.ics").status_code == 404


def test_upgrading_to_0010_sums_the_results_imported_before(fresh_app) -> None:
    from sqlalchemy import text

    app = fresh_app(create_schema=False)
    with app.app_context():
        runner = app.test_cli_runner()
        assert runner.invoke(args=["db", "upgrade", "0009"]).exit_code == 0
        stamp = "'2026-11-01 10:00:00'"
        rows = [("2026-10-03", 10, "1.50"), ("2026-10-31", 5, "2.25"), ("2026-11-01", 7, "0")]
        for day, visits, revenue in rows:
            db.session.execute(
                text(
                    "INSERT INTO result_record (starts_on, ends_on, utm_source, utm_medium,"
                    " utm_campaign, utm_content, visits, leads, customers, revenue,"
                    f" created_at, updated_at) VALUES (:day, :day, 'blog', 'social', 'winter',"
                    f" :content, :visits, 1, 0, :revenue, {stamp}, {stamp})"
                ),
                {"day": day, "content": day, "visits": visits, "revenue": revenue},
            )
        db.session.commit()
        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
        sums = db.session.execute(
            text(
                "SELECT month, utm_campaign, visits, leads, revenue FROM result_month"
                " ORDER BY month"
            )
        ).all()
        assert [(str(m), c, v, lead, float(r)) for m, c, v, lead, r in sums] == [
            ("2026-10-01", "winter", 15, 2, 3.75),
            ("2026-11-01", "winter", 7, 1, 0.0),
        ]


def test_upgrading_to_0011_keeps_rates_and_spend_with_no_lead_value_and_no_past_hours(
    fresh_app,
) -> None:
    from sqlalchemy import text

    app = fresh_app(create_schema=False)
    with app.app_context():
        runner = app.test_cli_runner()
        assert runner.invoke(args=["db", "upgrade", "0010"]).exit_code == 0
        stamp = "'2026-11-01 10:00:00'"
        db.session.execute(
            text(
                "INSERT INTO workspace (name, mission, industry, audience, topics, products,"
                " site_url, timezone, goal, hours_per_week, hourly_rate, blackout_dates,"
                " created_at, updated_at) VALUES ('Shop', '', '', '', '[]', '[]', '', 'UTC', '',"
                f" 0, 45.5, '[]', {stamp}, {stamp})"
            )
        )
        db.session.execute(
            text(
                "INSERT INTO channel (name, slug, utm_source, utm_medium, paused, click_value,"
                f" created_at, updated_at) VALUES ('Blog', 'blog', 'blog', 'social', false, 0.8,"
                f" {stamp}, {stamp})"
            )
        )
        db.session.execute(
            text(
                "INSERT INTO channel_spend (channel_id, month, amount, note, created_at,"
                f" updated_at) VALUES (1, '2026-10-01', 200, 'ads', {stamp}, {stamp})"
            )
        )
        db.session.commit()
        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
        workspace = db.session.execute(text("SELECT hourly_rate, lead_value FROM workspace")).one()
        channel = db.session.execute(text("SELECT click_value, lead_value FROM channel")).one()
        spend = db.session.execute(text("SELECT amount, hours, note FROM channel_spend")).one()
        assert [float(v) for v in workspace] == [45.5, 0.0]
        assert (float(channel[0]), channel[1]) == (0.8, None)  # the workspace's value applies
        assert (float(spend[0]), float(spend[1]), spend[2]) == (200.0, 0.0, "ads")
        money = db.session.execute(text("SELECT currency, locale, analytics_source FROM workspace"))
        assert tuple(money.one()) == ("EUR", "en", "ga4")  # 0012 and 0013's defaults


def test_upgrading_to_0012_keeps_results_as_of_an_unknown_source(fresh_app) -> None:
    from sqlalchemy import text

    app = fresh_app(create_schema=False)
    with app.app_context():
        runner = app.test_cli_runner()
        assert runner.invoke(args=["db", "upgrade", "0011"]).exit_code == 0
        stamp = "'2026-11-01 10:00:00'"
        db.session.execute(
            text(
                "INSERT INTO result_record (starts_on, ends_on, utm_source, utm_medium,"
                " utm_campaign, utm_content, visits, leads, customers, revenue, created_at,"
                f" updated_at) VALUES ('2026-10-03', '2026-10-03', 'blog', 'social', '', '',"
                f" 10, 1, 0, 1.5, {stamp}, {stamp})"
            )
        )
        db.session.commit()
        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
        row = db.session.execute(text("SELECT visits, source FROM result_record")).one()
        assert tuple(row) == (10, "unknown")
        # The same period and tracking values from a tagged source are a row of their own.
        db.session.execute(
            text(
                "INSERT INTO result_record (starts_on, ends_on, utm_source, utm_medium,"
                " utm_campaign, utm_content, visits, leads, customers, revenue, source,"
                f" created_at, updated_at) VALUES ('2026-10-03', '2026-10-03', 'blog',"
                f" 'social', '', '', 12, 1, 0, 1.5, 'ga4', {stamp}, {stamp})"
            )
        )
        db.session.commit()
        assert db.session.scalar(text("SELECT count(*) FROM result_record")) == 2


def test_upgrading_to_0014_makes_campaigns_of_the_free_text_and_keeps_every_link(
    fresh_app,
) -> None:
    from urllib.parse import parse_qs, urlsplit

    from sqlalchemy import text

    from calendar_app.domain.item_links import link_for
    from calendar_app.models import Campaign, Idea, ScheduleItem, Workspace

    app = fresh_app(create_schema=False)
    with app.app_context():
        runner = app.test_cli_runner()
        assert runner.invoke(args=["db", "upgrade", "0013"]).exit_code == 0
        stamp = "'2026-11-01 10:00:00'"
        db.session.execute(
            text(
                "INSERT INTO workspace (name, mission, industry, audience, topics, products,"
                " site_url, timezone, goal, hours_per_week, blackout_dates, created_at,"
                " updated_at) VALUES ('Shop', '', '', '', '[]', '[]', 'https://shop.example/',"
                f" 'UTC', '', 0, '[]', {stamp}, {stamp})"
            )
        )
        for slug in ("linkedin", "blog"):
            db.session.execute(
                text(
                    "INSERT INTO channel (name, slug, utm_source, utm_medium, paused,"
                    f" created_at, updated_at) VALUES (:slug, :slug, :slug, 'social', false,"
                    f" {stamp}, {stamp})"
                ),
                {"slug": slug},
            )
        for headline, campaign, notes in (
            ("Spring rides", "Spring Sale", ""),
            ("Plain", "", ""),
            ("Odd", "???", "Draft"),
        ):
            db.session.execute(
                text(
                    "INSERT INTO idea (headline, headline_key, status, score, notes, target_url,"
                    f" campaign, created_at, updated_at) VALUES (:h, :h, 'backlog', 50, :n, '',"
                    f" :c, {stamp}, {stamp})"
                ),
                {"h": headline, "c": campaign, "n": notes},
            )
        # An item with its own value, one taking its headline's, one with none.
        for uid, channel, idea, campaign in (
            ("a" * 32, 1, 2, "spring-sale"),
            ("b" * 32, 2, 1, ""),
            ("c" * 32, 1, 2, ""),
        ):
            db.session.execute(
                text(
                    "INSERT INTO schedule_item (uid, channel_id, activity, starts_at, ends_at,"
                    " status, idea_id, destination_url, campaign, notes, off_rule, sequence,"
                    f" created_at, updated_at) VALUES (:uid, :channel, 'post', {stamp}, {stamp},"
                    f" 'planned', :idea, '', :campaign, '', false, 0, {stamp}, {stamp})"
                ),
                {"uid": uid, "channel": channel, "idea": idea, "campaign": campaign},
            )
        db.session.commit()
        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0

        (spring,) = db.session.scalars(db.select(Campaign)).all()
        assert (spring.name, spring.token) == ("Spring Sale", "spring-sale")
        assert sorted(c.slug for c in spring.channels) == ["blog", "linkedin"]
        workspace = db.session.scalar(db.select(Workspace))
        items = db.session.scalars(db.select(ScheduleItem).order_by(ScheduleItem.id)).all()
        carried = [
            parse_qs(urlsplit(link_for(item, workspace).url).query)["utm_campaign"][0]
            for item in items
        ]
        assert carried == ["spring-sale", "spring-sale", "plain"]  # as before the upgrade
        odd = db.session.scalar(db.select(Idea).where(Idea.headline == "Odd"))
        assert odd.campaign is None and odd.notes == "Draft\nCampaign: ???"
        db.session.rollback()  # end this session's read before the schema changes again
        assert runner.invoke(args=["db", "downgrade", "0013"]).exit_code == 0
        values = db.session.execute(text("SELECT campaign FROM schedule_item ORDER BY id"))
        assert [row[0] for row in values] == ["Spring Sale", "", ""]


def test_upgrading_to_0015_keeps_channels_and_spend_and_adds_their_metrics(fresh_app) -> None:
    from sqlalchemy import text

    app = fresh_app(create_schema=False)
    with app.app_context():
        runner = app.test_cli_runner()
        assert runner.invoke(args=["db", "upgrade", "0013"]).exit_code == 0
        stamp = "'2026-11-01 10:00:00'"
        db.session.execute(
            text(
                "INSERT INTO channel (name, slug, utm_source, utm_medium, paused, click_value,"
                f" created_at, updated_at) VALUES ('Blog', 'blog', 'blog', 'social', false, 0.8,"
                f" {stamp}, {stamp})"
            )
        )
        db.session.execute(
            text(
                "INSERT INTO channel_spend (channel_id, month, amount, hours, note, created_at,"
                f" updated_at) VALUES (1, '2026-10-01', 200, 3, 'ads', {stamp}, {stamp})"
            )
        )
        db.session.commit()
        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
        spend = db.session.execute(text("SELECT amount, hours, note FROM channel_spend")).one()
        assert (float(spend[0]), float(spend[1]), spend[2]) == (200.0, 3.0, "ads")
        assert db.session.scalar(text("SELECT count(*) FROM channel_metric")) == 0
        db.session.execute(
            text(
                "INSERT INTO channel_metric (channel_id, month, followers, mentions, created_at,"
                f" updated_at) VALUES (1, '2026-10-01', 0, 12, {stamp}, {stamp})"
            )
        )
        db.session.commit()
        row = db.session.execute(
            text("SELECT followers, reach, mentions, negative_mentions FROM channel_metric")
        ).one()
        assert tuple(row) == (0, None, 12, None)  # 0 is known; None is not known
        db.session.execute(text("DELETE FROM channel"))  # a channel's numbers go with it
        db.session.commit()
        assert db.session.scalar(text("SELECT count(*) FROM channel_metric")) == 0


def test_upgrading_to_0016_keeps_every_item_as_it_was_and_none_evergreen(fresh_app) -> None:
    from sqlalchemy import text

    app = fresh_app(create_schema=False)
    with app.app_context():
        runner = app.test_cli_runner()
        assert runner.invoke(args=["db", "upgrade", "0013"]).exit_code == 0
        stamp = "'2026-11-01 10:00:00'"
        db.session.execute(
            text(
                "INSERT INTO channel (name, slug, utm_source, utm_medium, paused, click_value,"
                f" created_at, updated_at) VALUES ('Blog', 'blog', 'blog', 'social', false, 0,"
                f" {stamp}, {stamp})"
            )
        )
        for uid, status in (("a" * 32, "published"), ("b" * 32, "planned")):
            db.session.execute(
                text(
                    "INSERT INTO schedule_item (uid, channel_id, activity, starts_at, ends_at,"
                    " status, destination_url, campaign, utm_term, notes, off_rule, sequence,"
                    " version, actual_minutes, created_at, updated_at) VALUES (:uid, 1, 'post',"
                    " '2026-10-05 09:00:00', '2026-10-05 09:30:00', :status,"
                    " 'https://acme.example/winter', 'winter', 'tyres', 'keep me', false, 2, 3,"
                    f" 25, {stamp}, {stamp})"
                ),
                {"uid": uid, "status": status},
            )
        db.session.commit()
        assert runner.invoke(args=["db", "upgrade", "0021"]).exit_code == 0
        rows = db.session.execute(
            text(
                "SELECT uid, status, destination_url, (SELECT token FROM campaign c WHERE"
                " c.id = campaign_id), utm_term, notes, sequence, version, actual_minutes,"
                " evergreen, cooldown_days, max_runs, recycled_from_id FROM schedule_item"
                " ORDER BY id"
            )
        ).all()
        kept = ("https://acme.example/winter", "winter", "tyres", "keep me", 2, 3, 25)
        assert [tuple(row) for row in rows] == [
            ("a" * 32, "published", *kept, False, 90, 3, None),
            ("b" * 32, "planned", *kept, False, 90, 3, None),
        ]
        # A rerun points to its original; deleting the original leaves the rerun, unlinked.
        db.session.execute(text("UPDATE schedule_item SET recycled_from_id = 1 WHERE id = 2"))
        db.session.execute(text("DELETE FROM schedule_item WHERE id = 1"))
        db.session.commit()
        assert db.session.execute(text("SELECT id, recycled_from_id FROM schedule_item")).all() == [
            (2, None)
        ]


def test_upgrading_to_0017_rescores_every_idea_and_keeps_the_rest(fresh_app) -> None:
    from sqlalchemy import text

    from idea_bank import headline_key, score_headline

    app = fresh_app(create_schema=False)
    with app.app_context():
        runner = app.test_cli_runner()
        assert runner.invoke(args=["db", "upgrade", "0016"]).exit_code == 0
        headlines = ("The ultimate secret to winter riding", "How to ride in winter: 7 steps")
        for number, headline in enumerate(headlines):
            db.session.execute(
                text(
                    "INSERT INTO idea (headline, headline_key, score, status, notes, target_url,"
                    " purpose, created_at, updated_at) VALUES (:headline, :key, 99, 'planned',"
                    " 'keep me', '', :purpose, '2026-11-01 10:00:00', '2026-11-01 10:00:00')"
                ),
                {
                    "headline": headline,
                    "key": headline_key(headline),
                    "purpose": ("educate", None)[number],
                },
            )
        db.session.commit()
        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
        rows = db.session.execute(
            text("SELECT headline, score, status, notes, purpose FROM idea ORDER BY id")
        ).all()
        assert [tuple(row) for row in rows] == [
            (headlines[0], score_headline(headlines[0]).score, "planned", "keep me", "educate"),
            (headlines[1], score_headline(headlines[1]).score, "planned", "keep me", None),
        ]
        assert score_headline(headlines[0]).score < 99
        db.session.rollback()  # end this session's read before the schema changes again
        assert runner.invoke(args=["db", "downgrade", "0016"]).exit_code == 0


def test_upgrading_to_0018_gives_each_channel_the_colour_it_showed_by_its_place(
    fresh_app,
) -> None:
    from sqlalchemy import text

    from calendar_app.domain.campaigns import PALETTE

    app = fresh_app(create_schema=False)
    with app.app_context():
        runner = app.test_cli_runner()
        assert runner.invoke(args=["db", "upgrade", "0016"]).exit_code == 0
        stamp = "'2026-11-01 10:00:00'"
        # Made in an order unlike their names: the calendar listed (and coloured) them by name.
        names = ["Zine", "Blog", "Podcast", "Ads", "News", "Events", "Jobs", "Video", "Forum"]
        for name in names:
            db.session.execute(
                text(
                    "INSERT INTO channel (name, slug, utm_source, utm_medium, paused, click_value,"
                    f" created_at, updated_at) VALUES (:name, :slug, :slug, 'social', false, 0,"
                    f" {stamp}, {stamp})"
                ),
                {"name": name, "slug": name.lower()},
            )
        db.session.commit()
        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
        rows = db.session.execute(
            text("SELECT name, slug, utm_source, utm_medium, colour FROM channel ORDER BY id")
        ).all()
        palette = list(PALETTE)
        shown = {name: palette[n % 8] for n, name in enumerate(sorted(names))}
        assert [tuple(row) for row in rows] == [
            (name, name.lower(), name.lower(), "social", shown[name]) for name in names
        ]
        assert shown["Ads"] == shown["Zine"] == palette[0]  # the ninth starts over


def test_upgrading_to_0019_keeps_every_row_and_marks_none_as_the_demo(fresh_app) -> None:
    from sqlalchemy import text

    app = fresh_app(create_schema=False)
    with app.app_context():
        runner = app.test_cli_runner()
        assert runner.invoke(args=["db", "upgrade", "0018"]).exit_code == 0
        stamp = "'2026-11-01 10:00:00'"
        for statement in (
            "INSERT INTO channel (id, name, slug, utm_source, utm_medium, paused, click_value,"
            f" colour, created_at, updated_at) VALUES (1, 'Blog', 'blog', 'blog', 'organic',"
            f" false, 0, '#1f5fbf', {stamp}, {stamp})",
            "INSERT INTO cadence_rule (channel_id, activity, per_week, time_of_day, starts_on,"
            f" enabled, label, created_at, updated_at) VALUES (1, 'post', 2, '09:00:00',"
            f" '2026-11-02', true, 'Ours', {stamp}, {stamp})",
            "INSERT INTO campaign (name, token, goal, colour, created_at, updated_at) VALUES"
            f" ('Spring', 'spring', '', '#1f5fbf', {stamp}, {stamp})",
            "INSERT INTO idea (headline, headline_key, status, score, notes, target_url,"
            f" created_at, updated_at) VALUES ('Fix a flat', 'fix a flat', 'backlog', 0, '',"
            f" '', {stamp}, {stamp})",
        ):
            db.session.execute(text(statement))
        db.session.commit()
        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
        for table, column, value in (
            ("channel", "slug", "blog"),
            ("cadence_rule", "label", "Ours"),
            ("campaign", "token", "spring"),
            ("idea", "headline", "Fix a flat"),
        ):
            row = db.session.execute(text(f"SELECT {column}, from_demo FROM {table}")).one()
            assert tuple(row) == (value, False), table


def test_upgrading_to_0020_keeps_every_routine_item_unticked_and_ticks_go_with_their_item(
    fresh_app,
) -> None:
    from sqlalchemy import text

    app = fresh_app(create_schema=False)
    with app.app_context():
        runner = app.test_cli_runner()
        assert runner.invoke(args=["db", "upgrade", "0019"]).exit_code == 0
        stamp = "'2026-11-01 10:00:00'"
        db.session.execute(
            text(
                "INSERT INTO channel (name, slug, utm_source, utm_medium, paused, click_value,"
                f" colour, created_at, updated_at) VALUES ('Routines', 'routines', 'routines',"
                f" 'internal', false, 0, '#1f5fbf', {stamp}, {stamp})"
            )
        )
        db.session.execute(
            text(
                "INSERT INTO schedule_item (uid, channel_id, activity, starts_at, ends_at,"
                " status, destination_url, utm_term, notes, off_rule, sequence, version,"
                " evergreen, cooldown_days, created_at, updated_at) VALUES (:uid, 1, 'routine',"
                " '2026-10-05 09:00:00', '2026-10-05 09:15:00', 'planned', '', '', 'keep me',"
                f" false, 0, 4, false, 90, {stamp}, {stamp})"
            ),
            {"uid": "r" * 32},
        )
        db.session.commit()
        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
        row = db.session.execute(
            text("SELECT uid, activity, notes, version FROM schedule_item")
        ).one()
        assert tuple(row) == ("r" * 32, "routine", "keep me", 4)
        assert db.session.execute(text("SELECT count(*) FROM routine_tick")).scalar() == 0
        db.session.execute(
            text(
                "INSERT INTO routine_tick (item_id, step, number, ticked_at)"
                " VALUES (1, 0, 12, '2026-10-05 09:10:00')"
            )
        )
        db.session.commit()
        # Going back drops the ticks only; the item stays.
        db.session.rollback()  # end this session's read before the schema changes again
        assert runner.invoke(args=["db", "downgrade", "0019"]).exit_code == 0
        assert db.session.execute(text("SELECT uid FROM schedule_item")).scalar() == "r" * 32


def test_upgrading_to_0021_starts_every_fiscal_year_in_january(fresh_app) -> None:
    from sqlalchemy import text

    app = fresh_app(create_schema=False)
    with app.app_context():
        runner = app.test_cli_runner()
        assert runner.invoke(args=["db", "upgrade", "0020"]).exit_code == 0
        db.session.execute(
            text(
                "INSERT INTO workspace (name, mission, industry, audience, topics, products,"
                " site_url, timezone, goal, hours_per_week, blackout_dates, created_at,"
                " updated_at) VALUES ('Acme', '', '', '', '[]', '[]', '', 'Europe/Berlin', '',"
                " 10, '[\"2026-12-25\"]', '2026-11-01 10:00:00', '2026-11-01 10:00:00')"
            )
        )
        db.session.commit()
        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
        row = db.session.execute(
            text("SELECT name, blackout_dates, fiscal_year_start FROM workspace")
        ).one()
        assert (row[0], row[2]) == ("Acme", 1) and "2026-12-25" in str(row[1])
        db.session.rollback()
        assert runner.invoke(args=["db", "downgrade", "0020"]).exit_code == 0
        assert db.session.execute(text("SELECT name FROM workspace")).scalar() == "Acme"


def test_upgrading_to_0022_keeps_items_ideas_links_and_results_and_guesses_networks(
    fresh_app,
) -> None:
    from sqlalchemy import text

    from calendar_app.domain.item_links import link_for
    from calendar_app.models import ScheduleItem, Workspace

    app = fresh_app(create_schema=False)
    with app.app_context():
        runner = app.test_cli_runner()
        assert runner.invoke(args=["db", "upgrade", "0021"]).exit_code == 0
        stamp = "'2026-11-01 10:00:00'"
        db.session.execute(
            text(
                "INSERT INTO workspace (name, mission, industry, audience, topics, products,"
                " site_url, timezone, goal, hours_per_week, blackout_dates, created_at,"
                " updated_at) VALUES ('Shop', '', '', '', '[]', '[]', 'https://shop.example/',"
                f" 'UTC', '', 0, '[]', {stamp}, {stamp})"
            )
        )
        for slug in ("linkedin-company", "twitter", "forum"):
            db.session.execute(
                text(
                    "INSERT INTO channel (name, slug, utm_source, utm_medium, paused, click_value,"
                    f" created_at, updated_at) VALUES (:slug, :slug, :slug, 'social', false, 0,"
                    f" {stamp}, {stamp})"
                ),
                {"slug": slug},
            )
        db.session.execute(
            text(
                "INSERT INTO idea (headline, headline_key, status, score, notes, target_url,"
                f" created_at, updated_at) VALUES ('Winter tyres', 'winter tyres', 'planned', 50,"
                f" 'keep me', '', {stamp}, {stamp})"
            )
        )
        for uid, channel in (("a" * 32, 1), ("b" * 32, 2)):
            db.session.execute(
                text(
                    "INSERT INTO schedule_item (uid, channel_id, activity, starts_at, ends_at,"
                    " status, idea_id, destination_url, utm_term, notes, off_rule, sequence,"
                    f" version, created_at, updated_at) VALUES (:uid, :channel, 'post', {stamp},"
                    f" {stamp}, 'published', 1, '', 'tyres', 'my notes', false, 2, 4, {stamp},"
                    f" {stamp})"
                ),
                {"uid": uid, "channel": channel},
            )
        db.session.execute(
            text(
                "INSERT INTO link_record (uid, destination, utm_source, utm_medium, utm_campaign,"
                " utm_content, utm_term, url, purpose, created_at) VALUES ('l1',"
                " 'https://shop.example/', 'x', 'social', 'winter', 'l1', '',"
                f" 'https://shop.example/?utm_source=x', 'ad', {stamp})"
            )
        )
        db.session.execute(
            text(
                "INSERT INTO result_record (starts_on, ends_on, utm_source, utm_medium,"
                " utm_campaign, utm_content, visits, leads, customers, revenue, source, item_id,"
                f" channel_id, created_at, updated_at) VALUES ('2026-11-01', '2026-11-01', 'x',"
                f" 'social', 'winter', 'aaaaaaaaaaaa', 40, 3, 1, 99.5, 'ga4', 1, 1, {stamp},"
                f" {stamp})"
            )
        )
        db.session.commit()
        tables = ("idea", "schedule_item", "link_record", "result_record")
        before = {
            t: db.session.execute(text(f"SELECT * FROM {t} ORDER BY id")).all() for t in tables
        }
        db.session.rollback()
        assert runner.invoke(args=["db", "upgrade", "0022"]).exit_code == 0
        after = {
            t: db.session.execute(text(f"SELECT * FROM {t} ORDER BY id")).all() for t in tables
        }
        assert after == before and all(before.values())
        networks = db.session.execute(text("SELECT slug, network, own_limit FROM channel"))
        assert sorted(networks) == [
            ("forum", "other", None),
            ("linkedin-company", "linkedin", None),
            ("twitter", "x", None),
        ]
        assert db.session.scalar(text("SELECT count(*) FROM item_copy")) == 0
        db.session.rollback()
        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0  # the models' schema
        workspace = db.session.scalar(db.select(Workspace))
        item = db.session.scalar(db.select(ScheduleItem).order_by(ScheduleItem.id))
        assert item.copy is None and "utm_content=aaaaaaaaaaaa" in link_for(item, workspace).url
        db.session.rollback()  # end this session's read before the schema changes again
        assert runner.invoke(args=["db", "downgrade", "0021"]).exit_code == 0
        kept = {t: db.session.execute(text(f"SELECT * FROM {t} ORDER BY id")).all() for t in tables}
        assert kept == before


def test_upgrading_to_0023_keeps_every_channel_and_item_and_adds_no_share_link(
    fresh_app,
) -> None:
    from sqlalchemy import text

    app = fresh_app(create_schema=False)
    with app.app_context():
        runner = app.test_cli_runner()
        assert runner.invoke(args=["db", "upgrade", "0022"]).exit_code == 0
        stamp = "'2026-11-01 10:00:00'"
        db.session.execute(
            text(
                "INSERT INTO channel (name, slug, utm_source, utm_medium, paused, click_value,"
                f" colour, created_at, updated_at) VALUES ('Blog', 'blog', 'blog', 'social',"
                f" false, 0, '#b8860b', {stamp}, {stamp})"
            )
        )
        db.session.execute(
            text(
                "INSERT INTO schedule_item (uid, channel_id, activity, starts_at, ends_at, status,"
                " destination_url, utm_term, notes, off_rule, sequence, version, evergreen,"
                f" cooldown_days, created_at, updated_at) VALUES ('u1', 1, 'post', {stamp},"
                f" {stamp}, 'planned', '', '', 'keep me', false, 0, 1, false, 90, {stamp}, {stamp})"
            )
        )
        db.session.commit()
        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
        assert db.session.execute(text("SELECT name, colour FROM channel")).one() == (
            "Blog",
            "#b8860b",
        )
        assert db.session.scalar(text("SELECT notes FROM schedule_item")) == "keep me"
        assert db.session.scalar(text("SELECT count(*) FROM share_link")) == 0
        db.session.execute(
            text(
                "INSERT INTO share_link (label, token_digest, all_channels, show_notes,"
                f" created_at) VALUES ('Client', :digest, false, false, {stamp})"
            ),
            {"digest": "a" * 64},
        )
        db.session.execute(text("INSERT INTO share_link_channel VALUES (1, 1)"))
        db.session.commit()
        db.session.execute(text("DELETE FROM channel"))  # a link's channels go with them
        db.session.commit()
        assert db.session.scalar(text("SELECT count(*) FROM share_link_channel")) == 0
        assert db.session.scalar(text("SELECT label FROM share_link")) == "Client"


def test_upgrading_to_0024_keeps_every_item_and_channel_assigned_to_nobody(fresh_app) -> None:
    from sqlalchemy import text

    app = fresh_app(create_schema=False)
    with app.app_context():
        runner = app.test_cli_runner()
        assert runner.invoke(args=["db", "upgrade", "0023"]).exit_code == 0
        stamp = "'2026-11-01 10:00:00'"
        db.session.execute(
            text(
                "INSERT INTO channel (name, slug, utm_source, utm_medium, paused, click_value,"
                f" colour, created_at, updated_at) VALUES ('Blog', 'blog', 'blog', 'social',"
                f" false, 0, '#1d6b3a', {stamp}, {stamp})"
            )
        )
        db.session.execute(
            text(
                "INSERT INTO schedule_item (uid, channel_id, activity, starts_at, ends_at,"
                " status, destination_url, utm_term, notes, off_rule, sequence, version,"
                " actual_minutes, evergreen, cooldown_days, created_at, updated_at) VALUES"
                " (:uid, 1, 'post', '2026-10-05 09:00:00', '2026-10-05 09:30:00', 'published',"
                " 'https://acme.example/winter', 'tyres', 'keep me', false, 2, 3, 25, true, 60,"
                f" {stamp}, {stamp})"
            ),
            {"uid": "a" * 32},
        )
        db.session.commit()
        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
        item = db.session.execute(
            text(
                "SELECT uid, status, destination_url, utm_term, notes, sequence, version,"
                " actual_minutes, evergreen, cooldown_days, assignee_id FROM schedule_item"
            )
        ).one()
        assert tuple(item) == (
            "a" * 32,
            "published",
            "https://acme.example/winter",
            "tyres",
            "keep me",
            2,
            3,
            25,
            True,
            60,
            None,
        )
        channel = db.session.execute(text("SELECT name, colour, owner_id FROM channel")).one()
        assert tuple(channel) == ("Blog", "#1d6b3a", None)
        db.session.rollback()  # end this read before the schema changes again
        assert runner.invoke(args=["db", "downgrade", "0023"]).exit_code == 0
        assert db.session.execute(text("SELECT count(*) FROM schedule_item")).scalar() == 1


def test_upgrading_to_0025_keeps_every_item_with_no_media_and_media_go_with_their_item(
    fresh_app,
) -> None:
    from sqlalchemy import text

    app = fresh_app(create_schema=False)
    with app.app_context():
        runner = app.test_cli_runner()
        assert runner.invoke(args=["db", "upgrade", "0024"]).exit_code == 0
        stamp = "'2026-11-01 10:00:00'"
        db.session.execute(
            text(
                "INSERT INTO channel (name, slug, utm_source, utm_medium, paused, click_value,"
                f" colour, created_at, updated_at) VALUES ('Blog', 'blog', 'blog',"
                f" 'owned', false, 0, '#1f5fbf', {stamp}, {stamp})"
            )
        )
        db.session.execute(
            text(
                "INSERT INTO schedule_item (uid, channel_id, activity, starts_at, ends_at,"
                " status, destination_url, utm_term, notes, off_rule, sequence, version,"
                " evergreen, cooldown_days, created_at, updated_at) VALUES (:uid, 1, 'post',"
                " '2026-10-05 09:00:00', '2026-10-05 09:15:00', 'planned', '', '', 'keep me',"
                f" false, 0, 3, false, 90, {stamp}, {stamp})"
            ),
            {"uid": "m" * 32},
        )
        db.session.commit()
        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
        row = db.session.execute(text("SELECT uid, notes, version FROM schedule_item")).one()
        assert tuple(row) == ("m" * 32, "keep me", 3)
        assert db.session.execute(text("SELECT count(*) FROM item_media")).scalar() == 0
        db.session.execute(
            text(
                "INSERT INTO item_media (item_id, kind, url, created_at)"
                " VALUES (1, 'link', 'https://example.com/a.png', '2026-11-01 10:00:00')"
            )
        )
        db.session.commit()
        assert db.session.execute(text("SELECT alt_text, position FROM item_media")).one() == (
            "",
            0,
        )
        # Going back drops the media rows only; the item stays.
        db.session.rollback()  # end this session's read before the schema changes again
        assert runner.invoke(args=["db", "downgrade", "0024"]).exit_code == 0
        assert db.session.execute(text("SELECT uid FROM schedule_item")).scalar() == "m" * 32
