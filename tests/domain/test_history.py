"""What the history records and how it shows a change (pure rules, no fixtures)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from hypothesis import given
from hypothesis import strategies as st

from calendar_app.domain.history import (
    MAX_KEPT,
    change_of,
    field_label,
    record_problems,
    recorded_fields,
    shown,
    shown_change,
)

words = st.lists(st.text(alphabet="abc<>&é", min_size=1, max_size=5), max_size=8)


def test_values_show_as_people_read_them() -> None:
    instant = datetime(2026, 11, 24, 11, 0, tzinfo=UTC)
    assert shown("starts_at", instant, "Europe/Berlin") == "Tue 24 Nov 2026 12:00"
    assert shown("starts_at", instant, "America/New_York") == "Tue 24 Nov 2026 06:00"
    assert shown("status", "in_review", "UTC") == "In review"
    assert shown("activity", "post", "UTC") != "post"
    assert shown("assignee_id", 3, "UTC", {3: "ana@example.com"}) == "ana@example.com"
    assert shown("assignee_id", 4, "UTC", {}) == "#4"
    assert shown("paused", True, "UTC") == "yes" and shown("paused", False, "UTC") == "no"
    assert shown("starts_on", date(2026, 12, 1), "UTC") == "Tue 01 Dec 2026"
    assert shown("time_of_day", time(9, 5), "UTC") == "09:05"
    assert shown("notes", None, "UTC") == "" and shown("notes", "", "UTC") == ""
    assert len(shown("copy_body", "x" * (MAX_KEPT + 5), "UTC")) == MAX_KEPT


def test_only_fields_a_person_cares_about_are_recorded() -> None:
    assert {"status", "assignee_id", "starts_at", "copy_body"} <= set(recorded_fields("item"))
    assert not {"version", "sequence", "touched_at", "ical_text"} & set(recorded_fields("item"))
    assert "time_of_day" in recorded_fields("rule") and "name" in recorded_fields("channel")
    assert recorded_fields("invoice") == ()
    assert field_label("item", "status") == "Status"
    assert field_label("workspace", "restored") == "Restored from a backup"
    assert field_label("item", "unknown") == "unknown"


@given(st.text(max_size=30))
def test_the_same_value_is_no_change(value: str) -> None:
    assert change_of("status", value, value) is None
    assert change_of("copy_body", value, value) is None


@given(words)
def test_whitespace_alone_is_no_change_of_a_long_text_but_is_of_a_short_one(parts) -> None:
    spaced, tight = "  ".join(parts), " ".join(parts)
    assert change_of("notes", spaced, tight) is None
    if spaced != tight:
        assert change_of("name", spaced, tight) is not None


@given(words, words)
def test_a_long_texts_diff_rebuilds_both_texts(before, after) -> None:
    change = shown_change("item", "copy_body", " ".join(before), " ".join(after))
    assert change.diff is not None and not change.event
    old = [part.words for part in change.diff if part.kind != "added"]
    new = [part.words for part in change.diff if part.kind != "removed"]
    assert " ".join(old).split() == before
    assert " ".join(new).split() == after


def test_short_fields_show_before_and_after_and_events_their_value() -> None:
    status = shown_change("item", "status", "Draft", "In review")
    assert (status.label, status.before, status.after, status.diff) == (
        "Status",
        "Draft",
        "In review",
        None,
    )
    made = shown_change("channel", "created", "", "Blog")
    assert made.event and made.after == "Blog"


def test_a_backup_row_is_checked_on_both_sides() -> None:
    good = {"kind": "item", "field": "status", "before": "Draft", "after": "Done"}
    assert record_problems(good) == {}
    assert record_problems({**good, "kind": "workspace", "field": "restored"}) == {}
    assert record_problems({**good, "after": "x" * MAX_KEPT}) == {}
    assert "after" in record_problems({**good, "after": "x" * (MAX_KEPT + 1)})
    assert "kind" in record_problems({**good, "kind": "invoice"})
    assert "field" in record_problems({**good, "field": "password_hash"})
    assert "field" in record_problems({**good, "kind": "rule", "field": "status"})
