"""Configuration: the environment first, then the instance folder's config.py, then tests."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask

from calendar_app.domain.mail import parse_mail_url
from calendar_app.domain.media import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_PIXELS,
    media_settings_problem,
)


def database_url(app: Flask) -> str:
    """The database URL: ``DATABASE_URL`` (PostgreSQL via psycopg 3), else instance SQLite."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return "sqlite:///" + str(Path(app.instance_path) / "calendar.sqlite")
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def instance_secret_key(app: Flask) -> str:
    """Read the secret key kept in the instance folder, creating it once if missing."""
    path = Path(app.instance_path) / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip()


def load_config(app: Flask, test_config: dict[str, Any] | None) -> None:
    """Fill ``app.config`` from the environment, the instance folder and ``test_config``."""
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(
        SQLALCHEMY_DATABASE_URI=database_url(app),
        SQLALCHEMY_ENGINE_OPTIONS={"pool_pre_ping": True},
        BASE_URL=os.environ.get("BASE_URL", "").rstrip("/"),
        FEED_PAST_DAYS=int(os.environ.get("FEED_PAST_DAYS", "30")),
        FEED_FUTURE_DAYS=int(os.environ.get("FEED_FUTURE_DAYS", "180")),
        PLANNING_HORIZON_WEEKS=13,
        # Finished feed bodies, shared by the server's workers.
        FEED_CACHE_DIR=os.environ.get("FEED_CACHE_DIR")
        or str(Path(app.instance_path) / "feed-cache"),
        # Optional: feeds written under their secret names for a static-file server.
        FEED_EXPORT_DIR=os.environ.get("FEED_EXPORT_DIR") or None,
        PASSWORD_HASH_METHOD="scrypt",
        TRUSTED_PROXIES=int(os.environ.get("TRUSTED_PROXIES", "0") or 0),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        WTF_CSRF_TIME_LIMIT=None,
        # Larger bodies get a 413: 2 MB for every form, 16 MB for results uploads.
        MAX_CONTENT_LENGTH=2 * 1024 * 1024,
        MAX_FORM_MEMORY_SIZE=2 * 1024 * 1024,
        MAX_UPLOAD_LENGTH=16 * 1024 * 1024,
        # Images on items: where their files live, and what an upload may be.
        MEDIA_STORAGE=os.environ.get("MEDIA_STORAGE", "local"),
        MEDIA_DIR=os.environ.get("MEDIA_DIR") or str(Path(app.instance_path) / "media"),
        # MEDIA_STORAGE=s3: the bucket, a folder in it, the service (unless AWS), its region.
        MEDIA_S3_BUCKET=os.environ.get("MEDIA_S3_BUCKET", ""),
        MEDIA_S3_PREFIX=os.environ.get("MEDIA_S3_PREFIX", ""),
        MEDIA_S3_ENDPOINT_URL=os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
        MEDIA_S3_REGION=os.environ.get("MEDIA_S3_REGION") or None,
        MEDIA_MAX_BYTES=int(os.environ.get("MEDIA_MAX_BYTES") or DEFAULT_MAX_BYTES),
        MEDIA_MAX_PIXELS=DEFAULT_MAX_PIXELS,
        # Mail: smtp://, smtp+starttls:// or smtps://user:password@host:port; unset, it is logged.
        MAIL_URL=os.environ.get("MAIL_URL", ""),
        MAIL_FROM=os.environ.get("MAIL_FROM") or "calendar@localhost",
        # Requests per API token ("300 per minute"; any Flask-Limiter rate).
        API_RATE_LIMIT=os.environ.get("API_RATE_LIMIT") or "300 per minute",
        # Webhooks: whether receivers inside the network (private, loopback…) may be called,
        # and after how many days of failing without a break a subscription is paused.
        WEBHOOK_ALLOW_PRIVATE_ADDRESSES=os.environ.get("WEBHOOK_ALLOW_PRIVATE_ADDRESSES", "")
        .strip()
        .lower()
        in ("1", "true", "yes", "on"),
        WEBHOOK_PAUSE_AFTER_DAYS=float(os.environ.get("WEBHOOK_PAUSE_AFTER_DAYS") or 3),
    )
    if os.environ.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
    app.config.from_pyfile("config.py", silent=True)
    if test_config:
        app.config.from_mapping(test_config)
    problem = media_settings_problem(app.config["MEDIA_STORAGE"], app.config["MEDIA_S3_BUCKET"])
    if problem:
        raise RuntimeError(f"Cannot start: {problem}")
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret_key(app)
    # A bad MAIL_URL stops the start with MailError, which says what is wrong with it.
    app.config["MAIL_SERVER"] = parse_mail_url(app.config["MAIL_URL"] or "")
    if app.config["BASE_URL"].startswith("https://"):
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
