"""A post's copy: its link placeholder, hashtags, limits and where the network cuts it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendar_app.domain.copy_text import (
    MAX_TAGS_PER_SET,
    PLACEHOLDER,
    check_copy,
    copy_fields,
    cut_at,
    hashtags_in,
    parse_tags,
    post_copy,
    preview,
    with_link,
)
from calendar_app.domain.networks import LINK_WEIGHT, NETWORKS, count

X, INSTAGRAM, PINTEREST, BLOG = (NETWORKS[k] for k in ("x", "instagram", "pinterest", "blog"))
URL = "https://acme.example/?utm_source=x&utm_content=abc"
no_placeholder = st.text(max_size=80).filter(lambda t: PLACEHOLDER not in t)


def test_every_placeholder_becomes_the_link() -> None:
    assert with_link("Read {link} – again: {link}", URL) == f"Read {URL} – again: {URL}"


def test_without_a_placeholder_the_link_goes_on_its_own_last_line() -> None:
    assert with_link("New tyres are in.\n\n", URL) == f"New tyres are in.\n{URL}"
    assert with_link("", URL) == URL
    assert with_link("No link yet {link}", "") == "No link yet "


@given(no_placeholder, no_placeholder)
def test_the_link_appears_once_per_placeholder_and_the_words_stay(before: str, after: str) -> None:
    url = "https://acme.example/p"
    assert with_link(f"{before}{PLACEHOLDER}{after}", url) == f"{before}{url}{after}"
    appended = with_link(before, url)
    assert appended.endswith(url) and appended.startswith(before.rstrip())


def test_post_copy_puts_a_title_first() -> None:
    assert post_copy("Winter tyres", "Which to buy", URL) == f"Winter tyres\n\nWhich to buy\n{URL}"
    assert post_copy("", "Hi {link}", URL) == f"Hi {URL}"
    assert post_copy("Title only", "", "") == "Title only"


def test_the_parts_follow_the_kind_of_item() -> None:
    assert list(copy_fields(X, "post")) == ["body"]
    assert list(copy_fields(BLOG, "post")) == ["title", "body", "outline"]
    assert list(copy_fields(NETWORKS["youtube"], "video")) == ["title", "body"]
    assert list(copy_fields(INSTAGRAM, "video")) == ["title", "body"]


def test_hashtags_are_found_where_they_start_a_word() -> None:
    assert hashtags_in("#bikes and #winter_2026, not a#b or ##x; #über") == [
        "#bikes", "#winter_2026", "#über",
    ]  # fmt: skip


def test_a_hashtag_set_is_read_with_or_without_hash_and_repeats_once() -> None:
    assert parse_tags("#bikes, repair\n#winter_riding,, #bikes") == (
        "#bikes", "#repair", "#winter_riding",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("typed", "message"),
    [("#summer sale", "no spaces"), ("#bikes, #e-bikes", "not a hashtag"), ("", "at least one"),
     (" , ", "at least one"), ("#" + "a" * 100, "100 characters"), ("##bikes", "not a hashtag")],
)  # fmt: skip
def test_a_bad_hashtag_set_is_refused_with_the_reason(typed: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_tags(typed)


def test_a_set_holds_thirty_hashtags_not_more() -> None:
    tags = [f"#t{n}" for n in range(MAX_TAGS_PER_SET + 1)]
    assert len(parse_tags(", ".join(tags[:-1]))) == MAX_TAGS_PER_SET
    with pytest.raises(ValueError, match="at most 30 hashtags, not 31"):
        parse_tags(", ".join(tags))


@given(st.lists(st.from_regex(r"#?[A-Za-z0-9_]{1,20}", fullmatch=True), min_size=1, max_size=30))
def test_a_parsed_set_reads_back_the_same(tags: list[str]) -> None:
    parsed = parse_tags(", ".join(tags))
    assert parse_tags(" , ".join(parsed)) == parsed
    assert hashtags_in(" ".join(parsed)) == list(parsed)


@given(st.text(max_size=400), st.integers(min_value=1, max_value=300))
def test_the_cut_point_is_the_longest_start_that_fits(text: str, limit: int) -> None:
    point = cut_at(text, X, limit)
    assert count(text[:point], X) <= limit
    assert point == len(text) or count(text[: point + 1], X) > limit


def test_preview_marks_hashtags_and_the_part_cut_off() -> None:
    text = "Ride #winter\n" + "x" * 300
    pieces = preview(text, X, 280)
    assert pieces[:3] == [("text", "Ride "), ("tag", "#winter"), ("text", "\n" + "x" * 267)]
    assert pieces[-1] == ("cut", "x" * 33)
    assert preview("All fits #ok", X, 280) == [("text", "All fits "), ("tag", "#ok")]


def test_copy_over_a_refusing_network_s_limit_is_a_problem() -> None:
    checked = check_copy({"body": "x" * 258}, X, 280, URL)  # 258 + line break + 23 = 282
    assert checked.problems == {"body": "282 characters: X/Twitter allows 280; shorten it by 2."}
    assert check_copy({"body": "x" * 256}, X, 280, URL).problems == {}


def test_copy_over_a_truncating_network_s_limit_is_a_warning_only() -> None:
    checked = check_copy({"title": "", "body": "x" * 501}, PINTEREST, 500, "")
    assert checked.problems == {}
    assert checked.warnings == ["501 characters: Pinterest allows 500 and cuts the rest off."]
    assert check_copy({"title": "", "body": "x" * 500}, PINTEREST, 500, "").warnings == []


def test_instagram_takes_thirty_hashtags() -> None:
    thirty = " ".join(f"#t{n}" for n in range(30))
    assert check_copy({"body": thirty}, INSTAGRAM, 2200, "").problems == {}
    checked = check_copy({"body": thirty + " #one_more"}, INSTAGRAM, 2200, "")
    assert checked.problems == {"body": "Instagram takes at most 30 hashtags; this has 31."}


def test_a_video_title_keeps_to_youtube_s_100() -> None:
    youtube = NETWORKS["youtube"]
    assert check_copy({"title": "t" * 100, "body": ""}, youtube, 5000, "").problems == {}
    assert "title" in check_copy({"title": "t" * 101, "body": ""}, youtube, 5000, "").problems


def test_a_part_longer_than_stored_is_refused_even_without_a_limit() -> None:
    assert check_copy({"title": "t" * 301, "body": "", "outline": ""}, BLOG, None, "").problems == {
        "title": "Keep it to 300 characters."
    }
    assert check_copy({"title": "t" * 300, "body": "b" * 5000}, BLOG, None, URL).problems == {}
    assert count(with_link("", URL), X) == LINK_WEIGHT
