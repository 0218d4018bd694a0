"""The content mix: how planned content splits over educate, inform, entertain, inspire, promote."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from . import PURPOSES

# Overt promotion should stay a small part of what a team publishes.
MAX_PROMOTE_SHARE = 0.25


@dataclass(frozen=True)
class ContentMix:
    """Counts per purpose, with the share of promotion."""

    counts: dict[str, int]

    @property
    def total(self) -> int:
        """Pieces with a known purpose."""
        return sum(self.counts.values())

    def share(self, purpose: str) -> float:
        """The part of the total with this purpose, 0-1."""
        return self.counts.get(purpose, 0) / self.total if self.total else 0.0

    @property
    def too_promotional(self) -> bool:
        """Whether promotion takes more than a quarter of the mix."""
        return self.share("promote") > MAX_PROMOTE_SHARE


def content_mix(purposes: Iterable[str | None]) -> ContentMix:
    """Count purposes in the fixed order of ``PURPOSES``; unknown or missing ones are left out."""
    counted = Counter(p for p in purposes if p in PURPOSES)
    return ContentMix({purpose: counted.get(purpose, 0) for purpose in PURPOSES})
