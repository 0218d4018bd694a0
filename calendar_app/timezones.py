"""Choices for select fields, the IANA time zones among them."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from zoneinfo import available_timezones

from wtforms.fields.choices import SelectChoice


def choices(pairs: Iterable[tuple[str, str]]) -> list[SelectChoice]:
    """Select-field choices from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


@cache
def _zone_names() -> tuple[str, ...]:
    return tuple(
        sorted(
            name
            for name in available_timezones()
            if "/" in name and not name.startswith(("Etc/", "SystemV/", "US/", "posix/", "right/"))
        )
    )


def timezone_choices() -> list[SelectChoice]:
    """Every IANA zone (legacy aliases left out), grouped by region, UTC first."""
    return [SelectChoice("UTC", "UTC")] + [
        SelectChoice(name, name.split("/", 1)[1].replace("_", " "), optgroup=name.split("/")[0])
        for name in _zone_names()
    ]
