"""What the forms of every area share: validators, choices and the IANA time zones."""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import Decimal
from functools import cache
from typing import Any
from zoneinfo import available_timezones

from flask import flash
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation, ValidationError

from calendar_app.domain.errors import FieldError
from calendar_app.domain.text import single_line_problem


class SingleLine:
    """Refuse line breaks and control characters in a name-like field."""

    def __call__(self, form: Any, field: Any) -> None:
        problem = single_line_problem(field.data or "")
        if problem:
            raise ValidationError(f"{field.label.text} {problem}")


class Finite:
    """Refuse NaN and infinities before any range check (``sNaN`` cannot even be compared)."""

    def __call__(self, form: Any, field: Any) -> None:
        value = field.data
        if (isinstance(value, Decimal) and not value.is_finite()) or (
            isinstance(value, float) and not math.isfinite(value)
        ):
            raise StopValidation("Give a number such as 7.5.")


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


def show_error(error: FieldError, form: Any = None) -> None:
    """Show a service's refusal: under the form field it names, else as a message on top."""
    field = getattr(form, error.field, None) if form is not None else None
    if field is not None and hasattr(field, "errors"):
        field.errors = [*field.errors, error.message]  # a tuple until the form is validated
    else:
        flash(error.message, "error")
