"""A channel's name and fields as a form or the API sends them: checked the same way."""

from __future__ import annotations

import pytest

from calendar_app.domain.channel_fields import ChannelError, channel_fields, channel_name


@pytest.mark.parametrize("bad", ["", "   ", "x" * 81, "Blog\nNews", "Blog\x00"])
def test_a_missing_long_or_broken_name_is_refused_naming_the_name(bad) -> None:
    with pytest.raises(ChannelError) as refused:
        channel_name(bad)
    assert refused.value.field == "name"
    with pytest.raises(ChannelError):
        channel_fields({"name": bad, "slug": "blog"})


def test_a_name_is_kept_without_its_outer_spaces() -> None:
    assert channel_name("  Bike Blog ") == "Bike Blog"
    assert channel_name("x" * 80) == "x" * 80
    fields = channel_fields({"name": " Bike Blog "})
    assert fields["name"] == "Bike Blog" and fields["slug"] == "bike-blog"
    assert (fields["utm_source"], fields["utm_medium"]) == ("bike-blog", "social")
