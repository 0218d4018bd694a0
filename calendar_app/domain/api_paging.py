"""The JSON API's conventions that are plain values: cursors, versions and page sizes. Pure.

A cursor is opaque to clients: the sort key of the last row they saw, in URL-safe
base64. Anything that is not a cursor this API made is refused with a clear
message naming the ``cursor`` parameter.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from datetime import datetime
from typing import Any

from .errors import FieldError

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
BAD_CURSOR = "This cursor was not made by this API: use the next_cursor of the previous page."


def encode_cursor(moment: datetime | None, row_id: int) -> str:
    """The cursor after the row with this sort moment (None: sorted by id only) and id."""
    key = [moment.isoformat() if moment is not None else None, row_id]
    return base64.urlsafe_b64encode(json.dumps(key).encode()).rstrip(b"=").decode()


def decode_cursor(cursor: str) -> tuple[datetime | None, int]:
    """The sort moment and id a cursor holds; FieldError("cursor") for anything else."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        moment, row_id = json.loads(raw)
        when = datetime.fromisoformat(moment) if moment is not None else None
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise FieldError("cursor", BAD_CURSOR) from None
    if type(row_id) is not int or (when is not None and when.tzinfo is None):
        raise FieldError("cursor", BAD_CURSOR)
    return when, row_id


def etag(kind: str, row_id: int, version: int) -> str:
    """The strong ETag of a resource at a version: changes whenever the resource does."""
    return f'"{kind}-{row_id}-v{version}"'


def version_in(if_match: str | None, kind: str, row_id: int) -> int | None:
    """The version an ``If-Match`` header names for this resource; None when it names none
    of its versions (no header, ``*``, or another resource's tag)."""
    for tag in (if_match or "").split(","):
        tag = tag.strip().removeprefix("W/")
        prefix = f'"{kind}-{row_id}-v'
        if tag.startswith(prefix) and tag.endswith('"') and tag[len(prefix) : -1].isdigit():
            return int(tag[len(prefix) : -1])
    return None


def digest_version(public: dict[str, Any]) -> int:
    """The version of a row that keeps no version number: a number made of its public
    fields as the API shows them, so it changes whenever one of them does."""
    text = json.dumps(public, sort_keys=True, default=str, separators=(",", ":"))
    return int(hashlib.sha256(text.encode()).hexdigest()[:12], 16)
