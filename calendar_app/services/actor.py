"""Who is acting: the member behind a request, the command line, or the planner.

The history (services/history.py) records every change as the current actor's. The
web layer sets it for each request, the command line for each command, and the
planner for the changes it makes while it re-plans.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from dataclasses import dataclass
from typing import Any, TypeVar

from calendar_app.extensions import db

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Actor:
    """A member (``user_id``) or a part of the app; ``label`` is how the history names it."""

    user_id: int | None
    label: str


SYSTEM = Actor(None, "system")
COMMAND_LINE = Actor(None, "command line")
PLANNER = Actor(None, "planner")

_current: ContextVar[Actor] = ContextVar("calendar_actor", default=SYSTEM)


def current_actor() -> Actor:
    """Who the changes being made now are recorded as."""
    return _current.get()


def member(user: Any) -> Actor:
    """The actor for a member."""
    return Actor(user.id, user.email)


def act_as(actor: Actor) -> Token[Actor]:
    """Record what follows as ``actor``'s, until :func:`stop_acting` with the token."""
    return _current.set(actor)


def stop_acting(token: Token[Actor]) -> None:
    """Go back to whoever acted before :func:`act_as`."""
    _current.reset(token)


@contextmanager
def acting_as(actor: Actor) -> Iterator[None]:
    """Record the changes flushed in the block as ``actor``'s.

    What was changed before the block is flushed first, as whoever made it."""
    session = db.session()
    if session.new or session.dirty or session.deleted:
        session.flush()
    token = act_as(actor)
    try:
        yield
        if session.new or session.dirty or session.deleted:
            session.flush()
    finally:
        stop_acting(token)


def as_actor(who: Actor, *, flush: bool = True) -> Callable[[F], F]:
    """Make a function's changes ``who``'s; with ``flush=False`` (outside any application
    context: a command's start) nothing is flushed around it."""

    def wrap(function: F) -> F:
        @functools.wraps(function)
        def acting(*args: Any, **kwargs: Any) -> Any:
            if flush:
                with acting_as(who):
                    return function(*args, **kwargs)
            token = act_as(who)
            try:
                return function(*args, **kwargs)
            finally:
                stop_acting(token)

        acting.acting_as = who  # type: ignore[attr-defined]
        return acting  # type: ignore[return-value]

    return wrap


as_planner = as_actor(PLANNER)
as_command_line = as_actor(COMMAND_LINE, flush=False)
