"""Addresses and tracking values: the limits and spellings a user would notice."""

from __future__ import annotations

import pytest

from calendar_app.domain.errors import FieldError
from calendar_app.domain.tracking import (
    normalise_utm,
    optional_http_url,
    require_http_url,
    tracked_link,
)

TRACKING = {"source": "linkedin", "medium": "social", "campaign": "winter", "content": "abc123"}
ALL_OURS = "utm_source=linkedin&utm_medium=social&utm_campaign=winter&utm_content=abc123"


def padded_to(length: int) -> str:
    start = "https://acme.example/"
    return start + "a" * (length - len(start))


def test_a_plain_http_destination_is_accepted_and_tracked() -> None:
    assert require_http_url(" http://acme.example/shop ") == "http://acme.example/shop"
    link = tracked_link("http://acme.example/shop", **TRACKING)
    assert link.url == f"http://acme.example/shop?{ALL_OURS}"


def test_an_address_of_exactly_2000_characters_is_accepted() -> None:
    address = padded_to(2000)
    assert require_http_url(address) == address


def test_an_address_of_2001_characters_is_refused() -> None:
    with pytest.raises(ValueError, match="longer than 2000 characters"):
        require_http_url(padded_to(2001))


@pytest.mark.parametrize("address", ["https://acme.example/wow!", "https://acme.example/~ann"])
def test_visible_punctuation_at_the_ends_of_ascii_is_allowed(address: str) -> None:
    assert require_http_url(address) == address


@pytest.mark.parametrize("address", ["https://acme.example/\x7f", "https://acme.example/a\x1fb"])
def test_the_delete_character_and_other_controls_are_refused(address: str) -> None:
    with pytest.raises(ValueError, match="spaces or control characters"):
        require_http_url(address)


def test_an_upper_case_utm_parameter_in_the_destination_counts_as_already_there() -> None:
    link = tracked_link("https://acme.example/?UTM_SOURCE=newsletter", **TRACKING)
    assert link.kept == {"utm_source": "newsletter"}
    assert link.url == (
        "https://acme.example/?UTM_SOURCE=newsletter"
        "&utm_medium=social&utm_campaign=winter&utm_content=abc123"
    )


def test_a_blank_utm_parameter_in_the_destination_is_kept_as_it_is() -> None:
    link = tracked_link("https://acme.example/?utm_source=&id=7", **TRACKING)
    assert link.kept == {"utm_source": ""}
    assert link.url == (
        "https://acme.example/?utm_source=&id=7"
        "&utm_medium=social&utm_campaign=winter&utm_content=abc123"
    )


def test_a_value_cut_at_100_characters_never_ends_in_a_hyphen() -> None:
    assert normalise_utm("a" * 99 + " bcd") == "a" * 99
    assert normalise_utm("a" * 98 + " bcd") == "a" * 98 + "-b"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Łódź", "lodz"),
        ("Œuvre", "oeuvre"),
        ("Đakovo", "dakovo"),
        ("Þingvellir", "thingvellir"),
        ("Garðabær", "gardabaer"),
        ("Iğdır", "igdir"),
    ],
)
def test_letters_unicode_does_not_decompose_are_spelled_out(value: str, expected: str) -> None:
    assert normalise_utm(value) == expected


def test_an_optional_address_may_be_blank() -> None:
    assert optional_http_url(None, "target_url") == ""
    assert optional_http_url("   ", "target_url") == ""


def test_an_optional_address_is_checked_and_stripped_when_given() -> None:
    assert optional_http_url(" https://acme.example/ ", "target_url") == "https://acme.example/"


def test_a_bad_optional_address_names_its_field() -> None:
    with pytest.raises(FieldError) as caught:
        optional_http_url("javascript:alert(1)", "target_url")
    assert caught.value.field == "target_url"
    assert caught.value.message == "Only absolute http:// or https:// addresses are accepted."


@pytest.mark.parametrize("field", ["source", "medium", "campaign", "content", "term"])
def test_a_tracking_value_that_reduces_to_nothing_is_named_in_the_error(field: str) -> None:
    with pytest.raises(ValueError, match=f"^utm_{field} is empty once reduced"):
        tracked_link("https://acme.example/", **{**TRACKING, field: "!!!"})


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("", "The address is empty."),
        ("   ", "The address is empty."),
        ("https://acme.example/a b", "The address contains spaces or control characters."),
        ("https://acme.example/\x7f", "The address contains spaces or control characters."),
        ("mailto:team@acme.example", "Only absolute http:// or https:// addresses are accepted."),
        ("https:///path-only", "The address has no host name."),
        ("http://:80/", "The address has no host name."),
        (padded_to(2001), "The address is longer than 2000 characters."),
    ],
)
def test_a_refused_address_says_exactly_why(address: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        require_http_url(address)
    assert str(caught.value) == message


def test_a_value_that_reduces_to_nothing_is_called_a_value_when_no_field_is_named() -> None:
    with pytest.raises(ValueError) as caught:
        normalise_utm("¿¡!")
    assert str(caught.value) == "value is empty once reduced to a-z, 0-9, '.', '_' and '-'."
