"""The headline score's parts and tips, at the edges a writer runs into."""

from __future__ import annotations

import pytest

from idea_bank import detect_type, score_headline

SAY_MORE = "Say more: aim for 40-70 characters"
CUT = "Cut to under 70 characters"
FORM = "Make the form clear: a list, a how-to or a question"
NUMBER = "Add a number"
POWER = "Add a power word such as proven, essential or step-by-step"
FEELING = "Add a word with feeling, such as surprising or mistake"
SWAP = "Swap a few small words for specific ones"
SHORTER = "Use shorter words"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("How Acme helped a courier fleet", "case study"),
        ("Customer story: the bakery that rides", "case study"),
        ("Q&A with our head mechanic", "interview"),
        ("We asked 20 couriers about rain", "interview"),
        ("E-bikes versus scooters", "comparison"),
        ("Commuting by bike and by bus compared", "comparison"),
        ("Electric or acoustic: which bike?", "comparison"),
        ("Step-by-step chain cleaning", "how-to"),
        ("A list of winter rides", "list"),
        ("Our 3 favourite tools", "list"),
        ("Bike repair 101", "guide"),
        ("Gears explained", "guide"),
        ("Announcing our repair van", "news"),
        ("We launched a repair van", "news"),
        ("Worth it?", "question"),
        # The first form in the list wins.
        ("How to choose: e-bike vs bike", "comparison"),
        ("Top 5 guide to gears", "list"),
        ("How to read the news", "how-to"),
    ],
)
def test_headline_forms_a_writer_uses_are_recognised(text: str, kind: str) -> None:
    assert detect_type(text) == kind
    assert score_headline(text).headline_type == kind


@pytest.mark.parametrize(
    ("text", "points"),
    [("How to fix a flat tyre", 15), ("Winter cycling tips", 5), ("Winter cycling", 0)],
)
def test_a_recognised_form_scores_more_than_a_statement(text: str, points: float) -> None:
    assert score_headline(text).parts["type"] == points


def test_a_digit_is_worth_ten_points_and_a_spelled_out_number_nothing() -> None:
    digit, words = score_headline("7 winter rides"), score_headline("Seven winter rides")
    assert (digit.has_number, digit.parts["number"]) == (True, 10)
    assert (words.has_number, words.parts["number"]) == (False, 0)
    assert NUMBER not in digit.tips and NUMBER in words.tips


@pytest.mark.parametrize(
    ("characters", "points"),
    [
        (14, 0),
        (15, 6),
        (29, 6),
        (30, 12),
        (39, 12),
        (40, 20),
        (70, 20),
        (71, 12),
        (90, 12),
        (91, 6),
        (120, 6),
        (121, 0),
    ],
)
def test_length_bands(characters: int, points: int) -> None:
    result = score_headline("x" * characters)
    assert result.characters == characters
    assert result.parts["length"] == points


@pytest.mark.parametrize(
    ("characters", "tip", "no_tip"),
    [(39, SAY_MORE, CUT), (40, None, SAY_MORE), (70, None, CUT), (71, CUT, SAY_MORE)],
)
def test_the_length_tip_comes_first_outside_40_to_70_characters(characters, tip, no_tip) -> None:
    tips = score_headline("x" * characters).tips
    if tip is None:
        assert SAY_MORE not in tips and CUT not in tips
    else:
        assert tips[0] == tip
    assert no_tip not in tips


@pytest.mark.parametrize(
    ("words", "points"),
    [(2, 0), (3, 2), (4, 6), (5, 6), (6, 10), (12, 10), (13, 6), (16, 6), (17, 2)],
)
def test_word_count_bands(words: int, points: int) -> None:
    result = score_headline(" ".join(["ride"] * words))
    assert result.words == words
    assert result.parts["words"] == points


@pytest.mark.parametrize(
    ("text", "power", "emotional"),
    [
        ("Winter rides", 0, 0),
        ("Proven winter rides", 7.5, 0),
        ("Proven proven winter rides", 7.5, 0),
        ("Proven essential winter rides", 15, 0),
        ("Proven essential ultimate winter rides", 15, 0),
        ("Surprising winter rides", 0, 5),
        ("Surprising winter mistakes", 0, 10),
        ("Surprising scary winter mistakes", 0, 10),
    ],
)
def test_power_and_feeling_words_count_up_to_two_each(text, power, emotional) -> None:
    parts = score_headline(text).parts
    assert (parts["power words"], parts["emotional words"]) == (power, emotional)


