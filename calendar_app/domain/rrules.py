"""RFC 5545 recurrence rules (§3.3.10): read, checked and normalised. Pure domain code.

A rule here makes at most one slot a day at the rule's own time of day, so only
DAILY to YEARLY frequencies and the date parts (BYDAY, BYMONTHDAY, BYYEARDAY,
BYWEEKNO, BYMONTH, BYSETPOS) are accepted, each within the RFC's bounds and only
with a frequency it suits. The start and the end have fields of their own.
"""

from __future__ import annotations

from datetime import datetime

from dateutil.rrule import rrulestr

from .errors import CadenceError

MAX_COUNT = 10_000
MAX_INTERVAL = 366
WORKING_DAYS = ("MO", "TU", "WE", "TH", "FR")
RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

_ALLOWED_FREQS = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
_FORBIDDEN_PARTS = {
    "DTSTART": "the start goes in the start date field",
    "BYHOUR": "the time goes in the time-of-day field",
    "BYMINUTE": "the time goes in the time-of-day field",
    "BYSECOND": "the time goes in the time-of-day field",
    "UNTIL": "the end goes in the end date field",
}
_KNOWN_PARTS = {
    "FREQ",
    "INTERVAL",
    "COUNT",
    "WKST",
    "BYDAY",
    "BYMONTHDAY",
    "BYYEARDAY",
    "BYWEEKNO",
    "BYMONTH",
    "BYSETPOS",
}
# The values each BYxxx part may take (zero is never allowed), and the frequencies
# it may be combined with.
_PART_RANGES = {
    "BYMONTHDAY": (-31, 31, ("DAILY", "MONTHLY", "YEARLY")),
    "BYYEARDAY": (-366, 366, ("YEARLY",)),
    "BYWEEKNO": (-53, 53, ("YEARLY",)),
    "BYMONTH": (1, 12, _ALLOWED_FREQS),
    "BYSETPOS": (-366, 366, _ALLOWED_FREQS),
}
_BYDAY_ORDINAL_LIMIT = {"MONTHLY": 5, "YEARLY": 53}


def parse_rrule_parts(text: str) -> dict[str, str]:
    """Split an RRULE value into upper-case ``NAME: value`` parts (RFC 5545 §3.3.10)."""
    body = text.strip()
    if body.upper().startswith("RRULE:"):
        body = body[len("RRULE:") :]
    parts: dict[str, str] = {}
    for chunk in body.split(";"):
        if not chunk.strip():
            continue
        name, sep, value = chunk.partition("=")
        name = name.strip().upper()
        if not sep or not value.strip():
            raise CadenceError("rrule", f"{chunk.strip()!r} is not NAME=VALUE.")
        if name in parts:
            raise CadenceError("rrule", f"{name} is given twice.")
        parts[name] = value.strip().upper()
    return parts


def normalise_rrule(text: str) -> str:
    """Check that ``text`` is an RRULE we can plan and return it normalised.

    Rejects what cannot be planned with a clear message: unknown parts,
    DTSTART (the start date is its own field), sub-daily frequencies and
    BYHOUR/BYMINUTE/BYSECOND (one rule makes at most one slot a day, at its
    time of day), and anything dateutil cannot read.
    """
    if not text or not text.strip():
        raise CadenceError("rrule", "The recurrence rule is empty.")
    if "\n" in text or "\r" in text:
        raise CadenceError("rrule", "The recurrence rule must be a single line.")
    parts = parse_rrule_parts(text)
    for name in parts:
        if name in _FORBIDDEN_PARTS:
            raise CadenceError("rrule", f"{name} is not allowed here: {_FORBIDDEN_PARTS[name]}.")
        if name not in _KNOWN_PARTS:
            raise CadenceError("rrule", f"{name} is not an RRULE part.")
    freq = parts.get("FREQ")
    if freq is None:
        raise CadenceError("rrule", "FREQ is missing (for example FREQ=WEEKLY;BYDAY=MO).")
    if freq not in _ALLOWED_FREQS:
        raise CadenceError(
            "rrule", f"FREQ={freq} is not supported; use DAILY, WEEKLY, MONTHLY or YEARLY."
        )
    _check_values(parts)
    ordered = ["FREQ"] + sorted(name for name in parts if name != "FREQ")
    normalised = ";".join(f"{name}={parts[name]}" for name in ordered)
    try:
        rrulestr(normalised, dtstart=datetime(2000, 1, 3, 9, 0))
    except (ValueError, TypeError, IndexError, KeyError) as exc:
        raise CadenceError("rrule", f"{normalised!r} is not a valid RRULE: {exc}.") from None
    return normalised


