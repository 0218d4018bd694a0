"""Web addresses: checking what people enter, and tracked (UTM-tagged) links. Pure domain code."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import SplitResult, parse_qsl, urlencode, urlsplit, urlunsplit

from .errors import FieldError

MAX_URL_LENGTH = 2000


def require_http_url(value: str) -> str:
    """Return ``value`` stripped if it is an absolute http(s) URL, else raise ValueError.

    Anything else (``javascript:``, ``mailto:``, relative paths, control
    characters) is refused so that no link we render can run script.
    """
    url = value.strip()
    if not url:
        raise ValueError("The address is empty.")
    if len(url) > MAX_URL_LENGTH:
        raise ValueError(f"The address is longer than {MAX_URL_LENGTH} characters.")
    if any(ord(ch) < 33 or ord(ch) == 127 for ch in url):
        raise ValueError("The address contains spaces or control characters.")
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueError("Only absolute http:// or https:// addresses are accepted.")
    if not parts.hostname:
        raise ValueError("The address has no host name.")
    return url


def optional_http_url(value: str | None, field: str) -> str:
    """``value`` stripped: "" if blank, else a checked http(s) URL; FieldError naming ``field``."""
    url = (value or "").strip()
    if not url:
        return ""
    try:
        return require_http_url(url)
    except ValueError as exc:
        raise FieldError(field, str(exc)) from None


MAX_UTM_LENGTH = 100
UTM_FIELDS = ("utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term")
_NOT_UTM = re.compile(r"[^a-z0-9._-]+")
# Letters that Unicode does not decompose into a base letter and an accent.
_FOLD = str.maketrans(
    {"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "đ": "d", "ł": "l", "þ": "th", "ð": "d", "ı": "i"}
)


def _normalise_utm(value: str | None, field: str = "value") -> str:
    """The one way tracking values are written.

    Lowercase; accents folded (café → cafe, straße → strasse); spaces and anything outside
    ``a-z 0-9 . _ -`` become hyphens; runs of hyphens collapse to one and
    hyphens at the ends are dropped; at most 100 characters. Raises
    ValueError naming ``field`` if nothing is left.
    """
    folded = unicodedata.normalize("NFKD", (value or "").lower().translate(_FOLD))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    cleaned = re.sub(r"-{2,}", "-", _NOT_UTM.sub("-", folded)).strip("-")
    cleaned = cleaned[:MAX_UTM_LENGTH].rstrip("-")
    if not cleaned:
        raise ValueError(f"{field} is empty once reduced to a-z, 0-9, '.', '_' and '-'.")
    return cleaned


def _parse_destination(destination: str) -> tuple[SplitResult, dict[str, str]]:
    """A checked destination's parts and its own query parameters."""
    parts = urlsplit(require_http_url(destination))
    return parts, {k.lower(): v for k, v in parse_qsl(parts.query, keep_blank_values=True)}


# Feeds and pages ask for the same few values and destinations thousands of times. The caches
# wrap by assignment, not as decorators, so that mutation testing reaches the functions' bodies.
normalise_utm = lru_cache(maxsize=65536)(_normalise_utm)
_split_destination = lru_cache(maxsize=1024)(_parse_destination)


@dataclass(frozen=True)
class TrackedLink:
    """A destination with its tracking parameters; ``kept`` lists utm_* values it already had."""

    url: str
    kept: dict[str, str] = field(default_factory=dict)


def tracked_link(
    destination: str,
    *,
    source: str,
    medium: str,
    campaign: str,
    content: str,
    term: str | None = None,
) -> TrackedLink:
    """Add utm_source, utm_medium, utm_campaign, utm_content (and utm_term) to ``destination``.

    The destination must be an absolute http(s) URL. Its own query string is
    kept byte for byte and its fragment stays at the end; a utm_* parameter it
    already carries is kept, not overwritten, and reported in ``kept``. Our
    values are normalised with :func:`normalise_utm`.
    """
    parts, existing = _split_destination(destination)
    ours = {
        "utm_source": normalise_utm(source, "utm_source"),
        "utm_medium": normalise_utm(medium, "utm_medium"),
        "utm_campaign": normalise_utm(campaign, "utm_campaign"),
        "utm_content": normalise_utm(content, "utm_content"),
    }
    if term:
        ours["utm_term"] = normalise_utm(term, "utm_term")
    kept = {k: existing[k] for k in ours if k in existing}
    added = urlencode([(k, v) for k, v in ours.items() if k not in kept])
    query = "&".join(part for part in (parts.query, added) if part)
    return TrackedLink(urlunsplit(parts._replace(query=query)), kept)
