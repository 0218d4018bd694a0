"""Tracked links where people publish: the week, the item page and the Links page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from calendar_app.clock import now as app_now
from calendar_app.extensions import db
from calendar_app.models import Idea, LinkRecord, ScheduleItem
from calendar_app.services import planner
from tests.factories import make_campaign, make_channel, make_rule


@pytest.fixture
def post(logged_in) -> ScheduleItem:
    """A planned LinkedIn post tomorrow with a headline."""
    tomorrow = app_now().date() + timedelta(days=1)
    make_rule(
        make_channel("linkedin", name="LinkedIn"), rrule="FREQ=DAILY", count=1, starts_on=tomorrow
    )
    planner.keep_planned_ahead(app_now())
    item = db.session.scalar(select(ScheduleItem))
    item.idea = Idea(headline="Winter cycling for beginners")
    db.session.commit()
    return item


def test_the_week_shows_each_posts_link_with_copy_buttons(logged_in, post) -> None:
    page = logged_in.get(f"/week?start={post.starts_at.date().isoformat()}").get_data(as_text=True)
    url = (
        "https://acme.example/?utm_source=linkedin&amp;utm_medium=social"
        f"&amp;utm_campaign=winter-cycling-for-beginners&amp;utm_content={post.uid[:12]}"
    )
    assert url in page
    assert 'data-copy="Winter cycling for beginners\n' + url in page
    assert "Copy link" in page and "Copy post" in page


def test_item_details_change_the_link_but_not_its_content_token(logged_in, post) -> None:
    winter = make_campaign("Winter Push", channels=[post.channel])
    response = logged_in.post(
        f"/items/{post.id}",
        data={
            "destination_url": "https://acme.example/winter?ref=li&utm_source=partner#tips",
            "campaign_id": str(winter.id),
            "utm_term": "e-bikes",
            "notes": "Use the photo",
        },
    )
    assert response.status_code == 302
    assert post.touched and post.notes == "Use the photo"
    page = logged_in.get(f"/items/{post.id}").get_data(as_text=True)
    assert (
        "https://acme.example/winter?ref=li&amp;utm_source=partner&amp;utm_medium=social"
        f"&amp;utm_campaign=winter-push&amp;utm_content={post.uid[:12]}&amp;utm_term=e-bikes#tips"
    ) in page
    assert "already sets utm_source=partner; it was kept" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"destination_url": "javascript:alert(1)"}, "Only absolute http:// or https:// addresses"),
        ({"campaign_id": "999"}, "That campaign no longer exists"),
        ({"utm_term": "   ---   "}, "utm_term is empty once reduced"),
    ],
)
def test_bad_item_details_are_refused_and_nothing_changes(logged_in, post, data, message) -> None:
    page = logged_in.post(f"/items/{post.id}", data=data).get_data(as_text=True)
    assert message in page
    db.session.refresh(post)
    assert (post.destination_url, post.campaign, post.utm_term, post.touched) == (
        "",
        None,
        "",
        False,
    )


def test_an_item_picks_only_a_campaign_that_runs_on_its_channel(logged_in, post) -> None:
    blog = make_channel("blog", name="Blog", utm_medium="blog")
    elsewhere = make_campaign("Blog only", channels=[blog])
    here = make_campaign("Everywhere", channels=[blog, post.channel])
    page = logged_in.get(f"/items/{post.id}").get_data(as_text=True)
    assert "Everywhere (utm_campaign=everywhere)" in page and "Blog only" not in page
    refused = logged_in.post(f"/items/{post.id}", data={"campaign_id": str(elsewhere.id)})
    assert "“Blog only” does not run on LinkedIn" in refused.get_data(as_text=True)
    db.session.refresh(post)
    assert post.campaign is None and not post.touched
    logged_in.post(f"/items/{post.id}", data={"campaign_id": str(here.id)})
    db.session.refresh(post)
    assert post.campaign is here
    link = logged_in.get(f"/items/{post.id}").get_data(as_text=True)
    assert f"utm_campaign=everywhere&amp;utm_content={post.uid[:12]}" in link


def test_moving_an_item_by_form(logged_in, post) -> None:
    day = (post.starts_at + timedelta(days=2)).date()
    logged_in.post(f"/items/{post.id}/move", data={"day": day.isoformat(), "time": "14:45"})
    local = post.starts_at.astimezone(planner.resolve_timezone("Europe/Berlin"))
    assert (local.date(), local.strftime("%H:%M")) == (day, "14:45")
    assert post.touched and post.sequence == 1
    bad = logged_in.post(
        f"/items/{post.id}/move", data={"day": "soon", "time": "14:45"}, follow_redirects=True
    )
    assert "Give a date like" in bad.get_data(as_text=True)


def test_the_links_page_builds_links_and_keeps_their_history(logged_in, post) -> None:
    response = logged_in.post(
        "/links/",
        data={
            "destination": "https://acme.example/sale?x=1",
            "channel": "1",
            "campaign": "Black Friday Café",
            "purpose": "Partner newsletter",
        },
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    record = db.session.scalar(select(LinkRecord))
    assert record.url == (
        "https://acme.example/sale?x=1&utm_source=linkedin&utm_medium=social"
        f"&utm_campaign=black-friday-cafe&utm_content={record.uid[:12]}"
    )
    assert record.created_by.email == "owner@example.com" and record.purpose == "Partner newsletter"
    assert "Partner newsletter" in page and "owner@example.com" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"destination": "ftp://acme.example/", "source": "x", "medium": "y", "campaign": "c"},
            "Only absolute http",
        ),
        (
            {"destination": "https://acme.example/", "source": "", "medium": "y", "campaign": "c"},
            "utm_source is empty",
        ),
        (
            {"destination": "https://acme.example/", "source": "x", "medium": "y", "campaign": ""},
            "This field is required.",
        ),
        (
            {
                "destination": "https://acme.example/",
                "source": "x",
                "medium": "y",
                "campaign": "???",
            },
            "utm_campaign is empty",
        ),
    ],
)
def test_the_link_builder_explains_bad_input_and_keeps_nothing(logged_in, data, message) -> None:
    page = logged_in.post("/links/", data=data).get_data(as_text=True)
    assert message in page
    assert db.session.scalar(select(func.count()).select_from(LinkRecord)) == 0


def test_channel_tracking_values_are_normalised_or_refused(logged_in) -> None:
    logged_in.post(
        "/channels/new",
        data={
            "name": "Insta",
            "slug": "insta",
            "utm_source": "Instagram Ads",
            "utm_medium": "Paid Social",
            "timezone": "",
        },
    )
    from calendar_app.models import Channel

    channel = db.session.scalar(select(Channel))
    assert (channel.utm_source, channel.utm_medium) == ("instagram-ads", "paid-social")
    page = logged_in.post(
        "/channels/new", data={"name": "X", "slug": "x", "utm_source": "!!!", "timezone": ""}
    )
    assert "utm_source is empty" in page.get_data(as_text=True)
