"""Search across items, ideas and campaigns."""

from __future__ import annotations

from datetime import timedelta
from itertools import count

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calendar_app.clock import now as app_now
from calendar_app.services import search as service
from tests.factories import make_campaign, make_channel, make_idea, make_item

NUMBERS = count(1)  # each example's headline is new to the bank


@pytest.fixture
def stocked(logged_in):
    """A post with a headline, one with notes only, an idea in no slot and a campaign."""
    linkedin = make_channel("linkedin", name="LinkedIn")
    tyres = make_idea("Winter tyres for city bikes", notes="Ask Sam for photos")
    make_item(linkedin, app_now() + timedelta(days=1), idea=tyres)
    make_item(linkedin, app_now() - timedelta(days=3), notes="Film the WINTER workshop")
    make_idea("100% of our mechanics ride_to_work", notes="")
    make_campaign("Winter riding", channels=[linkedin])
    return logged_in


def test_words_are_found_in_headlines_notes_and_campaigns_whatever_their_case(stocked) -> None:
    page = stocked.get("/search/?q=winter").get_data(as_text=True)
    assert "4 found for “winter”." in page
    assert page.count("Winter tyres for city bikes") == 2  # the item and the idea
    assert "Film the WINTER workshop" in page and "Winter riding" in page
    assert "utm_campaign=winter-riding" in page
    by_notes = stocked.get("/search/?q=ask+sam").get_data(as_text=True)
    assert "1 found for “ask sam”." in by_notes  # an idea's notes


def test_percent_and_underscore_are_looked_for_as_typed(stocked) -> None:
    page = stocked.get("/search/?q=100%25").get_data(as_text=True)
    assert "1 found" in page and "100% of our mechanics" in page
    # As a wildcard, "r_c" would find "for city"; as typed, nothing has it.
    assert "Nothing contains “r_c”." in stocked.get("/search/?q=r_c").get_data(as_text=True)
    assert "1 found" in stocked.get("/search/?q=ride_to").get_data(as_text=True)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("x", "Type at least 2 characters to search for."),
        ("   ", "Type at least 2 characters to search for."),
        ("y" * 101, "Search for at most 100 characters."),
    ],
)
def test_too_short_or_too_long_is_said_and_nothing_is_searched(stocked, typed, message) -> None:
    answer = stocked.get("/search/", query_string={"q": typed})
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200 and message in page and "found" not in page


def test_the_form_alone_without_words_and_found_text_escaped(stocked) -> None:
    page = stocked.get("/search/").get_data(as_text=True)
    assert 'role="search"' in page and "found" not in page and "Nothing contains" not in page
    make_idea("<script>alert(1)</script> winter")
    page = stocked.get("/search/?q=<script>").get_data(as_text=True)
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(min_size=2, max_size=30))
def test_any_typed_text_searches_without_error_and_finds_itself(app, text) -> None:
    words = " ".join(text.split())
    if len(words) < service.MIN_LENGTH or "\x00" in words:
        return
    found = service.search(service.checked_text(text))
    assert found.text == words
    if words.isascii() and words.isprintable():
        idea = make_idea(f"About {words} today, number {next(NUMBERS)}")
        assert idea in service.search(words).ideas
