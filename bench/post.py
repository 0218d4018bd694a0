"""Post benchmark: the week page and an item's page once posts carry copy, a year of
versions and images, against the same pages without them.

Run with ``.venv/bin/python bench/post.py`` (add ``--postgres URL`` to use PostgreSQL; the
default is a temporary SQLite file). A year of 12 channels is planned (as in
``bench/feed.py``); next week's pages are requested in-process by a logged-in client, median
of 20 requests after one warm-up, first bare, then after

* every post of that week got its copy (84 posts),
* one post's copy was saved 365 times (a year of daily edits, each keeping a version),
* that post got 10 images (1600×1200 JPEGs, with thumbnails, as uploaded).

It prints both figures and their ratio; the pages should cost about the same.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from feed import database_url, plan_a_year  # noqa: E402
from media import photo  # noqa: E402
from pages import logged_in, median_ms  # noqa: E402
from sqlalchemy import select  # noqa: E402

from calendar_app import create_app  # noqa: E402
from calendar_app.extensions import db  # noqa: E402
from calendar_app.models import ScheduleItem, User  # noqa: E402
from calendar_app.services import copy, media, planner  # noqa: E402
from calendar_app.services.media_store import media_store  # noqa: E402

VERSIONS = 365
IMAGES = 10


def week_posts(monday: datetime) -> list[ScheduleItem]:
    """The posts of the week starting ``monday``, in time order."""
    query = select(ScheduleItem).where(
        ScheduleItem.activity == "post",
        ScheduleItem.starts_at >= monday,
        ScheduleItem.starts_at < monday + timedelta(days=7),
    )
    return list(db.session.scalars(query.order_by(ScheduleItem.starts_at)))


def write_the_week(app, monday: datetime, now: datetime) -> int:
    """Copy on every post of the week, a year of versions and images on the first; its id."""
    user = db.session.scalar(select(User))
    workspace = planner.get_workspace()
    posts = week_posts(monday)
    for n, post in enumerate(posts):
        body = f"Post {n}: seven ways to plan a content calendar. {{link}} #planning #bikes"
        copy.save_copy(post, {"body": body}, user, workspace, now)
    first = posts[0]
    for day in range(VERSIONS):
        body = f"Day {day}: what we learned about planning this week. {{link}} #planning"
        copy.save_copy(first, {"body": body}, user, workspace, now)
    store, data = media_store(app.config), photo()
    for n in range(IMAGES):
        upload = media.Upload(data, f"photo-{n}.jpg", 10 * 1024 * 1024, 40_000_000)
        media.attach_image(first, upload, user, now, store)
    return first.id


def main() -> None:
    """Set up, measure and print."""
    url = database_url(__doc__.splitlines()[0])
    config = {"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": False}
    config["MEDIA_DIR"] = tempfile.mkdtemp()
    app = create_app(config)
    now = datetime.now(UTC)
    start = now.date() + timedelta(days=7 - now.weekday())
    monday = datetime(start.year, start.month, start.day, tzinfo=UTC)
    with app.app_context():
        plan_a_year(now)
        item_id = week_posts(monday)[0].id
    client = logged_in(app)
    week, item = f"/week?start={start}", f"/items/{item_id}"
    for page in (week, item):  # the first requests fill caches (templates, the planner's day)
        median_ms(client, page)
    bare = median_ms(client, week), median_ms(client, item)
    with app.app_context():
        write_the_week(app, monday, now)
    written = median_ms(client, week), median_ms(client, item)
    html = len(client.get(item).get_data())
    database = "PostgreSQL" if "postgresql" in url else "SQLite"
    print(f"Post benchmark: 12 channels over a year, {database}")
    print(f"  {'page':<12} {'bare':>10} {'written':>10}   ratio")
    for name, before, after in zip(("week page", "item page"), bare, written, strict=True):
        print(f"  {name:<12} {before:7.2f} ms {after:7.2f} ms   {after / before:.0%}")
    print(f"  (the written item page: {VERSIONS} versions, {IMAGES} images, {html / 1024:.0f} kB)")


if __name__ == "__main__":
    main()
