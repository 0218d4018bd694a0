"""A campaign's values, its token, its colour, and campaigns made from old free text."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendar_app.domain.backup_campaigns import campaigns_from_old_backup
from calendar_app.domain.campaigns import (
    PALETTE,
    CampaignError,
    campaigns_from_text,
    check_campaign,
    check_token_change,
    colour_class,
    next_colour,
    running_on,
)
from calendar_app.domain.tracking import normalise_utm

BLUE = "#1f5fbf"


def test_the_token_defaults_to_the_name_as_a_tracking_value() -> None:
    checked = check_campaign({"name": "  Spring   Sale ", "colour": BLUE})
    assert (checked.name, checked.token) == ("Spring Sale", "spring-sale")
    typed = check_campaign({"name": "Spring Sale", "token": "Promo 2027", "colour": BLUE})
    assert typed.token == "promo-2027"


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"name": ""}, "name", "Give the campaign a name."),
        ({"name": "x" * 81}, "name", "Keep the name to 80 characters."),
        ({"name": "!!!"}, "name", "name is empty once reduced"),
        ({"name": "Sale", "token": "???"}, "token", "token is empty once reduced"),
        ({"name": "Sale", "starts_on": "2026-12-10", "ends_on": "2026-12-01"}, "ends_on", "end"),
        ({"name": "Sale", "starts_on": "10/12/2026"}, "starts_on", "not a date"),
        ({"name": "Sale", "goal": "a\u202eb"}, "goal", "single line"),
        ({"name": "Sale", "goal": "g" * 201}, "goal", "200 characters"),
        ({"name": "Sale", "colour": "#ff0000"}, "colour", "Pick one of the colours"),
    ],
)
def test_bad_values_name_their_field(values: dict, field: str, message: str) -> None:
    with pytest.raises(CampaignError) as caught:
        check_campaign({"colour": BLUE, **values})
    assert caught.value.field == field and message in caught.value.message


def test_dates_may_be_open_at_either_end_and_one_day_long() -> None:
    one_day = check_campaign(
        {"name": "Launch", "colour": BLUE, "starts_on": "2026-12-01", "ends_on": "2026-12-01"}
    )
    assert one_day.starts_on == one_day.ends_on == date(2026, 12, 1)
    assert running_on(date(2026, 12, 1), one_day.starts_on, one_day.ends_on)
    assert not running_on(date(2026, 12, 2), one_day.starts_on, one_day.ends_on)
    assert running_on(date(1999, 1, 1), None, None)
    assert not running_on(date(2026, 11, 30), date(2026, 12, 1), None)


def test_the_token_stays_once_a_post_went_out() -> None:
    check_token_change("winter", "winter", posts_out=3)  # unchanged: fine
    check_token_change("winter", "winter-2026", posts_out=0)  # nothing out yet: fine
    with pytest.raises(CampaignError) as caught:
        check_token_change("winter", "winter-2026", posts_out=2)
    assert "2 posts of this campaign already went out with utm_campaign=winter" in str(caught.value)


def test_new_campaigns_take_an_unused_colour_and_every_colour_has_a_class() -> None:
    colours = list(PALETTE)
    assert next_colour([]) == colours[0]
    assert next_colour(colours[:3]) == colours[3]
    assert next_colour(colours + colours[:2]) == colours[2]  # least used once all are taken
    assert [colour_class(c) for c in colours] == [f"camp-{n}" for n in range(8)]
    assert colour_class("#000000") == "camp-7"  # a colour no longer offered: slate


def test_free_text_values_become_one_campaign_per_token() -> None:
    found = campaigns_from_text(
        [("Spring Sale", 1), ("spring-sale", 2), ("Spring Sale", 2), ("Winter", None), ("!!!", 1)]
    )
    assert sorted(found) == ["spring-sale", "winter"]
    spring = found["spring-sale"]
    assert (spring.name, spring.channel_ids) == ("Spring Sale", frozenset({1, 2}))
    assert found["winter"].channel_ids == frozenset()  # a headline in no slot
    assert found["spring-sale"].colour != found["winter"].colour


@given(st.lists(st.tuples(st.text(max_size=30), st.none() | st.integers(1, 5)), max_size=20))
def test_every_value_with_a_token_lands_in_the_campaign_of_that_token(uses) -> None:
    found = campaigns_from_text(uses)
    for value, channel in uses:
        try:
            token = normalise_utm(value)
        except ValueError:
            continue
        assert found[token].token == token
        assert normalise_utm(found[token].name) == token  # the name writes the same token
        if channel is not None:
            assert channel in found[token].channel_ids


@given(st.lists(st.tuples(st.text(max_size=100), st.none() | st.integers(1, 5)), max_size=20))
def test_campaigns_made_of_free_text_pass_the_checks_a_restore_makes(uses) -> None:
    """Old values could hold control characters (a headline's campaign was only stripped)
    and be 100 characters long: the campaigns made of them still restore from a backup."""
    for found in campaigns_from_text(uses).values():
        checked = check_campaign({"name": found.name, "token": found.token, "colour": found.colour})
        assert (checked.name, checked.token) == (found.name, found.token)


def test_an_old_backup_gets_campaigns_from_its_free_text() -> None:
    tables = {
        "idea": [
            {"id": 1, "headline": "A", "campaign": "Spring Sale", "notes": ""},
            {"id": 2, "headline": "B", "campaign": "", "notes": ""},
            {"id": 3, "headline": "C", "campaign": "???", "notes": "Draft"},
        ],
        "schedule_item": [
            {"id": 1, "channel_id": 4, "idea_id": 1, "campaign": "", "updated_at": "2026-11-01"},
            {"id": 2, "channel_id": 5, "idea_id": 2, "campaign": "spring-sale", "notes": ""},
        ],
    }
    restored = campaigns_from_old_backup(tables)
    (campaign,) = restored["campaign"]
    assert (campaign["name"], campaign["token"]) == ("Spring Sale", "spring-sale")
    assert restored["campaign_channel"] == [
        {"campaign_id": 1, "channel_id": 4},
        {"campaign_id": 1, "channel_id": 5},
    ]
    ideas = {row["id"]: row for row in restored["idea"]}
    assert ideas[1]["campaign_id"] == 1 and "campaign_id" not in ideas[2]
    assert ideas[3]["notes"] == "Draft\nCampaign: ???" and "campaign" not in ideas[3]
    assert restored["schedule_item"][1]["campaign_id"] == 1


def test_a_backup_with_campaigns_is_left_as_it_is() -> None:
    tables = {"campaign": [], "idea": [{"id": 1, "campaign": "Spring"}]}
    assert campaigns_from_old_backup(tables) is tables
    plain = {"idea": [{"id": 1, "campaign": ""}], "schedule_item": "not a list"}
    assert campaigns_from_old_backup(plain) is plain


def test_a_plan_with_two_campaigns_of_one_token_is_refused_naming_the_second() -> None:
    import json

    from calendar_app.domain.json_reader import PlanError
    from calendar_app.domain.plan_parser import parse_plan

    def plan(*names: str) -> str:
        campaigns = [{"name": name} for name in names]
        return json.dumps({"format": "editorial-calendar/plan-v1", "campaigns": campaigns})

    with pytest.raises(PlanError, match=r"campaigns\[1\]\.token: 'spring-sale' is used twice"):
        parse_plan(plan("Spring Sale", "spring-sale"))
    parsed = parse_plan(plan("Spring Sale", "Winter"))
    assert [c.values.token for c in parsed.campaigns] == ["spring-sale", "winter"]
