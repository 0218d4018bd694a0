"""Campaigns as things: made, changed and removed on their page, picked by items and
headlines, shown on the calendar, and carried by plan files."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from calendar_app.clock import now as app_now
from calendar_app.extensions import db
from calendar_app.models import Campaign, CampaignSpend, Idea, ScheduleItem
from calendar_app.services import plan_export, planner, plans
from calendar_app.services.feed_events import forget_event_texts
from tests.factories import make_campaign, make_channel, make_idea, make_item, make_rule
from tests.queries import count_queries

BLUE, OCHRE = "#1f5fbf", "#b8860b"


@pytest.fixture
def channels(logged_in):
    """LinkedIn with a post every Mon, Wed and Fri, and a blog."""
    linkedin = make_channel("linkedin", name="LinkedIn")
    blog = make_channel("blog", name="Blog", utm_medium="blog")
    make_rule(linkedin)
    planner.keep_planned_ahead(app_now())
    return linkedin, blog


def form(**values) -> dict:
    return {"name": "Spring sale", "colour": BLUE, "channels": ["1"], **values}


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_campaign_is_made_with_its_token_dates_goal_colour_and_channels(
    logged_in, channels
) -> None:
    linkedin, blog = channels
    page = logged_in.get("/campaigns/").get_data(as_text=True)
    assert "No campaigns yet" in page and f'value="{BLUE}" id="colour-0" checked' in page
    answer = logged_in.post(
        "/campaigns/",
        data=form(
            starts_on="2026-12-01",
            ends_on="2026-12-24",
            goal="200 sign-ups",
            channels=[str(linkedin.id), str(blog.id)],
        ),
    )
    assert answer.status_code == 302
    campaign = db.session.scalar(select(Campaign))
    assert (campaign.name, campaign.token, campaign.goal, campaign.colour) == (
        "Spring sale",
        "spring-sale",
        "200 sign-ups",
        BLUE,
    )
    assert campaign.channels == [blog, linkedin]  # by name
    page = logged_in.get("/campaigns/").get_data(as_text=True)
    assert (
        "spring-sale" in page and "01 Dec 2026 – 24 Dec 2026" in page and "Blog, LinkedIn" in page
    )
    assert f'value="{OCHRE}" id="colour-1" checked' in page  # the next one: a new colour


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"name": ""}, "This field is required."),
        ({"token": "???"}, "token is empty once reduced"),
        ({"starts_on": "2026-12-10", "ends_on": "2026-12-01"}, "cannot end before it starts"),
        ({"channels": []}, "Pick the channels the campaign runs on."),
        ({"channels": ["999"]}, "A channel in the list no longer exists"),
        ({"colour": "#000000"}, "Not a valid choice"),
        ({"name": "Winter", "token": "WINTER"}, "“Winter push” already uses utm_campaign=winter."),
    ],
)
def test_bad_campaigns_are_refused_and_change_nothing(logged_in, channels, values, message):
    make_campaign("Winter push", token="winter")
    page = logged_in.post("/campaigns/", data=form(**values)).get_data(as_text=True)
    assert message in page.replace("&#34;", '"')
    assert count(Campaign) == 1


def test_the_token_changes_until_a_post_went_out_and_links_follow(logged_in, channels) -> None:
    linkedin, _blog = channels
    campaign = make_campaign("Spring sale", channels=[linkedin])
    soon = db.session.scalars(
        select(ScheduleItem).where(ScheduleItem.starts_at > app_now()).order_by("starts_at")
    ).first()
    soon.campaign = campaign
    db.session.commit()
    edit = form(token="spring-2027", channels=[str(linkedin.id)])
    assert logged_in.post(f"/campaigns/{campaign.id}", data=edit).status_code == 302
    page = logged_in.get(f"/items/{soon.id}").get_data(as_text=True)
    assert f"utm_campaign=spring-2027&amp;utm_content={soon.uid[:12]}" in page
    out = make_item(linkedin, app_now() - timedelta(days=1), campaign=campaign)
    refused = logged_in.post(f"/campaigns/{campaign.id}", data=form(token="spring-2028"))
    assert "1 post of this campaign already went out with utm_campaign=spring-2027" in (
        refused.get_data(as_text=True)
    )
    db.session.refresh(campaign)
    assert campaign.token == "spring-2027" and out.campaign is campaign


def test_a_campaign_is_removed_only_while_none_of_its_posts_went_out(logged_in, channels):
    linkedin, _blog = channels
    campaign = make_campaign("Spring sale", channels=[linkedin])
    idea = make_idea(campaign=campaign)
    item = make_item(linkedin, app_now() - timedelta(days=1), campaign=campaign)
    answer = logged_in.post(f"/campaigns/{campaign.id}/delete", follow_redirects=True)
    assert "already went out with utm_campaign=spring-sale" in answer.get_data(as_text=True)
    assert count(Campaign) == 1
    db.session.delete(item)
    db.session.commit()
    answer = logged_in.post(f"/campaigns/{campaign.id}/delete", follow_redirects=True)
    assert "removed; its items and headlines stay" in answer.get_data(as_text=True)
    assert count(Campaign) == 0
    db.session.refresh(idea)
    assert idea.campaign is None and count(Idea) == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"month": "2026-13", "amount": "10"}, "Give the month like 2026-11"),
        ({"month": "2026-11", "amount": "-5"}, "Give an amount from 0"),
        ({"month": "2026-11", "amount": "ten"}, "is not an amount like 12.50"),
    ],
)
def test_campaign_spend_is_checked(logged_in, channels, data, message) -> None:
    campaign = make_campaign("Spring sale")
    answer = logged_in.post(f"/campaigns/{campaign.id}/spend", data=data, follow_redirects=True)
    assert message in answer.get_data(as_text=True)
    assert count(CampaignSpend) == 0
    good = {"month": "2026-11", "amount": "1.234,50", "note": "Ads"}
    answer = logged_in.post(f"/campaigns/{campaign.id}/spend", data=good, follow_redirects=True)
    assert "Spend saved." in answer.get_data(as_text=True)
    assert db.session.scalar(select(CampaignSpend.amount)) == 1234.5


def test_the_calendar_filters_and_colours_by_campaign(logged_in, channels) -> None:
    linkedin, blog = channels
    spring = make_campaign("Spring sale", channels=[linkedin, blog], colour=OCHRE)
    items = db.session.scalars(
        select(ScheduleItem).where(ScheduleItem.starts_at > app_now()).order_by("starts_at")
    ).all()
    own, by_headline, other = items[:3]
    own.campaign = spring
    by_headline.idea = make_idea("Ten spring rides", campaign=spring)
    db.session.commit()
    start = own.starts_at.date().isoformat()
    page = logged_in.get(
        f"/calendar?view=month&start={start}&campaign={spring.id}&colour=campaign"
    ).get_data(as_text=True)
    assert f'id="cal-item-{own.id}"' in page and f'id="cal-item-{by_headline.id}"' in page
    assert f'id="cal-item-{other.id}"' not in page
    assert page.count("by-campaign camp-1") == 2 and "(campaign Spring sale)" in page
    everything = logged_in.get(f"/calendar?start={start}&colour=campaign").get_data(as_text=True)
    assert f'id="cal-item-{other.id}"' in everything and "no-campaign" in everything
    assert "camp-1" not in logged_in.get(f"/calendar?start={start}").get_data(as_text=True)


def test_a_headlines_campaign_goes_into_its_posts_links_and_the_feed(logged_in, channels):
    linkedin, _blog = channels
    spring = make_campaign("Spring sale", channels=[linkedin])
    idea = make_idea("Ten spring rides")
    slot = db.session.scalars(
        select(ScheduleItem).where(ScheduleItem.starts_at > app_now()).order_by("starts_at")
    ).first()
    slot.idea = idea
    db.session.commit()
    forget_event_texts()
    logged_in.post(
        f"/ideas/{idea.id}/edit", data={"headline": idea.headline, "campaign_id": str(spring.id)}
    )
    page = logged_in.get(f"/items/{slot.id}").get_data(as_text=True)
    assert "The headline's: Spring sale" in page
    assert f"utm_campaign=spring-sale&amp;utm_content={slot.uid[:12]}" in page


def test_plan_files_carry_campaigns_and_old_free_text_becomes_one(logged_in, channels) -> None:
    linkedin, _blog = channels
    spring = make_campaign("Spring sale", channels=[linkedin], goal="200 sign-ups")
    make_idea("Ten spring rides", campaign=spring)
    exported = plan_export.export_plan()
    assert exported["campaigns"] == [
        {
            "name": "Spring sale",
            "token": "spring-sale",
            "starts_on": None,
            "ends_on": None,
            "goal": "200 sign-ups",
            "colour": BLUE,
            "channels": ["linkedin"],
        }
    ]
    assert exported["ideas"][0]["campaign"] == "spring-sale"
    older = {
        "format": "editorial-calendar/plan-v1",
        "ideas": [{"headline": "Autumn rides", "campaign": "Autumn Push"}],
    }
    import json

    from calendar_app.domain.plan_parser import parse_plan

    report = plans.import_plan(parse_plan(json.dumps(older)), app_now())
    assert "1 campaigns and 1 ideas added" in report.summary()
    autumn = db.session.scalar(select(Campaign).where(Campaign.token == "autumn-push"))
    assert autumn.name == "Autumn Push" and len(autumn.channels) == 2


@pytest.mark.parametrize("value", ["²", "١", str(2**31), str(2**63)])
def test_a_picked_id_no_database_can_hold_is_refused_without_a_500(
    app, logged_in, channels, value
) -> None:
    app.config["PROPAGATE_EXCEPTIONS"] = False  # a crash becomes a 500 here, as in production
    linkedin, _blog = channels
    spring = make_campaign("Spring sale", channels=[linkedin])
    item = db.session.scalars(select(ScheduleItem)).first()
    idea = make_idea("Ten spring rides", campaign=spring)
    on_item = logged_in.post(f"/items/{item.id}", data={"campaign_id": value})
    assert "That campaign no longer exists; pick another." in on_item.get_data(as_text=True)
    on_idea = logged_in.post(
        f"/ideas/{idea.id}/edit",
        data={"headline": idea.headline, "campaign_id": value},
        follow_redirects=True,
    )
    assert "That campaign no longer exists; pick another." in on_idea.get_data(as_text=True)
    for path in ("/campaigns/", f"/campaigns/{spring.id}"):
        page = logged_in.post(path, data=form(name="Autumn", channels=[value, str(linkedin.id)]))
        assert "A channel in the list no longer exists" in page.get_data(as_text=True)
    db.session.refresh(item)
    db.session.refresh(idea)
    assert (item.campaign, idea.campaign, count(Campaign)) == (None, spring, 1)
    assert spring.name == "Spring sale"
    picked = logged_in.post(f"/items/{item.id}", data={"campaign_id": str(spring.id)})
    assert picked.status_code == 302 and item.campaign is spring


def test_the_week_and_calendar_run_the_same_queries_for_one_campaign_or_many(
    logged_in, channels
) -> None:
    linkedin, _blog = channels
    posts = [make_item(linkedin, app_now() + timedelta(hours=6 * n)) for n in range(10)]
    first = make_campaign("Campaign 0", channels=[linkedin])
    posts[0].campaign = first
    posts[1].idea = make_idea("Headline 0", campaign=first)
    db.session.commit()
    pages = ("/week?start=2026-11-23", "/calendar?start=2026-11-23&colour=campaign")
    few = [count_queries(logged_in, page) for page in pages]
    for n in range(1, 5):  # each post in a campaign of its own, or its headline's
        campaign = make_campaign(f"Campaign {n}", channels=[linkedin])
        posts[2 * n].campaign = campaign
        posts[2 * n + 1].idea = make_idea(f"Headline {n}", campaign=campaign)
    db.session.commit()
    week = logged_in.get(pages[0]).get_data(as_text=True)
    assert "utm_campaign=campaign-4" in week and "utm_campaign=campaign-0" in week
    assert [count_queries(logged_in, page) for page in pages] == few


def test_a_campaign_with_spend_recorded_is_not_removed_with_its_spend(logged_in, channels):
    campaign = make_campaign("Spring sale")
    spend = {"month": "2026-11", "amount": "250", "note": "Ads"}
    logged_in.post(f"/campaigns/{campaign.id}/spend", data=spend)
    answer = logged_in.post(f"/campaigns/{campaign.id}/delete", follow_redirects=True)
    assert "Spend is recorded for “Spring sale” (Nov 2026)" in answer.get_data(as_text=True)
    assert (count(Campaign), count(CampaignSpend)) == (1, 1)
    logged_in.post(f"/campaigns/{campaign.id}/spend", data={**spend, "amount": "0"})
    answer = logged_in.post(f"/campaigns/{campaign.id}/delete", follow_redirects=True)
    assert "removed; its items and headlines stay" in answer.get_data(as_text=True)
    assert (count(Campaign), count(CampaignSpend)) == (0, 0)
