"""Channel colours, the slug made of the name, the calendar's legend and status words."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from calendar_app.clock import now
from calendar_app.domain.campaigns import PALETTE
from calendar_app.extensions import db
from calendar_app.models import Channel, ScheduleItem
from calendar_app.services import planner
from calendar_app.services.channels import ChannelError, save_channel
from calendar_app.services.planner import get_workspace
from tests.factories import make_channel, make_rule, make_workspace

BLUE, OCHRE, GREEN = list(PALETTE)[:3]


def new_channel(client, **fields: str):
    return client.post("/channels/new", data={"timezone": "", **fields})


def colours() -> dict[str, str]:
    return {c.slug: c.colour for c in db.session.scalars(select(Channel))}


def test_new_channels_take_the_first_unused_colour_and_keep_it(logged_in) -> None:
    new_channel(logged_in, name="Newsletter", slug="newsletter")
    new_channel(logged_in, name="Blog", slug="blog")
    assert colours() == {"newsletter": BLUE, "blog": OCHRE}
    # A channel whose name sorts first no longer shifts the others' colours.
    new_channel(logged_in, name="Aardvark", slug="aardvark")
    assert colours() == {"newsletter": BLUE, "blog": OCHRE, "aardvark": GREEN}


def test_the_form_offers_the_palette_with_the_first_unused_colour_ticked(logged_in) -> None:
    make_channel("blog", colour=BLUE)
    page = logged_in.get("/channels/new").get_data(as_text=True)
    assert page.count('name="colour"') == len(PALETTE)
    assert re.search(rf'value="{OCHRE}" id="colour-1" checked', page)
    assert 'data-slug-of="name"' in page
    assert "audio for podcast, blog for blog, social for any other" in page


def test_a_chosen_colour_is_saved_and_can_be_changed(logged_in) -> None:
    new_channel(logged_in, name="Blog", slug="blog", colour=GREEN)
    blog = db.session.scalar(select(Channel))
    assert blog.colour == GREEN
    logged_in.post(
        f"/channels/{blog.id}/edit",
        data={"name": "Blog", "slug": "blog", "colour": BLUE, "timezone": ""},
    )
    assert colours() == {"blog": BLUE}
    # Editing without a colour (an older form) keeps the one it has.
    logged_in.post(
        f"/channels/{blog.id}/edit", data={"name": "Blog", "slug": "blog", "timezone": ""}
    )
    assert colours() == {"blog": BLUE}


def test_a_colour_outside_the_palette_is_refused_and_nothing_changes(logged_in) -> None:
    refused = new_channel(logged_in, name="Blog", slug="blog", colour="#ff0000")
    page = refused.get_data(as_text=True)
    assert refused.status_code == 200 and "Choose one of the colours" in page
    assert db.session.scalar(select(func.count()).select_from(Channel)) == 0
    blog = make_channel("blog", colour=OCHRE)
    logged_in.post(
        f"/channels/{blog.id}/edit",
        data={"name": "Renamed", "slug": "blog", "colour": "javascript:x", "timezone": ""},
    )
    db.session.expire_all()
    assert (blog.name, blog.colour) == ("Blog", OCHRE)


def test_an_empty_slug_is_made_of_the_name(logged_in) -> None:
    new_channel(logged_in, name="Café News / Weekly", slug="")
    channel = db.session.scalar(select(Channel))
    assert (channel.slug, channel.utm_source, channel.utm_medium) == (
        "cafe-news-weekly",
        "cafe-news-weekly",
        "social",
    )


def test_a_typed_slug_is_kept_and_an_empty_one_without_words_is_refused(logged_in) -> None:
    new_channel(logged_in, name="Our Newsletter", slug="newsletter")
    assert colours().keys() == {"newsletter"}
    assert db.session.scalar(select(Channel.utm_medium)) == "email"
    refused = new_channel(logged_in, name="!!!", slug="")
    assert "lowercase letters, digits and single hyphens" in refused.get_data(as_text=True)
    # A slug made of a name must not clash with another channel's either.
    clash = new_channel(logged_in, name="Newsletter", slug="")
    assert "already uses the slug" in clash.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Channel)) == 1


def test_the_routines_channel_takes_an_unused_colour(logged_in) -> None:
    make_channel("blog", colour=BLUE)
    logged_in.post("/channels/routines/weekly-review", data={"on": "1"})
    assert colours() == {"blog": BLUE, "routines": OCHRE}


def test_the_service_refuses_a_colour_outside_the_palette_and_saves_nothing(app) -> None:
    values = {"name": "Blog", "slug": "blog", "colour": "#000000"}
    with pytest.raises(ChannelError, match="Choose one of the colours") as refused:
        save_channel(None, values, make_workspace(), now())
    assert refused.value.field == "colour"
    assert db.session.scalar(select(func.count()).select_from(Channel)) == 0
    accepted = save_channel(None, {**values, "colour": GREEN}, get_workspace(), now())
    assert accepted.colour == GREEN


def test_the_calendar_colours_by_stored_colour_with_a_legend_and_status_words(
    logged_in,
) -> None:
    blog = make_channel("blog", name="Blog", colour=GREEN)
    make_rule(blog, rrule="FREQ=WEEKLY;BYDAY=TU")
    make_rule(make_channel("alpha", name="Alpha", colour=OCHRE), rrule="FREQ=WEEKLY;BYDAY=TH")
    planner.replan_everything(now())
    item = db.session.scalars(
        select(ScheduleItem).where(ScheduleItem.channel_id == blog.id)
    ).first()
    item.status = "approved"
    db.session.commit()
    logged_in.get("/calendar")
    page = logged_in.get("/calendar?view=week&start=2026-11-23").get_data(as_text=True)
    assert re.search(rf'id="cal-item-{item.id}"', page)
    card = re.search(rf'<li class="([^"]*)"[^>]*id="cal-item-{item.id}"', page).group(1)
    assert "by-channel camp-2" in card and "status-approved" in card  # green is the third colour
    legend = re.search(r'aria-label="Channel colours">(.*?)</ul>', page, re.S).group(1)
    assert "camp-1" in legend and "Alpha" in legend and "camp-2" in legend and "Blog" in legend
    assert '<span class="visually-hidden">Approved: </span>' in page
    assert 'aria-label="Status signs"' in page and "Published" in page
    by_campaign = logged_in.get("/calendar?view=week&start=2026-11-23&colour=campaign")
    assert 'aria-label="Channel colours"' not in by_campaign.get_data(as_text=True)


def test_the_item_page_names_the_week_as_the_week_page_does(logged_in) -> None:
    make_rule(make_channel("blog"), rrule="FREQ=WEEKLY;BYDAY=TH")
    planner.replan_everything(now())
    db.session.commit()
    item = db.session.scalars(select(ScheduleItem).order_by(ScheduleItem.starts_at)).first()
    page = logged_in.get(f"/items/{item.id}").get_data(as_text=True)
    link = re.search(r'<a href="([^"]*)#item-\d+">← (Week of [^<]+)</a>', page)
    week = logged_in.get(link.group(1)).get_data(as_text=True)
    assert link.group(2) == "Week of 23 Nov 2026"
    assert f"<h1>{link.group(2)}</h1>" in week
