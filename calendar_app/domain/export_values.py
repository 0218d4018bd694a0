"""Numbers, amounts, dates and tracking values as analytics exports and spreadsheets write them.

Pure domain code. Each reader takes a cell's text (already stripped) and returns
the value, or raises ValueError saying what is wrong with it; the file reader
adds the line and the column. The text of a whole export (its encoding, and the
mark between its columns) is read here too.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from .bounds import MAX_AMOUNT, MAX_COUNT, check_day
from .tracking import normalise_utm

_PLAIN_AMOUNT = re.compile(r"[0-9]{1,15}(\.[0-9]{1,2})?")
# What GA4 writes where a tracking value is missing.
_PLACEHOLDERS = ("", "(not set)", "(none)", "(direct)", "(organic)", "(referral)")


def _tracking_value(text: str) -> str:
    """A tracking value written our way (:func:`normalise_utm`); placeholders become empty."""
    text = text.strip()
    if text.lower() in _PLACEHOLDERS:
        return ""
    try:
        return normalise_utm(text)
    except ValueError:
        return ""


# A file repeats the same few hundred sources, campaigns and contents thousands of times.
tracking_value = lru_cache(maxsize=65536)(_tracking_value)


def _export_day(text: str) -> date:
    """``2026-11-05`` or GA4's ``20261105``, within the years results can have."""
    try:
        if re.fullmatch(r"[0-9]{8}", text):
            day = date(int(text[:4]), int(text[4:6]), int(text[6:]))
        elif re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            day = date.fromisoformat(text)
        else:
            raise ValueError
    except ValueError:
        raise ValueError(f"{text!r} is not a date like 2026-11-05.") from None
    return check_day(day)


export_day = lru_cache(maxsize=4096)(_export_day)


def export_count(text: str) -> int:
    """A whole number with or without thousands separators (``1,234``, ``1.234``, ``1 234``);
    an empty cell is zero."""
    if not text:
        return 0
    if text.isascii() and text.isdigit():  # the usual case, without a separator
        digits = text
    else:
        digits = re.sub(r"[\s\u00a0\u202f',.]", "", text)
    if not digits.isascii() or not digits.isdigit():
        raise ValueError(f"{text!r} is not a whole number.")
    number = int(digits)
    if number > MAX_COUNT:
        raise ValueError(f"{text!r} is too large.")
    return number


def export_amount(text: str) -> Decimal:
    """An amount such as ``1,234.50``, ``1.234,50``, ``1234,5`` or ``€1 234``; empty is zero.

    One mark followed by exactly three digits (``1.234``, ``1,234``) is a thousands
    separator; otherwise the last mark is the decimal one. Rounded to cents, at most
    :data:`~.bounds.MAX_AMOUNT` (or ``maximum``).
    """
    return parse_amount(text, MAX_AMOUNT)


def parse_amount(text: str, maximum: Decimal) -> Decimal:
    """An amount in any of the ways :func:`export_amount` reads, from 0 to ``maximum``;
    ValueError saying what is wrong (forms and imports read money the same way)."""
    if not text:
        return Decimal(0)
    if _PLAIN_AMOUNT.fullmatch(text):  # the usual case: 1234 or 1234.5
        amount = Decimal(text).quantize(Decimal("0.01"))
        if amount > maximum:
            raise ValueError(f"{text!r} is too large (at most {maximum:,}).")
        return amount
    number = re.sub(r"[\s\u00a0\u202f'€$£]", "", text)
    mark = _decimal_mark(number)
    whole_part = number.rsplit(mark, 1)[0] if mark else number
    for thousands in {",", "."} - {mark}:
        number = number.replace(thousands, "")
    if mark:
        number = number.replace(mark, ".")
    try:
        if not _GROUPED.fullmatch(whole_part):  # 1,234,567 / 1.234: groups of three
            raise InvalidOperation
        if not re.fullmatch(r"[0-9]+(\.[0-9]+)?", number):  # ASCII digits only
            raise InvalidOperation
        amount = Decimal(number).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise ValueError(f"{text!r} is not an amount.") from None
    if amount > maximum:
        raise ValueError(f"{text!r} is too large (at most {maximum:,}).")
    return amount


# The part before the decimal mark: plain digits, or groups of three after the first.
_GROUPED = re.compile(r"[0-9]+|[1-9][0-9]{0,2}(?:,[0-9]{3})+|[1-9][0-9]{0,2}(?:\.[0-9]{3})+")


def _decimal_mark(number: str) -> str:
    """The decimal mark of an amount, or "" when it has only thousands separators: one mark
    followed by three digits after one to three digits that do not start with 0 (``1,234``,
    ``12.500``; ``0.125`` is an eighth)."""
    if "," in number and "." in number:
        return "," if number.rfind(",") > number.rfind(".") else "."
    for mark in ",.":
        if number.count(mark) == 1 and not re.fullmatch(
            rf"[1-9][0-9]{{0,2}}\{mark}[0-9]{{3}}", number
        ):
            return mark
    return ""  # 1,234 / 1.234.567


def export_text(raw: bytes | str) -> str:
    """UTF-8 (with or without a byte-order mark), or UTF-16 when the bytes say so; else
    ValueError."""
    if isinstance(raw, str):
        return raw.lstrip("\ufeff")
    try:
        text = raw.decode(_encoding_of(raw))
    except UnicodeDecodeError:
        text = "\x00"
    if "\x00" in text:
        raise ValueError("The file is not UTF-8 text (export it as CSV).")
    return text.lstrip("\ufeff")


def _encoding_of(raw: bytes) -> str:
    """UTF-16 if the file starts with its byte-order mark, or with an ASCII character
    followed (little-endian) or preceded (big-endian) by a zero byte; else UTF-8."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    if len(raw) >= 2 and raw[0] != 0 and raw[1] == 0:
        return "utf-16-le"
    if len(raw) >= 2 and raw[0] == 0 and raw[1] != 0:
        return "utf-16-be"
    return "utf-8-sig"


def export_delimiter(header_line: str) -> str:
    """The mark that separates most of the header's names: comma, semicolon or tab."""
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
