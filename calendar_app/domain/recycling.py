"""Evergreen recycling: which evergreen post may run again in which open slot. Pure.

A published post marked evergreen may run again: each rerun is an item of its own
(with its own ``utm_content``, so results stay per run), linked to the original. A post
may run again in an open slot when:

* the slot is on the post's own channel and of its activity (a post in a post slot):
  its text and link were written for that channel, and the source articles warn
  against cross-posting (each channel its own message);
* the slot's day is at least the post's cool-down after its latest run (the original
  or any rerun, planned or past; a skipped run does not count, it never went out);
* it has run again fewer times than its most (``max_runs`` counts reruns, the
  original aside; None: no limit);
* none of its runs is in the slot's ISO week on that channel (a cool-down under a
  week could otherwise repeat it within one week).

Posts are ranked by what one run brought on average, over the runs results came back
for: visits, then leads, then revenue; a post rerun twice is not ranked above a better
one just for having run more often. Posts without results yet come after those with.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from functools import cached_property

from .errors import FieldError

DEFAULT_COOLDOWN_DAYS = 90
MAX_COOLDOWN_DAYS = 3650
# Three reruns at the default cool-down are a year of reuse; after that the team looks
# at the post again (and may raise the limit, or leave it blank for none).
DEFAULT_MAX_RUNS = 3
MAX_RUNS = 100
# The slots a post may be proposed for besides the one it is proposed for first.
ALTERNATIVES = 2


class RecyclingError(FieldError):
    """A recycling setting or plan that cannot be accepted; ``field`` names the culprit."""


def check_settings(cooldown_days: int, max_runs: int | None) -> None:
    """Refuse a cool-down outside 1–3650 days or a most of reruns outside 1–100 (None: no
    limit)."""
    if not 1 <= cooldown_days <= MAX_COOLDOWN_DAYS:
        raise RecyclingError(
            "cooldown_days", f"Give a cool-down from 1 to {MAX_COOLDOWN_DAYS} days."
        )
    if max_runs is not None and not 1 <= max_runs <= MAX_RUNS:
        raise RecyclingError(
            "max_runs", f"Let it run again from 1 to {MAX_RUNS} times, or leave it blank."
        )


@dataclass(frozen=True)
class Run:
    """One time a post went (or goes) out: its local day and channel."""

    day: date
    channel_id: int


@dataclass(frozen=True)
class PastResults:
    """What a post's runs brought back, and how many of them results came back for."""

    visits: int = 0
    leads: int = 0
    revenue: Decimal = Decimal(0)
    runs_with_results: int = 0

    def rank_key(self) -> tuple[int, Fraction, Fraction, Fraction]:
        """Sorts best first: posts with results, then visits, leads and revenue per run."""
        if self.runs_with_results <= 0:
            return (1, Fraction(0), Fraction(0), Fraction(0))
        per_run = self.runs_with_results
        return (
            0,
            -Fraction(self.visits, per_run),
            -Fraction(self.leads, per_run),
            -Fraction(self.revenue) / per_run,
        )


@dataclass(frozen=True)
class Candidate:
    """An evergreen post: where it runs, its runs so far (the original first), its rules."""

    item_id: int
    channel_id: int
    activity: str
    runs: tuple[Run, ...]
    cooldown_days: int = DEFAULT_COOLDOWN_DAYS
    max_runs: int | None = DEFAULT_MAX_RUNS
    results: PastResults = PastResults()

    @cached_property
    def reruns(self) -> int:
        """How many times it has run again (the original aside)."""
        return max(len(self.runs) - 1, 0)

    @cached_property
    def last_run(self) -> date | None:
        """The day of its latest run, planned or past."""
        return max((run.day for run in self.runs), default=None)

    @cached_property
    def free_from(self) -> date | None:
        """The first day its cool-down allows another run."""
        last = self.last_run
        return None if last is None else last + timedelta(days=self.cooldown_days)

    @cached_property
    def weeks(self) -> frozenset[tuple[int, int, int]]:
        """The channels and ISO weeks (year, week) it runs in."""
        return frozenset((run.channel_id, *run.day.isocalendar()[:2]) for run in self.runs)

    def with_run(self, run: Run) -> Candidate:
        """The same post with one more run."""
        return replace(self, runs=(*self.runs, run))


