"""Comments on items and ideas: what a comment may say, who it mentions, who may change it,
and how its text is shown (pure domain code).

A comment is plain text. ``@name`` mentions a member by their short name (the part of
their address before the ``@``); a name that is no member's stays plain text and
notifies nobody. Web addresses (http and https only) become links; everything else is
shown as typed, escaped, so no markup in a comment ever reaches a page as markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from .errors import FieldError
from .text import clean_text

MAX_COMMENT_LENGTH = 10_000
# Authors edit and delete their own comments for this long after writing them.
EDIT_WINDOW = timedelta(minutes=15)
COMMENT_KINDS = ("comment", "changes_requested")
INBOX_KINDS = ("mention", "review_request", "changes_requested", "approved")
INBOX_LABELS = {
    "mention": "mentioned you",
    "review_request": "asked for a review",
    "changes_requested": "asked for changes",
    "approved": "approved your post",
}

# A mention starts at ``@`` not preceded by a letter, digit or ``@`` (so an e-mail address
# is no mention) and takes the characters of an address's local part; a final full stop,
# hyphen or similar ends the sentence, not the name.
_MENTION = re.compile(r"(?<![\w@.])@([\w.+-]*[\w+])")
_URL = re.compile(r"\bhttps?://[^\s<>\"']+", re.IGNORECASE)
_URL_END = ".,;:!?)]}'\""


class CommentError(FieldError):
    """A comment that cannot be saved or changed; the message says why."""


def check_body(text: str) -> str:
    """The comment's text as it is kept (line breaks as ``\\n``, no control characters, no
    blank lines around it); CommentError if it is empty or too long."""
    body = clean_text(text or "").strip()
    if not body:
        raise CommentError("body", "Write something before sending the comment.")
    if len(body) > MAX_COMMENT_LENGTH:
        raise CommentError(
            "body",
            f"A comment has at most {MAX_COMMENT_LENGTH:,} characters; this one has "
            f"{len(body):,}. Shorten it or split it in two.",
        )
    return body


def handle(email: str) -> str:
    """The name a member is mentioned by: their address's part before the last ``@``,
    in lower case (``Ana.Lima@shop.example`` → ``ana.lima``)."""
    name, at, _domain = email.rpartition("@")
    return (name if at and name else email).lower()


def mentioned(text: str, handles: Iterable[str]) -> tuple[str, ...]:
    """The members' handles that ``text`` mentions, each once, in the order they first
    appear; ``@names`` of no member are left out."""
    known = {h.lower() for h in handles}
    found: list[str] = []
    for match in _MENTION.finditer(text):
        name = match.group(1).lower()
        if name in known and name not in found:
            found.append(name)
    return tuple(found)


@dataclass(frozen=True)
class Part:
    """A run of a comment's text: ``kind`` is ``text``, ``link`` or ``mention``."""

    kind: str
    text: str


def parts(text: str, handles: Iterable[str]) -> list[Part]:
    """``text`` cut into plain runs, web addresses and mentions of members; joined again,
    the parts' texts give ``text`` back exactly."""
    known = {h.lower() for h in handles}
    marks: list[tuple[int, int, str]] = []
    for match in _URL.finditer(text):
        end = match.end()
        while end > match.start() and text[end - 1] in _URL_END:
            end -= 1
        if end - match.start() > len("https://"):
            marks.append((match.start(), end, "link"))
    for match in _MENTION.finditer(text):
        overlaps = any(match.start() < end and start < match.end() for start, end, _ in marks)
        if not overlaps and match.group(1).lower() in known:
            marks.append((match.start(), match.end(), "mention"))
    result: list[Part] = []
    at = 0
    for start, end, kind in sorted(marks):
        if start > at:
            result.append(Part("text", text[at:start]))
        result.append(Part(kind, text[start:end]))
        at = end
    if at < len(text):
        result.append(Part("text", text[at:]))
    return result


def comment_html(text: str, handles: Iterable[str]) -> str:
    """The comment as HTML: every character escaped, web addresses as links that open
    without giving the page away, mentions of members marked."""
    out = []
    for part in parts(text, handles):
        shown = html.escape(part.text, quote=True)
        if part.kind == "link":
            out.append(f'<a href="{shown}" rel="nofollow noopener noreferrer">{shown}</a>')
        elif part.kind == "mention":
            out.append(f'<strong class="mention">{shown}</strong>')
        else:
            out.append(shown)
    return "".join(out)


def may_edit(author_id: int | None, user_id: int, written_at: datetime, now: datetime) -> bool:
    """Authors edit their own comment for 15 minutes after writing it."""
    return author_id == user_id and now - written_at <= EDIT_WINDOW


def may_delete(
    author_id: int | None, user_id: int, role: str, written_at: datetime, now: datetime
) -> bool:
    """Authors delete their own comment for 15 minutes; the owner deletes any."""
    return role == "owner" or may_edit(author_id, user_id, written_at, now)


def may_comment(role: str) -> bool:
    """Everyone but a viewer writes comments (a viewer reads, as everywhere else)."""
    return role in ("owner", "editor", "contributor")


def may_resolve(role: str) -> bool:
    """Whoever may comment marks a remark resolved or opens it again."""
    return may_comment(role)
