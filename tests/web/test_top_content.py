"""Top content: each post's results, the best posts of a period, what kind of content works."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from calendar_app.extensions import db
from calendar_app.models import CadenceRule, ScheduleItem
from calendar_app.services.top_content import top_posts
from tests.factories import make_channel, make_idea, make_item

HEADER = "date,utm_source,utm_medium,utm_campaign,utm_content,visits,leads,customers,revenue"


@pytest.fixture
def posts(logged_in):
    """Five October posts: three how-tos and a news post on LinkedIn, a how-to video on the
    blog's channel; their results imported by utm_content."""
    linkedin = make_channel("linkedin", name="LinkedIn")
    blog = make_channel("blog", name="Blog", utm_medium="blog")
    plan = [  # channel, day, activity, template, visits, leads, revenue
        (linkedin, 1, "post", "how-to", 300, 3, "0"),
        (linkedin, 2, "post", "how-to", 320, 8, "120.50"),
        (linkedin, 3, "post", "news", 100, 0, "0"),
        (linkedin, 4, "post", "news", 90, 1, "0"),
        (blog, 5, "video", "how-to", 500, 2, "990"),
    ]
    made = []
    for channel, day, activity, template, *_ in plan:
        idea = make_idea(f"{template} number {day}", template_key=template, purpose="educate")
        when = datetime(2026, 10, day, 9, tzinfo=UTC)
        made.append(make_item(channel, when, activity=activity, idea=idea))
    db.session.commit()
    lines = [
        f"2026-10-{day + 1:02d},{c.utm_source},{c.utm_medium},,{item.uid[:12]},{v},{leads},0,{r}"
        for item, (c, day, _a, _t, v, leads, r) in zip(made, plan, strict=True)
    ]
    raw = "\n".join([HEADER, *lines]).encode()
    answer = logged_in.post(
        "/results/", data={"file": (io.BytesIO(raw), "r.csv")}, content_type="multipart/form-data"
    )
    assert answer.status_code == 302
    return made


def test_the_best_posts_sort_by_any_figure_and_keep_to_a_channel(app, posts) -> None:
    first, last = datetime(2026, 10, 1).date(), datetime(2026, 10, 31).date()
    by_visits = [p.headline for p in top_posts(first, last)]
    assert by_visits == ["how-to number 5", "how-to number 2", "how-to number 1",
                         "news number 3", "news number 4"]  # fmt: skip
    assert [p.headline for p in top_posts(first, last, sort="leads")][:2] == [
        "how-to number 2", "how-to number 1",
    ]  # fmt: skip
    assert top_posts(first, last, sort="revenue")[0].figures.revenue == 990
    assert [p.headline for p in top_posts(first, last, sort="date")][0] == "how-to number 5"
    conversion = [p.headline for p in top_posts(first, last, sort="conversion")]
    assert conversion[0] == "how-to number 2"  # 8 leads of 320 visits: 2.5 %
    linkedin = posts[0].channel_id
    assert len(top_posts(first, last, channel_id=linkedin)) == 4
    assert (
        top_posts(first, datetime(2026, 10, 3).date())
        and len(top_posts(first, datetime(2026, 10, 3).date())) == 2
    )  # results dated the 2nd and 3rd


def test_the_page_shows_the_table_the_kinds_and_their_comparison(logged_in, posts) -> None:
    page = logged_in.get("/results/top?from=2026-10-01&to=2026-10-31").get_data(as_text=True)
    assert page.index("how-to number 5") < page.index("how-to number 2") < page.index("news")
    assert "How-to bring 3.9× the visits of News per post." in page  # 373.3 against 95.0
    assert "Videos" in page and "Posts" in page and "Educate" in page
    page = logged_in.get(
        f"/results/top?from=2026-10-01&to=2026-10-31&sort=leads&channel={posts[0].channel_id}"
    ).get_data(as_text=True)
    assert "how-to number 5" not in page and '<span aria-current="true">Leads ▾</span>' in page
    # On LinkedIn alone: how-tos 620 / 2 = 310.0 against news 190 / 2 = 95.0.
    assert "How-to bring 3.3× the visits of News per post on LinkedIn." in page
    assert "Videos" not in page  # the video was on the blog's channel


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("from=yesterday", "&#39;yesterday&#39; is not a date like 2026-11-01"),
        ("from=2026-11-01&to=2026-10-01", "The period ends before it starts"),
        ("to=2026-13-45", "&#39;2026-13-45&#39; is not a date"),
    ],
)
def test_a_period_that_is_not_one_says_so_and_shows_a_default(logged_in, posts, query, message):
    answer = logged_in.get(f"/results/top?{query}")
    assert answer.status_code == 200 and message in answer.get_data(as_text=True)


@pytest.mark.parametrize("query", ["sort=drop table", "channel=99999", "channel=x", "sort="])
def test_odd_sorts_and_channels_fall_back_to_all_by_visits(logged_in, posts, query) -> None:
    answer = logged_in.get(f"/results/top?from=2026-10-01&to=2026-10-31&{query}")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200 and '<span aria-current="true">Visits ▾</span>' in page
    assert "how-to number 5" in page


def test_a_posts_page_says_what_came_back_and_an_empty_one_says_nothing(logged_in, posts):
    page = logged_in.get(f"/items/{posts[1].id}").get_data(as_text=True)
    assert "What came back" in page
    assert "320 visits, 8 leads (2.5 % of visits), 0 customers, €120.50 revenue" in page
    fresh = make_item(posts[0].channel, datetime(2026, 10, 20, 9, tzinfo=UTC))
    db.session.commit()
    assert "What came back" not in logged_in.get(f"/items/{fresh.id}").get_data(as_text=True)


def test_ideas_of_the_best_topics_are_marked_and_can_come_first(logged_in, posts) -> None:
    make_idea("A brand new news idea", template_key="news", score=99)
    make_idea("A brand new how-to idea", template_key="how-to", score=10)
    db.session.commit()
    page = logged_in.get("/ideas/?sort=topics&status=backlog").get_data(as_text=True)
    assert page.index("A brand new how-to idea") < page.index("A brand new news idea")
    assert page.count("top topic</a>") >= 1
    by_score = logged_in.get("/ideas/?sort=score&status=backlog").get_data(as_text=True)
    assert by_score.index("A brand new news idea") < by_score.index("A brand new how-to idea")


def test_the_weekly_reviews_top_content_step_links_to_the_table(logged_in) -> None:
    from calendar_app.clock import now as app_now
    from calendar_app.services import planner

    routines = make_channel("routines", name="Routines")
    db.session.add(
        CadenceRule(
            channel=routines, activity="reply", rrule="FREQ=WEEKLY;BYDAY=MO",
            time_of_day=datetime(2026, 1, 1, 10).time(), starts_on=app_now().date(),
            routine_key="weekly-review", label="Weekly review", duration_minutes=45,
        )
    )  # fmt: skip
    db.session.commit()
    planner.keep_planned_ahead(app_now())
    item = db.session.scalars(select(ScheduleItem).where(ScheduleItem.channel == routines)).first()
    page = logged_in.get(f"/items/{item.id}").get_data(as_text=True)
    assert '<a href="/results/top">Top content: the three best performing posts and why</a>' in (
        page
    )
    assert "<li>Advocacy: who shared, praised or defended us this week</li>" in page
