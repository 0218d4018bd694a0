"""Near-duplicate headlines, for a warning before the bank fills with copies."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from .generator import headline_key

SIMILARITY_THRESHOLD = 0.8


@dataclass(frozen=True)
class Similar:
    """An existing headline close to the new one; ``ratio`` is 0-1."""

    headline: str
    ratio: float


def similarity(a: str, b: str) -> float:
    """How alike two headlines are, 0-1: the larger of character and word overlap.

    Case, punctuation and spacing are ignored; word overlap (Jaccard) catches
    reordered words, character matching catches small edits and typos.
    """
    key_a, key_b = headline_key(a), headline_key(b)
    if not key_a or not key_b:
        return 0.0
    words_a, words_b = set(key_a.split()), set(key_b.split())
    jaccard = len(words_a & words_b) / len(words_a | words_b)
    return max(SequenceMatcher(None, key_a, key_b).ratio(), jaccard)


def similar_headlines(
    text: str, existing: Iterable[str], threshold: float = SIMILARITY_THRESHOLD, limit: int = 3
) -> list[Similar]:
    """The existing headlines at least ``threshold`` alike to ``text``, closest first."""
    key = headline_key(text)
    words = set(key.split())
    matcher = SequenceMatcher(None, "", key)  # the new headline is compared against many
    close = []
    for other in existing:
        other_key = headline_key(other)
        other_words = set(other_key.split())
        if not key or not other_key:
            continue
        ratio = len(words & other_words) / len(words | other_words)
        if ratio < threshold:
            matcher.set_seq1(other_key)
            # Cheap upper bounds first: most of a large bank is ruled out without a full match.
            if matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold:
                ratio = max(ratio, matcher.ratio())
        if ratio >= threshold:
            close.append(Similar(other, round(ratio, 2)))
    return sorted(close, key=lambda s: -s.ratio)[:limit]
