"""The weekly digest of one person: their items for the week ahead, what waits for their
review, and last week's results in two lines, as a subject, a text part and an HTML part
(pure domain code: values in, text out; every value is escaped in the HTML)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from markupsafe import Markup

from .roi import Figures

SHOWN = 30  # items listed per part; the rest are counted, with the link to the week


@dataclass(frozen=True)
class DigestLine:
    """One item: when (in the workspace's zone), what, and its page's address."""

    when: datetime
    what: str
    url: str


@dataclass(frozen=True)
class WeekResults:
    """Last week's counted results, the week before's, and last week's best post."""

    last: Figures
    before: Figures
    best: tuple[str, int] | None = None  # the post's headline and its visits


@dataclass(frozen=True)
class Digest:
    """Everything one person's digest says, with the addresses its links open."""

    workspace: str
    week_start: date
    items: Sequence[DigestLine]
    reviews: Sequence[DigestLine]
    results: WeekResults | None
    week_url: str
    unsubscribe_url: str
    settings_url: str


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def subject(digest: Digest) -> str:
    """``Your week from Mon 7 Dec: 5 items, 2 to review`` (one line, nothing from a user)."""
    parts = [_count(len(digest.items), "item")]
    if digest.reviews:
        parts.append(f"{len(digest.reviews):,} to review")
    return f"Your week from {digest.week_start:%a %-d %b}: " + ", ".join(parts)


def _change(now: int, before: int) -> str:
    if before == 0:
        return ""
    percent = round((now - before) * 100 / before)
    return f" ({'+' if percent >= 0 else ''}{percent} % on the week before)"


def results_lines(results: WeekResults | None) -> list[str]:
    """Last week in two lines: the totals against the week before, and the best post."""
    if results is None or (results.last.visits == 0 and results.last.leads == 0):
        return ["No results came back for last week yet.", "Import an analytics export on Results."]
    last, before = results.last, results.before
    first = (
        f"Last week: {_count(last.visits, 'visit')}{_change(last.visits, before.visits)}, "
        f"{_count(last.leads, 'lead')}."
    )
    if results.best is None:
        return [first, "No single post brought visits yet."]
    headline, visits = results.best
    return [first, f"Best post: {headline} ({_count(visits, 'visit')})."]


def _text_lines(lines: Sequence[DigestLine], empty: str) -> list[str]:
    if not lines:
        return [empty]
    shown = [f"- {line.when:%a %-d %b %H:%M} {line.what}\n  {line.url}" for line in lines[:SHOWN]]
    if len(lines) > SHOWN:
        shown.append(f"- and {len(lines) - SHOWN:,} more")
    return shown


def text(digest: Digest) -> str:
    """The plain-text part."""
    parts = [
        f"{digest.workspace}: your week from {digest.week_start:%A %-d %B}",
        "",
        "Your items",
        *_text_lines(digest.items, "Nothing is assigned to you this week."),
    ]
    if digest.reviews:
        parts += ["", "Waiting for your review", *_text_lines(digest.reviews, "")]
    parts += ["", *results_lines(digest.results), "", f"The week: {digest.week_url}"]
    parts += [
        "",
        "--",
        f"Choose your e-mails: {digest.settings_url}",
        f"Stop the weekly digest: {digest.unsubscribe_url}",
    ]
    return "\n".join(parts) + "\n"


def _html_list(lines: Sequence[DigestLine], empty: str) -> Markup:
    if not lines:
        return Markup("<p>{}</p>").format(empty)
    rows = [
        Markup('<li>{} <a href="{}">{}</a></li>').format(
            f"{line.when:%a %-d %b %H:%M}", line.url, line.what
        )
        for line in lines[:SHOWN]
    ]
    if len(lines) > SHOWN:
        rows.append(Markup("<li>and {} more</li>").format(f"{len(lines) - SHOWN:,}"))
    return Markup("<ul>{}</ul>").format(Markup("").join(rows))


def html(digest: Digest) -> str:
    """The HTML part: the same as the text, with links."""
    reviews = Markup("")
    if digest.reviews:
        reviews = Markup("<h2>Waiting for your review</h2>{}").format(
            _html_list(digest.reviews, "")
        )
    first, second = results_lines(digest.results)
    body = Markup(
        "<!doctype html><html><body>"
        "<h1>{}: your week from {}</h1>"
        "<h2>Your items</h2>{}{}"
        "<p>{}<br>{}</p>"
        '<p><a href="{}">Open the week</a></p>'
        '<hr><p><a href="{}">Choose your e-mails</a> · <a href="{}">Stop the weekly digest</a></p>'
        "</body></html>"
    ).format(
        digest.workspace,
        f"{digest.week_start:%A %-d %B}",
        _html_list(digest.items, "Nothing is assigned to you this week."),
        reviews,
        first,
        second,
        digest.week_url,
        digest.settings_url,
        digest.unsubscribe_url,
    )
    return str(body)
