"""Feeds written to disk under their secret names, for a static-file server to serve.

With ``FEED_EXPORT_DIR`` set, every feed a user can subscribe to is kept there as
``feeds/<token>.ics`` and ``feeds/<token>/<slug>.ics``, each beside its ``.gz``:
the paths of the feed addresses, so a web server in front of the app (nginx's
``gzip_static``) answers calendars without reaching Python. Only feeds whose version
changed are written again; files of a reset token, a removed account or a deleted
channel are removed. One export runs at a time (a file lock), reading the versions
after taking it, so the last writer always writes the newest feed.
"""

from __future__ import annotations

import fcntl
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from calendar_app.domain.tokens import derive_feed_token
from calendar_app.extensions import db
from calendar_app.models import Channel, User

from .feed_events import FeedWindow
from .feed_store import BodyStore, write_atomically
from .feeds import FeedVersion, feed_body, feed_version

MANIFEST = ".manifest.json"
FILE_MODE = 0o644  # the web server's user reads them; the folders are not listable


@dataclass(frozen=True)
class ExportReport:
    """How many feed files an export wrote and removed (a feed counts its ``.gz`` too)."""

    written: int
    removed: int

    def summary(self) -> str:
        """One line for the command line."""
        return f"Feeds exported: {self.written} files written, {self.removed} removed."


FOLDER_MODE = 0o711  # the web server passes through; nobody lists the secret names


def _folder(path: Path) -> Path:
    """The folder, made not listable when this makes it (an operator's own mode is kept)."""
    if not path.is_dir():
        path.mkdir(parents=True, exist_ok=True)
        path.chmod(FOLDER_MODE)
    return path


@contextmanager
def _exclusive(folder: Path) -> Iterator[None]:
    _folder(folder)
    with open(folder / ".lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _read_manifest(folder: Path) -> dict[str, str]:
    try:
        manifest = json.loads((folder / MANIFEST).read_bytes())
    except (OSError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) else {}


def _wanted_feeds(secret_key: str) -> dict[str, Channel | None]:
    """Each feed file's path under ``feeds/`` (without ``.ics``) and the channel it shows."""
    channels = db.session.scalars(select(Channel).order_by(Channel.id)).all()
    salts = db.session.scalars(select(User.feed_salt).where(User.feed_salt.is_not(None)))
    wanted: dict[str, Channel | None] = {}
    for salt in salts:
        token = derive_feed_token(secret_key, salt)
        wanted[token] = None
        wanted.update({f"{token}/{channel.slug}": channel for channel in channels})
    return wanted


def export_feeds(
    folder: Path, window: FeedWindow, store: BodyStore, secret_key: str
) -> ExportReport:
    """Bring the feed files in ``folder`` up to date (see the module's description)."""
    with _exclusive(folder):
        db.session.rollback()  # read the versions as they are now, after the lock
        root = _folder(folder / "feeds")
        manifest = _read_manifest(folder)
        wanted = _wanted_feeds(secret_key)
        versions = {name: feed_version(channel, window) for name, channel in wanted.items()}
        # Dead addresses go first: a write that fails below must not leave them served.
        removed = _remove_unwanted(root, versions)
        written = 0
        for name, channel in wanted.items():
            version = versions[name]
            if manifest.get(name) == version.etag and (root / f"{name}.ics").exists():
                continue
            channel_id = channel.id if channel is not None else None
            _folder((root / name).parent)
            for suffix, zipped in ((".ics.gz", True), (".ics", False)):
                data = feed_body(version, channel_id, window, store, gzipped=zipped)
                write_atomically(root / f"{name}{suffix}", data, mode=FILE_MODE)
                written += 1
        etags = {name: version.etag for name, version in versions.items()}
        write_atomically(folder / MANIFEST, json.dumps(etags).encode(), mode=0o600)
        db.session.rollback()  # end the read transaction (event texts stored are committed)
    return ExportReport(written, removed)


def _remove_unwanted(root: Path, versions: dict[str, FeedVersion]) -> int:
    """Delete the feed files (and emptied token folders) no current feed has."""
    keep = {f"{name}{suffix}" for name in versions for suffix in (".ics", ".ics.gz")}
    removed = 0
    for path in sorted(root.rglob("*"), reverse=True):  # files before their folders
        relative = path.relative_to(root).as_posix()
        if path.is_dir():
            if not any(path.iterdir()):
                path.rmdir()
        elif relative not in keep:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
