"""Finished feed bodies on disk, shared by every worker of the server.

A body is written once per version (its ETag), plain and, once a client asks for
it, gzip; a small ``<scope>.json`` says which version is current, how large it is
and how many events it holds. Files are written atomically (a temporary file, then
a rename), so a worker never reads half a body; the other versions are removed when
one is written.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StoredBody:
    """What the store knows of a feed's current body."""

    etag: str
    size: int
    events: int


def _name(scope: str) -> str:
    return scope.replace(":", "-")


def write_atomically(path: Path, data: bytes, *, mode: int = 0o600) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class BodyStore:
    """The bodies of one server's feeds, in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _body(self, scope: str, etag: str, gzipped: bool) -> Path:
        return self.folder / f"{_name(scope)}.{etag}.ics{'.gz' if gzipped else ''}"

    def read(self, scope: str, etag: str) -> dict[str, bytes] | None:
        """The stored body of this version (and its gzip, if made), or None."""
        try:
            body = {"plain": self._body(scope, etag, False).read_bytes()}
        except OSError:
            return None
        try:
            body["gzip"] = self._body(scope, etag, True).read_bytes()
        except OSError:
            pass
        return body

    def write(self, scope: str, etag: str, plain: bytes, events: int) -> None:
        """Store a version's body as the current one; every other version goes (a newer one
        a slower worker meets is only built again). The store is a cache: a disk that is
        full or not ours is logged, and the body is served all the same."""
        try:
            write_atomically(self._body(scope, etag, False), plain)
            record = {"etag": etag, "size": len(plain), "events": events}
            write_atomically(self.folder / f"{_name(scope)}.json", json.dumps(record).encode())
            for old in self.folder.glob(f"{_name(scope)}.*.ics*"):
                if f".{etag}.ics" not in old.name:
                    old.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("Feed bodies are not kept in %s: %s", self.folder, exc)

    def write_gzip(self, scope: str, etag: str, packed: bytes) -> None:
        """Store the compressed body beside the plain one, if that version is still kept."""
        try:
            if self._body(scope, etag, False).exists():
                write_atomically(self._body(scope, etag, True), packed)
        except OSError as exc:
            log.warning("Feed bodies are not kept in %s: %s", self.folder, exc)

    def current(self, scope: str) -> StoredBody | None:
        """The current version's ETag, size and number of events, if a body was stored."""
        try:
            record = json.loads((self.folder / f"{_name(scope)}.json").read_bytes())
            return StoredBody(str(record["etag"]), int(record["size"]), int(record["events"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None
