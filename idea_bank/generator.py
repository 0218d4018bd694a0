"""Generate a backlog of distinct, clean headlines from a workspace profile."""

from __future__ import annotations

import random
import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from .english import tidy_headline
from .templates import TEMPLATES, Template

MAX_HEADLINE_LENGTH = 120
NUMBERS = (3, 5, 7, 9, 12)
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_DOUBLED_WORD = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE | re.UNICODE)
_END_MARKS = " ,.:;!?"
_PUNCTUATION = re.compile(rf"[{re.escape(string.punctuation)}‘’“”–—…]")


@dataclass(frozen=True)
class Headline:
    """A generated headline and where it came from."""

    text: str
    template: str
    purpose: str


def headline_key(text: str) -> str:
    """What makes two headlines the same: case, punctuation and spacing ignored."""
    return " ".join(_PUNCTUATION.sub(" ", text.casefold()).split())


def _words(value: Any) -> list[str]:
    """Profile words on one line each, without marks at their ends ("e-bikes." → "e-bikes")."""
    if isinstance(value, str):
        value = [value]
    words = (" ".join(str(v).split()).strip(_END_MARKS) for v in value or ())
    return [w for w in words if w]


def _profile_values(profile: Mapping[str, Any]) -> dict[str, list[str]]:
    industry = _words(profile.get("industry"))
    topics = _words(profile.get("topics")) or industry or ["our field"]
    return {
        "topic": topics,
        "industry": industry or topics[:1],
        "audience": _words(profile.get("audience")) or ["our readers"],
        "product": _words(profile.get("products")),
    }


def _fill(pattern: str, values: Mapping[str, str]) -> str | None:
    """The pattern with its placeholders filled, tidied; None if it cannot be used."""
    names = _PLACEHOLDER.findall(pattern)
    if any(not values.get(name) for name in names):
        return None
    text = tidy_headline(pattern.format(**values))
    if len(text) > MAX_HEADLINE_LENGTH or _DOUBLED_WORD.search(text):
        return None
    return text


def _candidates(
    template: Template, values: dict[str, list[str]], year: str | None, rng: random.Random
) -> list[str]:
    """Every clean filling of a template's patterns, shuffled."""
    found = []
    for pattern in template.patterns:
        for topic in values["topic"]:
            filled = _fill(
                pattern,
                {
                    "topic": topic,
                    "industry": rng.choice(values["industry"]),
                    "audience": rng.choice(values["audience"]),
                    "product": rng.choice(values["product"]) if values["product"] else "",
                    "year": year or "",
                    "n": str(rng.choice(NUMBERS)),
                },
            )
            if filled is not None:
                found.append(filled)
    rng.shuffle(found)
    return found


def generate_backlog(
    profile: Mapping[str, Any],
    count: int = 30,
    seed: int = 0,
    *,
    today: date | None = None,
    exclude: Iterable[str] = (),
) -> list[Headline]:
    """Make ``count`` distinct headlines from ``profile`` (a plan-file workspace dict).

    Templates take turns in a shuffled order, so the first 28 headlines come
    from 28 different templates. The same profile, seed and date give the same
    list. Headlines equal to one in ``exclude`` (ignoring case, punctuation
    and spacing) are never returned. Patterns with ``{year}`` are used only
    when ``today`` is given, those with ``{product}`` only when the profile
    has products. Returns fewer than ``count`` only when the templates run out.
    """
    rng = random.Random(seed)
    values = _profile_values(profile)
    year = str(today.year) if today else None
    order = list(TEMPLATES)
    rng.shuffle(order)
    pools = {t.key: _candidates(t, values, year, rng) for t in order}
    seen = {headline_key(text) for text in exclude}
    backlog: list[Headline] = []
    while len(backlog) < count and any(pools.values()):
        for template in order:
            pool = pools[template.key]
            while pool:
                text = pool.pop()
                key = headline_key(text)
                if key not in seen:
                    seen.add(key)
                    backlog.append(Headline(text, template.key, template.purpose))
                    break
            if len(backlog) == count:
                break
    return backlog
