"""Hype costs points: superlatives and clickbait lower a headline's score with a tip."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from idea_bank import score_headline
from idea_bank.scorer import HYPE_PENALTY, find_hype, hype_tip
from idea_bank.words import HYPE_PHRASES, HYPE_WORDS, POWER_WORDS


def test_no_word_is_both_hype_and_power() -> None:
    assert not HYPE_WORDS & POWER_WORDS


@pytest.mark.parametrize(
    ("honest", "hyped", "hype"),
    [
        ("7 ways to ride through winter", "7 guaranteed ways to ride through winter", "guaranteed"),
        ("How to fix a flat tyre", "The secret to fix a flat tyre", "secret"),
        ("How to fix a flat tyre", "How to fix a flat tyre instantly", "instantly"),
        ("What to know about e-bikes", "Everything to know about e-bikes", "everything"),
        ("These 5 winter rides", "You won't believe these 5 winter rides", "you won't believe"),
        ("These 5 winter rides", "You WON’T   believe these 5 winter rides", "you won't believe"),
        ("A list of 12 bike shops", "The ultimate list of 12 bike shops", "ultimate"),
    ],
)
def test_hype_lowers_the_score_with_a_tip_naming_it(honest: str, hyped: str, hype: str) -> None:
    plain, loud = score_headline(honest), score_headline(hyped)
    assert loud.score < plain.score
    assert loud.hype == (hype,)
    assert loud.parts["hype"] == -HYPE_PENALTY
    assert loud.tips[0] == f"'{hype}' promises too much; say what the reader gets"
    assert plain.hype == () and plain.parts["hype"] == 0
    assert not any("promises too much" in tip for tip in plain.tips)


def test_each_different_piece_of_hype_costs_points_once_and_gets_its_tip() -> None:
    result = score_headline("Secret secret guaranteed tricks you won't believe, instantly")
    assert result.hype == ("you won't believe", "secret", "guaranteed", "instantly")
    assert result.parts["hype"] == -4 * HYPE_PENALTY
    assert result.tips == tuple(map(hype_tip, result.hype))


@pytest.mark.parametrize(
    "text",
    [
        "Secrets",  # a word inside a longer one is not the hype word itself
        "Bike secretaries",
        "Instant-coffee rides",
        "You won't regret these rides",
        "Believe in winter riding",
    ],
)
def test_only_whole_hype_words_and_phrases_count(text: str) -> None:
    expected = ("secrets",) if text == "Secrets" else ()
    assert score_headline(text).hype == expected


@pytest.mark.parametrize(
    ("text", "part", "points"),
    [
        ("7 winter rides", "number", 10),
        ("How to ride in winter", "type", 15),
        ("Proven winter rides", "power words", 7.5),
        ("Winter mistakes that cost riders their chain", "emotional words", 5),
    ],
)
def test_honest_specifics_are_still_rewarded(text: str, part: str, points: float) -> None:
    assert score_headline(text).parts[part] == points
    assert score_headline(text).hype == ()


def test_hype_is_left_out_before_the_parts_are_counted() -> None:
    hype, rest = find_hype("The ultimate guide: you won't believe it")
    assert hype == ("you won't believe", "ultimate")
    assert rest == "The guide: it"


def test_a_headline_of_only_hype_scores_zero() -> None:
    result = score_headline("Guaranteed!")
    assert (result.score, result.words, result.hype) == (0, 0, ("guaranteed",))


_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=100)
_hype = st.sampled_from(sorted(HYPE_WORDS) + list(HYPE_PHRASES))


@settings(max_examples=300, deadline=None)
@given(text=_text, hype=_hype, first=st.booleans())
def test_adding_hype_never_raises_the_score(text: str, hype: str, first: bool) -> None:
    hyped = f"{hype.capitalize()} {text}" if first else f"{text} {hype}"
    assert score_headline(hyped).score <= score_headline(text).score
    assert hype in score_headline(hyped).hype
