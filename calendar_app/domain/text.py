"""Plain-text hygiene shared by forms, imports and the feed (pure domain code).

Names are single lines; free text may have line breaks and tabs. No text keeps
control characters (NUL, BEL, ESC…): strict calendar parsers reject them and
a line break in a name would start a new iCalendar property.
"""

from __future__ import annotations

import re
import unicodedata

_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029\x85\x0b\x0c]")


# Bidirectional overrides and isolates can make a name read differently from what it is.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp") or ch in _BIDI_CONTROLS


def single_line_problem(value: str) -> str | None:
    """Why ``value`` cannot be a name (a line break or control character), or None."""
    if any(_is_control(ch) for ch in value):
        return "must be a single line, without line breaks or control characters."
    return None


def clean_text(value: str, *, multiline: bool = True) -> str:
    """``value`` without control characters; line breaks become ``\\n`` (or spaces)."""
    value = _BREAKS.sub("\n", value)
    kept = "\n\t" if multiline else ""
    cleaned = "".join(
        ch if ch in kept or not _is_control(ch) else (" " if ch in "\n\t" else "") for ch in value
    )
    return cleaned


def listed(names: list[str]) -> str:
    """Names in words: "a", "a and b", "a, b and c"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def label_problem(label: str, missing: str, longest: int) -> str | None:
    """Why a label (already stripped) cannot be taken: ``missing`` when empty, too long, or
    not one line; None when it can."""
    if not label:
        return missing
    if len(label) > longest:
        return f"The label has {len(label)} characters; at most {longest}."
    if problem := single_line_problem(label):
        return f"The label {problem}"
    return None
