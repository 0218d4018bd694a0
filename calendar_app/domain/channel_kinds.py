"""Channel kinds a team is likely to use, with their tracking defaults (pure data)."""

from __future__ import annotations

import re
import unicodedata

from .campaigns import PALETTE

SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

KNOWN_CHANNELS = {
    "blog": "Blog",
    "newsletter": "Newsletter",
    "linkedin": "LinkedIn",
    "x": "X/Twitter",
    "twitter": "X/Twitter",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "youtube": "YouTube",
    "tiktok": "TikTok",
    "pinterest": "Pinterest",
    "podcast": "Podcast",
}

# utm_medium by channel slug; every other channel is "social".
_MEDIUMS = {"newsletter": "email", "email": "email", "podcast": "audio", "blog": "blog"}


def default_medium(slug: str) -> str:
    """The ``utm_medium`` a channel gets unless told otherwise."""
    return _MEDIUMS.get(slug, "social")


def is_slug(text: str) -> bool:
    """Whether ``text`` is 1-60 lowercase words (letters, digits) joined by single hyphens."""
    return len(text) <= 60 and SLUG_PATTERN.fullmatch(text) is not None


# Slugs a channel cannot take: its feed address would be another feed's (/feeds/<token>/mine.ics).
RESERVED_SLUGS = frozenset({"mine"})


def check_slug(slug: str) -> str:
    """Return ``slug`` if it is lowercase words joined by hyphens, else raise ValueError."""
    if not is_slug(slug):
        raise ValueError(
            "Use 1-60 lowercase letters, digits and single hyphens (for example linkedin-company)."
        )
    if slug in RESERVED_SLUGS:
        raise ValueError(f"“{slug}” names the personal feed's address; choose another slug.")
    return slug


def check_colour(colour: str) -> str:
    """Return ``colour`` if it is one of the palette's (the campaigns' colours), else raise
    ValueError listing them."""
    if colour not in PALETTE:
        raise ValueError(f"Choose one of the colours: {', '.join(PALETTE)}.")
    return colour


def slug_from_name(name: str) -> str:
    """A slug made of a channel's name: lowercase ASCII letters and digits, every other run
    of characters one hyphen, at most 60 characters ("X / Twitter" becomes "x-twitter").

    Accents are dropped ("Café" gives "cafe"); a name with no letter or digit gives "",
    which :func:`check_slug` refuses.
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_name.lower())
    return "-".join(words)[:60].rstrip("-")
