"""Evergreen posts on the item page, the Recycle page and its "Plan here" button."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from calendar_app.extensions import db
from calendar_app.models import ScheduleItem
from calendar_app.services.results_import import import_results
from tests.factories import make_channel, make_idea, make_item, make_user
from tests.queries import count_queries

HEADER = "date,utm_source,utm_medium,utm_campaign,utm_content,visits,leads,customers,revenue"


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour - 1, tzinfo=UTC)  # in Berlin


def published(channel, day: date, headline: str, **fields) -> ScheduleItem:
    idea = make_idea(headline, status="published")
    return make_item(channel, at(day), idea=idea, status="published", **fields)


def mark(client, item, **form) -> str:
    """Post the Evergreen form; the item page it leads to."""
    db.session.refresh(item)
    data = {"evergreen": "yes", "cooldown_days": "90", "max_runs": "3", "version": item.version}
    answer = client.post(f"/items/{item.id}/evergreen", data={**data, **form})
    assert answer.status_code == 302 and answer.location.endswith(f"/items/{item.id}#evergreen")
    return client.get(f"/items/{item.id}").get_data(as_text=True)


@pytest.fixture
def blog(logged_in):
    return make_channel("blog", name="Blog")


@pytest.fixture
def posts(blog):
    """Two evergreen posts with results (one far better per run), a third without any,
    and three open Blog slots next week."""
    best = published(blog, date(2026, 6, 1), "Winter tyres explained", evergreen=True)
    good = published(blog, date(2026, 6, 8), "Chains in the cold", evergreen=True)
    fresh = published(blog, date(2026, 6, 15), "Lights <for> dark mornings", evergreen=True)
    rows = [(best, "2026-06-02", 400, 8, "120"), (good, "2026-06-09", 90, 1, "0")]
    import_results(
        "\n".join(
            [HEADER]
            + [f"{d},blog,social,,{p.uid[:12]},{v},{leads},1,{r}" for p, d, v, leads, r in rows]
        )
    )
    slots = [make_item(blog, at(date(2026, 11, 30) + timedelta(days=n))) for n in (0, 2, 4)]
    return best, good, fresh, slots


# The Evergreen form on a post's page.


def test_a_published_post_is_marked_evergreen_from_its_page(logged_in, blog) -> None:
    post = published(blog, date(2026, 8, 3), "Winter tyres explained")
    page = logged_in.get(f"/items/{post.id}").get_data(as_text=True)
    assert 'id="evergreen-title"' in page and 'name="cooldown_days" min="1" max="3650"' in page
    page = mark(logged_in, post, cooldown_days="45", max_runs="")
    assert "Evergreen: it may run again." in page and "Where it can run again" in page
    db.session.refresh(post)
    assert (post.evergreen, post.cooldown_days, post.max_runs) == (True, 45, None)
    page = mark(logged_in, post, evergreen="", cooldown_days="")
    assert "No longer evergreen." in page
    db.session.refresh(post)
    assert (post.evergreen, post.cooldown_days) == (False, 45)


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"cooldown_days": "0"}, "Give a cool-down from 1 to 3650 days."),
        ({"cooldown_days": "-3"}, "Give a cool-down from 1 to 3650 days."),
        ({"cooldown_days": "99999"}, "Give a cool-down from 1 to 3650 days."),
        ({"cooldown_days": ""}, "Give the cool-down as a whole number of days, like 90."),
        ({"cooldown_days": "ninety"}, "Give the cool-down as a whole number of days, like 90."),
        ({"cooldown_days": "1e3"}, "Give the cool-down as a whole number of days, like 90."),
        ({"max_runs": "0"}, "Let it run again from 1 to 100 times, or leave it blank."),
        ({"max_runs": "2.5"}, "Give the most reruns as a whole number, like 3"),
    ],
)
def test_a_bad_cooldown_or_most_is_named_and_nothing_is_saved(logged_in, blog, form, message):
    post = published(blog, date(2026, 8, 3), "Winter tyres explained")
    version = post.version
    assert message in mark(logged_in, post, **form)
    db.session.refresh(post)
    assert (post.evergreen, post.cooldown_days, post.max_runs, post.version) == (
        False, 90, 3, version,
    )  # fmt: skip


def test_an_unpublished_post_has_no_evergreen_form_and_a_forged_post_is_refused(
    logged_in, blog
) -> None:
    planned = make_item(blog, at(date(2026, 12, 2)), idea=make_idea("Not out yet"))
    page = logged_in.get(f"/items/{planned.id}").get_data(as_text=True)
    assert 'id="evergreen-title"' not in page
    page = mark(logged_in, planned)
    assert "Only a published post can be evergreen: mark it published first." in page
    db.session.refresh(planned)
    assert not planned.evergreen


def test_a_mark_from_a_stale_page_is_refused(logged_in, blog) -> None:
    post = published(blog, date(2026, 8, 3), "Winter tyres explained")
    answer = logged_in.post(
        f"/items/{post.id}/evergreen",
        data={"evergreen": "yes", "cooldown_days": "30", "version": post.version + 5},
    )
    page = logged_in.get(answer.location).get_data(as_text=True)
    assert "Someone else changed this item after you opened it" in page
    db.session.refresh(post)
    assert not post.evergreen


# The Recycle page.


def test_the_recycle_page_proposes_the_best_post_for_each_open_slot(logged_in, posts) -> None:
    best, good, fresh, slots = posts
    page = logged_in.get("/recycle").get_data(as_text=True)
    assert "3 open slots with a proposal" in page
    assert page.index("Winter tyres explained") < page.index("Chains in the cold")
    assert "Lights &lt;for&gt; dark mornings" in page and "<for>" not in page
    assert "no results yet" in page  # the third post
    assert "Revenue (€)" in page and "<td>120.00</td>" in page  # its results
    assert "Mon 1 Jun 2026" in page  # and its last run
    # The best post for the first slot, then its cool-down keeps it out of the others.
    rows = page.split("<tbody>")[1:]
    first_choice = [re.search(r'/items/\d+">([^<]+)</a>', row.split("</th>")[1]) for row in rows]
    assert [found.group(1) for found in first_choice] == [
        "Winter tyres explained", "Chains in the cold", "Lights &lt;for&gt; dark mornings",
    ]  # fmt: skip
    assert page.count("Plan here") == 3 and page.count('name="csrf_token"') <= 2  # one form
    # The others that fit a slot are named, and its own list plans them.
    assert f'or <a href="/recycle?slot={slots[0].id}">Chains in the cold, Lights' in page
    assert f'value="{best.id}:{slots[0].id}:{slots[0].version}"' in page


def test_plan_here_runs_the_post_again_in_the_slot(logged_in, posts) -> None:
    best, _good, _fresh, slots = posts
    answer = logged_in.post(
        "/recycle/plan",
        data={"plan": f"{best.id}:{slots[0].id}:{slots[0].version}", "back": "/recycle"},
    )
    assert answer.status_code == 302 and answer.location == "/recycle"
    page = logged_in.get("/recycle").get_data(as_text=True)
    assert "“Winter tyres explained” runs again on Blog, Mon 30 Nov 09:00." in page
    db.session.refresh(slots[0])
    assert slots[0].recycled_from_id == best.id and slots[0].idea == best.idea
    item_page = logged_in.get(f"/items/{slots[0].id}").get_data(as_text=True)
    assert "Rerun 1 (this one)" in item_page and f'href="/items/{best.id}">Original' in item_page
    assert f"utm_content={slots[0].uid[:12]}" in item_page  # its own link
    original_page = logged_in.get(f"/items/{best.id}").get_data(as_text=True)
    assert "Original (this one)" in original_page and "400" in original_page
    assert f'href="/items/{slots[0].id}">Rerun 1' in original_page


def test_plan_here_into_a_slot_filled_meanwhile_says_so_and_changes_nothing(
    logged_in, posts
) -> None:
    best, _good, _fresh, slots = posts
    version = slots[0].version
    logged_in.post(
        f"/items/{slots[0].id}/headline", data={"headline": "Someone else's idea"}
    )  # another person, a moment earlier
    answer = logged_in.post("/recycle/plan", data={"plan": f"{best.id}:{slots[0].id}:{version}"})
    page = logged_in.get(answer.location).get_data(as_text=True)
    assert "Someone gave that slot a headline meanwhile: it is no longer open." in page
    db.session.refresh(slots[0])
    assert slots[0].idea.headline == "Someone else's idea" and slots[0].recycled_from_id is None


@pytest.mark.parametrize("plan", ["999:{slot}:1", "{post}:x:1", ":{slot}", "", "{post}"])
def test_plan_here_with_an_unknown_post_or_slot_changes_nothing(logged_in, posts, plan) -> None:
    best, _good, _fresh, slots = posts
    plan = plan.format(post=best.id, slot=slots[0].id)
    answer = logged_in.post("/recycle/plan", data={"plan": plan})
    assert answer.status_code == 302
    assert "deleted meanwhile" in logged_in.get(answer.location).get_data(as_text=True)
    assert (
        db.session.scalar(select(ScheduleItem.id).where(ScheduleItem.recycled_from_id.is_not(None)))
        is None
    )


def test_plan_here_goes_back_only_to_a_page_of_this_site(logged_in, posts) -> None:
    best, _good, _fresh, slots = posts
    data = {"plan": f"{best.id}:{slots[0].id}", "back": "https://evil.example/"}
    assert logged_in.post("/recycle/plan", data=data).location == "/recycle"


def test_the_slots_one_post_may_run_in_and_the_posts_for_one_slot(logged_in, posts) -> None:
    best, good, fresh, slots = posts
    page = logged_in.get(f"/recycle?post={best.id}").get_data(as_text=True)
    assert "Run “Winter tyres explained” again" in page and page.count("Plan here") == 3
    assert "Chains in the cold" not in page
    page = logged_in.get(f"/recycle?slot={slots[1].id}").get_data(as_text=True)
    assert "Run an evergreen post again: Blog, Wed 2 Dec 2026" in page
    assert page.count("Plan here") == 3
    slot_page = logged_in.get(f"/items/{slots[1].id}").get_data(as_text=True)
    assert f"/recycle?slot={slots[1].id}" in slot_page
    week = logged_in.get("/week?start=2026-11-30").get_data(as_text=True)
    assert '<a href="/recycle">recycle evergreen posts</a>' in week
    cooling = published(slots[0].channel, date(2026, 11, 16), "Cooling down", evergreen=True)
    page = logged_in.get(f"/recycle?post={cooling.id}").get_data(as_text=True)
    assert (
        "It may not run again in any open slot of Blog in the next 8 weeks: its cool-down "
        "lasts until Sun 14 Feb 2027." in page
    )
    page = logged_in.get(f"/recycle?post={slots[0].id}").get_data(as_text=True)
    assert "That post is not evergreen" in page and "3 open slots" in page


def test_without_evergreen_posts_the_page_says_how_to_get_some(logged_in, blog) -> None:
    page = logged_in.get("/recycle").get_data(as_text=True)
    assert "No evergreen post yet." in page and "/results/top" in page
    slot = make_item(blog, at(date(2026, 12, 2)))
    page = logged_in.get(f"/recycle?slot={slot.id}").get_data(as_text=True)
    assert "Nothing to propose here." in page and "no longer open" not in page
    assert "Recycle evergreen posts" in logged_in.get("/ideas/").get_data(as_text=True)


def test_the_recycle_page_runs_a_constant_number_of_statements(logged_in, posts) -> None:
    _best, _good, _fresh, slots = posts
    logged_in.get("/recycle")  # the schedule is extended once a day, by the first page
    few = count_queries(logged_in, "/recycle")
    blog = slots[0].channel
    for n in range(20):
        post = published(blog, date(2026, 3, 2) + timedelta(days=n), f"Post {n}", evergreen=True)
        make_item(blog, at(date(2026, 4, 1) + timedelta(days=n)), idea=post.idea,
                  recycled_from_id=post.id, status="published")  # fmt: skip
        make_item(blog, at(date(2026, 12, 7) + timedelta(days=n)))
    assert count_queries(logged_in, "/recycle") == few


def test_recycling_needs_a_login(client, app) -> None:
    make_user("owner@example.com", is_owner=True)
    assert client.get("/recycle").status_code == 302
    assert client.post("/recycle/plan", data={}).status_code == 302
    assert client.post("/items/1/evergreen", data={}).status_code == 302


def test_the_forms_carry_their_csrf_token_and_a_post_without_it_changes_nothing(fresh_app):
    from tests.web.test_csrf import TOKEN, posting_forms

    app = fresh_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        from tests.factories import make_workspace

        make_workspace()
        owner = make_user("owner@example.com", is_owner=True)
        blog = make_channel("blog", name="Blog")
        post = published(blog, date(2026, 6, 1), "Winter tyres explained", evergreen=True)
        slot = make_item(blog, at(date(2026, 12, 2)))
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = owner.get_id()
        for path in ("/recycle", f"/items/{post.id}", f"/recycle?slot={slot.id}"):
            forms = posting_forms(client.get(path).get_data(as_text=True))
            assert forms and all(re.search(TOKEN, form) for form in forms), path
        refused = client.post("/recycle/plan", data={"plan": f"{post.id}:{slot.id}"})
        assert refused.status_code == 400
        refused = client.post(f"/items/{post.id}/evergreen", data={"cooldown_days": "7"})
        assert refused.status_code == 400
        db.session.expire_all()
        assert db.session.get(ScheduleItem, slot.id).idea_id is None
        assert db.session.get(ScheduleItem, post.id).evergreen


def test_amounts_follow_the_workspaces_currency_and_locale(logged_in, posts) -> None:
    from calendar_app.services.planner import get_workspace

    workspace = get_workspace()
    workspace.currency, workspace.locale = "JPY", "de"
    db.session.commit()
    page = logged_in.get("/recycle").get_data(as_text=True)
    assert "Revenue (¥)" in page and "<td>120</td>" in page  # yen: no decimals
    workspace.currency = "EUR"
    db.session.commit()
    assert "<td>120,00</td>" in logged_in.get("/recycle").get_data(as_text=True)
