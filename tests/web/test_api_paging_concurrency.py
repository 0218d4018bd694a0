"""Paging while others write: items added or removed between two pages never make a
client see an item twice, nor miss one that was there all along."""

from __future__ import annotations

from datetime import timedelta
from itertools import count

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from calendar_app.extensions import db
from calendar_app.models import Channel, Idea, ScheduleItem
from tests.conftest import NOW
from tests.factories import make_channel, make_idea, make_item
from tests.web.api_helpers import bearer, token_for

# Hours from now: few distinct values, so that many items share a start (ties by id).
HOURS = st.integers(min_value=0, max_value=6)
WRITES = st.lists(
    st.tuples(st.sampled_from(["add", "remove"]), HOURS, st.integers(0, 1000)), max_size=4
)
PEOPLE = count()
RUN = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def key(item: dict) -> tuple[str, int]:
    return item["starts_at"], item["id"]


@RUN
@given(
    starts=st.lists(HOURS, min_size=1, max_size=14),
    limit=st.integers(min_value=1, max_value=5),
    between_pages=st.lists(WRITES, max_size=8),
)
def test_item_pages_neither_repeat_nor_skip_while_items_come_and_go(
    app, client, starts, limit, between_pages
) -> None:
    db.session.execute(delete(ScheduleItem))
    db.session.commit()
    blog = db.session.scalar(select(Channel)) or make_channel("blog")
    auth = bearer(token_for("editor", email=f"editor{next(PEOPLE)}@example.com"))
    there = {make_item(blog, NOW + timedelta(hours=h)).id for h in starts}
    removed: set[int] = set()
    seen: list[dict] = []
    cursor, page = "", 0
    while True:
        body = client.get(f"/api/v1/items?limit={limit}&cursor={cursor}", headers=auth).get_json()
        seen += body["items"]
        if not body["next_cursor"]:
            break
        cursor = body["next_cursor"]
        for action, hours, pick in between_pages[page] if page < len(between_pages) else []:
            if action == "add":
                make_item(blog, NOW + timedelta(hours=hours))
            elif there - removed:
                gone = sorted(there - removed)[pick % len(there - removed)]
                db.session.delete(db.session.get(ScheduleItem, gone))
                db.session.commit()
                removed.add(gone)
        page += 1
    ids = [item["id"] for item in seen]
    assert len(ids) == len(set(ids)), "an item came twice"
    assert there - removed <= set(ids), "an item that was there all along was skipped"
    assert [key(item) for item in seen] == sorted(key(item) for item in seen)


@RUN
@given(
    before=st.integers(min_value=1, max_value=12),
    limit=st.integers(min_value=1, max_value=5),
    added=st.lists(st.integers(min_value=0, max_value=3), max_size=6),
)
def test_idea_pages_neither_repeat_nor_skip_while_ideas_are_added(
    app, client, before, limit, added
) -> None:
    db.session.execute(delete(Idea))
    db.session.commit()
    auth = bearer(token_for("viewer", "read", email=f"viewer{next(PEOPLE)}@example.com"))
    there = {make_idea(f"Headline {n} of {before}").id for n in range(before)}
    made = 0
    seen: list[int] = []
    cursor, page = "", 0
    while True:
        body = client.get(f"/api/v1/ideas?limit={limit}&cursor={cursor}", headers=auth).get_json()
        seen += [idea["id"] for idea in body["ideas"]]
        if not body["next_cursor"]:
            break
        cursor = body["next_cursor"]
        for _ in range(added[page] if page < len(added) else 0):
            made += 1
            make_idea(f"Added meanwhile {made} ({before}, {limit})")
        page += 1
    assert len(seen) == len(set(seen)) and there <= set(seen)
    # Ideas added meanwhile come after every idea already there: a client sees them all.
    assert len(seen) == before + made
    assert seen == sorted(seen)
