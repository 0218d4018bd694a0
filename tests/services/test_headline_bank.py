"""The near-duplicate check's bank, kept in memory: never out of step with the database."""

from __future__ import annotations

from sqlalchemy import select

from calendar_app.extensions import db
from calendar_app.models import Idea
from calendar_app.services import ideas
from calendar_app.services.headline_bank import headline_bank
from calendar_app.services.transaction import unit_of_work


def similar(text: str) -> list[str]:
    """What the live check shows as near-duplicates of ``text``."""
    return [s["headline"] for s in ideas.check_headline(text)["similar"]]


def test_the_bank_follows_new_reworded_and_deleted_headlines(app) -> None:
    ideas.add_idea("Winter cycling for beginners", None)
    assert similar("Winter cycling for beginner") == ["Winter cycling for beginners"]
    kept = headline_bank()
    assert headline_bank() is kept  # unchanged: from memory
    ideas.add_idea("Five myths about e-bike batteries", None)
    assert similar("Ten podcasts about accounting") == []
    assert similar("Five myths about e-bike battery") == ["Five myths about e-bike batteries"]
    idea = db.session.scalar(select(Idea).where(Idea.headline.startswith("Winter")))
    ideas.update_idea(idea, {"headline": "Summer cycling for beginners"})
    assert similar("Winter cycling for beginner") == ["Summer cycling for beginners"]
    assert similar("Summer cycling for beginner") == ["Summer cycling for beginners"]
    with unit_of_work():
        db.session.delete(idea)
    assert similar("Summer cycling for beginner") == []


def test_headlines_committed_out_of_id_order_are_all_found(app) -> None:
    for text in ("Alpha headline about bikes", "Bravo headline about bikes"):
        ideas.add_idea(text, None)
    assert len(headline_bank()) == 2
    last = db.session.scalar(select(Idea.id).order_by(Idea.id.desc()))
    # Another worker's insert took an id below one committed before it (id order is not
    # commit order), and one above.
    rows = [(last + 5, "Charlie headline about trains")]
    rows += [(last + 2, "Delta headline about boats"), (last + 8, "Echo headline about cars")]
    for batch, size in ((rows[:1], 3), (rows[1:], 5)):
        with unit_of_work():
            db.session.add_all(Idea(id=idea_id, headline=text) for idea_id, text in batch)
        assert len(headline_bank()) == size
    assert similar("Delta headline about boat") == ["Delta headline about boats"]


def test_a_new_headline_in_the_bank_changes_no_feed(app) -> None:
    from calendar_app.models import FeedRevision

    ideas.add_idea("Winter cycling for beginners", None)
    assert db.session.scalars(select(FeedRevision.scope)).all() == []
