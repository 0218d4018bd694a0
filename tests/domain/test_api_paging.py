"""The API's cursors and ETags: round trips, and anything else refused with the field named."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendar_app.domain.api_paging import (
    decode_cursor,
    digest_version,
    encode_cursor,
    etag,
    version_in,
)
from calendar_app.domain.errors import FieldError

moments = st.datetimes(
    min_value=datetime(1970, 1, 1), max_value=datetime(2999, 12, 31), timezones=st.just(UTC)
)
ids = st.integers(min_value=1, max_value=2**31 - 1)


@given(st.none() | moments, ids)
def test_a_cursor_gives_back_the_key_it_was_made_from(moment, row_id) -> None:
    assert decode_cursor(encode_cursor(moment, row_id)) == (moment, row_id)


@given(st.text(max_size=60))
def test_any_other_text_is_refused_as_a_cursor_or_read_as_one(text) -> None:
    try:
        moment, row_id = decode_cursor(text)
    except FieldError as error:
        assert error.field == "cursor"
    else:
        assert isinstance(row_id, int) and (moment is None or moment.tzinfo is not None)


@pytest.mark.parametrize("bad", ["", "!!", "WzEsMl0", encode_cursor(None, 1)[:-2], "bnVsbA"])
def test_broken_cursors_are_refused(bad) -> None:
    with pytest.raises(FieldError, match="next_cursor"):
        decode_cursor(bad)


def test_a_cursor_with_a_naive_moment_is_refused() -> None:
    import base64

    naive = base64.urlsafe_b64encode(b'["2026-11-23T09:00:00", 1]').decode()
    with pytest.raises(FieldError):
        decode_cursor(naive)


@given(ids, st.integers(min_value=1, max_value=10**9))
def test_if_match_reads_back_the_version_of_an_etag(row_id, version) -> None:
    tag = etag("item", row_id, version)
    assert version_in(tag, "item", row_id) == version
    assert version_in(f'"other", W/{tag}', "item", row_id) == version


def test_if_match_naming_another_resource_or_nothing_gives_no_version() -> None:
    assert version_in(None, "item", 1) is None
    assert version_in('"item-2-v3"', "item", 1) is None
    assert version_in('"idea-1-v3"', "item", 1) is None
    assert version_in('"item-1-vx"', "item", 1) is None


fields_of_a_row = st.dictionaries(
    st.sampled_from(["headline", "notes", "status", "purpose"]), st.text(max_size=20) | st.none()
)


@given(fields_of_a_row)
def test_a_digest_version_reads_back_from_its_etag_and_ignores_field_order(public) -> None:
    version = digest_version(public)
    assert digest_version(dict(reversed(list(public.items())))) == version
    assert version_in(etag("idea", 7, version), "idea", 7) == version


@given(fields_of_a_row, st.text(min_size=1, max_size=20))
def test_a_digest_version_changes_with_any_field(public, other) -> None:
    changed = {**public, "notes": (public.get("notes") or "") + other}
    assert digest_version(changed) != digest_version(public)


@given(st.dictionaries(st.text(max_size=8), st.text(max_size=20) | st.integers(), max_size=6))
def test_a_digest_version_is_the_same_for_the_same_fields_and_reads_back(public) -> None:
    version = digest_version(public)
    assert version == digest_version(dict(reversed(list(public.items()))))
    assert version_in(etag("channel", 3, version), "channel", 3) == version


@given(st.dictionaries(st.text(max_size=8), st.text(max_size=20), min_size=1, max_size=6))
def test_a_changed_field_gives_another_digest_version(public) -> None:
    key = next(iter(public))
    assert digest_version({**public, key: public[key] + "!"}) != digest_version(public)
