"""Headline ideas: topic templates, a backlog generator and a headline scorer (pure Python)."""

from __future__ import annotations

IDEA_STATUSES = ("backlog", "planned", "published", "archived")
PURPOSES = ("educate", "inform", "entertain", "inspire", "promote")

__all__ = ["IDEA_STATUSES", "PURPOSES"]
