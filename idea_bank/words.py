"""Word lists for the headline scorer, written for this project.

* ``POWER_WORDS`` promise honest value, speed or proof ("proven", "free", "step-by-step").
* ``HYPE_WORDS`` and ``HYPE_PHRASES`` are superlatives and clickbait ("guaranteed",
  "you won't believe"): the articles say not to hype, so they cost points.
* ``EMOTIONAL_WORDS`` carry a feeling: curiosity, surprise, fear, joy.
* ``COMMON_WORDS`` are the short glue words of English; a headline made only
  of them says little, one with none of them reads stiffly.
"""

from __future__ import annotations

POWER_WORDS = frozenset(
    """
    best complete proven essential free quick quickly fast easy simple new now today
    powerful practical smart smarter honest honestly real truth step-by-step checklist
    blueprint master mastering mastered expert experts save saving boost win winning
    clever
    """.split()
)

EMOTIONAL_WORDS = frozenset(
    """
    surprising surprised surprise shocked astonishing love loved
    hate fear afraid scary worry worried mistake mistakes wrong fail failed failure
    regret wish happy joy proud painful pain struggle struggling frustrating annoying
    beautiful inspiring inspired heartbreaking delightful brave bold crazy weird strange
    unexpected myth myths busted nobody everyone wonder curious
    """.split()
)

HYPE_WORDS = frozenset(
    """
    guaranteed guarantee secret secrets instantly instant everything ultimate effortless
    effortlessly insider exclusive definitive must-have must-read little-known hidden
    shocking amazing incredible unbelievable mind-blowing jaw-dropping insane epic
    miracle magic revolutionary greatest perfect flawless
    """.split()
)

# Lower case, with straight apostrophes; matched as whole words, spacing ignored.
HYPE_PHRASES = (
    "you won't believe",
    "you will not believe",
    "what happens next",
    "will blow your mind",
    "this one trick",
    "one weird trick",
    "nobody tells you",
    "they don't want you to know",
    "before it's too late",
    "once and for all",
)

COMMON_WORDS = frozenset(
    """
    a about after all an and are as at be been before but by can do does for from get got
    has have how i if in into is it its just like make more most my no not of on one or our
    out over so some than that the their them then there these they this to up us was we
    what when where which who why will with you your
    """.split()
)
