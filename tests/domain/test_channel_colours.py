"""A channel's colour comes from the palette, and a slug can be made of its name."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendar_app.domain.campaigns import PALETTE
from calendar_app.domain.channel_kinds import check_colour, check_slug, is_slug, slug_from_name


@pytest.mark.parametrize("colour", list(PALETTE))
def test_every_palette_colour_is_accepted(colour: str) -> None:
    assert check_colour(colour) == colour


@pytest.mark.parametrize("colour", ["", "red", "#FF0000", "#1F5FBF", " #1f5fbf", "#1f5fbf0"])
def test_any_other_colour_is_refused_naming_the_palette(colour: str) -> None:
    with pytest.raises(ValueError, match="Choose one of the colours: #1f5fbf"):
        check_colour(colour)


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("LinkedIn", "linkedin"),
        ("X / Twitter", "x-twitter"),
        ("  Company  News!! ", "company-news"),
        ("Café Crème", "cafe-creme"),
        ("Podcast #2", "podcast-2"),
        ("a" * 59 + " b", "a" * 59),  # cut at 60 without a trailing hyphen
        ("Ideas → Blog", "ideas-blog"),
    ],
)
def test_a_slug_is_made_of_the_names_words(name: str, slug: str) -> None:
    assert slug_from_name(name) == slug
    assert check_slug(slug) == slug


@pytest.mark.parametrize("name", ["", "   ", "!!!", "日本語", "→"])
def test_a_name_without_letters_or_digits_gives_no_slug(name: str) -> None:
    assert slug_from_name(name) == ""


@given(st.text(max_size=120))
def test_a_slug_made_of_any_name_is_empty_or_a_valid_slug(name: str) -> None:
    slug = slug_from_name(name)
    assert slug == "" or is_slug(slug)


@given(st.from_regex(r"[a-z0-9]{1,10}(-[a-z0-9]{1,10}){0,3}", fullmatch=True))
def test_a_slug_made_of_a_slug_is_the_same_slug(slug: str) -> None:
    assert slug_from_name(slug) == slug
