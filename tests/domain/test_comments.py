"""Comments: what they may say, whom they mention, who may change them, and how they show."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendar_app.domain.comments import (
    MAX_COMMENT_LENGTH,
    CommentError,
    check_body,
    comment_html,
    handle,
    may_comment,
    may_delete,
    may_edit,
    mentioned,
    parts,
)

TEAM = ("ana", "bob.smith", "li")
WRITTEN = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
# The only markup a comment becomes: links and marked mentions.
OWN_TAGS = re.compile(r'<a href="[^"<>]*" rel="nofollow noopener noreferrer">|</a>|'
                      r'<strong class="mention">|</strong>')  # fmt: skip


def test_a_comment_is_trimmed_and_refused_when_empty_or_over_10000_characters() -> None:
    assert check_body("  Looks good\r\nto me  ") == "Looks good\nto me"
    assert check_body("x" * MAX_COMMENT_LENGTH) == "x" * MAX_COMMENT_LENGTH
    with pytest.raises(CommentError, match="at most 10,000 characters; this one has 10,001"):
        check_body("x" * (MAX_COMMENT_LENGTH + 1))
    for empty in ("", "   ", "\n\t", "\x00\x07"):
        with pytest.raises(CommentError, match="Write something"):
            check_body(empty)


def test_mentions_match_members_only_once_each_and_never_inside_an_address() -> None:
    assert handle("Ana.Lima@shop.example") == "ana.lima"
    text = "@Ana and @bob.smith. Also @ana, @zoe, mail li@shop.example or x@li"
    assert mentioned(text, TEAM) == ("ana", "bob.smith")
    assert mentioned("(@li)", TEAM) == ("li",)
    assert mentioned("@lily", TEAM) == ()
    assert mentioned("no one", TEAM) == ()


def test_links_are_http_and_https_only_and_leave_the_final_punctuation_out() -> None:
    found = [p for p in parts("See https://a.example/x?y=1. Or (http://b.example)!", TEAM)
             if p.kind == "link"]  # fmt: skip
    assert [p.text for p in found] == ["https://a.example/x?y=1", "http://b.example"]
    for plain in ("javascript:alert(1)", "ftp://a.example", "data:text/html,<b>", "https://"):
        assert all(p.kind == "text" for p in parts(plain, TEAM)), plain


def test_markup_in_a_comment_is_shown_as_typed() -> None:
    shown = comment_html('<img src=x onerror="alert(1)"> @ana https://a.example/"><b>', TEAM)
    assert shown == (
        "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; "
        '<strong class="mention">@ana</strong> '
        '<a href="https://a.example/" rel="nofollow noopener noreferrer">https://a.example/</a>'
        "&quot;&gt;&lt;b&gt;"
    )


# Text made of any characters and the pieces that make links, mentions and markup.
PIECES = st.lists(
    st.text(max_size=8)
    | st.sampled_from(["@ana", "@li", "https://a.example/", " ", "<", ">", "&", '"', "'", "."])
).map("".join)


@given(PIECES)
def test_any_text_round_trips_and_no_markup_of_its_own_gets_through(text: str) -> None:
    assert "".join(p.text for p in parts(text, TEAM)) == text
    shown = comment_html(text, TEAM)
    assert "<" not in OWN_TAGS.sub("", shown) and ">" not in OWN_TAGS.sub("", shown)
    assert html.unescape(OWN_TAGS.sub("", shown)) == text


def test_authors_edit_and_delete_for_15_minutes_and_the_owner_deletes_any() -> None:
    soon, late = WRITTEN + timedelta(minutes=15), WRITTEN + timedelta(minutes=15, seconds=1)
    assert may_edit(1, 1, WRITTEN, soon) and not may_edit(1, 1, WRITTEN, late)
    assert not may_edit(1, 2, WRITTEN, WRITTEN) and not may_edit(None, 2, WRITTEN, WRITTEN)
    assert may_delete(1, 1, "contributor", WRITTEN, soon)
    assert not may_delete(1, 1, "editor", WRITTEN, late)
    assert not may_delete(1, 2, "editor", WRITTEN, WRITTEN)
    assert may_delete(1, 2, "owner", WRITTEN, late) and may_delete(None, 2, "owner", WRITTEN, late)


def test_everyone_but_a_viewer_comments() -> None:
    assert [may_comment(r) for r in ("owner", "editor", "contributor", "viewer")] == [
        True, True, True, False,
    ]  # fmt: skip
