"""A typed headline's purpose is guessed from its words; the mix names headlines without one."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from idea_bank import PURPOSES, Unsorted, content_mix, guess_purpose


@pytest.mark.parametrize(
    ("headline", "purpose"),
    [
        ("How to fix a flat tyre", "educate"),
        ("A beginner's guide to e-bikes", "educate"),
        ("7 tips for winter riding", "educate"),
        ("10 mistakes commuters make with gears", "educate"),
        ("News from the bike trade", "inform"),
        ("Announcing our new workshop hours", "inform"),
        ("Cycling in numbers: the figures for 2026", "inform"),
        ("Winter tyres: 20% off this week", "promote"),
        ("Our winter sale starts today", "promote"),
        ("Meet our new product: the city lock", "promote"),
        ("How to save with our spring sale", "promote"),  # a sale wins over a how-to
        ("Case study: a courier fleet that rides all winter", "inspire"),
        ("How Acme helped a bakery deliver by bike", "inspire"),
        ("Behind the scenes at the workshop", "entertain"),
        ("Quiz: which bike are you?", "entertain"),
    ],
)
def test_template_words_suggest_a_purpose(headline: str, purpose: str) -> None:
    assert guess_purpose(headline) == purpose


@pytest.mark.parametrize(
    "headline",
    ["Bikes", "Winter riding", "Our workshop", "Salesforce for shops", "Guidebook"],
)
def test_without_such_words_no_purpose_is_guessed(headline: str) -> None:
    assert guess_purpose(headline) is None


@given(st.text(max_size=80))
def test_any_text_gets_a_known_purpose_or_none(text: str) -> None:
    assert guess_purpose(text) in (*PURPOSES, None)


def test_the_mix_names_each_headline_without_a_purpose_once_in_order() -> None:
    mix = content_mix(
        ["educate", None, "promote", None, None],
        [(4, "Winter riding"), (2, "Our workshop"), (4, "Winter riding")],
    )
    assert mix.total == 2 and mix.planned == 4
    assert mix.unsorted == (Unsorted(4, "Winter riding"), Unsorted(2, "Our workshop"))
    assert mix.unsorted_label == "2 headlines without a purpose"
    assert content_mix([None], [(1, "Bikes")]).unsorted_label == "1 headline without a purpose"


def test_a_mix_with_every_purpose_known_names_none() -> None:
    mix = content_mix(["educate", "inform"])
    assert mix.unsorted == () and mix.planned == mix.total == 2