@dataclass(frozen=True)
class OpenSlot:
    """A future post or video slot without a headline: its local day and channel."""

    item_id: int
    channel_id: int
    activity: str
    day: date

    @cached_property
    def week(self) -> tuple[int, int, int]:
        """Its channel and ISO week (year, week)."""
        return (self.channel_id, *self.day.isocalendar()[:2])


def fits(post: Candidate, slot: OpenSlot) -> bool:
    """Whether ``post`` may run again in ``slot``: :func:`refusal`'s rules in one expression
    (the Recycle list asks it thousands of times; :func:`refusal` says why not)."""
    return (
        slot.channel_id == post.channel_id
        and slot.activity == post.activity
        and (post.max_runs is None or post.reruns < post.max_runs)
        and (post.free_from is None or slot.day >= post.free_from)
        and slot.week not in post.weeks
    )


def refusal(post: Candidate, slot: OpenSlot) -> str | None:
    """Why ``post`` may not run again in ``slot``; None when it may."""
    if (slot.channel_id, slot.activity) != (post.channel_id, post.activity):
        return "It may run again only on its own channel, in a slot of its kind."
    if post.max_runs is not None and post.reruns >= post.max_runs:
        times = "once" if post.max_runs == 1 else f"{post.max_runs} times"
        return f"It has run again {times}, its most."
    if post.last_run is not None and post.free_from is not None and slot.day < post.free_from:
        return (
            f"Its cool-down of {post.cooldown_days} days after its run on "
            f"{_day(post.last_run)} lasts until {_day(post.free_from)}."
        )
    if slot.week in post.weeks:
        return "It already runs in that week on this channel."
    return None


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def ranked(posts: Iterable[Candidate]) -> list[Candidate]:
    """Best past results first (see the module's description); equal posts by id."""
    return sorted(posts, key=lambda post: (post.results.rank_key(), post.item_id))


@dataclass(frozen=True)
class Proposal:
    """The post proposed for an open slot, and up to two others that may run there too."""

    slot: OpenSlot
    post: Candidate
    alternatives: tuple[Candidate, ...] = ()


def propose(posts: Iterable[Candidate], slots: Iterable[OpenSlot]) -> list[Proposal]:
    """For each open slot, earliest first, the best post that may run there.

    A post proposed for a slot counts as run there for the later slots, so that the
    proposals taken together keep every rule: planning all of them would put no post
    inside its cool-down, twice in a week on a channel or past its most. Slots no post
    may run in are left out. Alternatives follow the same rules for their slot, given
    the proposals before it.
    """
    by_place: dict[tuple[int, str], list[Candidate]] = defaultdict(list)
    for post in ranked(posts):
        by_place[(post.channel_id, post.activity)].append(post)
    proposals = []
    for slot in sorted(slots, key=lambda s: (s.day, s.item_id)):
        place = by_place.get((slot.channel_id, slot.activity), [])
        fitting = _fitting(place, slot, 1 + ALTERNATIVES)
        if not fitting:
            continue
        best = fitting[0]
        proposals.append(Proposal(slot, best, tuple(fitting[1:])))
        place[place.index(best)] = best.with_run(Run(slot.day, slot.channel_id))
    return proposals


def _fitting(place: Sequence[Candidate], slot: OpenSlot, limit: int) -> list[Candidate]:
    """The first ``limit`` posts of ``place`` (ranked) that may run in ``slot``."""
    fitting = []
    for post in place:
        if fits(post, slot):
            fitting.append(post)
            if len(fitting) == limit:
                break
    return fitting


def slots_for(post: Candidate, slots: Iterable[OpenSlot], limit: int) -> list[OpenSlot]:
    """The first ``limit`` open slots, earliest first, where ``post`` may run again (each on
    its own: planning one moves the cool-down for the others)."""
    fitting = [s for s in sorted(slots, key=lambda s: (s.day, s.item_id)) if fits(post, s)]
    return fitting[:limit]


def posts_for(slot: OpenSlot, posts: Iterable[Candidate], limit: int) -> list[Candidate]:
    """The ``limit`` best posts that may run again in ``slot``, best first."""
    return _fitting(ranked(posts), slot, limit)
