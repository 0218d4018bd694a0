"""Channel addresses (slugs) and the medium a channel gets by default."""

from __future__ import annotations

import pytest

from calendar_app.domain.channel_kinds import check_slug, default_medium


@pytest.mark.parametrize("slug", ["blog", "linkedin-company", "a", "x2", "a" * 60])
def test_lowercase_words_joined_by_single_hyphens_are_slugs(slug: str) -> None:
    assert check_slug(slug) == slug


@pytest.mark.parametrize(
    "slug",
    ["", "Blog", "blog\n", "\nblog", "blog post", "-blog", "blog-", "a--b", "blög", "a" * 61],
)
def test_anything_else_is_refused_with_the_rule(slug: str) -> None:
    with pytest.raises(ValueError, match="lowercase letters, digits and single hyphens"):
        check_slug(slug)


def test_known_channels_get_their_medium_and_others_are_social() -> None:
    assert default_medium("newsletter") != "social"
    assert default_medium("my-new-network") == "social"


def test_the_personal_feeds_name_is_not_a_slug_but_a_longer_one_is() -> None:
    with pytest.raises(ValueError, match="personal feed"):
        check_slug("mine")
    assert check_slug("mine-craft") == "mine-craft"
