"""The one error shape for input a person can fix: a message and the field it is about."""

from __future__ import annotations


class FieldError(ValueError):
    """Input that cannot be accepted; ``field`` names the form field or value at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class CadenceError(FieldError):
    """A cadence rule that cannot be planned; ``field`` names the culprit."""
