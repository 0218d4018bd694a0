"""The one owner of every transaction.

Every service function that changes something runs as one unit of work: it
commits at the end, or, on any error, rolls everything back and re-raises, so
nothing is ever half-saved and no caller (view, command) commits or rolls back
itself. Units of work nest: an inner one joins the outermost, which alone
commits.

A unit of work is also the only place that holds the database's write lock.
Whatever a request read before it (the logged-in user, the item a form names)
was read in a transaction of its own, which the unit ends first; the unit's
transaction then begins by taking the lock (SQLite: ``BEGIN IMMEDIATE``;
PostgreSQL: the workspace row, locked first, so two re-plans never deadlock).
Slow work done before the unit starts — reading an upload, checking a
password — therefore never makes anyone else wait.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from calendar_app.extensions import db, writing
from calendar_app.models import Workspace

from . import history  # noqa: F401  (its listener records every unit's changes)
from .feed_revisions import forget_changes, raise_revisions

T = TypeVar("T")
_DEPTH = "unit_of_work_depth"
_FEEDS_CHANGED = "unit_of_work_changed_feeds"


@contextmanager
def unit_of_work(*, wait: bool = True) -> Iterator[None]:
    """Commit what the block did; on any error roll it all back and re-raise.

    Also a decorator: ``@unit_of_work()`` makes a whole function one unit. With
    ``wait=False`` a lock held by someone else raises OperationalError at once
    (PostgreSQL) instead of waiting: for work that may as well be skipped.
    """
    session = db.session()  # this request's (or thread's) session itself
    depth = session.info.get(_DEPTH, 0)
    started = _start_writing(session, wait) if depth == 0 else None
    session.info[_DEPTH] = depth + 1
    try:
        yield
        if depth == 0:
            session.flush()
            # The feeds this unit changed, in the same transaction.
            feeds_changed = raise_revisions(session)
            session.commit()
            if feeds_changed:
                session.info[_FEEDS_CHANGED] = True
    except BaseException:
        if depth == 0:
            session.rollback()
            forget_changes(session)
        raise
    finally:
        session.info[_DEPTH] = depth
        if started is not None:
            writing.reset(started)


def _start_writing(session: Session, wait: bool) -> object:
    """End the read-only transaction the caller may have begun, and take the write lock.

    Objects read before are expired by that, so the unit sees them as they are now.
    """
    if session.in_transaction() and not (session.new or session.dirty or session.deleted):
        session.commit()
    token = writing.set(True)
    try:
        if session.get_bind().dialect.name == "postgresql":
            session.execute(select(Workspace.id).with_for_update(nowait=not wait))
    except BaseException:
        session.rollback()
        writing.reset(token)
        raise
    return token


def feeds_changed_since_asked() -> bool:
    """Whether a unit of work committed a change to a feed or a feed address in this session
    since the last time it was asked."""
    return bool(db.session().info.pop(_FEEDS_CHANGED, False))


def discard_changes() -> None:
    """Forget whatever the current transaction did (after an error outside any service)."""
    db.session.rollback()


def retry_write(work: Callable[[], T], attempts: int = 3) -> T:
    """Run ``work`` (a unit of work that reads and writes) again if the database was busy.

    With the write lock taken at the start this is rare; it covers a database that
    stays busy past its timeout. The last failure is raised.
    """
    for attempt in range(attempts):
        try:
            with unit_of_work():
                return work()
        except OperationalError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def lock_planning(workspace: Workspace, *, reload: bool = False) -> None:
    """Make changes to the schedule one transaction at a time, until it ends.

    The unit of work already holds the lock; ``reload`` refreshes the workspace with
    what the previous holder committed (PostgreSQL re-reads the row; SQLite's write
    lock already lines writers up and ignores FOR UPDATE).
    """
    query = select(Workspace).where(Workspace.id == workspace.id).with_for_update()
    if reload:
        query = query.execution_options(populate_existing=True)
    db.session.execute(query)
