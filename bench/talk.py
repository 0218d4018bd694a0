"""Talk benchmark: an item's page with a long thread and a long history, and the weekly
digest for a team of 50.

Run with ``.venv/bin/python bench/talk.py`` (add ``--postgres URL`` to use PostgreSQL; the
default is a temporary SQLite file). A year of 12 channels is planned (as in
``bench/feed.py``); one post of next week is requested in-process by a logged-in client,
median of 20 requests after one warm-up, with the queries of one request counted:

* bare, then with 20 comments and 100 history entries, then with 200 comments (every
  tenth mentioning someone, every fifth resolved) and 1,000 history entries;

then ``flask digest send`` runs for 50 members, each with posts of the week ahead assigned,
against an SMTP server in this process (aiosmtpd), and its time is printed. The page
should stay under 100 ms with the same number of queries at both sizes; the digest under 5 s.
"""

from __future__ import annotations

import logging
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from time import perf_counter

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from feed import database_url, plan_a_year  # noqa: E402
from pages import logged_in, median_ms, queries_of  # noqa: E402
from post import week_posts  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from calendar_app import create_app  # noqa: E402
from calendar_app.extensions import db  # noqa: E402
from calendar_app.models import ChangeRecord, Comment, User  # noqa: E402
from calendar_app.services import accounts  # noqa: E402
from tests.mail_server import MailServer  # noqa: E402

MEMBERS = 50
# The test SMTP server's library logs a warning of its own at each login it takes.
logging.getLogger("mail.log").setLevel(logging.ERROR)


def talk_on(item_id: int, comments: int, changes: int, now: datetime) -> None:
    """Bring the item's thread and history up to ``comments`` and ``changes`` rows."""
    users = list(db.session.scalars(select(User).order_by(User.id)))
    have = db.session.scalar(select(func.count()).where(Comment.item_id == item_id))
    for n in range(have, comments):
        body = f"Comment {n}: the intro could be shorter" + (" @member3" if n % 10 == 0 else "")
        at = now - timedelta(minutes=comments - n)
        comment = Comment(item_id=item_id, author=users[n % len(users)], body=body, created_at=at)
        if n % 5 == 0:
            comment.resolved_at, comment.resolved_by = at, users[0]
        db.session.add(comment)
    have = db.session.scalar(select(func.count()).where(ChangeRecord.entity_id == item_id))
    for n in range(have, changes):
        status = n % 2 == 1
        actor = users[n % len(users)]
        db.session.add(
            ChangeRecord(
                at=now - timedelta(minutes=changes - n),
                kind="item",
                entity_id=item_id,
                subject="Post",
                field="status" if status else "notes",
                before="Draft" if status else f"Notes {n}",
                after="In review" if status else f"Notes {n + 1}",
                actor_id=actor.id,
                actor_label=actor.email,
            )
        )
    db.session.commit()


def make_team(app, monday: datetime) -> None:
    """50 members, each with two posts of the week ahead assigned."""
    secret = str(app.config["SECRET_KEY"])
    members = [
        accounts.create_user(f"member{n}@example.com", "a long password", secret)
        for n in range(MEMBERS)
    ]
    posts = week_posts(monday)
    for n, post in enumerate(posts[: 2 * MEMBERS]):
        post.assignee = members[n % MEMBERS]
    db.session.commit()


def main() -> None:
    """Set up, measure and print."""
    url = database_url(__doc__.splitlines()[0])
    server = MailServer().start()
    config = {"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": False}
    app = create_app({**config, "MAIL_URL": server.url, "BASE_URL": "https://cal.example.com"})
    now = datetime.now(UTC)
    start = now.date() + timedelta(days=7 - now.weekday())
    monday = datetime(start.year, start.month, start.day, tzinfo=UTC)
    with app.app_context():
        plan_a_year(now)
        make_team(app, monday)
        item_id = week_posts(monday)[0].id
    client = logged_in(app)
    page = f"/items/{item_id}"
    median_ms(client, page)  # fills caches
    rows = []
    for comments, changes in ((0, 0), (20, 100), (200, 1000)):
        with app.app_context():
            talk_on(item_id, comments, changes, now)
        rows.append((comments, changes, median_ms(client, page), queries_of(app, client, page)))
    with app.app_context():
        started = perf_counter()
        result = app.test_cli_runner().invoke(args=["digest", "send"])
        took = perf_counter() - started
    server.stop()
    database = "PostgreSQL" if "postgresql" in url else "SQLite"
    print(f"Talk benchmark: 12 channels over a year, {database}")
    print(f"  {'item page':<30} {'median':>10} {'queries':>8}")
    for comments, changes, ms, queries in rows:
        label = f"{comments} comments, {changes:,} changes"
        print(f"  {label:<30} {ms:7.2f} ms {queries:8d}")
    print(f"  ratio 200/1,000 to bare: {rows[-1][2] / rows[0][2]:.0%}")
    print(f"  flask digest send, {MEMBERS + 1} members: {took:.2f} s, {len(server.messages)} mails")
    print(f"  ({result.output.strip()})")


if __name__ == "__main__":
    main()
