"""Reading typed values out of a JSON plan file, naming the path of any bad value."""

from __future__ import annotations

from datetime import date, time
from difflib import get_close_matches
from typing import Any

from .errors import FileError
from .text import clean_text, single_line_problem


class PlanError(FileError):
    """A plan file that cannot be imported; ``field`` is the path of the (first) bad value."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


class Reader:
    """Reads typed values out of one JSON object, naming the path on errors."""

    def __init__(self, data: Any, path: str) -> None:
        if not isinstance(data, dict):
            raise PlanError(path or "(file)", "must be a JSON object.")
        self.data = data
        self.path = path

    def where(self, key: str) -> str:
        """The path of ``key`` in the file, such as ``channels[0].rules[1].time``."""
        return f"{self.path}.{key}" if self.path else key

    def has(self, key: str) -> bool:
        """Whether ``key`` is given with a value (not missing, not ``null``)."""
        return self.data.get(key) is not None

    def given(self, key: str) -> bool:
        """Whether the file mentions ``key`` at all (``null`` included)."""
        return key in self.data

    def only(self, known: tuple[str, ...], aliases: dict[str, str] | None = None) -> None:
        """Refuse fields this format does not have (all of them at once): a misspelt field
        would be silently lost."""
        unknown = []
        for key in self.data:
            if key not in known:
                alias = (aliases or {}).get(str(key).lower())
                hint = [alias] if alias else get_close_matches(str(key), known, n=1)
                also = f" (did you mean {hint[0]!r}?)" if hint else ""
                unknown.append(
                    PlanError(
                        self.where(str(key)),
                        f"is not a field here{also}; known fields: {', '.join(known)}.",
                    )
                )
        if unknown:
            raise PlanError.combine(unknown)

    def text(
        self,
        key: str,
        *,
        required: bool = False,
        max_len: int = 200,
        default: str = "",
        multiline: bool = False,
    ) -> str:
        """A string, stripped, at most ``max_len`` characters; single-line unless ``multiline``."""
        value = self.data.get(key)
        if value is None:
            if required:
                raise PlanError(self.where(key), "is required.")
            return default
        if not isinstance(value, str):
            raise PlanError(self.where(key), "must be a string.")
        value = value.strip()
        if required and not value:
            raise PlanError(self.where(key), "must not be empty.")
        if len(value) > max_len:
            raise PlanError(self.where(key), f"is longer than {max_len} characters.")
        if not multiline:
            problem = single_line_problem(value)
            if problem:
                raise PlanError(self.where(key), problem)
            return value
        return clean_text(value)

    def integer(self, key: str, low: int, high: int) -> int | None:
        """A whole number from ``low`` to ``high``, or None when not given."""
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise PlanError(self.where(key), "must be a whole number.")
        if not low <= value <= high:
            raise PlanError(self.where(key), f"must be between {low} and {high}.")
        return value

    def number(self, key: str, low: float, high: float, default: float) -> float:
        """A number from ``low`` to ``high`` (``default`` when not given)."""
        value = self.data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise PlanError(self.where(key), "must be a number.")
        if not low <= value <= high:
            raise PlanError(self.where(key), f"must be between {low:g} and {high:g}.")
        return float(value)

    def flag(self, key: str, default: bool) -> bool:
        """``true`` or ``false`` (``default`` when not given)."""
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise PlanError(self.where(key), "must be true or false.")
        return value

    def day(self, key: str) -> date | None:
        """An ISO date, or None when not given."""
        value = self.data.get(key)
        if value is None:
            return None
        return parse_day(value, self.where(key))

    def choice(self, key: str, options: tuple[str, ...], default: str | None) -> str | None:
        """One of ``options`` (``default`` when not given)."""
        value = self.data.get(key, default)
        if value is None:
            return None
        if value not in options:
            raise PlanError(self.where(key), f"{value!r} is not one of {', '.join(options)}.")
        return value

    def items(self, key: str) -> list[Any]:
        """A list (empty when not given)."""
        value = self.data.get(key, [])
        if not isinstance(value, list):
            raise PlanError(self.where(key), "must be a list.")
        return value

    def strings(self, key: str, max_len: int = 100) -> list[str]:
        """A list of non-empty strings of at most ``max_len`` characters, stripped."""
        result = []
        for index, value in enumerate(self.items(key)):
            if not isinstance(value, str) or not value.strip() or len(value) > max_len:
                raise PlanError(
                    f"{self.where(key)}[{index}]",
                    f"must be a non-empty string of at most {max_len} characters.",
                )
            result.append(value.strip())
        return result


def parse_day(value: Any, where: str) -> date:
    """An ISO date, or PlanError naming ``where``."""
    try:
        if not isinstance(value, str):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise PlanError(where, f"{value!r} is not a date like 2026-12-25.") from None


def parse_time(value: Any, where: str) -> time:
    """A time like 09:30, or PlanError naming ``where``."""
    try:
        if not isinstance(value, str) or len(value) != 5:
            raise ValueError
        return time.fromisoformat(value)
    except ValueError:
        raise PlanError(where, f"{value!r} is not a time like 09:30.") from None
