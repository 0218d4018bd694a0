"""What a person's weekly digest gathers: their open items of the week ahead, what waits
for their review, and last week's results against the week before."""

from __future__ import annotations

from datetime import date, timedelta

from calendar_app.domain.digest import subject, text
from calendar_app.extensions import db
from calendar_app.models import ResultRecord
from calendar_app.services.digest import digest_for, digest_week
from tests.conftest import NOW
from tests.factories import make_channel, make_idea, make_item, make_user, make_workspace


def result(item, day: date, visits: int, leads: int = 0) -> None:
    db.session.add(
        ResultRecord(
            starts_on=day,
            ends_on=day,
            visits=visits,
            leads=leads,
            item_id=item.id,
            utm_source="blog",
            utm_medium="blog",
            utm_campaign="c",
            utm_content=f"i{item.id}-{day}",
        )
    )
    db.session.commit()


def urls() -> dict[str, str]:
    return {
        "week_url": "https://cal.example/week",
        "unsubscribe_url": "https://cal.example/u",
        "settings_url": "https://cal.example/account",
    }


def test_the_digest_week_starts_today_on_a_monday_else_next_monday() -> None:
    assert digest_week(date(2026, 11, 23)) == date(2026, 11, 23)
    assert digest_week(date(2026, 11, 22)) == date(2026, 11, 23)  # Sunday evening's cron
    assert digest_week(date(2026, 11, 27)) == date(2026, 11, 30)


def test_a_digest_holds_my_open_items_of_the_week_my_reviews_and_last_weeks_results(app) -> None:
    workspace = make_workspace()
    me = make_user("owner@example.com", is_owner=True)
    ana = make_user("ana@example.com", role="contributor")
    blog = make_channel("blog", name="Blog")
    mine = make_item(blog, NOW + timedelta(days=2), assignee=me, idea=make_idea("Winter tyres"))
    make_item(blog, NOW + timedelta(days=3), assignee=ana)  # someone else's
    make_item(blog, NOW + timedelta(days=1), assignee=me, status="published")  # done
    make_item(blog, NOW + timedelta(days=9), assignee=me)  # next week
    review = make_item(blog, NOW + timedelta(days=4), assignee=ana, status="in_review")
    old = make_item(blog, NOW - timedelta(days=10), idea=make_idea("Chain care"))
    result(old, date(2026, 11, 17), 90, leads=2)
    result(old, date(2026, 11, 18), 30)
    result(old, date(2026, 11, 10), 100)  # the week before
    result(old, date(2026, 11, 23), 500)  # this week: not yet "last week"

    digest = digest_for(
        me, workspace, NOW, lambda item_id: f"https://cal.example/items/{item_id}", **urls()
    )
    assert digest.week_start == date(2026, 11, 23)
    assert [line.url for line in digest.items] == [f"https://cal.example/items/{mine.id}"]
    assert digest.items[0].what == "Blog · Post: Winter tyres"
    assert digest.items[0].when.hour == 7  # Berlin time
    assert [line.url for line in digest.reviews] == [f"https://cal.example/items/{review.id}"]
    assert (digest.results.last.visits, digest.results.last.leads) == (120, 2)
    assert digest.results.before.visits == 100
    assert digest.results.best == ("Chain care", 120)
    assert subject(digest) == "Your week from Mon 23 Nov: 1 item, 1 to review"
    assert "Last week: 120 visits (+20 % on the week before), 2 leads." in text(digest)


def test_a_contributors_digest_has_no_reviews(app) -> None:
    workspace = make_workspace()
    ana = make_user("ana@example.com", role="contributor")
    make_item(make_channel("blog"), NOW + timedelta(days=1), status="in_review")
    digest = digest_for(ana, workspace, NOW, str, **urls())
    assert digest.items == [] and digest.reviews == []
    assert digest.results.best is None and digest.results.last.visits == 0
