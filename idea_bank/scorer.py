"""Score a headline from 0 to 100 and say why, with concrete tips.

The score adds eight parts (their maxima sum to 100):

=================  ===  ==========================================================
length             20   40-70 characters is best; 30-90 is fine; shorter or longer loses
words              10   6-12 words is best; 4-16 is fine
type               15   a recognisable form (list, how-to, question, ...) beats a bare statement
number             10   a digit makes a promise concrete ("7 ways")
power words        15   7.5 points each, up to two (see ``words.POWER_WORDS``)
emotional words    10   5 points each, up to two (see ``words.EMOTIONAL_WORDS``)
word balance       10   20-60 % common glue words: neither telegraphic nor empty
readability        10   short words read fast: average up to 6 letters, none over 14
=================  ===  ==========================================================

Hype earns nothing: superlatives and clickbait (``words.HYPE_WORDS`` and
``words.HYPE_PHRASES``) are left out before the parts are counted, and each
different one then costs ``HYPE_PENALTY`` points, with a tip naming it. So
adding hype never raises a score, while numbers, a how-to and the reader's
problem still do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .words import COMMON_WORDS, EMOTIONAL_WORDS, HYPE_PHRASES, HYPE_WORDS, POWER_WORDS

HYPE_PENALTY = 10
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
_HYPE_PHRASE = re.compile(
    "|".join(
        r"\b" + r"\s+".join(re.escape(w).replace("'", "['’]") for w in phrase.split()) + r"\b"
        for phrase in HYPE_PHRASES
    ),
    re.IGNORECASE | re.UNICODE,
)
# Checked in order; the first match names the type.
HEADLINE_TYPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("case study", re.compile(r"\bcase stud(y|ies)\b|\bcustomer story\b|\bhow \w+ helped\b", re.I)),
    ("interview", re.compile(r"\binterview\b|\bq&a\b|\bwe asked\b|\bin conversation\b", re.I)),
    (
        "comparison",
        re.compile(r"\bvs\.?\b|\bversus\b|\bpros and cons\b|\bcompared\b|\bor\b.*\?$", re.I),
    ),
    ("how-to", re.compile(r"^how to\b|\bhow to\b|\bstep[- ]by[- ]step\b", re.I)),
    ("list", re.compile(r"^(the |our |top )?\d+\b|\btop \d+\b|\blist of\b", re.I)),
    ("guide", re.compile(r"\bguide\b|\bbeginners?\b|\b101\b|\bexplained\b", re.I)),
    (
        "news",
        re.compile(r"\bnews\b|\bannounc\w*|\bintroducing\b|\blaunch\w*|\bjust released\b", re.I),
    ),
    ("question", re.compile(r"\?\s*$", re.I)),
)


@dataclass(frozen=True)
class HeadlineScore:
    """A headline's score, what it is made of, and how to improve it."""

    score: int
    characters: int
    words: int
    headline_type: str
    has_number: bool
    power_words: tuple[str, ...]
    emotional_words: tuple[str, ...]
    common_share: float
    average_word_length: float
    parts: dict[str, float] = field(default_factory=dict)
    tips: tuple[str, ...] = ()
    hype: tuple[str, ...] = ()


def detect_type(text: str) -> str:
    """The headline's form: one of HEADLINE_TYPES' names, "question", or "statement"."""
    stripped = text.strip()
    for name, pattern in HEADLINE_TYPES:
        if pattern.search(stripped):
            return name
    return "statement"


def _band(
    value: float,
    best: tuple[float, float],
    fine: tuple[float, float],
    top: float,
    mid: float,
    low: float,
) -> float:
    if best[0] <= value <= best[1]:
        return top
    if fine[0] <= value <= fine[1]:
        return mid
    return low


def find_hype(text: str) -> tuple[tuple[str, ...], str]:
    """The hype in ``text`` (phrases and words, lower case, in order, each once) and the
    text without it."""
    found: list[str] = []

    def cut(match: re.Match[str]) -> str:
        found.append(" ".join(match.group().casefold().replace("’", "'").split()))
        return " "

    rest = _HYPE_PHRASE.sub(cut, text)

    def cut_word(match: re.Match[str]) -> str:
        return cut(match) if match.group().casefold() in HYPE_WORDS else match.group()

    rest = _WORD.sub(cut_word, rest)
    return tuple(dict.fromkeys(found)), " ".join(rest.split())


def hype_tip(hype: str) -> str:
    """What to do instead of one piece of hype."""
    return f"'{hype}' promises too much; say what the reader gets"


def score_headline(text: str) -> HeadlineScore:
    """Score ``text`` 0-100 (see the module docstring for the weights) with two or three tips."""
    hype, text = find_hype(" ".join(text.split()))
    words = _WORD.findall(text)
    lowered = [w.casefold() for w in words]
    characters = len(text)
    has_number = bool(re.search(r"\d", text))
    power = tuple(dict.fromkeys(w for w in lowered if w in POWER_WORDS))
    emotional = tuple(dict.fromkeys(w for w in lowered if w in EMOTIONAL_WORDS))
    common_share = sum(w in COMMON_WORDS for w in lowered) / len(lowered) if lowered else 0.0
    average = sum(len(w) for w in words) / len(words) if words else 0.0
    kind = detect_type(text) if words else "statement"
    parts = {
        "length": _band(
            characters, (40, 70), (30, 90), 20, 12, 6 if 15 <= characters <= 120 else 0
        ),
        "words": _band(len(words), (6, 12), (4, 16), 10, 6, 2 if len(words) >= 3 else 0),
        "type": 15.0 if kind != "statement" else 5.0 if len(words) >= 3 else 0.0,
        "number": 10.0 if has_number else 0.0,
        "power words": 7.5 * min(len(power), 2),
        "emotional words": 5.0 * min(len(emotional), 2),
        "word balance": _band(common_share, (0.2, 0.6), (0.1, 0.7), 10, 5, 0)
        if len(words) >= 3
        else 0.0,
        "readability": (
            0.0
            if not words
            else 10.0
            if average <= 6 and max(map(len, words)) <= 14
            else 5.0
            if average <= 7.5
            else 0.0
        ),
    }
    parts["hype"] = -float(HYPE_PENALTY * len(hype))
    score = round(sum(parts.values()))
    tips = _tips(characters, len(words), kind, has_number, power, emotional, common_share, average)
    tips = (*map(hype_tip, hype), *tips)[: max(3, len(hype))]
    return HeadlineScore(
        score=max(0, min(100, score)),
        characters=characters,
        words=len(words),
        headline_type=kind,
        has_number=has_number,
        power_words=power,
        emotional_words=emotional,
        common_share=round(common_share, 2),
        average_word_length=round(average, 1),
        parts=parts,
        tips=tips,
        hype=hype,
    )


def _tips(
    characters: int,
    words: int,
    kind: str,
    has_number: bool,
    power: tuple[str, ...],
    emotional: tuple[str, ...],
    common_share: float,
    average: float,
) -> tuple[str, ...]:
    tips = []
    if characters > 70:
        tips.append("Cut to under 70 characters")
    elif characters < 40:
        tips.append("Say more: aim for 40-70 characters")
    if kind == "statement":
        tips.append("Make the form clear: a list, a how-to or a question")
    if not has_number:
        tips.append("Add a number")
    if not power:
        tips.append("Add a power word such as proven, essential or step-by-step")
    if not emotional:
        tips.append("Add a word with feeling, such as surprising or mistake")
    if words >= 3 and common_share > 0.6:
        tips.append("Swap a few small words for specific ones")
    if average > 6:
        tips.append("Use shorter words")
    return tuple(tips[:3])
