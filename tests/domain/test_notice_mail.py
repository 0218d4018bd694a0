"""The mail of an inbox entry (no fixtures)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendar_app.domain.mail_texts import EXCERPT, NOTICE_CHOICES, NOTICE_WORDS, notice_mail

LINK, SETTINGS = "https://cal.example/items/4#comment-9", "https://cal.example/account"


@pytest.mark.parametrize("kind", NOTICE_WORDS)
def test_each_kind_names_who_did_what_and_falls_under_a_choice(kind: str) -> None:
    mail = notice_mail(kind, "eve", "Blog · Post: Winter", "", LINK, SETTINGS)
    assert mail.subject.startswith(f"eve {NOTICE_WORDS[kind]} ")
    assert mail.subject.endswith("Blog · Post: Winter")
    assert LINK in mail.text and SETTINGS in mail.text
    assert NOTICE_CHOICES[kind] in ("mention", "review", "approval")


def test_a_long_comment_is_quoted_up_to_its_limit() -> None:
    mail = notice_mail("mention", "eve", "x", "word " * 200, LINK, SETTINGS)
    quote = mail.text.split("\n\n")[1]
    assert len(quote) == EXCERPT and quote.endswith("…")
    short = notice_mail("mention", "eve", "x", "Look here", LINK, SETTINGS)
    assert "\n\nLook here\n\n" in short.text


def test_no_actor_name_is_someone() -> None:
    assert notice_mail("approved", "  ", "x", "", LINK, SETTINGS).subject == "Someone approved x"


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.data: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)

    def handle_data(self, data) -> None:
        self.data.append(data)


@given(st.text(max_size=40), st.text(max_size=60), st.text(max_size=200))
def test_any_names_stay_one_line_in_the_subject_and_text_in_the_html(
    actor: str, what: str, excerpt: str
) -> None:
    mail = notice_mail("mention", actor, what, excerpt, LINK, SETTINGS)
    assert "\n" not in mail.subject and "\r" not in mail.subject
    parsed = _Text()
    parsed.feed(mail.html)
    parsed.close()
    assert set(parsed.tags) <= {"html", "body", "p", "a", "hr"}
