"""Whatever the importers accept, a backup restores and a plan file carries unchanged.

Hypothesis writes results files and plan files with odd but possible values; each one
is either refused with a clear error or stored, and what is stored survives the round
trip: backup → empty database → restore gives the same backup; plan export → empty
database → import gives the same plan.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from calendar_app.clock import now as app_now
from calendar_app.domain.campaigns import PALETTE
from calendar_app.domain.json_reader import PlanError
from calendar_app.domain.metric_values import METRICS
from calendar_app.domain.metrics_csv import MetricsFileError
from calendar_app.domain.plan_parser import parse_plan
from calendar_app.domain.results_files import ResultsFileError
from calendar_app.extensions import db
from calendar_app.services import backup, metrics, plan_export, plans, results_import
from tests.conftest import NOW
from tests.factories import make_channel
from tests.services.test_backup import but_the_restore

ROUND_TRIPS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,  # a refused file is a fine outcome, just not this test's
    ],
)
HEADER = "date,utm_source,utm_medium,utm_campaign,utm_content,visits,leads,customers,revenue"


def csv_text(lines: list[tuple]) -> str:
    """A results file in our own format, quoted where a value needs it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER.split(","))
    writer.writerows([str(value) for value in line] for line in lines)
    return out.getvalue()


def wipe() -> None:
    """Empty every table, children first."""
    for table in reversed(backup.TABLES):
        db.session.execute(delete(table))
    db.session.commit()


def restored(document: dict) -> dict:
    """The backup after a restore into an empty database, exported again."""
    wipe()
    backup.import_backup(backup.dumps(document))
    return but_the_restore(backup.export_backup())


text = st.text(
    alphabet=st.characters(
        codec="utf-8", categories=["L", "N", "P", "S", "Zs"], exclude_characters=',;"#'
    ),
    max_size=20,
)


def mostly(valid: st.SearchStrategy, edge: st.SearchStrategy) -> st.SearchStrategy:
    """Values an export could hold nine times out of ten, else one at or past a limit."""
    return st.integers(0, 9).flatmap(lambda n: edge if n == 0 else valid)


counts = mostly(
    st.one_of(st.integers(0, 10**9), st.sampled_from(["", "1,234", "1.234", "12 345"])),
    st.integers(10**9 - 2, 10**9 + 2),
)
amounts = mostly(
    st.one_of(
        st.decimals(0, Decimal("999999999999.99"), places=2, allow_nan=False),
        st.sampled_from(["", "1.234,50", "1,234.50", "€ 12", "999999999999.99", "0,5"]),
    ),
    st.decimals(Decimal("999999999999"), Decimal("1000000000000.5"), places=2),
)
days = mostly(
    st.dates(date(2000, 1, 1), NOW.date()), st.dates(date(1998, 1, 1), date(2101, 1, 1))
).map(date.isoformat)
rows = st.tuples(days, text, text, text, text, counts, counts, counts, amounts)


@ROUND_TRIPS
@given(st.lists(rows, min_size=1, max_size=6))
def test_any_results_file_the_importer_accepts_survives_a_backup(app, lines) -> None:
    wipe()
    try:
        results_import.import_results(csv_text(lines))
    except ResultsFileError:
        assume(False)
    document = backup.export_backup()
    assert document["tables"]["result_record"]
    assert restored(document) == document


metric_counts = mostly(
    st.one_of(st.just(""), st.integers(0, 10**9), st.sampled_from(["1,234", "1.234", "0"])),
    st.sampled_from(["-1", "1000000001", "2.5"]),
)
metric_months = mostly(
    st.dates(date(2000, 1, 1), NOW.date()), st.dates(date(1999, 12, 1), date(2100, 1, 1))
).map(lambda d: f"{d:%Y-%m}")
metric_lines = st.tuples(
    st.sampled_from(["blog", "linkedin"]), metric_months, *(metric_counts for _ in range(7))
)


@ROUND_TRIPS
@given(st.lists(metric_lines, min_size=1, max_size=6))
def test_any_metrics_file_the_importer_accepts_survives_a_backup(app, lines) -> None:
    wipe()
    make_channel("blog")
    make_channel("linkedin")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["channel", "month", *METRICS])
    writer.writerows(lines)
    try:
        metrics.import_metrics(out.getvalue())
    except MetricsFileError:
        assume(False)
    document = backup.export_backup()
    assert document["tables"]["channel_metric"]


