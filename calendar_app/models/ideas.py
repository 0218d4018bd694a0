"""The idea bank's headlines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from calendar_app.extensions import db
from idea_bank import headline_key, score_headline

from .base import Timestamped
from .people import User

if TYPE_CHECKING:
    from .campaigns import Campaign
    from .schedule import ScheduleItem


class Idea(Timestamped, db.Model):
    """A headline in the idea bank."""

    __tablename__ = "idea"
    # The same headline twice (two people adding it at the same moment) is refused here.
    __table_args__ = (
        Index(
            "uq_idea_headline_key",
            "headline_key",
            unique=True,
            sqlite_where=text("headline_key != ''"),
            postgresql_where=text("headline_key != ''"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    headline: Mapped[str] = mapped_column(String(200))
    headline_key: Mapped[str] = mapped_column(String(200), default="", server_default="")
    status: Mapped[str] = mapped_column(String(20), default="backlog", index=True)
    score: Mapped[int] = mapped_column(Integer, default=0, server_default="0", index=True)
    template_key: Mapped[str | None] = mapped_column(String(40))
    purpose: Mapped[str | None] = mapped_column(String(20))
    notes: Mapped[str] = mapped_column(Text, default="")
    target_url: Mapped[str] = mapped_column(String(2000), default="")
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaign.id", ondelete="SET NULL"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    # Made by the demo plan ("Remove the demo" removes it unless people worked on it).
    from_demo: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    author: Mapped[User | None] = relationship()
    campaign: Mapped[Campaign | None] = relationship()
    items: Mapped[list[ScheduleItem]] = relationship(
        back_populates="idea", order_by="ScheduleItem.starts_at"
    )

    @validates("headline")
    def _derive_from_headline(self, _key: str, headline: str) -> str:
        """Keep the duplicate-check key and the score in step with the headline."""
        self.headline_key = headline_key(headline)
        self.score = score_headline(headline).score
        return headline
