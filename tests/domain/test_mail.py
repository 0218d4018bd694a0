"""MAIL_URL, the message and the backoff, as values."""

from __future__ import annotations

from datetime import timedelta
from email import message_from_bytes
from email.policy import default
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendar_app.domain.mail import (
    LONGEST_WAIT,
    MAX_ATTEMPTS,
    MailError,
    MailServer,
    build_message,
    gives_up,
    named_address,
    parse_mail_url,
    wait_before,
)
from calendar_app.domain.mail_texts import invitation_mail, reset_mail


@pytest.mark.parametrize(
    ("url", "server"),
    [
        ("smtp://localhost", MailServer("localhost", 25, "plain")),
        ("smtp://relay:2525", MailServer("relay", 2525, "plain")),
        (
            "smtp+starttls://user:pass@mail.example.com:587",
            MailServer("mail.example.com", 587, "starttls", "user", "pass"),
        ),
        ("smtp+starttls://mail.example.com", MailServer("mail.example.com", 587, "starttls")),
        (
            "smtps://a%40b.c:p%3Aw%2F@mail.example.com",
            MailServer("mail.example.com", 465, "tls", "a@b.c", "p:w/"),
        ),
        ("  smtp://localhost/ ", MailServer("localhost", 25, "plain")),
    ],
)
def test_a_mail_url_names_its_server(url: str, server: MailServer) -> None:
    assert parse_mail_url(url) == server


def test_no_mail_url_means_mail_is_off() -> None:
    assert parse_mail_url("") is None
    assert parse_mail_url("   ") is None


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://mail.example.com", "MAIL_URL must start with smtp://"),
        ("mail.example.com:587", "MAIL_URL must start with"),
        ("smtp://", "names no server"),
        ("smtp://:pw@:25", "names no server"),
        ("smtp://host:port", "port must be a number"),
        ("smtp://host:99999", "port must be a number"),
        ("smtp://host/inbox", "no path or query"),
        ("smtp://host?tls=1", "no path or query"),
    ],
)
def test_a_bad_mail_url_is_refused_with_what_is_wrong(url: str, message: str) -> None:
    with pytest.raises(MailError, match=message):
        parse_mail_url(url)


secrets_text = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=30)


@given(user=secrets_text, password=secrets_text, port=st.integers(1, 65535))
def test_any_user_and_password_survive_percent_encoding(
    user: str, password: str, port: int
) -> None:
    url = f"smtps://{quote(user, safe='')}:{quote(password, safe='')}@mail.example.com:{port}"
    server = parse_mail_url(url)
    assert server == MailServer("mail.example.com", port, "tls", user, password)


@given(attempts=st.integers(0, 1000))
def test_the_wait_grows_and_stays_within_six_hours(attempts: int) -> None:
    wait = wait_before(attempts)
    assert timedelta(0) <= wait <= LONGEST_WAIT
    assert wait_before(attempts + 1) >= wait


def test_the_wait_doubles_from_a_minute() -> None:
    assert [wait_before(n) for n in range(5)] == [timedelta(minutes=m) for m in (0, 1, 2, 4, 8)]
    assert not gives_up(MAX_ATTEMPTS - 1)
    assert gives_up(MAX_ATTEMPTS)


def test_a_message_has_a_text_part_and_an_html_alternative() -> None:
    message = build_message(
        "calendar@example.com",
        "ana@example.com",
        "Grüße",
        "Hello\n",
        "<p>Hello</p>",
        {"List-Unsubscribe": "<https://example.com/u>"},
    )
    received = message_from_bytes(message.as_bytes(), policy=default)
    assert received["Subject"] == "Grüße"
    assert received["List-Unsubscribe"] == "<https://example.com/u>"
    assert received.get_content_type() == "multipart/alternative"
    assert received.get_body(("plain",)).get_content() == "Hello\n"
    assert received.get_body(("html",)).get_content() == "<p>Hello</p>\n"


def test_a_message_without_html_is_plain_text() -> None:
    message = build_message("a@example.com", "b@example.com", "Hi", "Hello", "")
    assert message.get_content_type() == "text/plain"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("subject", "Hello\r\nBcc: victim@example.com"),
        ("subject", "Hello\nBcc: victim@example.com"),
        ("to", "ana@example.com\rBcc: victim@example.com"),
        ("sender", "a@example.com\nX-Spam: yes"),
        ("subject", "Hello\x0cBcc: victim@example.com"),
        ("subject", "Hello\u2028Bcc: victim@example.com"),
    ],
)
def test_a_line_break_in_a_header_is_refused(field: str, value: str) -> None:
    values = {"sender": "a@example.com", "to": "b@example.com", "subject": "Hi"}
    values[field] = value
    with pytest.raises(MailError, match="may not contain a line break"):
        build_message(values["sender"], values["to"], values["subject"], "text", "")


@given(name=st.text(max_size=40), subject=st.text(max_size=80))
def test_no_name_or_subject_adds_a_header(name: str, subject: str) -> None:
    try:
        message = build_message(
            named_address(name, "a@example.com"), "b@example.com", subject, "x", ""
        )
    except MailError:
        assert (name + subject).splitlines() != [name + subject]
        return
    received = message_from_bytes(message.as_bytes(), policy=default)
    assert sorted(received.keys()) == sorted(
        ["From", "To", "Subject", "MIME-Version", "Content-Type", "Content-Transfer-Encoding"]
    )


def test_the_reset_mail_escapes_the_team_name_in_html_and_keeps_its_subject_on_one_line() -> None:
    mail = reset_mail("<b>Acme</b>\nBikes", "https://cal.example.com/reset/abc?x=1&y=2")
    assert mail.subject == "Reset your password for <b>Acme</b> Bikes"
    assert "&lt;b&gt;Acme&lt;/b&gt;" in mail.html and "<b>" not in mail.html
    assert 'href="https://cal.example.com/reset/abc?x=1&amp;y=2"' in mail.html
    assert "https://cal.example.com/reset/abc?x=1&y=2" in mail.text
    assert "works once, for 1 hour." in mail.text
    assert "for 2 hours" in reset_mail("", "x", 2).text
    assert reset_mail("", "x").subject == "Reset your password for your team's calendar"


def test_the_invitation_mail_names_who_invites_and_how_long_the_link_works() -> None:
    mail = invitation_mail("Acme Bikes", "owner@example.com", "https://c.example/join/t", 7)
    assert mail.subject == "Join Acme Bikes"
    assert "owner@example.com invites you to Acme Bikes" in mail.text
    assert "for 7 days" in mail.text
    assert 'href="https://c.example/join/t"' in mail.html


def test_only_the_kinds_one_can_choose_are_left_out_when_not_wanted() -> None:
    from calendar_app.domain.mail import wants

    choices = {"review": False, "mention": True}
    assert not wants("review", choices)
    assert wants("mention", choices)
    assert wants("digest", choices)  # not chosen yet: wanted
    assert wants("reset", {"reset": False})  # always sent
