"""Fixtures: an app with an empty database per test (SQLite, or PostgreSQL from DATABASE_URL)."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from flask import Flask, g, has_app_context
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import text

from calendar_app import create_app
from calendar_app.extensions import db

USES_POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql"))


def use_a_database_per_worker() -> None:
    """Under ``pytest -n``, give each worker a PostgreSQL database of its own.

    Every test empties the database it runs on, so two workers must never share one:
    worker ``gw1`` of ``.../calendar_ci`` runs on ``.../calendar_ci_gw1``, made here
    (the role needs CREATEDB). SQLite needs nothing: each test has its own file.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not (USES_POSTGRES and worker):
        return
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(os.environ["DATABASE_URL"])
    name = f"{url.database}_{worker}"
    conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        if exists.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = url.set(database=name).render_as_string(hide_password=False)


use_a_database_per_worker()
SCREENSHOTS = Path(
    os.environ.get("SCREENSHOT_DIR", Path(__file__).parents[1] / "artifacts" / "screenshots")
)


def pytest_report_header() -> str:
    """Say where the browser tests save their screenshots, before the run."""
    return f"screenshots: {SCREENSHOTS}"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """And again after it, when browser tests ran."""
    reports = [
        r for outcome in ("passed", "failed") for r in terminalreporter.stats.get(outcome, [])
    ]
    if any("tests/browser/" in getattr(r, "nodeid", "") for r in reports):
        terminalreporter.write_line(f"Screenshots are saved in {SCREENSHOTS}")


NOW = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)  # Monday 07:00 in Berlin


class TestClock:
    """The app's clock in tests: it starts at ``NOW`` whatever the real date, then runs.

    It runs (rather than stands still) so that two edits a moment apart still get
    different modification times; ``advance`` jumps ahead.
    """

    def __init__(self, start: datetime = NOW) -> None:
        self.offset = start - datetime.now(UTC)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def advance(self, **delta: float) -> None:
        self.offset += timedelta(**delta)


def make_test_app(
    tmp_path: os.PathLike[str], *, create_schema: bool = True, **overrides: object
) -> Flask:
    """An app on an empty database of its own, with the schema created unless told not to."""
    config: dict[str, object] = {
        "TESTING": True,
        "SECRET_KEY": "test-only-secret",
        "WTF_CSRF_ENABLED": False,
        "CLOCK": TestClock(),
        # One round of PBKDF2 instead of scrypt: logging in a test user costs nothing.
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1",
        "FEED_CACHE_DIR": str(Path(tmp_path) / "feed-cache"),
        "MEDIA_DIR": str(Path(tmp_path) / "media"),
    }
    if not USES_POSTGRES:
        Path(tmp_path).mkdir(parents=True, exist_ok=True)
        config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{tmp_path}/test.sqlite"
    config.update(overrides)
    app = create_app(config)

    @app.teardown_request
    def forget_the_user(_error: BaseException | None) -> None:
        # Tests hold one app context across requests, so ``g`` outlives a request; without
        # this, Flask-Login's cached user would leak from one test client to the next.
        g.pop("_login_user", None)

    with app.app_context():
        if USES_POSTGRES:
            fresh_postgres(create_schema)
        elif create_schema:
            fresh_sqlite(app)
        db.session.remove()
    return app


_sqlite_template: list[Path] = []  # an empty database with the schema, made once a process


def fresh_sqlite(app: Flask) -> None:
    """Give the app's new SQLite file the models' tables: copied from an empty database
    made once per process (making the schema costs about 20 ms a test, a copy under 1)."""
    path = Path(db.engine.url.database or "")
    if _sqlite_template:
        db.engine.dispose()
        shutil.copyfile(_sqlite_template[0], path)
        return
    db.create_all()
    db.session.remove()
    db.engine.dispose()  # closes the file whole (no write-ahead log left beside it)
    template = Path(tempfile.mkdtemp(prefix="calendar-schema-")) / "empty.sqlite"
    shutil.copyfile(path, template)
    atexit.register(shutil.rmtree, template.parent, True)
    _sqlite_template.append(template)


# Every column of every table and index of the test database, as one digest: whether the
# schema is still exactly the one this process made.
_SCHEMA_PRINT = text(
    "SELECT md5(string_agg(c.relname || '.' || a.attname || ':' ||"
    " format_type(a.atttypid, a.atttypmod) || ':' || a.attnotnull, ',' ORDER BY c.relname,"
    " a.attnum)) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
    " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'"
    " AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'i')"
)
_made_schema: list[str] = []  # the digest of the schema this process made last


