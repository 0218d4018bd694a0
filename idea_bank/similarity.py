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
    found = [Similar(other, round(similarity(text, other), 2)) for other in existing]
    close = [s for s in found if s.ratio >= threshold]
    return sorted(close, key=lambda s: -s.ratio)[:limit]
