"""Form validators shared by the blueprints' forms."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from wtforms.validators import StopValidation, ValidationError

from .text import single_line_problem


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