@ROUND_TRIPS
@given(st.lists(st.none() | st.integers(0, 2), min_size=1, max_size=6), st.integers(-1, 2))
def test_any_assignment_of_items_and_a_channel_owner_survives_a_backup(app, picks, owner):
    from datetime import UTC, datetime

    from calendar_app.services.owners import assign, set_channel_owner
    from tests.factories import make_item, make_user, make_workspace

    wipe()
    make_workspace()
    members = [make_user(f"member{n}@example.com") for n in range(3)]
    blog = make_channel("blog")
    if owner >= 0:
        set_channel_owner(blog, members[owner].id, NOW)
    for n, pick in enumerate(picks):
        item = make_item(blog, datetime(2026, 12, 1 + n, 8, tzinfo=UTC))
        assign(item, None if pick is None else members[pick].id, NOW)
    document = backup.export_backup()
    items = document["tables"]["schedule_item"]
    assert [row["assignee_id"] for row in items] == [
        None if pick is None else members[pick].id for pick in picks
    ]
    assert document["tables"]["channel"][0]["owner_id"] == (
        members[owner].id if owner >= 0 else None
    )
    assert restored(document) == document


@ROUND_TRIPS
@given(
    st.lists(
        st.tuples(st.integers(-5, 4000), st.none() | st.integers(-2, 120), st.booleans()),
        min_size=1,
        max_size=4,
    )
)
def test_any_evergreen_mark_the_service_accepts_survives_a_backup(app, marks) -> None:
    from datetime import UTC, datetime

    from calendar_app.domain.recycling import RecyclingError
    from calendar_app.services.recycling import mark_evergreen
    from calendar_app.services.reruns import plan_rerun
    from tests.factories import make_channel, make_idea, make_item, make_workspace

    wipe()
    make_workspace()
    blog = make_channel("blog")
    for n, (cooldown, max_runs, rerun) in enumerate(marks):
        idea = make_idea(f"Evergreen number {n}", status="published")
        when = datetime(2025, 1, 6 + 7 * n, 8, tzinfo=UTC)
        post = make_item(blog, when, idea=idea, status="published")
        try:
            mark_evergreen(post, True, cooldown, max_runs, app_now())
        except RecyclingError:
            assert not (1 <= cooldown <= 3650 and (max_runs is None or 1 <= max_runs <= 100))
            continue
        if rerun and cooldown < 600:
            slot = make_item(blog, datetime(2027, 1, 4 + 7 * n, 8, tzinfo=UTC))
            plan_rerun(post, slot, "Europe/Berlin", app_now())
    document = backup.export_backup()
    assert restored(document) == document


names = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"]),
    min_size=1,
    max_size=40,
).map(str.strip)
slugs = st.from_regex(r"[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,5})?", fullmatch=True)
recurrences = st.one_of(
    st.builds(lambda n: {"per_week": n}, st.integers(1, 5)),
    st.sampled_from(
        [
            "FREQ=DAILY",
            "FREQ=WEEKLY;BYDAY=MO,WE,FR",
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
            "FREQ=MONTHLY;BYDAY=-1FR",
            "FREQ=MONTHLY;BYMONTHDAY=1,15",
            "FREQ=YEARLY;BYMONTH=12;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1",
        ]
    ).map(lambda r: {"rrule": r}),
)
rules = st.builds(
    lambda recurrence, activity, hour, minute, duration, start, end: {
        **recurrence,
        "activity": activity,
        "time": f"{hour:02d}:{minute:02d}",
        "duration_minutes": duration,
        "starts_on": start.isoformat(),
        **end,
    },
    recurrences,
    st.sampled_from(["post", "video", "reply", "listening", "routine"]),
    st.integers(0, 23),
    st.integers(0, 59),
    st.one_of(st.none(), st.integers(1, 720)),
    st.dates(date(2026, 1, 1), date(2027, 6, 1)),
    st.one_of(
        st.just({}),
        st.builds(lambda n: {"count": n}, st.integers(1, 50)),
        st.builds(
            lambda d: {"ends_on": d.isoformat()}, st.dates(date(2027, 6, 2), date(2028, 1, 1))
        ),
    ),
)
channels = st.builds(
    lambda name, slug, source, zone, rules: {
        "name": name,
        "slug": slug,
        "utm_source": source,
        "timezone": zone,
        "rules": rules,
    },
    names,
    slugs,
    names,
    st.sampled_from([None, "Europe/Berlin", "America/New_York", "Asia/Kolkata"]),
    st.lists(rules, max_size=3),
)
plan_files = st.builds(
    lambda name, mission, topics, zone, blackouts, channels, ideas: {
        "format": "editorial-calendar/plan-v1",
        "workspace": {
            "name": name,
            "mission": mission[:140],
            "topics": topics,
            "timezone": zone,
            "site_url": "https://acme.example/?a=1#top",
            "blackout_dates": blackouts,
        },
        "channels": channels,
        "ideas": [{"headline": h} for h in ideas],
    },
    names,
    names,
    st.lists(names, max_size=3),
    st.sampled_from(["UTC", "Europe/Amsterdam", "Pacific/Auckland"]),
    st.lists(st.dates(date(2026, 11, 24), date(2027, 3, 1)).map(date.isoformat), max_size=3),
    st.lists(channels, max_size=3, unique_by=lambda c: c["slug"]),
    st.lists(names, max_size=4),
)