def _whole_number(name: str, text: str, low: int, high: int, *, zero: bool = False) -> int:
    try:
        digits = text.lstrip("+-")
        if not (digits.isascii() and digits.isdigit()):  # RFC 5545 numbers are ASCII digits
            raise ValueError
        value = int(text)
    except ValueError:
        raise CadenceError("rrule", f"{name}={text} is not a whole number.") from None
    if not low <= value <= high or (value == 0 and not zero):
        raise CadenceError(
            "rrule", f"{name}={text} is out of range: use {low} to {high}, without 0."
        )
    return value


def _check_values(parts: dict[str, str]) -> None:
    """Each part's values within RFC 5545's bounds, and only with a frequency it suits."""
    if "INTERVAL" in parts:
        _whole_number("INTERVAL", parts["INTERVAL"], 1, MAX_INTERVAL)
    if "COUNT" in parts:
        _whole_number("COUNT", parts["COUNT"], 1, MAX_COUNT)
    if "WKST" in parts and parts["WKST"] not in RRULE_DAYS:
        raise CadenceError("rrule", f"WKST={parts['WKST']} is not a day such as MO.")
    _check_numbered_parts(parts)
    if "BYDAY" in parts:
        for value in parts["BYDAY"].split(","):
            _check_day(value, parts)
        _check_days_not_mixed(parts["BYDAY"])
    if "BYSETPOS" in parts and not any(n.startswith("BY") and n != "BYSETPOS" for n in parts):
        raise CadenceError("rrule", "BYSETPOS needs another BY part to pick from.")


def _check_numbered_parts(parts: dict[str, str]) -> None:
    """BYMONTHDAY, BYYEARDAY, BYWEEKNO, BYMONTH and BYSETPOS: range and frequency."""
    freq = parts["FREQ"]
    for name, (low, high, freqs) in _PART_RANGES.items():
        if name not in parts:
            continue
        if freq not in freqs:
            raise CadenceError("rrule", f"{name} cannot be used with FREQ={freq}.")
        for value in parts[name].split(","):
            _whole_number(name, value, low, high)


def _check_days_not_mixed(byday: str) -> None:
    """Plain and numbered days together (MO,1TU) mean their union in RFC 5545, but dateutil
    plans only the days that are both; such a rule is refused rather than planned wrong."""
    values = byday.split(",")
    numbered = [v for v in values if len(v) > 2]
    if numbered and len(numbered) < len(values):
        plain = next(v for v in values if len(v) == 2)
        raise CadenceError(
            "rrule",
            f"BYDAY={byday} mixes plain days ({plain}) with numbered days ({numbered[0]}); "
            "make two rules, one for each.",
        )


def _check_day(value: str, parts: dict[str, str]) -> None:
    """One BYDAY value: a day, with an ordinal only where RFC 5545 allows one (§3.3.10)."""
    freq = parts["FREQ"]
    day, ordinal = value[-2:], value[:-2]
    if day not in RRULE_DAYS:
        raise CadenceError("rrule", f"BYDAY={value} is not a day such as MO or 2TU.")
    if not ordinal:
        return
    limit = _BYDAY_ORDINAL_LIMIT.get(freq)
    if limit is None or (freq == "YEARLY" and "BYWEEKNO" in parts):
        raise CadenceError(
            "rrule",
            f"BYDAY={value}: a numbered day (like 1MO) needs FREQ=MONTHLY or FREQ=YEARLY "
            "without BYWEEKNO.",
        )
    if "BYMONTH" in parts and freq == "YEARLY":
        limit = 5
    _whole_number("BYDAY", ordinal, -limit, limit)
