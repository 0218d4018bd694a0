"""The networks a channel publishes to, their length limits, and counting as they count.

Pure domain data. A network either *refuses* a post over its limit (the post cannot go
out, so saving such copy is refused) or *truncates* it (the rest is hidden behind "more"
or cut off, so saving only warns). Counting follows each network's published rules:

* X/Twitter counts every http(s) URL as 23 characters, and weighs characters: code points
  in Latin, Greek, Cyrillic and common punctuation ranges count 1, all others (CJK, emoji)
  count 2 (X's ``twitter-text`` v3 configuration; an emoji sequence joined by zero-width
  joiners is counted per code point, a slight overcount where X counts the sequence once).
* Mastodon counts every URL as 23 characters too, and other characters as code points.
* Every other network counts code points (Python's ``len``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

URL_PATTERN = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
LINK_WEIGHT = 23
# The highest limit a person can give a Mastodon instance or an "other" network.
MAX_OWN_LIMIT = 100_000
# X's weight-1 ranges (twitter-text v3 configuration); every other code point weighs 2.
_LIGHT_RANGES = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))


@dataclass(frozen=True)
class Network:
    """A network's name, the limit of a post's text (None: no limit) and of its title."""

    key: str
    label: str
    limit: int | None
    refuses: bool = True
    short_links: bool = False  # every URL counts LINK_WEIGHT characters
    weighted: bool = False  # X's weighting of characters
    title_limit: int | None = None
    hashtag_limit: int | None = None
    own_limit: bool = False  # the channel sets its own limit (default: ``limit``)


NETWORKS: dict[str, Network] = {
    n.key: n
    for n in (
        Network("x", "X/Twitter", 280, short_links=True, weighted=True),
        Network("bluesky", "Bluesky", 300),
        Network("threads", "Threads", 500),
        Network("mastodon", "Mastodon", 500, short_links=True, own_limit=True),
        Network("linkedin", "LinkedIn", 3000),
        Network("instagram", "Instagram", 2200, hashtag_limit=30),
        Network("facebook", "Facebook", 63206),
        Network("youtube", "YouTube", 5000, title_limit=100),
        Network("pinterest", "Pinterest", 500, refuses=False, title_limit=100),
        Network("blog", "Blog", None),
        Network("newsletter", "Newsletter", None),
        Network("other", "Other", None, refuses=False, own_limit=True),
    )
}
# Where the copy is an article: a title, a summary or lead, and an optional outline.
ARTICLE_NETWORKS = ("blog", "newsletter")
# Channel slugs whose network is not the slug itself.
_SLUG_NETWORKS = {"twitter": "x", "email": "newsletter", "ig": "instagram", "fb": "facebook"}


def network_of(key: str) -> Network:
    """The network called ``key``; an unknown key (an old row, say) is "other"."""
    return NETWORKS.get(key, NETWORKS["other"])


def guess_network(slug: str) -> str:
    """The network a channel slug most likely means: "linkedin-company" is LinkedIn,
    "twitter" is X; a slug naming no network gives "other"."""
    for word in slug.split("-"):
        key = _SLUG_NETWORKS.get(word, word)
        if key in NETWORKS:
            return key
    return "other"


def check_network(key: str, own_limit: str | int | None) -> tuple[str, int | None]:
    """A network key and the channel's own limit, checked: (key, limit or None).

    The limit is kept only for networks where a channel sets its own (Mastodon, other);
    empty means the network's default. ValueError names what is wrong.
    """
    if key not in NETWORKS:
        raise ValueError(f"Choose a network from the list, or Other ({key!r} is not one).")
    text = str(own_limit).strip() if own_limit is not None else ""
    if not NETWORKS[key].own_limit or not text:
        return key, None
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_OWN_LIMIT:
        raise ValueError(f"Give the limit as a whole number from 1 to {MAX_OWN_LIMIT:,}.")
    return key, int(text)


def limit_of(network: Network, own_limit: int | None) -> int | None:
    """The limit a channel's posts must keep to: its own, else its network's."""
    return own_limit if network.own_limit and own_limit else network.limit


def _weight(character: str) -> int:
    code = ord(character)
    return 1 if any(low <= code <= high for low, high in _LIGHT_RANGES) else 2


def count(text: str, network: Network) -> int:
    """The length of ``text`` as ``network`` counts it (see the module's docstring)."""
    if network.short_links:
        links = URL_PATTERN.findall(text)
        text = URL_PATTERN.sub("", text)
    else:
        links = []
    body = sum(map(_weight, text)) if network.weighted else len(text)
    return body + LINK_WEIGHT * len(links)
