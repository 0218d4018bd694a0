"""A backup's media: each row checked like the forms check it, and each image file with it.

Image files travel inside the backup as base64 under ``media_files``, keyed by their
store key; every file a row names must be there and pass the same content check as
an upload, before a restore writes anything.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from .backup_checks import BackupError
from .errors import Problems
from .media import (
    CONTENT_TYPES,
    MAX_ALT_LENGTH,
    MEDIA_KINDS,
    THUMBNAIL_TYPE,
    MediaError,
    asset_url,
    check_image,
    is_media_key,
)
from .text import single_line_problem


def check_media_row(row: dict[str, Any], where: str) -> None:
    """Raise BackupError naming what a form would refuse in an ``item_media`` row."""
    if row["kind"] not in MEDIA_KINDS:
        raise BackupError(f"{where}.kind: must be one of {', '.join(MEDIA_KINDS)}.")
    if len(row.get("alt_text") or "") > MAX_ALT_LENGTH or single_line_problem(
        row.get("alt_text") or ""
    ):
        raise BackupError(f"{where}.alt_text: must be one line of at most {MAX_ALT_LENGTH}.")
    if row["kind"] == "link":
        try:
            asset_url(row.get("url"))
        except MediaError as exc:
            raise BackupError(f"{where}.url: {exc.message}") from None
        return
    for key in ("storage_key", "thumbnail_key"):
        if not is_media_key(row.get(key)):
            raise BackupError(f"{where}.{key}: must be a media file's key.")
    if row.get("content_type") not in CONTENT_TYPES.values():
        raise BackupError(f"{where}.content_type: must be an image type we accept.")


def media_files(
    document: dict[str, Any], rows: list[dict[str, Any]], max_bytes: int, max_pixels: int
) -> dict[str, bytes]:
    """The files the image rows name, decoded and checked; BackupError names every problem."""
    sent = document.get("media_files", {})
    if not isinstance(sent, dict):
        raise BackupError("media_files: must be an object of files by key.")
    problems = Problems(BackupError)
    files: dict[str, bytes] = {}
    for row in rows:
        if row["kind"] != "image":
            continue
        for key, content_type in (
            (row["storage_key"], row["content_type"]),
            (row["thumbnail_key"], THUMBNAIL_TYPE),
        ):
            with problems.check():
                files[key] = _file(sent, key, content_type, max_bytes, max_pixels)
    problems.raise_if_any()
    return files


def _file(
    sent: dict[str, Any], key: str, content_type: str, max_bytes: int, max_pixels: int
) -> bytes:
    where = f"media_files.{key}"
    if not isinstance(sent.get(key), str):
        raise BackupError(f"{where}: is missing.")
    try:
        data = base64.b64decode(sent[key], validate=True)
    except (binascii.Error, ValueError):
        raise BackupError(f"{where}: is not base64.") from None
    try:
        facts = check_image(data, max_bytes, max_pixels)
    except MediaError as exc:
        raise BackupError(f"{where}: {exc.message}") from None
    if facts.content_type != content_type:
        raise BackupError(f"{where}: is {facts.content_type}, its row says {content_type}.")
    return data


def encode_files(files: dict[str, bytes]) -> dict[str, str]:
    """Files by key as base64 text, for the backup document."""
    return {key: base64.b64encode(data).decode("ascii") for key, data in sorted(files.items())}
