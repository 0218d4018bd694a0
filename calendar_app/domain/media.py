"""Images and linked assets on an item: what an upload really is, its thumbnail, its name.

An upload is judged by its content alone: Pillow must open and verify it, and its
real format must be PNG, JPEG, GIF or WebP, whatever its name or Content-Type say.
Images past a pixel limit (a decompression bomb) or a size limit are refused before
they are decoded. Values in, values out: the limits are given by the caller.
"""

from __future__ import annotations

import io
import re
import unicodedata
import warnings
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

from .errors import FieldError
from .tracking import optional_http_url

# The real formats accepted, as Pillow names them, and the type each is served as.
CONTENT_TYPES = {
    "PNG": "image/png",
    "JPEG": "image/jpeg",
    "GIF": "image/gif",
    "WEBP": "image/webp",
}
# Pillow tries only these decoders: no other format's code ever reads an upload.
ACCEPTED = tuple(CONTENT_TYPES)
MEDIA_KINDS = ("image", "link")
THUMBNAIL_WIDTH = 320
THUMBNAIL_TYPE = "image/webp"
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_PIXELS = 40_000_000
MAX_ALT_LENGTH = 500
MAX_NAME_LENGTH = 120
MAX_URL_LENGTH = 2000
# A media store's key: random hex and the extension of its type, so it names no path.
_KEY = re.compile(r"^[0-9a-f]{32}\.(png|jpg|gif|webp)$")
NOT_AN_IMAGE = "That file is not an image we accept: upload a PNG, JPEG, GIF or WebP picture."


class MediaError(FieldError):
    """An image or a link that cannot be attached; ``field`` names the form field."""


@dataclass(frozen=True)
class ImageFacts:
    """What an accepted upload really is."""

    format: str
    content_type: str
    width: int
    height: int


def check_image(data: bytes, max_bytes: int, max_pixels: int) -> ImageFacts:
    """The facts of an acceptable image; MediaError("file", ...) for anything else."""
    if not data:
        raise MediaError("file", "Choose an image file to upload.")
    if len(data) > max_bytes:
        raise MediaError("file", f"Keep images to {file_size(max_bytes)} or less.")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=ACCEPTED) as image:
                facts = _facts(image, max_pixels)
                image.verify()
        except MediaError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise MediaError("file", _too_many_pixels(max_pixels)) from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
            raise MediaError("file", NOT_AN_IMAGE) from None
    return facts


def file_size(size: int) -> str:
    """A byte count as people read it: "10 MB", "2 KB"."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.0f} MB"
    return f"{size / 1024:.0f} KB"


def _facts(image: Image.Image, max_pixels: int) -> ImageFacts:
    """The format and size Pillow read from the header, refused past the pixel limit."""
    if image.format not in CONTENT_TYPES:
        raise MediaError("file", NOT_AN_IMAGE)
    width, height = image.size
    if width < 1 or height < 1:
        raise MediaError("file", NOT_AN_IMAGE)
    if width * height > max_pixels:
        raise MediaError("file", _too_many_pixels(max_pixels))
    return ImageFacts(image.format, CONTENT_TYPES[image.format], width, height)


def _too_many_pixels(max_pixels: int) -> str:
    return f"That image has too many pixels: keep it to {max_pixels // 1_000_000} megapixels."


def thumbnail(data: bytes, max_pixels: int) -> bytes:
    """A WebP at most ``THUMBNAIL_WIDTH`` wide of an image :func:`check_image` accepted."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=ACCEPTED) as image:
                if image.size[0] * image.size[1] > max_pixels:
                    raise MediaError("file", _too_many_pixels(max_pixels))
                picture = image.convert("RGBA")
        except MediaError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise MediaError("file", _too_many_pixels(max_pixels)) from None
        except (OSError, SyntaxError, ValueError, EOFError):
            raise MediaError("file", NOT_AN_IMAGE) from None
    picture.thumbnail((THUMBNAIL_WIDTH, THUMBNAIL_WIDTH * 4))
    out = io.BytesIO()
    picture.save(out, format="WEBP", quality=80)
    return out.getvalue()


def is_media_key(key: object) -> bool:
    """Whether ``key`` has the shape of a key the media store makes."""
    return isinstance(key, str) and bool(_KEY.match(key))


def clean_file_name(name: str | None) -> str:
    """A file name fit to show and to send back: its last part, printable, short.

    Only ever displayed; storage keys never come from it.
    """
    base = re.split(r"[\\/]", name or "")[-1]
    base = unicodedata.normalize("NFC", base)
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '"<>;')
    base = " ".join(base.split()).strip(". ")
    return base[:MAX_NAME_LENGTH] or "image"


def ascii_file_name(name: str) -> str:
    """The name reduced to safe ASCII, for a Content-Disposition header's plain part."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    safe = re.sub(r"[^A-Za-z0-9._ -]+", "_", folded).strip(" ._")
    return safe[:MAX_NAME_LENGTH] or "image"


def clean_alt_text(text: str | None) -> str:
    """Alt text on one line, at most ``MAX_ALT_LENGTH`` characters; MediaError past it."""
    alt = " ".join((text or "").split())
    if len(alt) > MAX_ALT_LENGTH:
        raise MediaError("alt_text", f"Keep alt text to {MAX_ALT_LENGTH} characters.")
    return alt


def asset_url(value: str | None) -> str:
    """A linked asset's address: an http or https URL; MediaError("url", ...) otherwise."""
    text = (value or "").strip()
    if not text:
        raise MediaError("url", "Give the asset's address, starting with https://.")
    if len(text) > MAX_URL_LENGTH:
        raise MediaError("url", f"Keep the address to {MAX_URL_LENGTH} characters.")
    try:
        return optional_http_url(text, "url")
    except FieldError as exc:
        raise MediaError("url", exc.message) from None


def reordered(ids: list[int], media_id: int, step: int) -> list[int]:
    """``ids`` with ``media_id`` moved ``step`` places (-1 up, 1 down), kept within the list."""
    if media_id not in ids:
        return list(ids)
    at = ids.index(media_id)
    to = min(max(at + step, 0), len(ids) - 1)
    moved = [i for i in ids if i != media_id]
    moved.insert(to, media_id)
    return moved


MEDIA_STORAGES = ("local", "s3")
_TYPE_OF_EXTENSION = {
    "png": "image/png",
    "jpg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
}


def key_content_type(key: str) -> str:
    """The content type a media key's extension names (keys are made from it)."""
    return _TYPE_OF_EXTENSION[key.rsplit(".", 1)[-1]]


def object_name(prefix: str | None, key: str) -> str:
    """Where a bucket keeps ``key``: under ``prefix`` (its slashes trimmed) when there is one."""
    folder = (prefix or "").strip("/")
    return f"{folder}/{key}" if folder else key


def media_settings_problem(storage: str | None, bucket: str | None) -> str | None:
    """Why the media settings cannot start a server, or None when they can."""
    if storage not in MEDIA_STORAGES:
        return f"MEDIA_STORAGE={storage!r} is not available; use 'local' or 's3'."
    if storage == "s3" and not (bucket or "").strip():
        return "MEDIA_STORAGE=s3 needs MEDIA_S3_BUCKET: the name of the bucket to keep images in."
    return None
