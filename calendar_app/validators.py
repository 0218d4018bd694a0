"""Form validators shared by the blueprints' forms."""

from __future__ import annotations

from typing import Any

from wtforms.validators import ValidationError

from .text import single_line_problem


class SingleLine:
    """Refuse line breaks and control characters in a name-like field."""

    def __call__(self, form: Any, field: Any) -> None:
        problem = single_line_problem(field.data or "")
        if problem:
            raise ValidationError(f"{field.label.text} {problem}")
