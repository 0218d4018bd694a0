"""Search across the schedule and the idea bank: items by their headline or notes, ideas by
their headline or notes, campaigns by name or token.

Case is ignored (for the letters A–Z on SQLite, whose ``lower()`` knows no others); ``%``
and ``_`` typed by a person are looked for as they are, not as wildcards. Each kind is one
query, capped at :data:`LIMIT` rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import joinedload

from calendar_app.domain.errors import FieldError
from calendar_app.extensions import db
from calendar_app.models import Campaign, Idea, ScheduleItem

LIMIT = 50
MIN_LENGTH, MAX_LENGTH = 2, 100


@dataclass(frozen=True)
class Found:
    """What a search found, each kind in its order (LIMIT at most)."""

    text: str
    items: list[ScheduleItem]
    ideas: list[Idea]
    campaigns: list[Campaign]

    @property
    def count(self) -> int:
        """How many things were found in all."""
        return len(self.items) + len(self.ideas) + len(self.campaigns)


def checked_text(text: str | None) -> str:
    """What to look for: the typed words with runs of spaces made one; FieldError if too
    short or too long to search for."""
    words = " ".join((text or "").split())
    if len(words) < MIN_LENGTH:
        raise FieldError("q", f"Type at least {MIN_LENGTH} characters to search for.")
    if len(words) > MAX_LENGTH:
        raise FieldError("q", f"Search for at most {MAX_LENGTH} characters.")
    return words


def _contains(column: ColumnElement[str], text: str) -> ColumnElement[bool]:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(column).like(f"%{escaped}%", escape="\\")


def search(text: str) -> Found:
    """Items (latest first), ideas (best score first) and campaigns (by name) that contain
    ``text`` (already checked)."""
    items = db.session.scalars(
        select(ScheduleItem)
        .outerjoin(Idea, ScheduleItem.idea_id == Idea.id)
        .options(joinedload(ScheduleItem.channel), joinedload(ScheduleItem.idea))
        .where(or_(_contains(Idea.headline, text), _contains(ScheduleItem.notes, text)))
        .order_by(ScheduleItem.starts_at.desc(), ScheduleItem.id)
        .limit(LIMIT)
    ).all()
    ideas = db.session.scalars(
        select(Idea)
        .where(or_(_contains(Idea.headline, text), _contains(Idea.notes, text)))
        .order_by(Idea.score.desc(), Idea.id)
        .limit(LIMIT)
    ).all()
    campaigns = db.session.scalars(
        select(Campaign)
        .where(or_(_contains(Campaign.name, text), _contains(Campaign.token, text)))
        .order_by(Campaign.name)
        .limit(LIMIT)
    ).all()
    return Found(text, list(items), list(ideas), list(campaigns))
