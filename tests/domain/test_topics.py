"""Which kinds of content work: added up by kind, compared per post, the best topics."""

from __future__ import annotations

from decimal import Decimal

from calendar_app.domain.roi import Figures
from calendar_app.domain.topics import TopicLine, best_templates, by_kind, comparison


def line(template: str | None, posts: int, visits: int, activity: str = "post", purpose=None):
    return TopicLine(template, purpose, activity, posts, Figures(visits=visits))


def test_kinds_are_added_up_and_ranked_by_visits_per_post_not_by_totals() -> None:
    lines = [
        line("how-to", 2, 620, purpose="educate"),
        line("how-to", 1, 310, activity="video", purpose="educate"),
        line("news", 10, 1000, purpose="inform"),  # more visits in all, fewer per post
        line(None, 1, 5),
    ]
    kinds = by_kind(lines, "template")
    assert [(k.name, k.posts, k.figures.visits, k.visits_per_post) for k in kinds] == [
        ("How-to", 3, 930, Decimal("310.0")),
        ("News", 10, 1000, Decimal("100.0")),
        ("Other headlines", 1, 5, Decimal("5.0")),
    ]
    assert [k.name for k in by_kind(lines, "purpose")] == ["Educate", "Inform", "No purpose"]
    assert [(k.name, k.posts) for k in by_kind(lines, "activity")] == [
        ("Videos", 1), ("Posts", 13),
    ]  # fmt: skip


def test_the_best_kind_is_compared_with_the_weakest_that_has_enough_posts() -> None:
    kinds = by_kind([line("how-to", 2, 620), line("news", 10, 1000), line(None, 1, 5)], "template")
    assert comparison(kinds) == "How-to bring 3.1× the visits of News per post."
    assert comparison(kinds, "LinkedIn") == (
        "How-to bring 3.1× the visits of News per post on LinkedIn."
    )


def test_no_comparison_without_two_kinds_with_enough_posts_and_visits() -> None:
    assert comparison(by_kind([line("how-to", 2, 620)], "template")) is None
    assert comparison(by_kind([line("how-to", 2, 620), line("news", 1, 10)], "template")) is None
    assert comparison(by_kind([line("how-to", 2, 620), line("news", 2, 0)], "template")) is None
    assert comparison(by_kind([line("how-to", 2, 100), line("news", 2, 100)], "template")) is None


def test_the_best_templates_have_enough_posts_and_are_real_templates() -> None:
    lines = [
        line("how-to", 2, 620),
        line("news", 4, 400),
        line("case-studies", 1, 9000),  # one lucky post tells nothing yet
        line("no-such-template", 5, 9000),
        line(None, 5, 9000),
        line("top-10", 2, 0),
    ]
    assert best_templates(lines) == ["how-to", "news"]
