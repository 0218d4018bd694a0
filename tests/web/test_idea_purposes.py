"""Typed and pasted headlines get a guessed purpose; the mix names planned ones without one."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from calendar_app.clock import now as app_now
from calendar_app.extensions import db
from calendar_app.models import Idea, ScheduleItem
from calendar_app.services import planner
from tests.factories import make_channel, make_idea, make_rule


def purposes() -> dict[str, str | None]:
    return {i.headline: i.purpose for i in db.session.scalars(select(Idea).order_by(Idea.id))}


@pytest.fixture
def planned(logged_in):
    """A LinkedIn channel with a post every Mon, Wed and Fri, planned ahead from now."""
    make_rule(make_channel("linkedin", name="LinkedIn"))
    planner.keep_planned_ahead(app_now())
    return logged_in


def test_a_typed_headline_gets_the_purpose_its_words_suggest(logged_in) -> None:
    logged_in.post("/ideas/add", data={"headline": "How to fix a flat tyre"})
    logged_in.post("/ideas/add", data={"headline": "Winter riding"})
    assert purposes() == {"How to fix a flat tyre": "educate", "Winter riding": None}


def test_a_pasted_list_gets_purposes_line_by_line(logged_in) -> None:
    lines = "Winter tyres: 20% off\nNews from the bike trade\nOur workshop"
    logged_in.post("/ideas/bulk", data={"lines": lines})
    assert purposes() == {
        "Winter tyres: 20% off": "promote",
        "News from the bike trade": "inform",
        "Our workshop": None,
    }


def test_a_purpose_chosen_later_is_kept_and_clearing_it_is_respected(logged_in) -> None:
    logged_in.post("/ideas/add", data={"headline": "How to fix a flat tyre"})
    (idea,) = db.session.scalars(select(Idea))
    data = {"headline": idea.headline, "purpose": "inspire", "notes": "", "target_url": ""}
    logged_in.post(f"/ideas/{idea.id}/edit", data=data)
    assert purposes() == {"How to fix a flat tyre": "inspire"}
    logged_in.post(f"/ideas/{idea.id}/edit", data={**data, "purpose": ""})
    assert purposes() == {"How to fix a flat tyre": None}


def plan(client, idea: Idea) -> ScheduleItem:
    client.post(f"/ideas/{idea.id}/assign", data={"channel_id": 1})
    return db.session.scalars(select(ScheduleItem).where(ScheduleItem.idea_id == idea.id)).one()


def test_the_mix_names_planned_headlines_without_a_purpose_with_links_to_edit_them(
    planned,
) -> None:
    slot = plan(planned, make_idea("Winter <riding>"))
    plan(planned, make_idea("Our workshop"))
    plan(planned, make_idea("How to fix a flat tyre", purpose="educate"))
    make_idea("Not planned at all")
    ids = {i.headline: i.id for i in db.session.scalars(select(Idea))}
    ideas_page = planned.get("/ideas/").get_data(as_text=True)
    week = planned.get(f"/week?start={slot.starts_at.date().isoformat()}").get_data(as_text=True)
    for page in (ideas_page, week):
        assert "2 headlines without a purpose:" in page
        assert f'href="/ideas/?purpose=none#idea-{ids["Our workshop"]}">Our workshop</a>' in page
        assert "Winter &lt;riding&gt;</a>" in page and "Winter <riding>" not in page
        assert "Not planned at all</a>" not in page
    listed = planned.get("/ideas/?purpose=none").get_data(as_text=True)
    assert f'id="idea-{ids["Our workshop"]}"' in listed
    assert f'id="idea-{ids["How to fix a flat tyre"]}"' not in listed


def test_when_every_planned_headline_has_a_purpose_none_is_named(planned) -> None:
    slot = plan(planned, make_idea("How to fix a flat tyre", purpose="educate"))
    week = planned.get(f"/week?start={slot.starts_at.date().isoformat()}").get_data(as_text=True)
    assert "without a purpose" not in planned.get("/ideas/").get_data(as_text=True)
    assert "without a purpose" not in week and "Content mix:" in week


def test_an_unknown_purpose_filter_lists_everything(logged_in) -> None:
    make_idea("Our workshop")
    make_idea("How to fix a flat tyre", purpose="educate")
    page = logged_in.get("/ideas/?purpose=bogus").get_data(as_text=True)
    assert "Our workshop" in page and "How to fix a flat tyre" in page
