"""The week page's one-click buttons: small markup, the same checks as the item's forms."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from calendar_app.clock import now as app_now
from calendar_app.extensions import db
from calendar_app.models import ScheduleItem
from calendar_app.services import planner
from tests.factories import make_channel, make_idea, make_rule


@pytest.fixture
def week(logged_in):
    """A daily LinkedIn post and weekday reply time; the first post has a headline."""
    channel = make_channel("linkedin", name="LinkedIn")
    make_rule(channel, rrule="FREQ=DAILY")
    make_rule(channel, activity="reply", rrule="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR")
    planner.keep_planned_ahead(app_now())
    first = items("post")[0]
    first.idea = make_idea("Winter cycling for beginners")
    db.session.commit()
    return logged_in


def items(activity: str) -> list[ScheduleItem]:
    query = select(ScheduleItem).where(ScheduleItem.activity == activity)
    return list(db.session.scalars(query.order_by(ScheduleItem.starts_at)))


def article(page: str, item: ScheduleItem) -> str:
    return re.search(rf'<article[^>]* id="item-{item.id}">.*?</article>', page, re.S).group(0)


def test_each_day_carries_one_csrf_token_not_one_per_item(week) -> None:
    page = week.get("/week").get_data(as_text=True)
    days_with_items = page.count('action="/week/actions"')
    assert days_with_items >= 5
    # and the one-off item's form, the bulk action bar and the log-out button's
    assert page.count('name="csrf_token"') == days_with_items + 3
    assert page.count("<article") == 12  # 7 posts and 5 reply-time blocks


def test_a_post_with_a_headline_can_be_approved_an_open_slot_first_needs_one(week) -> None:
    page = week.get("/week").get_data(as_text=True)
    with_headline, open_slot = items("post")[:2]
    assert 'name="approved"' in article(page, with_headline) and "Copy post" in article(
        page, with_headline
    )
    assert 'name="approved"' not in article(page, open_slot)
    assert "Copy link" in article(page, open_slot)  # every post has its tracked link
    reply = items("reply")[0]
    assert f'name="done" value="{reply.id}:{reply.version}"' in article(page, reply)


def test_approve_then_schedule_and_took_through_the_week_form(week) -> None:
    item = items("post")[0]
    answer = week.post("/week/actions", data={"approved": f"{item.id}:{item.version}"})
    assert answer.status_code == 302 and answer.location.endswith(f"#item-{item.id}")
    db.session.refresh(item)
    assert item.status == "approved"
    page = week.get(answer.location).get_data(as_text=True)
    assert "Marked approved." in page and 'name="scheduled"' in article(page, item)
    week.post("/week/actions", data={"took": f"{item.id}:{item.version}"})
    db.session.refresh(item)
    assert item.actual_minutes == 30
    assert "30 min logged" in article(week.get("/week").get_data(as_text=True), item)


def test_a_button_from_a_page_older_than_the_item_is_refused(week) -> None:
    item = items("reply")[0]
    stale = f"{item.id}:{item.version}"
    week.post("/week/actions", data={"skipped": stale})
    page = week.post("/week/actions", data={"done": stale}, follow_redirects=True)
    db.session.refresh(item)
    assert item.status == "skipped"
    assert "Someone else changed this item after you opened it" in page.get_data(as_text=True)


@pytest.mark.parametrize(
    "data",
    [{}, {"approved": ""}, {"approved": "abc"}, {"approved": "999999:1"}, {"delete": "1:1"},
     {"approved": "1" + "0" * 30 + ":1"}, {"approved": "²:1"}, {"approved": "1"},
     {"approved": "1:x"}, {"approved": "1:0"}],
)  # fmt: skip
def test_a_button_naming_no_item_is_a_404_and_changes_nothing(week, data) -> None:
    before = [(i.status, i.actual_minutes) for i in items("post")]
    assert week.post("/week/actions", data=data).status_code == 404
    assert [(i.status, i.actual_minutes) for i in items("post")] == before
