"""Results benchmark: a year of daily results for 12 channels and their 7,500 items.

Run with ``.venv/bin/python bench/results.py`` (add ``--postgres URL`` to use
PostgreSQL; the default is a temporary SQLite file). It prints:

* importing the results file (one row per post for three days after it, and one
  row per channel and day: about 17,500 rows): under 1 s;
* importing it again (nothing changes): also under 1 s;
* the Results page (monthly sums kept on import, verdicts, chart) with time logged
  on a third of the posts: under 50 ms, and how many SQL statements it runs;
* then, on a database of its own with two years of results, 10,000 items, 50
  campaigns (every other past post in one) and 300 evergreen posts (a third of them
  run again once): the Recycle page under 50 ms; Top content over the two years and
  its topic table, the Results page with its campaign table, the Campaigns page and
  the calendar of one campaign under 100 ms; each with how many SQL statements it
  runs (the same for a month of data or two years).
"""

from __future__ import annotations

import csv
import io
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from feed import CHANNELS, build_workspace, database_url, plan_a_year, timed  # noqa: E402
from sqlalchemy import event, select, update  # noqa: E402

from calendar_app import create_app  # noqa: E402
from calendar_app.domain.campaigns import PALETTE  # noqa: E402
from calendar_app.extensions import db  # noqa: E402
from calendar_app.models import (  # noqa: E402
    CadenceRule,
    Campaign,
    Channel,
    Idea,
    ScheduleItem,
    User,
)
from calendar_app.services import planner  # noqa: E402
from calendar_app.services.results_import import import_results  # noqa: E402
from idea_bank import TEMPLATES  # noqa: E402

HEADER = "date,utm_source,utm_medium,utm_campaign,utm_content,visits,leads,customers,revenue"


