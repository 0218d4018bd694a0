"""Near-duplicate headlines, for a warning before the bank fills with copies.

Headlines are compared by their keys (:func:`headline_key`: lower case, no
punctuation, single spaces) with RapidFuzz, in C: a character measure catches small
edits and typos, a word-order measure catches reordered words. A bank of 20,000
headlines is searched in a few milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .generator import headline_key

SIMILARITY_THRESHOLD = 0.8
# Character overlap, and the same once the words are sorted (reordered words).
_SCORERS = (fuzz.ratio, fuzz.token_sort_ratio)


@dataclass(frozen=True)
class Similar:
    """An existing headline close to the new one; ``ratio`` is 0-1."""

    headline: str
    ratio: float


def similarity(a: str, b: str) -> float:
    """How alike two headlines are, 0-1: the larger of character and word-order overlap.

    Case, punctuation and spacing are ignored; ``1.0`` means the same words in the
    same order.
    """
    key_a, key_b = headline_key(a), headline_key(b)
    if not key_a or not key_b:
        return 0.0
    return round(max(scorer(key_a, key_b) for scorer in _SCORERS) / 100, 2)


def similar_headlines(
    text: str, existing: Iterable[str], threshold: float = SIMILARITY_THRESHOLD, limit: int = 3
) -> list[Similar]:
    """The existing headlines at least ``threshold`` alike to ``text``, closest first."""
    bank = [(headline, headline_key(headline)) for headline in existing]
    return similar_in_bank(text, bank, threshold, limit)


def similar_in_bank(
    text: str,
    bank: Sequence[tuple[str, str]],
    threshold: float = SIMILARITY_THRESHOLD,
    limit: int = 3,
) -> list[Similar]:
    """Like :func:`similar_headlines` for a bank of ``(headline, key)`` pairs (keys stored)."""
    key = headline_key(text)
    if not key or not bank:
        return []
    keys = [other for _headline, other in bank]
    best: dict[int, float] = {}
    for scorer in _SCORERS:
        found = process.extract(key, keys, scorer=scorer, score_cutoff=threshold * 100, limit=None)
        for _match, score, index in found:
            if keys[index]:
                best[index] = max(best.get(index, 0.0), score)
    closest = sorted(best.items(), key=lambda pair: (-pair[1], pair[0]))[:limit]
    return [Similar(bank[index][0], round(score / 100, 2)) for index, score in closest]
