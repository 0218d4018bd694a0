"""The one owner of every transaction.

Every service function that changes something runs as one unit of work: it
commits at the end, or, on any error, rolls everything back and re-raises, so
nothing is ever half-saved and no caller (view, command) commits or rolls back
itself. Units of work nest: an inner one joins the outermost, which alone
commits.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from calendar_app.extensions import db
from calendar_app.models import Workspace

T = TypeVar("T")
_DEPTH = "unit_of_work_depth"


@contextmanager
def unit_of_work() -> Iterator[None]:
    """Commit what the block did; on any error roll it all back and re-raise.

    Also a decorator: ``@unit_of_work()`` makes a whole function one unit.
    """
    session = db.session
    depth = session.info.get(_DEPTH, 0)
    session.info[_DEPTH] = depth + 1
    try:
        yield
        if depth == 0:
            session.commit()
    except BaseException:
        if depth == 0:
            session.rollback()
        raise
    finally:
        session.info[_DEPTH] = depth


def discard_changes() -> None:
    """Forget whatever the current transaction did (after an error outside any service)."""
    db.session.rollback()


def retry_write(work: Callable[[], T], attempts: int = 3) -> T:
    """Run ``work`` (a unit of work that reads and writes) again if the database was busy.

    SQLite refuses at once a write from a transaction whose snapshot is older than
    another writer's commit ("database is locked"); starting over with a fresh
    snapshot succeeds. The last failure is raised.
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


def lock_planning(workspace: Workspace, *, reload: bool = False, nowait: bool = False) -> None:
    """Make changes to the schedule one transaction at a time, until it ends.

    Two re-plans at once would delete and update the same items in different
    orders, which PostgreSQL ends as a deadlock; the workspace row's lock lines
    them up (SQLite's write lock already does, and ignores FOR UPDATE). ``reload``
    refreshes the workspace with what the previous holder committed; ``nowait``
    raises OperationalError at once instead of waiting.
    """
    query = select(Workspace).where(Workspace.id == workspace.id)
    query = query.with_for_update(nowait=nowait)
    if reload:
        query = query.execution_options(populate_existing=True)
    db.session.execute(query)
