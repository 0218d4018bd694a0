"""The headline bank as the near-duplicate check searches it.

Every headline with its stored key, prepared once (:class:`idea_bank.HeadlineBank`) and
kept in this process's memory per database. One small query tells whether it is still
right: the bank's revision (raised when a headline is reworded or deleted, see
:mod:`.feed_revisions`), the number of headlines and the highest id. New headlines are
read and added on their own; anything else reads the bank again.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from weakref import WeakKeyDictionary

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from calendar_app.extensions import db
from calendar_app.models import FeedRevision, Idea
from idea_bank import HeadlineBank

from .feed_revisions import BANK


@dataclass(frozen=True)
class BankVersion:
    """What the kept bank was read at."""

    revision: int | None
    changed_at: datetime | str | None
    count: int
    last_id: int | None

    def only_added_to(self, earlier: BankVersion) -> bool:
        """Whether the bank has only gained headlines (with higher ids) since ``earlier``."""
        same = (self.revision, self.changed_at) == (earlier.revision, earlier.changed_at)
        return same and self.count > earlier.count and (self.last_id or 0) > (earlier.last_id or 0)


_banks: WeakKeyDictionary[Engine, tuple[BankVersion, HeadlineBank]] = WeakKeyDictionary()
_lock = threading.Lock()


def _bank_version() -> BankVersion:
    """The bank's revision and when it was raised, its size and highest id: one query."""
    of_bank = FeedRevision.scope == BANK
    revision = select(FeedRevision.revision).where(of_bank).scalar_subquery()
    changed = select(FeedRevision.changed_at).where(of_bank).scalar_subquery()
    count = select(func.count(), func.max(Idea.id)).select_from(Idea).subquery()
    row = db.session.execute(select(revision, changed, count.c[0], count.c[1])).one()
    return BankVersion(*row)


def _pairs(after_id: int | None = None) -> Iterable[tuple[str, str]]:
    query = select(Idea.headline, Idea.headline_key).order_by(Idea.id)
    if after_id is not None:
        query = query.where(Idea.id > after_id)
    return db.session.execute(query)


def headline_bank() -> HeadlineBank:
    """Every headline in the bank, ready to search (from memory while unchanged)."""
    engine = db.session.get_bind()
    version = _bank_version()
    with _lock:
        kept = _banks.get(engine)
    if kept is not None and kept[0] == version:
        return kept[1]
    if kept is not None and version.only_added_to(kept[0]):
        bank = kept[1].plus(_pairs(after_id=kept[0].last_id))
        if len(bank) != version.count:  # not only new ones after all: read it all
            bank = HeadlineBank.of(_pairs())
    else:
        bank = HeadlineBank.of(_pairs())
    with _lock:
        _banks[engine] = (version, bank)
    return bank
