"""The common channels offered on first run, and their cadences in plain words."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from calendar_app.domain.cadence import validate_cadence
from calendar_app.domain.channel_kinds import is_slug
from calendar_app.domain.starter_channels import BY_SLUG, STARTERS

MONDAY = date(2026, 11, 23)


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 12, 31)))
def test_every_starter_cadence_can_be_planned_from_any_day(day: date) -> None:
    for starter in STARTERS:
        validate_cadence(starter.cadence(day))


def test_starters_have_unique_valid_slugs() -> None:
    assert len(BY_SLUG) == len(STARTERS)
    assert all(is_slug(slug) for slug in BY_SLUG)


def test_cadences_in_plain_words() -> None:
    words = {starter.slug: starter.words(MONDAY) for starter in STARTERS}
    assert words["blog"] == "Every Tue at 09:00"
    assert words["linkedin"] == "Every weekday at 10:00"
    assert words["newsletter"] == "Every month on the first Tuesday at 09:00"
    assert words["youtube"] == "Every 2 weeks on Thu at 14:00"
    assert words["replies"] == "Every weekday at 15:00, 30 minutes"


def test_tracking_follows_the_channel_kind() -> None:
    assert BY_SLUG["newsletter"].channel_values()["utm_medium"] == "email"
    assert BY_SLUG["linkedin"].channel_values() == {
        "name": "LinkedIn",
        "slug": "linkedin",
        "utm_medium": "social",
    }
