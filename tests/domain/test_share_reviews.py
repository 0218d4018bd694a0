"""A viewer's review through a share link: which items, their name, their decision and note."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendar_app.domain.share_reviews import (
    MAX_VIEWER_NAME,
    ReviewError,
    approved_through,
    check_decision,
    check_viewer_name,
    may_review,
)
from calendar_app.domain.shares import MAX_LABEL
from calendar_app.domain.workflow import MAX_REVIEW_NOTE, POST_STATUSES, TASK_STATUSES


@pytest.mark.parametrize("activity", ["post", "video"])
def test_only_a_post_or_video_in_review_may_be_reviewed(activity) -> None:
    assert may_review(activity, "in_review")
    for status in POST_STATUSES:
        if status != "in_review":
            assert not may_review(activity, status)


@pytest.mark.parametrize("activity", ["reply_time", "listening", "routine"])
def test_a_task_is_never_reviewed(activity) -> None:
    for status in (*TASK_STATUSES, "in_review"):
        assert not may_review(activity, status)


def test_a_name_is_kept_without_its_surrounding_spaces_up_to_80_characters() -> None:
    assert check_viewer_name("  Ana Client ") == "Ana Client"
    assert check_viewer_name("x" * MAX_VIEWER_NAME) == "x" * MAX_VIEWER_NAME
    assert check_viewer_name("Zoë O’Brien") == "Zoë O’Brien"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Type your name"),
        ("  \t ", "Type your name"),
        ("x" * 81, "81 characters; at most 80"),
        ("Ana\nClient", "single line"),
        ("Ana\x00", "single line"),
    ],
)
def test_a_name_missing_too_long_or_on_two_lines_is_refused(name, message) -> None:
    with pytest.raises(ReviewError, match=message) as caught:
        check_viewer_name(name)
    assert caught.value.field == "name"


@given(st.text(min_size=1, max_size=MAX_VIEWER_NAME + 20))
def test_a_name_is_either_taken_clean_or_refused_with_a_reason(name) -> None:
    try:
        kept = check_viewer_name(name)
    except ReviewError as exc:
        assert exc.field == "name" and exc.message
    else:
        assert kept == kept.strip() and 1 <= len(kept) <= MAX_VIEWER_NAME
        assert check_viewer_name(kept) == kept  # taking it again changes nothing


def test_approving_needs_no_note_and_asking_for_changes_needs_one() -> None:
    assert check_decision("approve", "") == ("approved", "")
    assert check_decision("changes", "  Shorter title ") == ("draft", "Shorter title")
    assert check_decision("changes", "n" * MAX_REVIEW_NOTE) == ("draft", "n" * MAX_REVIEW_NOTE)
    with pytest.raises(ReviewError, match="Say what should change") as caught:
        check_decision("changes", " \n ")
    assert caught.value.field == "note"


def test_a_note_over_2000_characters_or_an_unknown_decision_is_refused() -> None:
    with pytest.raises(ReviewError, match="2,001 characters; at most 2,000"):
        check_decision("changes", "n" * (MAX_REVIEW_NOTE + 1))
    with pytest.raises(ReviewError, match="2,001 characters"):
        check_decision("approve", "n" * (MAX_REVIEW_NOTE + 1))
    for decision in ("", "approved", "publish", "APPROVE"):
        with pytest.raises(ReviewError, match="Approve the post or ask for changes"):
            check_decision(decision, "note")


@given(
    st.text(min_size=1, max_size=MAX_VIEWER_NAME).filter(str.strip),
    st.text(min_size=1, max_size=MAX_LABEL).filter(str.strip),
)
def test_the_record_of_an_approval_names_the_viewer_and_the_link_and_fits(name, label) -> None:
    words = approved_through(name, label)
    assert words.startswith(name) and f"(through share link “{label}”)" in words
    assert len(words) <= 240  # the column's size
