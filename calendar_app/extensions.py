"""Flask extensions, created once and bound to the app in the factory."""

import sqlite3
from contextvars import ContextVar
from typing import Any

from flask import Flask, current_app
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from werkzeug.security import generate_password_hash

# Named constraints keep Alembic migrations identical on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

db = SQLAlchemy(metadata=MetaData(naming_convention=NAMING_CONVENTION))
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()


class PasswordHasher:
    """Hashes passwords with the method the configuration names (``PASSWORD_HASH_METHOD``).

    Production uses werkzeug's default (scrypt); the tests set a cheap method so that
    logging in a test user does not cost a real key derivation each time.
    """

    def init_app(self, app: Flask) -> None:
        """Remember the app's method."""
        app.extensions["password_hash_method"] = app.config["PASSWORD_HASH_METHOD"]

    @property
    def method(self) -> str:
        """The current app's hashing method."""
        return str(current_app.extensions["password_hash_method"])

    def hash(self, password: str) -> str:
        """A salted hash of ``password``."""
        return generate_password_hash(password, method=self.method)


passwords = PasswordHasher()


@event.listens_for(Engine, "connect")
def _tune_sqlite(dbapi_connection: Any, connection_record: Any) -> None:
    """Foreign keys on, WAL journal and a busy timeout for every SQLite connection.

    The driver's own transaction handling is switched off so that ``_begin_sqlite``
    decides how each transaction starts.
    """
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()


# Set by the services' unit of work while it runs: this thread's transaction will write.
writing: ContextVar[bool] = ContextVar("writing", default=False)


@event.listens_for(Engine, "begin")
def _begin_sqlite(connection: Any) -> None:
    """A unit of work's transaction takes SQLite's write lock when it begins; reads don't.

    A deferred transaction that reads and then writes fails at once ("database is
    locked") if another writer committed in between; BEGIN IMMEDIATE waits for the
    lock instead (up to the busy timeout). Everything else (page views, the reads a
    form makes before its service runs) stays deferred, so readers never wait and
    slow work done before the unit of work (reading an upload, checking a password)
    holds no lock.
    """
    if connection.dialect.name != "sqlite":
        return
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writing.get() else "BEGIN")
