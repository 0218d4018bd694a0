"""The IANA time zones people can choose from."""

from __future__ import annotations

from functools import cache
from zoneinfo import available_timezones


@cache
def timezone_choices() -> list[tuple[str, str]]:
    """Sorted (value, label) pairs of every IANA zone, without the legacy aliases."""
    names = sorted(
        name
        for name in available_timezones()
        if "/" in name and not name.startswith(("Etc/", "SystemV/", "US/", "posix/", "right/"))
    )
    return [("UTC", "UTC")] + [(name, name.replace("_", " ")) for name in names]
