"""Tracked links: one normalisation, destinations kept intact, only http(s)."""

from __future__ import annotations

import pytest

from calendar_app.domain.tracking import normalise_utm, require_http_url, tracked_link


def link(destination: str, **kw):
    values = {"source": "linkedin", "medium": "social", "campaign": "winter", "content": "abc123"}
    values.update(kw)
    return tracked_link(destination, **values)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Café Crème", "cafe-creme"),
        ("  Winter   Sale 2026! ", "winter-sale-2026"),
        ("LinkedIn_Company.Page", "linkedin_company.page"),
        ("Ærø über straße", "aero-uber-strasse"),
        ("a--b---c", "a-b-c"),
        ("x" * 150, "x" * 100),
    ],
)
def test_utm_values_are_normalised_one_way(value: str, expected: str) -> None:
    assert normalise_utm(value) == expected


@pytest.mark.parametrize("value", ["", "   ", "!!!", "日本語"])
def test_a_value_empty_after_normalising_is_an_error(value: str) -> None:
    with pytest.raises(ValueError, match="utm_campaign is empty"):
        normalise_utm(value, "utm_campaign")


def test_a_plain_destination_gets_all_tracking_parameters() -> None:
    result = link("https://acme.example/", campaign="Winter Cycling", term="E-Bikes")
    assert result.url == (
        "https://acme.example/?utm_source=linkedin&utm_medium=social&utm_campaign=winter-cycling"
        "&utm_content=abc123&utm_term=e-bikes"
    )
    assert result.kept == {}


def test_the_destination_query_and_fragment_are_kept() -> None:
    result = link("https://acme.example/shop?id=7&q=a+b%20c#reviews")
    assert result.url == (
        "https://acme.example/shop?id=7&q=a+b%20c&utm_source=linkedin&utm_medium=social"
        "&utm_campaign=winter&utm_content=abc123#reviews"
    )


def test_utm_values_already_in_the_destination_are_kept_and_reported() -> None:
    result = link("https://acme.example/?utm_source=newsletter&utm_campaign=spring")
    assert result.kept == {"utm_source": "newsletter", "utm_campaign": "spring"}
    assert result.url == (
        "https://acme.example/?utm_source=newsletter&utm_campaign=spring"
        "&utm_medium=social&utm_content=abc123"
    )


def test_an_internationalised_host_is_accepted() -> None:
    result = link("https://bücher.example/straße")
    assert result.url == (
        "https://bücher.example/straße?utm_source=linkedin&utm_medium=social"
        "&utm_campaign=winter&utm_content=abc123"
    )


@pytest.mark.parametrize(
    "destination",
    [
        "javascript:alert(1)",
        "ftp://acme.example/",
        "/relative/path",
        "acme.example",
        "https://",
        "mailto:a@b.c",
        "https://acme.example/a b",
        "data:text/html,<script>",
    ],
)
def test_only_absolute_http_destinations_are_accepted(destination: str) -> None:
    with pytest.raises(ValueError):
        require_http_url(destination)
    with pytest.raises(ValueError):
        link(destination)
