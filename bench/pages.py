"""Pages benchmark: the pages whose cost could grow with the data, at a year of 12 channels
and 20,000 headlines.

Run with ``.venv/bin/python bench/pages.py`` (add ``--postgres URL`` to use PostgreSQL; the
default is a temporary SQLite file). Each page is requested in-process by a logged-in
client (no network), median of 20 requests after one warm-up; it prints:

* the live headline check (``/ideas/check``), for unrelated text and for a near-duplicate:
  under 15 ms;
* quick add of a headline close to thousands of others: under 50 ms;
* the Channels page: under 25 ms;
* the week page at 12 channels: under 80 kB of HTML, and its time;
* the month calendar: its first visit in a new process (templates compiled, nothing
  cached) and again.

The Results page and results import are measured by ``bench/results.py``.
"""

from __future__ import annotations

import statistics
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from time import perf_counter

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from feed import database_url, plan_a_year  # noqa: E402
from sqlalchemy import event, insert, select  # noqa: E402

from calendar_app import create_app  # noqa: E402
from calendar_app.extensions import db  # noqa: E402
from calendar_app.models import Idea, ScheduleItem, User  # noqa: E402
from idea_bank import headline_key, score_headline  # noqa: E402

HEADLINES = 20_000
TOPICS = ["e-bikes", "winter cycling", "commuting", "bike repair", "cargo bikes"]


def headlines() -> list[str]:
    """20,000 distinct headlines, many of them near-identical (as a bank filled by paste)."""
    made = []
    for n in range(HEADLINES):
        topic = TOPICS[n % len(TOPICS)]
        made.append(f"{n % 97 + 3} ways to plan {topic} content for week {n}")
    return made


def fill_bank(user_id: int) -> None:
    """The headlines, stored as the services store them (key and score), in one go."""
    now = datetime.now(UTC)
    rows = []
    for text in headlines():
        score = score_headline(text).score
        rows.append(
            {"headline": text, "headline_key": headline_key(text), "score": score}
            | {"status": "backlog", "author_id": user_id, "created_at": now, "updated_at": now}
        )
    db.session.execute(insert(Idea), rows)
    db.session.commit()


def median_ms(client, path: str, repeat: int = 20, **kwargs) -> float:
    """The median milliseconds of ``repeat`` GETs after one warm-up."""
    assert client.get(path, **kwargs).status_code == 200, path
    times = []
    for _ in range(repeat):
        start = perf_counter()
        client.get(path, **kwargs)
        times.append(perf_counter() - start)
    return statistics.median(times) * 1000


def queries_of(app, client, path: str, **kwargs) -> int:
    """The SQL statements one GET of ``path`` runs."""
    count = 0

    def counted(*_args) -> None:
        nonlocal count
        count += 1

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", counted)
    try:
        assert client.get(path, **kwargs).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", counted)
    return count


def logged_in(app):
    """A test client logged in as the benchmark's user."""
    client = app.test_client()
    with app.app_context():
        user_id = db.session.scalar(select(User)).get_id()
    with client.session_transaction() as session:
        session["_user_id"] = user_id
    return client


def new_app(url: str):
    """A new app, as a new server process would make it."""
    return create_app(
        {"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": False}
    )


def quick_add_ms(client, repeat: int = 10) -> float:
    """Quick add of headlines close to many in the bank (each one new)."""
    times = []
    for n in range(repeat):
        text = f"{n % 97 + 3} ways to plan e-bikes content for week {HEADLINES + n}"
        start = perf_counter()
        answer = client.post("/ideas/add", data={"headline": text})
        times.append(perf_counter() - start)
        assert answer.status_code == 302, answer.status_code
    return statistics.median(times) * 1000


def main() -> None:
    """Set up, measure and print."""
    url = database_url(__doc__.splitlines()[0])
    app = new_app(url)
    now = datetime.now(UTC)
    with app.app_context():
        plan_a_year(now)
        fill_bank(db.session.scalar(select(User.id)))
        posts = db.session.scalars(select(ScheduleItem).order_by(ScheduleItem.starts_at))
        for n, item in enumerate(posts):  # a headline on every third post, as in bench/feed.py
            if item.activity == "post" and n % 3 == 0:
                item.idea = Idea(headline=f"Headline {n}: 7 ways to plan a content calendar")
        db.session.commit()
    cold = new_app(url)
    client = logged_in(cold)
    month = f"/calendar?start={now.date() + timedelta(days=14)}"  # a whole month planned
    start = perf_counter()
    assert client.get(month).status_code == 200
    month_first = (perf_counter() - start) * 1000
    month_again = median_ms(client, month)
    unrelated = median_ms(client, "/ideas/check?text=Why+our+mechanics+love+rainy+Mondays")
    near = median_ms(client, "/ideas/check?text=7+ways+to+plan+e-bikes+content+for+week+12")
    adding = quick_add_ms(client)
    channels = median_ms(client, "/channels/")
    monday = now.date() + timedelta(days=7 - now.weekday())  # a whole week of the plan
    week_html = client.get(f"/week?start={monday}").get_data()
    week = median_ms(client, f"/week?start={monday}")
    database = "PostgreSQL" if "postgresql" in url else "SQLite"
    print(f"Pages benchmark: 12 channels over a year, {HEADLINES:,} headlines, {database}")
    rows = [
        ("headline check, unrelated", f"{unrelated:8.2f} ms", f"{unrelated / 15:.0%} of 15 ms"),
        ("headline check, near-dupe", f"{near:8.2f} ms", f"{near / 15:.0%} of 15 ms"),
        ("quick add (near-dupes)", f"{adding:8.2f} ms", f"{adding / 50:.0%} of 50 ms"),
        ("Channels page", f"{channels:8.2f} ms", f"{channels / 25:.0%} of 25 ms"),
        ("week page", f"{week:8.2f} ms", f"{len(week_html) / 1024:.0f} kB of HTML "
         f"({len(week_html) / 80 / 1024:.0%} of 80 kB)"),
        ("month calendar, first", f"{month_first:8.2f} ms", "a new process"),
        ("month calendar, again", f"{month_again:8.2f} ms", ""),
    ]  # fmt: skip
    for name, figure, ratio in rows:
        print(f"  {name:<28} {figure:>12}   {ratio}")


if __name__ == "__main__":
    main()
