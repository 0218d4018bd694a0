"""Networks, their limits, and counting a post as each network counts it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendar_app.domain.networks import (
    LINK_WEIGHT,
    MAX_OWN_LIMIT,
    NETWORKS,
    check_network,
    count,
    guess_network,
    limit_of,
    network_of,
)

X, LINKEDIN, MASTODON, OTHER = (NETWORKS[k] for k in ("x", "linkedin", "mastodon", "other"))


def test_the_issue_s_limits() -> None:
    limits = {key: network.limit for key, network in NETWORKS.items()}
    assert limits | {"youtube_title": NETWORKS["youtube"].title_limit} == {
        "x": 280, "bluesky": 300, "threads": 500, "mastodon": 500, "linkedin": 3000,
        "instagram": 2200, "facebook": 63206, "youtube": 5000, "pinterest": 500,
        "blog": None, "newsletter": None, "other": None, "youtube_title": 100,
    }  # fmt: skip
    assert NETWORKS["instagram"].hashtag_limit == 30
    assert not NETWORKS["pinterest"].refuses and NETWORKS["x"].refuses


def test_x_counts_every_link_as_23_and_cjk_and_emoji_as_two() -> None:
    assert count("Read https://acme.example/a/very/long/path?utm_source=x now", X) == (
        len("Read ") + LINK_WEIGHT + len(" now")
    )
    assert count("http://a.b", X) == LINK_WEIGHT
    assert count("日本", X) == 4
    assert count("😀", X) == 2
    assert count("café – “quoted”", X) == len("café – “quoted”")


def test_mastodon_counts_links_as_23_but_every_character_as_one() -> None:
    assert count("日本 https://acme.example/" + "x" * 50, MASTODON) == 3 + LINK_WEIGHT


def test_other_networks_count_code_points_links_included() -> None:
    text = "日本 😀 https://acme.example/long"
    assert count(text, LINKEDIN) == len(text)


@given(st.text(max_size=200))
def test_x_counts_at_least_one_and_at_most_two_per_character_without_links(text: str) -> None:
    if "http" in text.lower():
        return
    assert len(text) <= count(text, X) <= 2 * len(text)


@given(st.text(max_size=60), st.text(max_size=60))
def test_counting_adds_up_when_a_space_separates_the_parts(left: str, right: str) -> None:
    left, right = left.replace("http", ""), right.replace("http", "")
    for network in (X, MASTODON, LINKEDIN):
        assert count(f"{left} {right}", network) == count(left, network) + 1 + count(right, network)


@pytest.mark.parametrize(
    ("slug", "network"),
    [("linkedin-company", "linkedin"), ("twitter", "x"), ("x", "x"), ("ig", "instagram"),
     ("email", "newsletter"), ("blog", "blog"), ("my-shop-youtube", "youtube"), ("forum", "other")],
)  # fmt: skip
def test_a_network_is_guessed_from_the_slug(slug: str, network: str) -> None:
    assert guess_network(slug) == network


def test_an_unknown_network_is_refused_naming_it() -> None:
    with pytest.raises(ValueError, match="'myspace' is not one"):
        check_network("myspace", None)


def test_a_known_network_is_accepted_and_its_own_limit_kept_only_where_it_takes_one() -> None:
    assert check_network("mastodon", "11000") == ("mastodon", 11000)
    assert check_network("mastodon", "") == ("mastodon", None)
    assert check_network("other", 42) == ("other", 42)
    assert check_network("x", "1000") == ("x", None)  # X's limit is X's


@pytest.mark.parametrize("limit", ["0", "-5", "ten", "1.5", str(MAX_OWN_LIMIT + 1), "²"])
def test_an_own_limit_that_is_not_a_whole_number_in_range_is_refused(limit: str) -> None:
    with pytest.raises(ValueError, match="whole number from 1 to"):
        check_network("mastodon", limit)


def test_the_limit_is_the_channel_s_own_else_the_network_s() -> None:
    assert limit_of(MASTODON, 11000) == 11000
    assert limit_of(MASTODON, None) == 500
    assert limit_of(X, 1000) == 280
    assert limit_of(OTHER, None) is None


def test_an_unknown_stored_network_reads_as_other() -> None:
    assert network_of("gone") is OTHER
