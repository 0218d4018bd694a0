"""Counting the SQL statements a page view runs (for N+1 checks)."""

from __future__ import annotations

from flask import g
from sqlalchemy import event

from calendar_app.extensions import db


def count_queries(client, path: str) -> int:
    """SQL statements one page view runs, starting from a cold session like a real request."""
    g.pop("workspace", None)  # the tests share one app context across requests
    db.session.expire_all()
    statements = []

    def record(*args) -> None:
        if not args[2].startswith("BEGIN"):  # SQLite's explicit transaction starts
            statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        assert client.get(path).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return len(statements)


def count_statements(action) -> int:
    """SQL statements ``action`` runs, starting from a cold session like a real request."""
    g.pop("workspace", None)
    db.session.expire_all()
    statements = []

    def record(*args) -> None:
        if not args[2].startswith("BEGIN"):
            statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return len(statements)
