"""Results benchmark: a year of daily results for 12 channels and their 7,500 items.

Run with ``.venv/bin/python bench/results.py`` (add ``--postgres URL`` to use
PostgreSQL; the default is a temporary SQLite file). It prints:

* importing the results file (one row per post for three days after it, and one
  row per channel and day: about 17,500 rows): under 1 s;
* importing it again (nothing changes): also under 1 s;
* the Results page (monthly sums kept on import, verdicts, chart) with time logged
  on a third of the posts: under 50 ms, and how many SQL statements it runs.
"""

from __future__ import annotations

import csv
import io
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from feed import CHANNELS, database_url, plan_a_year, timed  # noqa: E402
from sqlalchemy import event, select, update  # noqa: E402

from calendar_app import create_app  # noqa: E402
from calendar_app.extensions import db  # noqa: E402
from calendar_app.models import Idea, ScheduleItem, User  # noqa: E402
from calendar_app.services.results_import import import_results  # noqa: E402
from idea_bank import TEMPLATES  # noqa: E402

HEADER = "date,utm_source,utm_medium,utm_campaign,utm_content,visits,leads,customers,revenue"


def results_file(items: list[tuple[str, str, datetime]], first_day: datetime) -> bytes:
    """Post rows for three days after each post, and channel rows for every day of the year."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER.split(","))
    for n, (uid, slug, starts_at) in enumerate(items):
        for offset in range(3):
            day = (starts_at + timedelta(days=offset)).date().isoformat()
            visits = 20 + (n * 7 + offset * 3) % 90
            leads, customers = visits // 40, visits // 80
            revenue = f"{customers * 49.5:.2f}"
            row = [day, slug, "social", f"{slug}-post", uid[:12], visits, leads, customers, revenue]
            writer.writerow(row)
    for slug in CHANNELS:
        for offset in range(365):
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


if __name__ == "__main__":
    main()