def fresh_postgres(create_schema: bool) -> None:
    """An empty test database: with ``create_schema``, the models' tables and no row.

    Making the schema costs about 110 ms a test; emptying the tables of the same schema
    about 40, so a worker keeps the schema it made and only empties it, unless a test
    changed it (a migration test does) or asked for no schema at all.
    """
    if create_schema and _made_schema and _schema_print() == _made_schema[-1]:
        tables = ", ".join(f'"{table.name}"' for table in db.metadata.sorted_tables)
        db.session.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        db.session.commit()
        return
    empty_postgres()
    _made_schema.clear()
    if create_schema:
        db.create_all()
        _made_schema.append(_schema_print())


def _schema_print() -> str:
    return str(db.session.execute(_SCHEMA_PRINT).scalar())


def empty_postgres() -> None:
    """Drop every table of the test database, migrations' bookkeeping included."""
    db.session.execute(text("DROP SCHEMA public CASCADE"))
    db.session.execute(text("CREATE SCHEMA public"))
    db.session.commit()


def close_database(app: Flask) -> None:
    """Return the session's connection and close the app's pool."""
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="session", autouse=True)
def no_timer_left() -> Iterator[None]:
    """Stop the timer threads left waiting when the tests end (the API's rate limiter starts
    one per app). Under a shifted clock (CI's faketime run) their short waits never end, and
    the process would wait for them forever on its way out."""
    yield
    for thread in threading.enumerate():
        if isinstance(thread, threading.Timer):
            thread.cancel()


@pytest.fixture
def app(tmp_path: os.PathLike[str]) -> Iterator[Flask]:
    """The application, inside an app context, on an empty database."""
    application = make_test_app(tmp_path)
    with application.app_context():
        yield application
        db.session.remove()
    close_database(application)


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """An S3-compatible server (moto's) in this process, for the bucket media store."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_settings(s3_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The settings of a new, empty bucket on that server (credentials in the environment)."""
    import uuid

    import boto3

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test-key")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test-secret")
    bucket = f"media-{uuid.uuid4().hex[:12]}"
    boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1").create_bucket(
        Bucket=bucket
    )
    return {
        "MEDIA_STORAGE": "s3",
        "MEDIA_S3_BUCKET": bucket,
        "MEDIA_S3_ENDPOINT_URL": s3_endpoint,
        "MEDIA_S3_REGION": "us-east-1",
    }


@pytest.fixture
def fresh_app(tmp_path: os.PathLike[str]) -> Iterator[Callable[..., Flask]]:
    """Makes further apps on empty databases (on PostgreSQL: the same one, emptied)."""
    made: list[Flask] = []

    def make(**overrides: object) -> Flask:
        if has_app_context():
            db.session.remove()  # a connection left open would block emptying PostgreSQL
        made.append(make_test_app(Path(tmp_path) / f"fresh{len(made)}", **overrides))
        return made[-1]

    yield make
    for application in made:
        close_database(application)


@pytest.fixture
def clock(app: Flask) -> TestClock:
    """The app's clock, to move time forward."""
    return app.config["CLOCK"]


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client (not logged in)."""
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    """Runs ``flask`` sub-commands against the test app."""
    return app.test_cli_runner()


@pytest.fixture
def logged_in(app: Flask, client: FlaskClient) -> FlaskClient:
    """A client logged in as the owner of a workspace with no channels."""
    from tests.factories import make_user, make_workspace

    make_workspace()
    user = make_user("owner@example.com", "correct horse battery", is_owner=True)
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
    return client


@pytest.fixture
def smtp_server() -> Iterator[object]:
    """A real SMTP server in this process (aiosmtpd); ``.url`` for MAIL_URL, ``.messages``."""
    from tests.mail_server import MailServer

    server = MailServer().start()
    yield server
    server.stop()


@pytest.fixture
def mail_app(tmp_path: os.PathLike[str], smtp_server: object) -> Iterator[Flask]:
    """The application with MAIL_URL on the test SMTP server, inside an app context."""
    application = make_test_app(tmp_path, MAIL_URL=smtp_server.url)  # type: ignore[attr-defined]
    with application.app_context():
        yield application
        db.session.remove()
    close_database(application)
