"""Headline ideas: topic templates, a backlog generator and a headline scorer (pure Python).

>>> from idea_bank import TEMPLATES, generate_backlog, score_headline
>>> len(TEMPLATES)
28
"""

from __future__ import annotations

IDEA_STATUSES = ("backlog", "planned", "published", "archived")
PURPOSES = ("educate", "inform", "entertain", "inspire", "promote")

from .generator import Headline, generate_backlog, headline_key  # noqa: E402
from .mix import ContentMix, Unsorted, content_mix  # noqa: E402
from .purpose import guess_purpose  # noqa: E402
from .scorer import HeadlineScore, detect_type, score_headline  # noqa: E402
from .similarity import HeadlineBank, Similar, similar_headlines, similarity  # noqa: E402
from .templates import TEMPLATES, TEMPLATES_BY_KEY, Template  # noqa: E402

__all__ = [
    "HeadlineBank",
    "IDEA_STATUSES",
    "PURPOSES",
    "TEMPLATES",
    "TEMPLATES_BY_KEY",
    "ContentMix",
    "Headline",
    "HeadlineScore",
    "Similar",
    "Template",
    "Unsorted",
    "content_mix",
    "detect_type",
    "generate_backlog",
    "guess_purpose",
    "headline_key",
    "score_headline",
    "similar_headlines",
    "similarity",
]
