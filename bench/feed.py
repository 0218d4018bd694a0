"""Feed benchmark: a year of 12 channels, measured side by side in one run.

Run with ``.venv/bin/python bench/feed.py`` (add ``--postgres URL`` to use
PostgreSQL; the default is a temporary SQLite file). It prints each figure
and the ratios the product promises:

* planning and storing a year of 12 channels (6,000+ items): under 1 s;
* our cold feed build: at most 1.2x what the icalendar library alone needs to
  serialise the same events;
* the response after one item changed: at least 50x cheaper than cold;
* the warm (unchanged) response: at least 200x faster than cold;
* a 304: builds nothing;
* gzip: at least 10x fewer bytes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from time import perf_counter

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from icalendar import Calendar  # noqa: E402
from sqlalchemy import select  # noqa: E402

from calendar_app import create_app  # noqa: E402
from calendar_app.domain.ical import event_component  # noqa: E402
from calendar_app.domain.item_links import feed_event  # noqa: E402
from calendar_app.extensions import db  # noqa: E402
from calendar_app.models import CadenceRule, Channel, Idea, ScheduleItem, User, Workspace  # noqa: E402
from calendar_app.services import accounts, planner  # noqa: E402
from calendar_app.services import feeds as service  # noqa: E402
from calendar_app.services.transaction import unit_of_work  # noqa: E402

CHANNELS = [
    "blog", "newsletter", "linkedin", "x", "facebook", "instagram",
    "youtube", "tiktok", "pinterest", "podcast", "mastodon", "threads",
]  # fmt: skip


def timed(action, repeat: int = 1) -> float:
    """The median wall time of ``action`` in seconds."""
    times = []
    for _ in range(repeat):
        start = perf_counter()
        action()
        times.append(perf_counter() - start)
    return statistics.median(times)


def build_workspace(now: datetime) -> None:
    """12 channels, each with a daily post and weekday reply time; a headline on every 3rd post."""
    workspace = Workspace(
        name="Bench", timezone="Europe/Berlin", site_url="https://bench.example/", hours_per_week=40
    )
    db.session.add(workspace)
    for slug in CHANNELS:
        channel = Channel(name=slug.title(), slug=slug, utm_source=slug, utm_medium="social")
        channel.rules = [
            CadenceRule(
                activity="post", rrule="FREQ=DAILY", time_of_day=time(9), starts_on=now.date()
            ),
            CadenceRule(
                activity="reply",
                rrule="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
                time_of_day=time(16),
                starts_on=now.date(),
            ),
        ]
        db.session.add(channel)
    db.session.commit()
    accounts.create_user("bench@example.com", "bench password", "bench")


def plan_a_year(now: datetime) -> Workspace:
    """An empty database with the bench workspace, planned a year ahead (untimed)."""
    db.drop_all()
    db.create_all()
    build_workspace(now)
    workspace = planner.get_workspace()
    planner.extend_schedule(workspace, now.date() + timedelta(days=365), now)
    return workspace


def database_url(description: str) -> str:
    """The database from ``--postgres URL``, else a temporary SQLite file."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--postgres", help="a PostgreSQL URL to run against instead of SQLite")
    args = parser.parse_args()
    url = args.postgres or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite"
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    os.environ.pop("DATABASE_URL", None)
    return url


@dataclass
class Figures:
    """What one run measured (seconds and bytes)."""

    count: int = 0
    plan: float = 0.0
    library: float = 0.0
    cold: float = 0.0
    changed: float = 0.0
    warm: float = 0.0
    not_modified: float = 0.0
    plain_bytes: int = 0
    gzip_bytes: int = 0


def set_up(app, now: datetime, figures: Figures) -> str:
    """Plan a year for 12 channels (timed), give every third post a headline, time the
    icalendar library alone on the same events; the user's feed address."""
    with app.app_context():
        db.drop_all()
        db.create_all()
        build_workspace(now)
        workspace = planner.get_workspace()
        figures.plan = timed(
            lambda: planner.extend_schedule(workspace, now.date() + timedelta(days=365), now)
        )
        items = db.session.scalars(select(ScheduleItem).order_by(ScheduleItem.starts_at)).all()
        for n, item in enumerate(items):
            if item.activity == "post" and n % 3 == 0:
                item.idea = Idea(headline=f"Headline number {n}: 7 ways to plan a content calendar")
        db.session.commit()
        figures.count = len(items)
        events = [
            feed_event(item, workspace)
            for item in db.session.scalars(
                select(ScheduleItem).order_by(ScheduleItem.starts_at, ScheduleItem.id)
            )
        ]

        def library_alone() -> bytes:
            calendar = Calendar()
            calendar.add("prodid", "-//bench//EN")
            calendar.add("version", "2.0")
            for event in events:
                calendar.add_component(event_component(event))
            return calendar.to_ical()

        figures.library = timed(library_alone, repeat=3)
        user = db.session.scalar(select(User))
        return f"/feeds/{accounts.feed_token_of(user, 'bench')}.ics"


