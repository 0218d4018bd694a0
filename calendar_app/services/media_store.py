"""Where image files live: one small interface, a local folder by default.

Keys are random names made here (never a user's file name), so no request can
reach a file by a path it chose. ``MEDIA_STORAGE=local`` (the default) keeps the
files under ``MEDIA_DIR`` (the instance folder's ``media/``); several app servers
share an S3-compatible bucket instead (``MEDIA_STORAGE=s3``, see
:mod:`.media_s3`): a class with the same five methods, chosen by :func:`media_store`.
A store that cannot be reached raises :class:`StorageUnavailable`.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from calendar_app.domain.media import is_media_key, media_settings_problem

from .feed_store import write_atomically

EXTENSIONS = {
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "image/webp": "webp",
}


class StorageUnavailable(OSError):
    """The media store could not be reached or refused us; nothing was stored."""

    message = "The media storage could not be reached; nothing was saved. Try again later."

    def __init__(self) -> None:
        super().__init__(self.message)


class MediaStore(Protocol):
    """Files by key: what every media backend offers."""

    def save(self, key: str, data: bytes) -> None:
        """Store ``data`` under ``key`` (replacing nothing: keys are new)."""

    def open(self, key: str) -> bytes:
        """The file's bytes; FileNotFoundError if there is none."""

    def delete(self, key: str) -> None:
        """Remove the file if it is there."""

    def exists(self, key: str) -> bool:
        """Whether a file is stored under ``key``."""

    def stored(self) -> Iterator[tuple[str, datetime]]:
        """Every stored file's key and when it was stored (for ``flask media prune``)."""


def new_key(content_type: str) -> str:
    """A fresh random key with the extension of ``content_type``."""
    return f"{secrets.token_hex(16)}.{EXTENSIONS[content_type]}"


class LocalMediaStore:
    """Files in one folder of this server (written atomically, readable by the app only)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        if not is_media_key(key):
            raise ValueError(f"Not a media key: {key!r}")
        return self.folder / key[:2] / key

    def save(self, key: str, data: bytes) -> None:
        """Store ``data`` under ``key``."""
        write_atomically(self._path(key), data)

    def open(self, key: str) -> bytes:
        """The file's bytes; FileNotFoundError if there is none."""
        return self._path(key).read_bytes()

    def delete(self, key: str) -> None:
        """Remove the file if it is there."""
        self._path(key).unlink(missing_ok=True)

    def exists(self, key: str) -> bool:
        """Whether a file is stored under ``key``."""
        return self._path(key).is_file()

    def stored(self) -> Iterator[tuple[str, datetime]]:
        """Every stored file's key and when it was written (files not named by a key, such
        as an atomic write's leftovers, are not the store's and are left out)."""
        for path in sorted(self.folder.glob("*/*")):
            if path.is_file() and is_media_key(path.name) and path.parent.name == path.name[:2]:
                yield path.name, datetime.fromtimestamp(path.stat().st_mtime, UTC)


def media_store(config: dict[str, Any]) -> MediaStore:
    """The store the configuration names (``MEDIA_STORAGE``); ValueError for one not built."""
    kind = config.get("MEDIA_STORAGE", "local")
    problem = media_settings_problem(kind, config.get("MEDIA_S3_BUCKET"))
    if problem:
        raise ValueError(problem)
    if kind == "s3":
        from .media_s3 import s3_store  # boto3 loads only for a server that uses it

        return s3_store(config)
    return LocalMediaStore(Path(config["MEDIA_DIR"]))
