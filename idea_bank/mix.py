"""The content mix: how planned content splits over educate, inform, entertain, inspire, promote."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from . import PURPOSES

# Overt promotion should stay a small part of what a team publishes.
MAX_PROMOTE_SHARE = 0.25


@dataclass(frozen=True)
class Unsorted:
    """A planned headline with no purpose yet: its key (to edit it) and its text."""

    key: int
    headline: str


@dataclass(frozen=True)
class ContentMix:
    """Counts per purpose, with the share of promotion, and the headlines with no purpose."""

    counts: dict[str, int]
    unsorted: tuple[Unsorted, ...] = ()

    @property
    def planned(self) -> int:
        """Pieces counted: with a known purpose or without one."""
        return self.total + len(self.unsorted)

    @property
    def unsorted_label(self) -> str:
        """ "1 headline without a purpose", "3 headlines without a purpose"."""
        count = len(self.unsorted)
        return f"{count} headline{'' if count == 1 else 's'} without a purpose"

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


def content_mix(
    purposes: Iterable[str | None], unsorted: Iterable[tuple[int, str]] = ()
) -> ContentMix:
    """Count purposes in the fixed order of ``PURPOSES``; unknown or missing ones are left out
    of the counts. ``unsorted`` names the (key, headline) pairs planned without a purpose,
    each once, in the order given."""
    counted = Counter(p for p in purposes if p in PURPOSES)
    named = {key: Unsorted(key, headline) for key, headline in unsorted}
    return ContentMix(
        {purpose: counted.get(purpose, 0) for purpose in PURPOSES}, (*named.values(),)
    )
