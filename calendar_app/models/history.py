"""The history of changes people (and the planner) made to items, their copy, rules and
channels: one row per changed field."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from calendar_app.extensions import db

from .base import UTCDateTime


class ChangeRecord(db.Model):
    """Who changed which field of what, when, from what to what.

    ``kind`` and ``entity_id`` name what changed (an item's copy is the item's); they are
    no foreign keys, so an item's history stays when the item is deleted. ``before`` and
    ``after`` are the values as people read them (dates in the workspace's zone, names
    rather than ids); for copy and notes, the whole texts, shown as a word diff.
    ``actor_label`` says who it was even after that member is removed, or names the
    planner or the command line.
    """

    __tablename__ = "change_record"
    __table_args__ = (Index("ix_change_record_entity", "kind", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    # What it was when it changed: "Blog, Mon 30 Nov 2026", a channel's or a rule's name.
    subject: Mapped[str] = mapped_column(String(200), default="")
    field: Mapped[str] = mapped_column(String(40))
    before: Mapped[str] = mapped_column(Text, default="")
    after: Mapped[str] = mapped_column(Text, default="")
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    actor_label: Mapped[str] = mapped_column(String(254))
