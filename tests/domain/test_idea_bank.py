"""The idea bank: 28 templates, a clean and varied backlog, a headline score that makes sense."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from idea_bank import (
    PURPOSES,
    TEMPLATES,
    detect_type,
    generate_backlog,
    headline_key,
    score_headline,
    similar_headlines,
    similarity,
)

TODAY = date(2026, 11, 23)
PROFILES = {
    "bikes": {
        "industry": "bicycle repair",
        "audience": "city commuters",
        "topics": ["e-bikes", "winter cycling", "bike maintenance"],
        "products": ["same-day repair", "winter service plan"],
    },
    "one topic": {
        "industry": "accounting",
        "audience": "freelancers",
        "topics": ["invoicing"],
        "products": ["Ledgerly"],
    },
    "non-ascii, no products": {
        "industry": "Gastronomie",
        "audience": "Köche in München",
        "topics": ["Käsespätzle", "Spätzlehobel"],
        "products": [],
    },
    "bare": {"topics": ["SEO"]},
    "empty": {},
}


def test_there_are_28_templates_with_unique_keys_and_three_patterns_each() -> None:
    assert len(TEMPLATES) == 28
    assert len({t.key for t in TEMPLATES}) == 28
    for template in TEMPLATES:
        assert len(template.patterns) >= 3, template.key
        assert template.purpose in PURPOSES
        assert template.name and template.description
        assert any("{product}" not in p for p in template.patterns), template.key


def test_the_templates_cover_the_article_topic_kinds() -> None:
    keys = {t.key for t in TEMPLATES}
    assert {
        "top-10",
        "pros-and-cons",
        "for-beginners",
        "myth-busters",
        "how-to",
        "case-studies",
    } <= keys


@pytest.mark.parametrize("name", PROFILES)
def test_a_backlog_is_25_plus_distinct_clean_headlines_from_20_plus_templates(name: str) -> None:
    backlog = generate_backlog(PROFILES[name], today=TODAY)
    assert len(backlog) == 30
    assert len({headline_key(h.text) for h in backlog}) == 30
    assert len({h.template for h in backlog}) >= 20
    for headline in backlog:
        text = headline.text
        assert "{" not in text and "}" not in text, text
        assert "  " not in text and text == text.strip(), text
        assert not re.search(r"\b(\w+)\s+\1\b", text, re.IGNORECASE), text
        assert len(text) <= 120, text
        assert text[0] == text[0].upper(), text
        assert headline.purpose in PURPOSES


def test_profiles_without_products_never_mention_a_product() -> None:
    backlog = generate_backlog(PROFILES["non-ascii, no products"], count=60, today=TODAY)
    assert all("same-day" not in h.text for h in backlog)
    assert any("Käsespätzle" in h.text for h in backlog)


def test_the_backlog_is_deterministic_per_seed() -> None:
    profile = PROFILES["bikes"]
    assert generate_backlog(profile, seed=3, today=TODAY) == generate_backlog(
        profile, seed=3, today=TODAY
    )
    assert generate_backlog(profile, seed=3, today=TODAY) != generate_backlog(
        profile, seed=4, today=TODAY
    )


def test_without_a_date_no_year_is_guessed() -> None:
    backlog = generate_backlog(PROFILES["bikes"], count=80)
    assert not any(re.search(r"\b20\d\d\b", h.text) for h in backlog)
    with_year = generate_backlog(PROFILES["bikes"], count=80, today=TODAY)
    assert any("2026" in h.text for h in with_year)


def test_generate_more_never_repeats_what_is_in_the_bank() -> None:
    profile = PROFILES["bikes"]
    first = generate_backlog(profile, today=TODAY)
    bank = [h.text.upper() + "!" for h in first]  # case and punctuation do not make it new
    more = generate_backlog(profile, seed=1, today=TODAY, exclude=bank)
    assert len(more) == 30
    assert not {headline_key(h.text) for h in more} & {headline_key(h.text) for h in first}


def test_the_generator_stops_when_the_templates_run_out() -> None:
    backlog = generate_backlog(PROFILES["one topic"], count=500, today=TODAY)
    assert 60 < len(backlog) < 500
    assert len({headline_key(h.text) for h in backlog}) == len(backlog)


def test_a_specific_list_headline_beats_a_single_word_and_a_rambling_sentence() -> None:
    specific = score_headline("7 proven ways to keep your e-bike battery alive in winter")
    single = score_headline("Bikes")
    rambling = score_headline(
        "We are a bicycle repair company in the city centre and we would like to tell you about "
        "all of the many different kinds of services that we offer to our customers every day"
    )
    assert rambling.characters > 160
    assert specific.score > rambling.score > single.score
    assert specific.score >= 70 and single.score <= 20 and rambling.score <= 40
    assert 0 <= single.score <= 100 and 0 <= specific.score <= 100


def test_the_score_explains_itself() -> None:
    result = score_headline("7 proven ways to keep your e-bike battery alive in winter")
    assert result.headline_type == "list"
    assert result.has_number and result.power_words == ("proven",)
    assert result.words == 11 and result.characters == 57
    assert round(sum(result.parts.values())) == result.score
    rambling = score_headline("Thoughts on bikes")
    assert "Add a number" in rambling.tips
    assert "Make the form clear: a list, a how-to or a question" in rambling.tips
    assert 1 <= len(rambling.tips) <= 3
    long = score_headline(
        "A very long headline about winter cycling that goes on and on well past the limit"
    )
    assert long.tips[0] == "Cut to under 70 characters"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("7 ways to ride through winter", "list"),
        ("Top 10 e-bikes of the year", "list"),
        ("How to fix a flat tyre", "how-to"),
        ("Why do commuters hate rain?", "question"),
        ("E-bike vs regular bike", "comparison"),
        ("The pros and cons of e-bikes", "comparison"),
        ("Case study: a courier fleet that never stops", "case study"),
        ("Interview: our head mechanic on chains", "interview"),
        ("Introducing our winter service plan", "news"),
        ("A beginner's guide to winter cycling", "guide"),
        ("Winter cycling", "statement"),
    ],
)
def test_headline_types_are_detected(text: str, kind: str) -> None:
    assert detect_type(text) == kind


def test_empty_and_odd_input_scores_zero_without_errors() -> None:
    assert score_headline("").score == 0
    assert score_headline("   ").words == 0
    assert score_headline("!!! ???").score <= 10


def test_near_duplicates_are_found() -> None:
    bank = [
        "5 myths about e-bike batteries, busted",
        "Winter cycling for beginners",
        "How to fix a flat tyre",
    ]
    found = similar_headlines("5 Myths About E-Bike Batteries Busted!", bank)
    assert [s.headline for s in found] == ["5 myths about e-bike batteries, busted"]
    assert found[0].ratio == 1.0
    assert (
        similar_headlines("Beginners: winter cycling for", bank)[0].headline
        == "Winter cycling for beginners"
    )
    assert similar_headlines("Ten podcasts about accounting", bank) == []


_words = st.sampled_from(
    "bike e-bike winter cycling tyre fix flat ways myths 5 10 how to the".split()
)
_headlines = st.lists(_words, min_size=1, max_size=7).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(text=_headlines, existing=st.lists(_headlines, max_size=30), limit=st.integers(1, 5))
def test_a_prepared_bank_finds_the_closest_headlines_by_either_measure(
    text: str, existing: list[str], limit: int
) -> None:
    def closeness(other: str) -> float:  # the larger of the two measures, unrounded
        a, b = headline_key(text), headline_key(other)
        return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b)) if a and b else 0.0

    ranked = sorted((-closeness(other), index) for index, other in enumerate(existing))
    expected = [(existing[i], round(-minus / 100, 2)) for minus, i in ranked if -minus >= 80]
    expected = expected[:limit]
    assert all(similarity(text, h) == ratio for h, ratio in expected)
    found = similar_headlines(text, existing, limit=limit)
    assert [(s.headline, s.ratio) for s in found] == expected
