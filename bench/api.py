"""API benchmark: a month of schedule items listed page by page over /api/v1/items.

Run with ``.venv/bin/python bench/api.py`` (add ``--postgres URL`` to use PostgreSQL; the
default is a temporary SQLite file). December 2026 is filled with 750, then 7,500 items
over 25 channels (every other one with a headline from the idea bank); a client with a
read token asks for ``/api/v1/items?from=…&to=…`` in-process, median of 20 requests after
one warm-up, for the first page, a page in the middle (by its cursor) and the last one,
200 items each, and the queries of one request are counted. Then every page of the
month is walked once. A page should take under 50 ms, with the same number of queries
whatever the month holds.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from time import perf_counter
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from feed import database_url  # noqa: E402
from pages import median_ms, queries_of  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from calendar_app import create_app  # noqa: E402
from calendar_app.extensions import db  # noqa: E402
from calendar_app.models import Channel, Idea, ScheduleItem  # noqa: E402
from calendar_app.services import accounts, api_tokens  # noqa: E402

MONTH = datetime(2026, 12, 1, tzinfo=UTC)
CHANNELS = 25
PAGE = 200
WINDOW = f"from={quote(MONTH.isoformat())}&to={quote(datetime(2027, 1, 1, tzinfo=UTC).isoformat())}"


def fill_month(total: int) -> None:
    """Bring December up to ``total`` items, spread evenly over its days and channels."""
    channels = list(db.session.scalars(select(Channel).order_by(Channel.id)))
    if not channels:
        for n in range(CHANNELS):
            channels.append(Channel(name=f"Channel {n}", slug=f"channel-{n}", utm_source=f"c{n}",
                                    utm_medium="social"))  # fmt: skip
        db.session.add_all(channels)
    have = db.session.scalar(select(func.count()).select_from(ScheduleItem)) or 0
    step = timedelta(days=31) / total
    for n in range(have, total):
        idea = Idea(headline=f"Headline number {n} for the month") if n % 2 else None
        starts = MONTH + step * n
        db.session.add(
            ScheduleItem(
                channel=channels[n % CHANNELS],
                activity="post",
                starts_at=starts,
                ends_at=starts + timedelta(minutes=30),
                idea=idea,
            )  # fmt: skip
        )
    db.session.commit()


def pages(client, headers: dict[str, str]) -> list[str]:
    """The address of every page of the month, in order (walking it once)."""
    found, cursor = [], ""
    while True:
        path = f"/api/v1/items?{WINDOW}&limit={PAGE}" + (f"&cursor={cursor}" if cursor else "")
        found.append(path)
        body = client.get(path, headers=headers).get_json()
        if not body["next_cursor"]:
            return found
        cursor = body["next_cursor"]


def measure(app, client, headers: dict[str, str]) -> dict[str, object]:
    """Medians and query counts of the first, a middle and the last page; the whole walk."""
    started = perf_counter()
    every = pages(client, headers)
    walk = perf_counter() - started
    picked = {"first": every[0], "middle": every[len(every) // 2], "last": every[-1]}
    return {
        "pages": len(every),
        "walk": walk,
        "ms": {name: median_ms(client, path, headers=headers) for name, path in picked.items()},
        "queries": {
            name: queries_of(app, client, path, headers=headers) for name, path in picked.items()
        },
    }


def main() -> None:
    """Set up, measure and print."""
    url = database_url(__doc__.splitlines()[0])
    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url,
                      "API_RATE_LIMIT": "1000000 per minute"})  # fmt: skip
    with app.app_context():
        db.drop_all()
        db.create_all()
        user = accounts.create_user("owner@example.com", "a long password", "bench")
        secret = api_tokens.create_token(user, "Bench", "read", None, datetime.now(UTC))[1]
    headers = {"Authorization": f"Bearer {secret}"}
    client = app.test_client()
    rows = {}
    for total in (750, 7500):
        with app.app_context():
            fill_month(total)
        rows[total] = measure(app, client, headers)
    database = "PostgreSQL" if "postgresql" in url else "SQLite"
    print(f"API benchmark: GET /api/v1/items for December, {PAGE} items a page, {database}")
    print(f"  {'items in the month':<20} {'page':<8} {'median':>10} {'queries':>8}")
    for total, row in rows.items():
        for name, ms in row["ms"].items():  # type: ignore[attr-defined]
            queries = row["queries"][name]  # type: ignore[index]
            print(f"  {total:<20,} {name:<8} {ms:7.2f} ms {queries:8d}")
        print(f"  {total:<20,} every one of {row['pages']} pages once: {row['walk']:.2f} s")
    small, large = rows[750]["ms"]["middle"], rows[7500]["ms"]["middle"]  # type: ignore[index]
    print(f"  middle page, 7,500 to 750 items: {large / small:.2f}x")


if __name__ == "__main__":
    main()