@st.composite
def with_campaigns(draw: st.DrawFn, plans_: st.SearchStrategy[dict]) -> dict:
    """A plan with campaigns on some of its channels, and headlines that name them."""
    document = draw(plans_)
    slugs = [channel["slug"] for channel in document["channels"]]
    campaigns = []
    for name in draw(st.lists(names, max_size=3 if slugs else 0)):
        start = draw(st.none() | st.dates(date(2026, 1, 1), date(2027, 12, 31)))
        campaign = {"name": name, "channels": draw(st.lists(st.sampled_from(slugs), unique=True))}
        if start is not None:
            campaign["starts_on"] = start.isoformat()
            days = draw(st.integers(0, 90))
            campaign["ends_on"] = (start + timedelta(days=days)).isoformat()
        colour = draw(st.none() | st.sampled_from(list(PALETTE)))
        if colour is not None:
            campaign["colour"] = colour
        campaigns.append(campaign)
    document["campaigns"] = campaigns
    for idea in document["ideas"]:
        if campaigns and draw(st.booleans()):
            idea["campaign"] = draw(st.sampled_from(campaigns))["name"]
    return document


@ROUND_TRIPS
@given(with_campaigns(plan_files))
def test_any_plan_the_importer_accepts_exports_and_imports_unchanged(app, document) -> None:
    wipe()
    now = app_now()
    try:
        plans.import_plan(parse_plan(json.dumps(document)), now)
    except PlanError:
        assume(False)
    exported = plan_export.export_plan()
    wipe()
    plans.import_plan(parse_plan(json.dumps(exported)), now)
    assert plan_export.export_plan() == exported
    assert len(exported["campaigns"]) == len(document["campaigns"])
    again = plans.import_plan(parse_plan(json.dumps(exported)), now + timedelta(seconds=1))
    assert again.summary().startswith("0 channels, 0 rules and 0 ideas added, 0 records updated")


@ROUND_TRIPS
@given(
    st.lists(st.text(max_size=320), min_size=1, max_size=3),
    st.sampled_from(["x", "blog", "instagram", "pinterest"]),
    st.lists(st.from_regex(r"#?[A-Za-z0-9_]{1,12}", fullmatch=True), min_size=1, max_size=5),
)
def test_any_copy_and_hashtag_set_the_services_accept_survive_a_backup(
    app, bodies, network, tags
) -> None:
    from datetime import UTC, datetime

    from calendar_app.services.copy import CopyError, save_copy, save_hashtag_set
    from tests.factories import make_item, make_workspace

    wipe()
    workspace = make_workspace()
    channel = make_channel(network, network=network)
    item = make_item(channel, datetime(2026, 12, 1, 9, tzinfo=UTC))
    for body in bodies:
        try:
            save_copy(item, {"title": body[:50], "body": body, "outline": body}, None,
                      workspace, app_now())  # fmt: skip
        except CopyError as exc:  # X's limit, or a control character in the one-line title
            assert network == "x" or exc.field == "title", exc.message
    save_hashtag_set(channel, "Set", ", ".join(tags))
    document = backup.export_backup()
    assert restored(document) == document


labels = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs", "Cc"]),
    max_size=130,
)


@ROUND_TRIPS
@given(
    st.lists(
        st.tuples(
            labels, st.booleans(), st.booleans(), st.none() | st.integers(-3, 400), st.booleans()
        ),
        min_size=1,
        max_size=4,
    )
)
def test_any_share_link_the_service_accepts_survives_a_backup(app, links) -> None:
    from calendar_app.domain.shares import ShareError
    from calendar_app.services import shares
    from tests.factories import make_workspace

    wipe()
    make_workspace()
    blog = make_channel("blog")
    for label, every, notes, days_ahead, revoke in links:
        last_day = None if days_ahead is None else NOW.date() + timedelta(days=days_ahead)
        values = {
            "label": label,
            "all_channels": every,
            "channel_ids": [blog.id],
            "show_notes": notes,
            "expires_on": last_day,
        }
        try:
            link, token = shares.create_share(values, None, app_now(), "Europe/Berlin")
        except ShareError as exc:
            assert exc.field in ("label", "expires_on")
            continue
        if revoke:
            shares.revoke_share(link, app_now())
    document = backup.export_backup()
    assert restored(document) == document
    assert not backup.dumps(plan_export.export_plan()).count("share")  # secrets are not plan data
