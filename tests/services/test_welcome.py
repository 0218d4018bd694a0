"""The guided set-up's steps: the workspace's basics and the first channels."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from calendar_app.domain.errors import FieldError
from calendar_app.extensions import db
from calendar_app.models import CadenceRule, Channel, ScheduleItem
from calendar_app.services import demo, welcome
from tests.conftest import NOW
from tests.factories import make_channel, make_workspace


def count(model: type) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_the_first_channels_are_added_with_their_rules_and_planned(app) -> None:
    workspace = make_workspace()
    report = welcome.add_starter_channels(["blog", "linkedin", "replies"], workspace, NOW)
    assert report.added == ["Blog", "LinkedIn", "Reply time"] and report.existing == []
    assert report.items == count(ScheduleItem) > 0
    rules = {r.channel.slug: r for r in db.session.scalars(select(CadenceRule))}
    assert rules["blog"].rrule == "FREQ=WEEKLY;BYDAY=TU"
    assert rules["replies"].activity == "reply" and rules["replies"].duration_minutes == 30
    assert report.message().startswith("Added Blog, LinkedIn, Reply time: ")
    assert not any(c.from_demo for c in db.session.scalars(select(Channel)))


def test_adding_again_makes_no_duplicate_and_says_why(app) -> None:
    workspace = make_workspace()
    welcome.add_starter_channels(["blog"], workspace, NOW)
    items = count(ScheduleItem)
    make_channel("newsletter", name="Our letter")
    report = welcome.add_starter_channels(["blog", "newsletter", "blog"], workspace, NOW)
    assert report.added == [] and report.items == 0
    assert report.existing == ["Blog (slug blog)", "Newsletter (slug newsletter)"]
    assert report.message() == (
        "Already channels, so not added again: Blog (slug blog), Newsletter (slug newsletter)."
    )
    assert count(Channel) == 2 and count(ScheduleItem) == items


@pytest.mark.parametrize("slugs", [[], ["myspace"]])
def test_no_known_channel_picked_is_refused_and_changes_nothing(app, slugs) -> None:
    workspace = make_workspace()
    with pytest.raises(welcome.WelcomeError, match="Pick at least one channel"):
        welcome.add_starter_channels(slugs, workspace, NOW)
    assert count(Channel) == 0


def test_the_basics_are_saved_and_the_rest_of_the_profile_stays(app) -> None:
    workspace = make_workspace(mission="Same-day repairs", topics=["e-bikes"])
    values = {"name": " Pedal Co ", "timezone": "Europe/Lisbon", "site_url": "https://p.example/"}
    welcome.save_basics(workspace, values, NOW)
    db.session.refresh(workspace)
    assert (workspace.name, workspace.timezone, workspace.site_url) == (
        "Pedal Co",
        "Europe/Lisbon",
        "https://p.example/",
    )
    assert workspace.mission == "Same-day repairs" and workspace.topics == ["e-bikes"]


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"name": "  ", "timezone": "UTC", "site_url": ""}, "name"),
        ({"name": "Pedal Co", "timezone": "Mars/Base", "site_url": ""}, "timezone"),
        ({"name": "Pedal Co", "timezone": "UTC", "site_url": "javascript:alert(1)"}, "site_url"),
        ({"name": "Pedal Co", "timezone": "UTC", "site_url": "ftp://p.example/"}, "site_url"),
    ],
)
def test_bad_basics_are_refused_and_change_nothing(app, values, field) -> None:
    workspace = make_workspace()
    with pytest.raises(FieldError) as refused:
        welcome.save_basics(workspace, values, NOW)
    assert refused.value.field == field
    db.session.refresh(workspace)
    assert (workspace.name, workspace.timezone) == ("Acme Bikes", "Europe/Berlin")


def test_the_demo_profile_is_told_apart_from_the_teams(app) -> None:
    demo.load_demo(NOW)
    workspace = demo.get_workspace()
    assert welcome.shows_demo_profile(workspace)
    workspace.site_url = "https://acme-bikes.example/shop"
    assert not welcome.shows_demo_profile(workspace)
