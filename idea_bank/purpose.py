"""Guess a typed or pasted headline's purpose from the words the templates use.

>>> guess_purpose("How to fix a flat tyre")
'educate'
>>> guess_purpose("Winter tyres: 20% off this week")
'promote'
>>> guess_purpose("Bikes") is None
True
"""

from __future__ import annotations

import re

# Checked in order: a sale is promotion even when it is news or a how-to.
PURPOSE_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "promote",
        re.compile(
            r"\bsales?\b|\d+\s*%\s*off\b|\bdiscounts?\b|\bnew products?\b|\bbuy\b|\border now\b"
            r"|\bfree trial\b|\bpromo(tion)?\b|\bcoupons?\b|\bspecial offer\b|\bbook now\b",
            re.I,
        ),
    ),
    (
        "inform",
        re.compile(
            r"\bnews\b|\bannounc\w*|\bjust released\b|\blaunch\w*|\bintroducing\b|\bupdates?\b"
            r"|\btrends?\b|\bstatistics\b|\bin numbers\b|\bsurvey\b|\bregulations?\b|\blaws?\b"
            r"|\bnew rules\b|\bevents?\b|\bthis (week|month) in\b",
            re.I,
        ),
    ),
    (
        "educate",
        re.compile(
            r"\bhow to\b|\bguides?\b|\btips\b|\bstep[- ]by[- ]step\b|\bexplained\b|\bbeginners?\b"
            r"|\b101\b|\bmistakes\b|\badvice\b|\bchecklist\b|\bways to\b|\btools\b|\bwhat is\b"
            r"|\bpros and cons\b|\bq&a\b|\binterview\b|\breview\b|\bmyths?\b",
            re.I,
        ),
    ),
    (
        "inspire",
        re.compile(
            r"\bcase stud(y|ies)\b|\bcustomer story\b|\bsuccess\b|\binspir\w*|\bjourney\b"
            r"|\bhow \w+ helped\b|\blessons from\b|\bpeople shaping\b",
            re.I,
        ),
    ),
    (
        "entertain",
        re.compile(
            r"\bquiz\b|\bfun(ny)?\b|\bphotos?\b|\bpictures?\b|\bbehind the scenes\b"
            r"|\bwhat would you\b|\bpoll\b|\bjokes?\b",
            re.I,
        ),
    ),
)


def guess_purpose(headline: str) -> str | None:
    """The purpose a headline's words suggest, or None when they suggest none."""
    for purpose, pattern in PURPOSE_WORDS:
        if pattern.search(headline):
            return purpose
    return None
