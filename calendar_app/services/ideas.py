"""The idea bank in the app: adding, editing, seeding and assigning headlines to slots."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, case, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from calendar_app.domain.errors import FieldError
from calendar_app.domain.text import clean_text
from calendar_app.domain.tracking import optional_http_url
from calendar_app.extensions import db
from calendar_app.models import Idea, ScheduleItem, User, Workspace
from idea_bank import (
    IDEA_STATUSES,
    PURPOSES,
    TEMPLATES_BY_KEY,
    ContentMix,
    content_mix,
    generate_backlog,
    guess_purpose,
    headline_key,
    score_headline,
)

from .campaigns import pick
from .headline_bank import headline_bank
from .transaction import unit_of_work

MAX_HEADLINE = 200
MAX_BULK_LINES = 500
NO_PURPOSE = "none"  # the Ideas page filter for headlines still without a purpose
SORTS = {
    "score": (Idea.score.desc(), Idea.id.desc()),
    "newest": (Idea.created_at.desc(), Idea.id.desc()),
    "oldest": (Idea.created_at.asc(), Idea.id.asc()),
    "topics": (Idea.score.desc(), Idea.id.desc()),  # after the best topics (see query)
}


class IdeaError(FieldError):
    """A change to the idea bank that cannot be made (most often about the headline)."""

    def __init__(self, message: str, field: str = "headline") -> None:
        super().__init__(field, message)


@dataclass
class IdeaFilter:
    """What the Ideas page shows: by status, template and purpose, in an order."""

    status: str = ""
    template: str = ""
    purpose: str = ""
    sort: str = "newest"

    @classmethod
    def from_args(cls, args: Any) -> IdeaFilter:
        """Read the filter from query arguments, ignoring values that mean nothing."""
        status = args.get("status", "")
        template = args.get("template", "")
        purpose = args.get("purpose", "")
        sort = args.get("sort", "newest")
        return cls(
            status=status if status in IDEA_STATUSES or status == "all" else "",
            template=template if template in TEMPLATES_BY_KEY else "",
            purpose=purpose if purpose in PURPOSES or purpose == NO_PURPOSE else "",
            sort=sort if sort in SORTS else "newest",
        )

    def query(self, best_templates: Sequence[str] = ()) -> Select[tuple[Idea]]:
        """The ideas to list, with their author and slots loaded in a fixed number of queries;
        sorted by topics, the ideas of ``best_templates`` come first, in that order."""
        query = select(Idea).options(
            joinedload(Idea.author),
            selectinload(Idea.items).joinedload(ScheduleItem.channel),
        )
        if self.status == "":
            query = query.where(Idea.status != "archived")
        elif self.status != "all":
            query = query.where(Idea.status == self.status)
        if self.template:
            query = query.where(Idea.template_key == self.template)
        if self.purpose == NO_PURPOSE:
            query = query.where(Idea.purpose.is_(None))
        elif self.purpose:
            query = query.where(Idea.purpose == self.purpose)
        if self.sort == "topics" and best_templates:
            rank = {key: number for number, key in enumerate(best_templates)}
            query = query.order_by(case(rank, value=Idea.template_key, else_=len(best_templates)))
        return query.order_by(*SORTS[self.sort])


def clean_headline(text: str | None) -> str:
    """The headline on one line with single spaces, or IdeaError if empty or too long."""
    headline = " ".join(clean_text(text or "", multiline=False).split())
    if not headline:
        raise IdeaError("Write a headline first.")
    if len(headline) > MAX_HEADLINE:
        raise IdeaError(
            f"Keep headlines to {MAX_HEADLINE} characters (this one has {len(headline)})."
        )
    return headline


def find_duplicate(headline: str) -> Idea | None:
    """An idea with the same headline, ignoring case, punctuation and spacing."""
    return db.session.scalars(
        select(Idea).where(Idea.headline_key == headline_key(headline))
    ).first()


def all_headlines() -> Sequence[str]:
    """Every headline in the bank (one column, one query)."""
    return db.session.scalars(select(Idea.headline)).all()


def add_idea(text: str | None, author: User | None, **fields: Any) -> tuple[Idea, list[str]]:
    """Add one headline; returns it with near-duplicate warnings. Exact duplicates are refused."""
    try:
        with unit_of_work():
            idea, warnings = new_idea(text, author, **fields)
    except IntegrityError:
        # The same headline was added by someone else at this very moment.
        raise IdeaError("Someone else just added this headline to the bank.") from None
    return idea, warnings


def new_idea(text: str | None, author: User | None, **fields: Any) -> tuple[Idea, list[str]]:
    """A new headline added to the session (the caller's unit of work commits it), with
    near-duplicate warnings; an exact duplicate is refused."""
    headline = clean_headline(text)
    duplicate = find_duplicate(headline)
    if duplicate is not None:
        raise IdeaError(f"Already in the bank: “{duplicate.headline}”.")
    warnings = [
        f"Very close to “{s.headline}” ({s.ratio:.0%} alike)."
        for s in headline_bank().similar(headline)
    ]
    fields["purpose"] = fields.get("purpose") or guess_purpose(headline)
    idea = Idea(headline=headline, author=author, **fields)
    db.session.add(idea)
    return idea, warnings


@dataclass
class BulkResult:
    """What a bulk paste added and skipped."""

    added: list[Idea] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


@unit_of_work()
def add_many(text: str | None, author: User | None) -> BulkResult:
    """Add one headline per line; duplicates are skipped, a bad line rejects the whole paste."""
    cleaned = (clean_text(line, multiline=False) for line in (text or "").splitlines())
    lines = [" ".join(line.split()) for line in cleaned]
    lines = [line for line in lines if line]
    if not lines:
        raise IdeaError("Paste at least one headline, one per line.", "lines")
    if len(lines) > MAX_BULK_LINES:
        raise IdeaError(f"Paste at most {MAX_BULK_LINES} headlines at a time.", "lines")
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_HEADLINE:
            raise IdeaError(
                f"Line {number} has {len(line)} characters; keep headlines to {MAX_HEADLINE}. "
                "Nothing was added.",
                "lines",
            )
    known = set(db.session.scalars(select(Idea.headline_key)))
    result = BulkResult()
    for line in lines:
        key = headline_key(line)
        if key in known:
            result.skipped.append(line)
            continue
        known.add(key)
        idea = Idea(headline=line, author=author, purpose=guess_purpose(line))
        db.session.add(idea)
        result.added.append(idea)
    return result


@unit_of_work()
def update_idea(idea: Idea, values: dict[str, Any]) -> None:
    """Change an idea's headline, notes, purpose, target URL and campaign."""
    headline = clean_headline(values.get("headline"))
    duplicate = find_duplicate(headline)
    if duplicate is not None and duplicate.id != idea.id:
        raise IdeaError(f"Already in the bank: “{duplicate.headline}”.")
    purpose = values.get("purpose") or None
    if purpose is not None and purpose not in PURPOSES:
        raise IdeaError("Choose a purpose from the list.", "purpose")
    target_url = optional_http_url(values.get("target_url"), "target_url")
    campaign = pick(values.get("campaign_id"))
    if headline != idea.headline:
        idea.headline = headline
        for item in idea.items:
            item.sequence += 1  # calendars show the headline in the event summary
    idea.notes = (values.get("notes") or "").strip()[:5000]
    idea.purpose, idea.target_url, idea.campaign = purpose, target_url, campaign


@unit_of_work()
def set_status(idea: Idea, status: str, now: datetime) -> None:
    """Archive, restore or mark an idea published; a planned idea must be unassigned first."""
    if status not in IDEA_STATUSES:
        raise IdeaError(f"Unknown status {status!r}.", "status")
    if status == "archived" and any(i.starts_at > now for i in idea.items):
        raise IdeaError(
            "This headline is in upcoming slots; unassign it before archiving.", "status"
        )
    idea.status = status


def profile_of(workspace: Workspace) -> dict[str, Any]:
    """The workspace as the idea bank's profile."""
    return {
        "industry": workspace.industry,
        "audience": workspace.audience,
        "topics": workspace.topics,
        "products": workspace.products,
    }


@unit_of_work()
def seed_ideas(workspace: Workspace, today: date, count: int = 30) -> list[Idea]:
    """Add ``count`` generated headlines that are not in the bank yet."""
    existing = all_headlines()
    backlog = generate_backlog(
        profile_of(workspace), count=count, seed=len(existing), today=today, exclude=existing
    )
    ideas = [Idea(headline=h.text, template_key=h.template, purpose=h.purpose) for h in backlog]
    db.session.add_all(ideas)
    return ideas


def planned_mix(start: datetime, end: datetime) -> ContentMix:
    """The purposes of the headlines planned between two instants, naming those without
    one (one query)."""
    rows = db.session.execute(
        select(Idea.id, Idea.headline, Idea.purpose)
        .join(ScheduleItem, ScheduleItem.idea_id == Idea.id)
        .where(ScheduleItem.starts_at >= start, ScheduleItem.starts_at < end)
        .where(ScheduleItem.status != "skipped")
        .order_by(ScheduleItem.starts_at, ScheduleItem.id)
    ).all()
    return content_mix(
        (row.purpose for row in rows),
        ((row.id, row.headline) for row in rows if row.purpose is None),
    )


def upcoming_mix(now: datetime, weeks: int = 4) -> ContentMix:
    """The planned mix of the next ``weeks`` weeks."""
    return planned_mix(now, now + timedelta(weeks=weeks))


def check_headline(text: str) -> dict[str, Any]:
    """Score, type, tips and near-duplicates of a draft headline, for the live preview."""
    headline = " ".join(text.split())[:MAX_HEADLINE]
    result = score_headline(headline)
    return {
        "score": result.score,
        "type": result.headline_type,
        "characters": result.characters,
        "words": result.words,
        "tips": list(result.tips),
        "parts": result.parts,
        "similar": [
            {"headline": s.headline, "ratio": s.ratio}
            for s in (headline_bank().similar(headline) if headline else [])
        ],
    }
