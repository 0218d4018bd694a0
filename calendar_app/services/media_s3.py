"""Image files in an S3-compatible bucket, so that several app servers share them.

Any service that speaks the S3 protocol will do (AWS, MinIO, Cloudflare R2, Backblaze
B2, Scaleway): ``MEDIA_S3_BUCKET`` names the bucket, ``MEDIA_S3_PREFIX`` an optional
folder in it, ``MEDIA_S3_ENDPOINT_URL`` the service when it is not AWS and
``MEDIA_S3_REGION`` its region. Credentials come from boto3's usual places (the
``AWS_ACCESS_KEY_ID`` and ``AWS_SECRET_ACCESS_KEY`` variables, a profile, an instance
role); the app never stores them. Objects stay private (the bucket's default, no
public ACL) and carry their content type. A bucket that cannot be reached, or that
refuses us, raises :class:`StorageUnavailable` after a logged warning.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from calendar_app.domain.media import is_media_key, key_content_type, object_name

from .media_store import StorageUnavailable

log = logging.getLogger(__name__)

# A dead endpoint fails an upload in seconds, not minutes.
TIMEOUTS = {"connect_timeout": 5, "read_timeout": 30, "retries": {"max_attempts": 3}}
MISSING = {"404", "NoSuchKey", "NotFound"}


class S3MediaStore:
    """Files as private objects in one bucket, under an optional prefix."""

    def __init__(self, client: Any, bucket: str, prefix: str | None = None) -> None:
        self.client = client
        self.bucket = bucket
        self.prefix = prefix

    def _name(self, key: str) -> str:
        if not is_media_key(key):
            raise ValueError(f"Not a media key: {key!r}")
        return object_name(self.prefix, key)

    def save(self, key: str, data: bytes) -> None:
        """Store ``data`` under ``key``, with the content type its extension names."""
        name = self._name(key)
        with _reaching(self.bucket, "save", key):
            self.client.put_object(
                Bucket=self.bucket, Key=name, Body=data, ContentType=key_content_type(key)
            )

    def open(self, key: str) -> bytes:
        """The file's bytes; FileNotFoundError if there is none."""
        name = self._name(key)
        with _reaching(self.bucket, "open", key):
            try:
                answer = self.client.get_object(Bucket=self.bucket, Key=name)
            except ClientError as exc:
                if _code(exc) in MISSING:
                    raise FileNotFoundError(key) from None
                raise
            return answer["Body"].read()

    def delete(self, key: str) -> None:
        """Remove the file if it is there (the bucket says yes either way)."""
        name = self._name(key)
        with _reaching(self.bucket, "delete", key):
            self.client.delete_object(Bucket=self.bucket, Key=name)

    def exists(self, key: str) -> bool:
        """Whether a file is stored under ``key``."""
        name = self._name(key)
        with _reaching(self.bucket, "check", key):
            try:
                self.client.head_object(Bucket=self.bucket, Key=name)
            except ClientError as exc:
                if _code(exc) in MISSING:
                    return False
                raise
        return True

    def stored(self) -> Iterator[tuple[str, datetime]]:
        """Every stored file's key and when it was written (objects under the prefix whose
        names are not media keys are not the store's and are left out)."""
        folder = object_name(self.prefix, "")
        pages = self.client.get_paginator("list_objects_v2")
        with _reaching(self.bucket, "list", folder or "/"):
            for page in pages.paginate(Bucket=self.bucket, Prefix=folder):
                for found in page.get("Contents", []):
                    key = found["Key"][len(folder) :]
                    if is_media_key(key):
                        yield key, found["LastModified"].astimezone(UTC)


def _code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))


@contextmanager
def _reaching(bucket: str, action: str, key: str) -> Iterator[None]:
    """Turn the bucket's failures (unreachable, refused) into StorageUnavailable, logged."""
    try:
        yield
    except (BotoCoreError, ClientError) as error:
        log.warning("Media storage: could not %s %s in bucket %r: %s", action, key, bucket, error)
        raise StorageUnavailable() from error


def s3_store(config: dict[str, Any]) -> S3MediaStore:
    """The bucket store the configuration names (one client per setting, reused)."""
    client = _client(config.get("MEDIA_S3_ENDPOINT_URL") or None, config.get("MEDIA_S3_REGION"))
    return S3MediaStore(client, config["MEDIA_S3_BUCKET"], config.get("MEDIA_S3_PREFIX"))


@lru_cache(maxsize=8)
def _client(endpoint_url: str | None, region: str | None) -> Any:
    """A client (thread-safe, slow to make) for the endpoint; path-style off AWS."""
    style = {"addressing_style": "path"} if endpoint_url else {}
    config = Config(**TIMEOUTS, s3=style)
    session = boto3.session.Session()
    return session.client("s3", endpoint_url=endpoint_url, region_name=region, config=config)
