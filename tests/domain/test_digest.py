"""The weekly digest's subject, text and HTML parts (no fixtures)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from calendar_app.domain.digest import (
    SHOWN,
    Digest,
    DigestLine,
    WeekResults,
    html,
    results_lines,
    subject,
    text,
)
from calendar_app.domain.roi import Figures

MONDAY = date(2026, 11, 30)


def line(what: str = "Blog · Post: Winter tyres", day: int = 1) -> DigestLine:
    return DigestLine(
        datetime(2026, 11, 30, 9, 0) + timedelta(days=day - 1),
        what,
        f"https://cal.example/items/{day}",
    )


def digest(items=(), reviews=(), results=None) -> Digest:
    return Digest(
        workspace="Acme Bikes",
        week_start=MONDAY,
        items=list(items),
        reviews=list(reviews),
        results=results,
        week_url="https://cal.example/week?start=2026-11-30",
        unsubscribe_url="https://cal.example/mail/unsubscribe/abc",
        settings_url="https://cal.example/account",
    )


def test_the_subject_counts_items_and_reviews() -> None:
    assert subject(digest([line()])) == "Your week from Mon 30 Nov: 1 item"
    two = digest([line(), line(day=2)], [line()])
    assert subject(two) == "Your week from Mon 30 Nov: 2 items, 1 to review"


def test_the_text_lists_items_reviews_results_and_the_links() -> None:
    results = WeekResults(Figures(visits=120, leads=3), Figures(visits=100), ("Winter tyres", 80))
    body = text(digest([line()], [line("LinkedIn · Post: Spring", 2)], results))
    assert "Acme Bikes: your week from Monday 30 November" in body
    assert "- Mon 30 Nov 09:00 Blog · Post: Winter tyres\n  https://cal.example/items/1" in body
    assert "Waiting for your review\n- Tue 1 Dec 09:00 LinkedIn · Post: Spring" in body
    assert "Last week: 120 visits (+20 % on the week before), 3 leads." in body
    assert "Best post: Winter tyres (80 visits)." in body
    assert "Stop the weekly digest: https://cal.example/mail/unsubscribe/abc" in body


def test_an_empty_week_says_so_and_leaves_out_the_review_part() -> None:
    body = text(digest())
    assert "Nothing is assigned to you this week." in body
    assert "Waiting for your review" not in body and "Waiting for your review" not in html(digest())
    assert "No results came back for last week yet." in body


def test_results_lines_are_always_two() -> None:
    assert len(results_lines(None)) == 2
    quiet = WeekResults(Figures(visits=5), Figures(), None)
    assert results_lines(quiet) == [
        "Last week: 5 visits, 0 leads.",
        "No single post brought visits yet.",
    ]
    fewer = WeekResults(Figures(visits=50, leads=1), Figures(visits=100, revenue=Decimal(1)))
    assert "(-50 % on the week before)" in results_lines(fewer)[0]


def test_a_long_week_lists_the_first_items_and_counts_the_rest() -> None:
    many = [line(f"Item {n}") for n in range(SHOWN + 5)]
    assert "- and 5 more" in text(digest(many))
    assert "<li>and 5 more</li>" in html(digest(many))
    assert html(digest(many)).count("<li>") == SHOWN + 1


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.data: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)

    def handle_data(self, data) -> None:
        self.data.append(data)


@given(st.text(min_size=1, max_size=80))
def test_any_headline_shows_as_text_in_the_html_never_as_markup(headline: str) -> None:
    page = html(digest([line(f"Blog · Post: {headline}")]))
    parsed = _Collector()
    parsed.feed(page)
    parsed.close()
    assert parsed.tags.count("script") == 0 and parsed.tags.count("li") == 1
    assert f"Blog · Post: {headline}" in "".join(parsed.data)