def test_at_most_three_tips_most_important_first() -> None:
    assert score_headline("Winter cycling").tips == (SAY_MORE, FORM, NUMBER)
    assert score_headline("How to ride through a long winter in 7 steps").tips == (
        POWER,
        FEELING,
    )


@pytest.mark.parametrize(
    ("text", "readability"),
    [
        ("7 proven surprising maintenance considerations explained", 0),  # 8.5 letters a word
        ("Seven proven and surprising bicycle maintenance habits explained 7", 5),  # 6.4
    ],
)
def test_a_headline_of_long_words_is_told_to_use_shorter_ones(text: str, readability) -> None:
    result = score_headline(text)
    assert result.parts["readability"] == readability
    assert result.tips == (SHORTER,)


def test_a_headline_mostly_of_small_words_is_told_to_swap_some() -> None:
    result = score_headline("How to win when it is not easy and you fail at it: 7 ways")
    assert result.common_share > 0.6
    assert result.parts["word balance"] == 5
    assert result.tips == (SWAP,)


@pytest.mark.parametrize(
    "text", ["What we learned this winter", "Why winter cycling works", "Is it worth it"]
)
def test_a_question_word_without_a_question_mark_is_a_statement(text: str) -> None:
    assert detect_type(text) == "statement"
    assert FORM in score_headline(text).tips


@pytest.mark.parametrize(
    ("common", "points"), [(0, 0), (1, 5), (2, 10), (4, 10), (6, 10), (7, 5), (8, 0), (10, 0)]
)
def test_word_balance_bands_by_the_share_of_small_words(common: int, points: int) -> None:
    result = score_headline(" ".join(["the"] * common + ["ride"] * (10 - common)))
    assert result.common_share == common / 10
    assert result.parts["word balance"] == points


@pytest.mark.parametrize(("text", "points"), [("the ride", 0), ("the ride ride", 10)])
def test_word_balance_needs_three_words(text: str, points: int) -> None:
    assert score_headline(text).parts["word balance"] == points


def test_shares_and_averages_are_shown_rounded() -> None:
    result = score_headline("the ride ride")
    assert (result.common_share, result.average_word_length) == (0.33, 3.7)


@pytest.mark.parametrize("text", ["", "   ", "!!! ?"])
def test_a_headline_without_words_has_no_shares_or_averages(text: str) -> None:
    result = score_headline(text)
    assert (result.words, result.common_share, result.average_word_length) == (0, 0.0, 0.0)
    assert (result.parts["word balance"], result.parts["readability"]) == (0, 0)


def test_the_feeling_words_found_are_listed_once_each_in_order() -> None:
    result = score_headline("Surprising mistakes, surprising fixes")
    assert result.emotional_words == ("surprising", "mistakes")


@pytest.mark.parametrize(
    ("text", "points"),
    [
        ("cycles", 10),  # 6 letters a word
        ("Overengineered is not a fix", 10),  # a 14-letter word
        ("Overengineering is not a fix", 5),  # a 15-letter word
        ("cyclists commute", 5),  # 7.5 letters a word
        ("cyclists commutes", 0),  # 8 letters a word
    ],
)
def test_readability_bands_by_word_length(text: str, points: float) -> None:
    assert score_headline(text).parts["readability"] == points


def test_a_headline_of_exactly_six_letters_a_word_needs_no_shorter_words() -> None:
    result = score_headline("How to master 7 surprising wintertime commuting streets")
    assert result.average_word_length == 6.0
    assert result.parts["readability"] == 10
    assert result.tips == ()


def test_a_headline_of_exactly_60_percent_small_words_needs_no_swap() -> None:
    result = score_headline("How to win at it when you fail: 7 mistakes")
    assert result.common_share == 0.6
    assert result.parts["word balance"] == 10
    assert result.tips == ()