def measure_requests(app, feed_url: str, figures: Figures) -> None:
    """Cold, after one change, warm, 304 and gzip, each request with its own session."""
    client = app.test_client()

    def forget_event_texts() -> None:
        service.forget_bodies()
        shutil.rmtree(app.config["FEED_CACHE_DIR"], ignore_errors=True)
        with app.app_context():
            table = ScheduleItem.__table__
            db.session.execute(
                table.update().values(
                    ical_text=None, ical_fingerprint=None, updated_at=table.c.updated_at
                )
            )
            db.session.commit()

    def change_one_item() -> None:
        with app.app_context(), unit_of_work():  # as the services do: the feed's revision rises
            item = db.session.scalar(
                select(ScheduleItem).where(ScheduleItem.status == "draft").limit(1)
            )
            item.status = "approved"
            item.sequence += 1

    def fetch() -> None:
        assert client.get(feed_url).status_code == 200

    cold_times = []
    for _ in range(3):
        forget_event_texts()  # not timed: only the request that rebuilds everything is
        cold_times.append(timed(fetch))
    figures.cold = statistics.median(cold_times)
    figures.plain_bytes = len(client.get(feed_url).get_data())
    changed_times = []
    for _ in range(5):
        change_one_item()
        changed_times.append(timed(fetch))
    figures.changed = statistics.median(changed_times)
    figures.warm = timed(fetch, repeat=20)
    etag = client.get(feed_url).headers["ETag"]
    figures.not_modified = timed(
        lambda: client.get(feed_url, headers={"If-None-Match": etag}), repeat=20
    )
    packed = client.get(feed_url, headers={"Accept-Encoding": "gzip"}).get_data()
    figures.gzip_bytes = len(packed)


def ms(seconds: float) -> str:
    """Seconds as milliseconds, aligned."""
    return f"{seconds * 1000:9.2f} ms"


def print_figures(f: Figures, database: str) -> None:
    """The figures and their ratios against the targets, one line each."""
    rows = [
        ("items planned and stored", f"{f.count:,}", ""),
        ("plan and store a year", ms(f.plan), "target < 1000 ms"),
        ("icalendar library alone", ms(f.library), f"{f.library / f.count * 1000:.2f} ms/event"),
        ("our cold feed build", ms(f.cold), f"{f.cold / f.library:.2f}x library (target <= 1.2x)"),
        (
            "after one item changed",
            ms(f.changed),
            f"{f.cold / f.changed:.0f}x cheaper than cold (target >= 50x)",
        ),
        (
            "warm, unchanged",
            ms(f.warm),
            f"{f.cold / f.warm:.0f}x faster than cold (target >= 200x)",
        ),
        (
            "304 Not Modified",
            ms(f.not_modified),
            f"{f.cold / f.not_modified:.0f}x faster than cold",
        ),
        (
            "body plain / gzip",
            f"{f.plain_bytes:,} / {f.gzip_bytes:,} B",
            f"{f.plain_bytes / f.gzip_bytes:.1f}x smaller (target >= 10x)",
        ),
    ]
    print(f"Feed benchmark: 12 channels over a year, {database}, Python {sys.version.split()[0]}")
    for name, figure, ratio in rows:
        print(f"  {name:<26} {figure:>22}   {ratio}")


def main() -> None:
    """Run the benchmark and print the figures."""
    url = database_url(__doc__.splitlines()[0])
    app = create_app(
        {
            "SECRET_KEY": "bench",
            "SQLALCHEMY_DATABASE_URI": url,
            "FEED_PAST_DAYS": 0,
            "FEED_FUTURE_DAYS": 366,
            "FEED_CACHE_DIR": tempfile.mkdtemp(),
        }
    )
    figures = Figures()
    feed_url = set_up(app, datetime.now(UTC), figures)
    measure_requests(app, feed_url, figures)
    print_figures(figures, "PostgreSQL" if "postgresql" in url else "SQLite")


if __name__ == "__main__":
    main()