def results_file(items: list[tuple], first_day: datetime, days: int = 365) -> bytes:
    """Post rows for three days after each post (uid, channel slug, start and, if given, its
    campaign's token), and channel rows for each of ``days``."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER.split(","))
    for n, (uid, slug, starts_at, *token) in enumerate(items):
        campaign = token[0] if token and token[0] else f"{slug}-post"
        for offset in range(3):
            day = (starts_at + timedelta(days=offset)).date().isoformat()
            visits = 20 + (n * 7 + offset * 3) % 90
            leads, customers = visits // 40, visits // 80
            revenue = f"{customers * 49.5:.2f}"
            row = [day, slug, "social", campaign, uid[:12], visits, leads, customers, revenue]
            writer.writerow(row)
    for slug in CHANNELS:
        for offset in range(days):
            day = (first_day + timedelta(days=offset)).date().isoformat()
            writer.writerow([day, slug, "social", "", "", 50 + offset % 30, 1, 0, "0"])
    return out.getvalue().encode()


def count_statements(engine, action) -> int:
    """The SQL statements ``action`` sends (BEGIN aside)."""
    statements: list[str] = []

    def note(*args) -> None:
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", note)
    action()
    event.remove(engine, "before_cursor_execute", note)
    return len([s for s in statements if not s.startswith("BEGIN")])


def give_every_third_post_a_topic() -> None:
    """A headline of one of the 28 topic templates on every third post, in turn."""
    posts = db.session.scalars(
        select(ScheduleItem).where(ScheduleItem.activity == "post").order_by(ScheduleItem.id)
    )
    for n, item in enumerate(posts):
        if n % 3 == 0:
            template = TEMPLATES[n // 3 % len(TEMPLATES)]
            item.idea = Idea(
                headline=f"{template.name}, part {n}",
                template_key=template.key,
                purpose=template.purpose,
            )
    db.session.commit()


def main() -> None:
    """Run the benchmark and print the figures."""
    url = database_url(__doc__.splitlines()[0])
    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url})
    # A year gone by: results are never for days to come (the last post's three days of
    # rows end before today).
    now = datetime.now(UTC) - timedelta(days=368)
    with app.app_context():
        workspace = plan_a_year(now)
        workspace.hourly_rate = 40
        count = db.session.query(ScheduleItem).count()
        posts = db.session.execute(
            select(ScheduleItem.uid, ScheduleItem.channel_id, ScheduleItem.starts_at)
            .where(ScheduleItem.activity == "post")
            .order_by(ScheduleItem.id)
        ).all()
        give_every_third_post_a_topic()
        slugs = dict(enumerate(CHANNELS, start=1))
        raw = results_file([(uid, slugs[cid], at) for uid, cid, at in posts], now)
        logged = [uid for n, (uid, _c, _a) in enumerate(posts) if n % 3 == 0]
        db.session.execute(
            update(ScheduleItem).where(ScheduleItem.uid.in_(logged)).values(actual_minutes=30)
        )
        db.session.commit()
        rows = raw.count(b"\n") - 1
        first = timed(lambda: import_results(raw))
        again = timed(lambda: import_results(raw))
        user_id = db.session.scalar(select(User)).get_id()

    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = user_id
    year = f"/results/top?from={now.date()}&to={(now + timedelta(days=364)).date()}&sort=leads"
    pages = {"/results/": 0.05, "/results/top": 0.1, year: 0.1, "/ideas/": 0.1}
    timings, queries = {}, {}
    with app.app_context():
        engine = db.engine
    for path in pages:
        assert client.get(path).status_code == 200  # warm up templates
        timings[path] = timed(lambda path=path: client.get(path), repeat=10)
        queries[path] = count_statements(engine, lambda path=path: client.get(path))

    def ms(seconds: float) -> str:
        return f"{seconds * 1000:9.1f} ms"

    database = "PostgreSQL" if "postgresql" in url else "SQLite"
    print(
        f"Results benchmark: 12 channels over a year, {database}, Python {sys.version.split()[0]}"
    )
    print(f"  {'schedule items':<28} {count:>12,}")
    print(f"  {'result rows in the file':<28} {rows:>12,}   {len(raw):,} bytes")
    print(f"  {'first import':<28} {ms(first)}   {first / 1:.0%} of the 1 s target")
    print(f"  {'same file again':<28} {ms(again)}   {again / 1:.0%} of the 1 s target")
    names = {
        "/results/": "Results page",
        "/results/top": "Top content, 90 days",
        year: "Top content, a year by leads",
        "/ideas/": "Ideas page (best topics)",
    }
    for path, target in pages.items():
        seconds = timings[path]
        print(
            f"  {names[path]:<28} {ms(seconds)}   {seconds / target:.0%} of the "
            f"{target * 1000:.0f} ms target, {queries[path]} SQL statements"
        )
    rows, items, proposals, measured = two_year_benchmark(app)
    print(
        f"Two years: {items:,} items, {rows}, {CAMPAIGNS} campaigns, "
        f"{EVERGREEN} evergreen posts ({proposals} open slots with a proposal)"
    )
    for name, (seconds, statements, target) in measured.items():
        print(
            f"  {name:<28} {ms(seconds)}   {seconds / target:.0%} of the "
            f"{target * 1000:.0f} ms target, {statements} SQL statements"
        )


EVERGREEN = 300
RECYCLE_DAYS = 741  # from two years back to today: 12 daily posts with 13 weeks ahead, 10,000


def two_years_of_posts(now: datetime) -> datetime:
    """An empty database with 12 channels posting daily from ``RECYCLE_DAYS`` ago to 13 weeks
    ahead (reply time left out), every post before ``now`` published; the first day."""
    start = now - timedelta(days=RECYCLE_DAYS)
    db.drop_all()
    db.create_all()
    build_workspace(start)
    replies = update(CadenceRule).where(CadenceRule.activity == "reply")
    db.session.execute(replies.values(enabled=False))
    workspace = planner.get_workspace()
    planner.extend_schedule(workspace, now.date() + timedelta(weeks=13, days=1), start)
    db.session.execute(
        update(ScheduleItem).where(ScheduleItem.starts_at < now).values(status="published")
    )
    db.session.commit()
    return start


def evergreen_posts_and_reruns(now: datetime) -> None:
    """300 past posts evergreen with a headline (25 a channel, spread over the two years),
    every third of them run again once on a post of its channel about 120 days later; a
    headline on every third post to come."""
    gone = db.session.scalars(
        select(ScheduleItem)
        .where(ScheduleItem.starts_at < now)
        .order_by(ScheduleItem.channel_id, ScheduleItem.starts_at)
    ).all()
    by_day = {(item.channel_id, item.starts_at.date()): item for item in gone}
    per_channel = EVERGREEN // len(CHANNELS)
    chosen = []
    for channel_id in range(1, len(CHANNELS) + 1):
        old_enough = [
            item
            for item in gone
            if item.channel_id == channel_id and item.starts_at < now - timedelta(days=130)
        ]
        chosen += old_enough[:: len(old_enough) // per_channel][:per_channel]
    for n, item in enumerate(chosen):
        headline = f"Evergreen guide number {n} to winter cycling"
        item.idea = Idea(headline=headline, status="published")
        item.evergreen = True
    db.session.flush()
    for item in chosen[::3]:
        day = item.starts_at.date() + timedelta(days=120)
        while by_day[(item.channel_id, day)].idea is not None:  # another evergreen post
            day += timedelta(days=1)
        rerun = by_day[(item.channel_id, day)]
        rerun.idea, rerun.recycled_from_id = item.idea, item.id
    upcoming = db.session.scalars(
        select(ScheduleItem).where(ScheduleItem.starts_at > now).order_by(ScheduleItem.id)
    )
    for n, item in enumerate(upcoming):
        if n % 3 == 0:
            item.idea = Idea(headline=f"Headline number {n}: 7 ways to ride in the rain")
    db.session.commit()


CAMPAIGNS = 50


def fifty_campaigns(now: datetime) -> dict[str, str]:
    """50 campaigns, each on three channels; every other past post in the campaign of one of
    its channels, and a headline of one of the 28 topic templates on every third past post
    without one. The campaign token of each post in a campaign, by uid."""
    campaigns = []
    for n in range(CAMPAIGNS):
        campaign = Campaign(
            name=f"Campaign {n}", token=f"campaign-{n}", colour=list(PALETTE)[n % 8]
        )
        campaign.channels = [db.session.get(Channel, 1 + (n + k) % len(CHANNELS)) for k in range(3)]
        campaigns.append(campaign)
    db.session.add_all(campaigns)
    db.session.flush()
    by_channel: dict[int, list[Campaign]] = {}
    for campaign in campaigns:
        for channel in campaign.channels:
            by_channel.setdefault(channel.id, []).append(campaign)
    gone = db.session.scalars(
        select(ScheduleItem).where(ScheduleItem.starts_at < now).order_by(ScheduleItem.id)
    )
    tokens = {}
    for n, item in enumerate(gone):
        if n % 2 == 0:
            options = by_channel[item.channel_id]
            item.campaign = options[n // 2 % len(options)]
            tokens[item.uid] = item.campaign.token
        if item.idea is None and n % 3 == 0:
            template = TEMPLATES[n // 3 % len(TEMPLATES)]
            item.idea = Idea(
                headline=f"{template.name}, part {n}",
                template_key=template.key,
                purpose=template.purpose,
                status="published",
            )
    db.session.commit()
    return tokens


def two_year_benchmark(app) -> tuple[str, int, int, dict[str, tuple[float, int, float]]]:
    """Two years of results for 10,000 items, 50 campaigns and 300 evergreen posts; each
    page's median time, statements and target (and what was measured, for the printout)."""
    now = datetime.now(UTC)
    with app.app_context():
        start = two_years_of_posts(now)
        evergreen_posts_and_reruns(now)
        tokens = fifty_campaigns(now)
        count = db.session.query(ScheduleItem).count()
        posts = db.session.execute(
            select(ScheduleItem.uid, ScheduleItem.channel_id, ScheduleItem.starts_at)
            .where(ScheduleItem.starts_at < now - timedelta(days=3))
            .order_by(ScheduleItem.id)
        ).all()
        slugs = dict(enumerate(CHANNELS, start=1))
        lines = [(uid, slugs[cid], at, tokens.get(uid)) for uid, cid, at in posts]
        raw = results_file(lines, start, RECYCLE_DAYS)
        import_results(raw)
        user_id = db.session.scalar(select(User)).get_id()
        engine = db.engine
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = user_id
    page = client.get("/recycle")
    assert page.status_code == 200 and b"Plan here" in page.data
    two_years = f"/results/top?from={start.date()}&to={now.date()}&sort=leads"
    month = (now - timedelta(days=60)).date().isoformat()  # its posts are the past ones
    pages = {
        "Recycle page": ("/recycle", 0.05),
        "Top content, two years": (two_years, 0.1),
        "Results page, 50 campaigns": ("/results/", 0.1),
        "Campaigns page": ("/campaigns/", 0.1),
        "Calendar of one campaign": (f"/calendar?campaign=1&colour=campaign&start={month}", 0.1),
    }
    measured = {}
    for name, (path, target) in pages.items():
        answer = client.get(path)
        assert answer.status_code == 200, (path, answer.status_code)
        seconds = timed(lambda path=path: client.get(path), repeat=10)
        statements = count_statements(engine, lambda path=path: client.get(path))
        measured[name] = (seconds, statements, target)
    assert b"Campaign 0" in client.get("/results/").data
    proposals = page.data.count(b'scope="rowgroup"')
    rows = raw.count(b"\n") - 1
    return f"{rows:,} result rows", count, proposals, measured


if __name__ == "__main__":
    main()
