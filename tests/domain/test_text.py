"""Names stay on one line; no text keeps control characters (forms, imports and the feed)."""

from __future__ import annotations

from calendar_app.domain.text import clean_text, single_line_problem

NAMES = [
    "Café Müller & Söhne",
    'O\'Brien "quoted" <b>bold</b>',
    "Semi;colon, comma \\ backslash",
    "日本語のブログ",
    "مدونة عربية",
    "Family 👨‍👩‍👧 emoji",
    "Tab-free   spaces",
]


def test_single_line_names_accept_what_people_type_and_refuse_breaks() -> None:
    assert all(single_line_problem(name) is None for name in NAMES)
    for bad in ("a\nb", "a\rb", "a\u2028b", "a\x07b", "a\x00b", "a\x1bb", "a\u202eb", "a\x85b"):
        assert single_line_problem(bad), repr(bad)


def test_clean_text_keeps_line_breaks_and_tabs_only_where_allowed() -> None:
    assert clean_text("one\r\ntwo\rthree\x07\x00\tfour") == "one\ntwo\nthree\tfour"
    assert clean_text("one\r\ntwo\tthree\x1b", multiline=False) == "one two three"


def test_names_are_listed_in_words() -> None:
    from calendar_app.domain.text import listed

    assert listed(["reach"]) == "reach"
    assert listed(["reach", "followers"]) == "reach and followers"
    assert listed(["visits", "leads", "revenue"]) == "visits, leads and revenue"
