"""Which kinds of content work: results by topic template, purpose and activity. Pure.

Posts are compared by what one post brings on average (visits per post), never by
totals, so that a kind of post made often does not win by being made often; a kind
needs ``MIN_POSTS`` posts with results before it is compared at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from idea_bank import TEMPLATES_BY_KEY

from .roi import Figures

MIN_POSTS = 2  # posts with results a kind of content needs before it is compared
BEST_TEMPLATES = 3  # templates marked on the Ideas page
DIMENSIONS = {"template": "Topic", "purpose": "Purpose", "activity": "Kind"}


@dataclass(frozen=True)
class TopicLine:
    """What the posts of one template, purpose and activity brought back."""

    template: str | None
    purpose: str | None
    activity: str
    posts: int
    figures: Figures


@dataclass(frozen=True)
class KindLine:
    """One kind of content (a template, a purpose or an activity) and its results."""

    name: str
    posts: int
    figures: Figures

    @property
    def visits_per_post(self) -> Decimal:
        """Visits one post of this kind brings on average (one decimal)."""
        return (Decimal(self.figures.visits) / max(self.posts, 1)).quantize(Decimal("0.1"))


def kind_name(dimension: str, line: TopicLine) -> str:
    """The name a line has along ``dimension``: a template's name, a purpose, post/video."""
    if dimension == "template":
        template = TEMPLATES_BY_KEY.get(line.template or "")
        return template.name if template else "Other headlines"
    if dimension == "purpose":
        return (line.purpose or "no purpose").capitalize()
    return "Videos" if line.activity == "video" else "Posts"


def by_kind(lines: list[TopicLine], dimension: str) -> list[KindLine]:
    """The lines added up along one dimension, most visits per post first."""
    totals: dict[str, tuple[int, Figures]] = {}
    for line in lines:
        name = kind_name(dimension, line)
        posts, figures = totals.get(name, (0, Figures()))
        totals[name] = (posts + line.posts, figures + line.figures)
    kinds = [KindLine(name, posts, figures) for name, (posts, figures) in totals.items()]
    return sorted(kinds, key=lambda k: (-k.visits_per_post, -k.posts, k.name))


def comparison(kinds: list[KindLine], where: str = "") -> str | None:
    """The best kind against the weakest, both with enough posts and the weakest with some
    visits (else None): "How-to bring 3.1× the visits of News per post on LinkedIn";
    ``where`` names the channel they were posted on, if one."""
    compared = [k for k in kinds if k.posts >= MIN_POSTS]
    if len(compared) < 2 or compared[-1].visits_per_post <= 0:
        return None
    best, weakest = compared[0], compared[-1]
    ratio = (best.visits_per_post / weakest.visits_per_post).quantize(Decimal("0.1"))
    if ratio <= 1:
        return None
    on = f" on {where}" if where else ""
    return f"{best.name} bring {ratio}× the visits of {weakest.name} per post{on}."


def best_templates(lines: list[TopicLine]) -> list[str]:
    """The keys of the templates whose posts bring the most visits per post (with enough
    posts to tell), best first."""
    per_template: dict[str, tuple[int, int]] = {}
    for line in lines:
        if line.template in TEMPLATES_BY_KEY:
            posts, visits = per_template.get(line.template, (0, 0))
            per_template[line.template] = (posts + line.posts, visits + line.figures.visits)
    ranked = sorted(
        (
            (Decimal(visits) / posts, key)
            for key, (posts, visits) in per_template.items()
            if posts >= MIN_POSTS and visits > 0
        ),
        key=lambda pair: (-pair[0], pair[1]),
    )
    return [key for _value, key in ranked[:BEST_TEMPLATES]]
