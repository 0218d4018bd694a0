"""Small English fixes for headlines filled in from a profile: "a"/"an", doubled
punctuation and capitals.

>>> tidy_headline("interview: a e-bike specialist on  winter tyres!!")
'Interview: an e-bike specialist on winter tyres!'
"""

from __future__ import annotations

import re

# "a"/"an" written lower case anywhere, or capitalised where a sentence or a clause starts.
_ARTICLE = re.compile(
    r"(?:(?<=^)|(?<=[:.!?] ))(?P<cap>An?)\s+(?P<next>[^\W_][\w'’-]*)"
    r"|\b(?P<low>an?)\s+(?P<word>[^\W_][\w'’-]*)",
    re.UNICODE,
)
_SPACE_BEFORE_MARK = re.compile(r"\s+([,.:;!?])")
_REPEATED_MARK = re.compile(r"([,.:;!?])[,.:;!?]*(?=[,.:;!?])|([,.:;!?])\2+")
_SENTENCE_START = re.compile(r"([.!?] )([a-z])")
_VOWEL_SOUND_NUMBER = re.compile(r"8|1[18](?!\d)")
# Words spelled with a vowel but said with a consonant, and the reverse.
_SAID_WITH_A_Y_OR_W = ("uni", "use", "usu", "uti", "ura", "ure", "euro", "eu", "ewe", "one", "once")
_SILENT_H = ("hour", "honest", "honour", "honor", "heir")
_LETTERS_SAID_WITH_A_VOWEL = "AEFHILMNORSX"


def wants_an(word: str) -> bool:
    """Whether ``word`` starts with a vowel sound ("an e-bike", "an 8-part", "an SEO")."""
    if word[0].isdigit():
        return bool(_VOWEL_SOUND_NUMBER.match(word))
    letters = word.split("-")[0]
    if len(letters) > 1 and letters.isupper():
        return letters[0] in _LETTERS_SAID_WITH_A_VOWEL
    lowered = word.casefold()
    if lowered.startswith(_SILENT_H):
        return True
    if lowered.startswith(_SAID_WITH_A_Y_OR_W):
        return False
    return lowered[0] in "aeiou"


def _article(match: re.Match[str]) -> str:
    article = match.group("cap") or match.group("low")
    word = match.group("next") or match.group("word")
    wanted = article[0] + "n" if wants_an(word) else article[0]
    return f"{wanted} {word}"


def fix_articles(text: str) -> str:
    """``text`` with "a" before a vowel sound and "an" before a consonant sound."""
    return _ARTICLE.sub(_article, text)


def tidy_punctuation(text: str) -> str:
    """Single spaces, no space before a mark, and one mark where two or more met."""
    text = " ".join(text.split())
    text = _SPACE_BEFORE_MARK.sub(r"\1", text)
    return _REPEATED_MARK.sub(lambda m: m.group(2) or "", text)


def capitalise(text: str) -> str:
    """The first letter and the first after a full stop, "!" or "?" in upper case."""
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), text)


def tidy_headline(text: str) -> str:
    """A filled-in headline as correct, tidy English: spacing, marks, articles, capitals."""
    return capitalise(fix_articles(tidy_punctuation(text)))
