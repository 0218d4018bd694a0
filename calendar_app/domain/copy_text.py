"""A post's copy: its tracked link, its hashtags, its length against the network's limit,
and where the network would cut it (pure domain code)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .networks import ARTICLE_NETWORKS, Network, count

PLACEHOLDER = "{link}"
HASHTAG = re.compile(r"(?<![\w#])#\w+")
_TAG = re.compile(r"#?\w+")
MAX_TAGS_PER_SET = 30
MAX_TAG_LENGTH = 100
# What the database keeps of each part (a post can be longer than any network allows).
MAX_LENGTHS = {"title": 300, "body": 100_000, "outline": 20_000}


def copy_fields(network: Network, activity: str) -> dict[str, str]:
    """The parts of an item's copy and their labels: a post has its text; an article (blog,
    newsletter) a title, a summary or lead and an optional outline; a video a title and a
    description."""
    if network.key in ARTICLE_NETWORKS:
        return {"title": "Title", "body": "Summary or lead", "outline": "Outline (optional)"}
    if activity == "video" or network.key == "youtube":
        return {"title": "Title", "body": "Description"}
    return {"body": "Post"}


def with_link(text: str, url: str) -> str:
    """``text`` with every ``{link}`` replaced by ``url``; without a placeholder the link
    goes on a line of its own at the end (on every network, even where links in a post
    are not clickable, such as Instagram: the person removes it there).

    With no ``url`` (no tracked link yet) the placeholders are dropped; empty text gives
    just the link.
    """
    if PLACEHOLDER in text:
        return text.replace(PLACEHOLDER, url)
    if not url:
        return text
    stripped = text.rstrip()
    return f"{stripped}\n{url}" if stripped else url


def post_copy(title: str, body: str, url: str) -> str:
    """What "Copy post" copies once the copy is written: the title (of an article or a
    video) and a blank line, then the text with its link (see :func:`with_link`)."""
    text = with_link(body, url)
    return f"{title}\n\n{text}" if title and text else title or text


def hashtags_in(text: str) -> list[str]:
    """The hashtags of a text, in order ("#bike" in "#bike#2" is one; "a#b" is none)."""
    return HASHTAG.findall(text)


def parse_tags(text: str) -> tuple[str, ...]:
    """A hashtag set typed as tags separated by commas or line breaks ("#bikes, #repair").

    Each tag is ``#`` (added when missing) and letters, digits or underscores, at most
    100 characters; at most 30 tags; a repeated tag is kept once. ValueError names the
    first bad tag. An empty set is refused.
    """
    tags: list[str] = []
    for raw in re.split(r"[,\n]", text):
        tag = raw.strip()
        if not tag:
            continue
        if _TAG.fullmatch(tag) is None:
            raise ValueError(
                f"{tag!r} is not a hashtag: use # and letters, digits or underscores, "
                "no spaces (separate tags with commas)."
            )
        tag = tag if tag.startswith("#") else f"#{tag}"
        if len(tag) > MAX_TAG_LENGTH:
            raise ValueError(f"Keep each hashtag to {MAX_TAG_LENGTH} characters.")
        if tag not in tags:
            tags.append(tag)
    if not tags:
        raise ValueError("Give at least one hashtag.")
    if len(tags) > MAX_TAGS_PER_SET:
        raise ValueError(f"A set holds at most {MAX_TAGS_PER_SET} hashtags, not {len(tags)}.")
    return tuple(tags)


def cut_at(text: str, network: Network, limit: int | None) -> int:
    """How many characters of ``text`` fit in ``limit`` as the network counts: the point
    where it would be cut (``len(text)`` when all of it fits or there is no limit).

    Counting grows with every character added, so the point is found by halving.
    """
    if limit is None or count(text, network) <= limit:
        return len(text)
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if count(text[:middle], network) <= limit:
            low = middle
        else:
            high = middle - 1
    return low


def preview(text: str, network: Network, limit: int | None) -> list[tuple[str, str]]:
    """``text`` in pieces to show how it reads: ("tag", hashtag) and ("text", words) up to
    where the network cuts, then ("cut", the rest) when it does not all fit."""
    point = cut_at(text, network, limit)
    pieces: list[tuple[str, str]] = []
    start = 0
    for match in HASHTAG.finditer(text, 0, point):
        if match.start() > start:
            pieces.append(("text", text[start : match.start()]))
        pieces.append(("tag", match.group()))
        start = match.end()
    if point > start:
        pieces.append(("text", text[start:point]))
    if point < len(text):
        pieces.append(("cut", text[point:]))
    return pieces


@dataclass
class CopyCheck:
    """What saving a copy meets: problems refuse it (by part), warnings only inform."""

    problems: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def check_copy(parts: dict[str, str], network: Network, limit: int | None, url: str) -> CopyCheck:
    """Check the copy's parts as posted (``body`` with its link) against the network.

    Over the limit is a problem where the network refuses such a post, a warning where
    it truncates; so is more hashtags than the network takes (Instagram: 30).
    """
    check = CopyCheck()
    for name, text in parts.items():
        if len(text) > MAX_LENGTHS[name]:
            check.problems[name] = f"Keep it to {MAX_LENGTHS[name]:,} characters."
    posted = with_link(parts.get("body", ""), url)
    _over(check, "body", count(posted, network), limit, network)
    if "title" in parts:
        _over(check, "title", count(parts["title"], network), network.title_limit, network)
    tags = len(hashtags_in(posted))
    if network.hashtag_limit is not None and tags > network.hashtag_limit:
        check.problems.setdefault(
            "body", f"{network.label} takes at most {network.hashtag_limit} hashtags; "
            f"this has {tags}."
        )  # fmt: skip
    return check


def _over(check: CopyCheck, name: str, length: int, limit: int | None, network: Network) -> None:
    if limit is None or length <= limit:
        return
    message = f"{length:,} characters: {network.label} allows {limit:,}"
    if network.refuses:
        check.problems.setdefault(name, f"{message}; shorten it by {length - limit:,}.")
    else:
        check.warnings.append(f"{message} and cuts the rest off.")
