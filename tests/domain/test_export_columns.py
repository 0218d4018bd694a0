"""Which analytics export a header row is, and which rows are only totals."""

from __future__ import annotations

import pytest

from calendar_app.domain.export_columns import is_total, recognise

UNKNOWN = (
    "Unknown columns: expected a GA4 export (Session source / medium, Sessions…), "
    "a Plausible export (utm_source, visits…) or date, utm_source, utm_medium, "
    "utm_campaign, utm_content, visits, leads, customers, revenue."
)


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        (["date", "utm_source", "visits", "leads", "customers", "revenue"], "simple"),
        (["date", "utm_source", "visits", "leads"], "plausible"),
        (["session source / medium", "sessions"], "ga4"),
        (["session source", "session medium", "sessions"], "ga4"),
    ],
)
def test_each_kind_of_export_is_recognised_by_its_header(header: list[str], kind: str) -> None:
    assert recognise(header)[0] == kind


@pytest.mark.parametrize(
    "header",
    [
        ["date", "visits", "leads", "customers", "revenue"],  # no source
        ["date", "sessions", "key events"],  # no source
        ["date", "utm_source", "leads"],  # no visits
        ["visits"],
        ["whatever"],
    ],
)
def test_a_header_without_a_source_and_visits_is_refused_listing_what_is_expected(
    header: list[str],
) -> None:
    with pytest.raises(ValueError) as caught:
        recognise(header)
    assert str(caught.value) == UNKNOWN


@pytest.mark.parametrize(
    ("values", "total"),
    [
        (["Total", "9"], True),
        ([" grand TOTAL ", "9"], True),
        (["totals"], True),
        (["linkedin / social", "Total"], False),
        (["Totally bikes"], False),
        ([""], False),
        ([], False),
    ],
)
def test_only_a_row_starting_with_total_is_a_totals_row(values: list[str], total: bool) -> None:
    assert is_total(values) is total
