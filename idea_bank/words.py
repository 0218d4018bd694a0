"""Word lists for the headline scorer, written for this project.

* ``POWER_WORDS`` promise value, speed, exclusivity or proof ("proven", "free").
* ``EMOTIONAL_WORDS`` carry a feeling: curiosity, surprise, fear, joy.
* ``COMMON_WORDS`` are the short glue words of English; a headline made only
  of them says little, one with none of them reads stiffly.
"""

from __future__ import annotations

POWER_WORDS = frozenset(
    """
    best biggest complete proven essential ultimate free instantly instant quick quickly fast
    easy simple effortless exclusive secret secrets insider new now today guaranteed powerful
    practical smart smarter honest honestly real truth definitive step-by-step checklist
    blueprint master mastering mastered expert experts save saving boost win winning
    everything never always must-have must-read brilliant clever hidden little-known
    """.split()
)

EMOTIONAL_WORDS = frozenset(
    """
    surprising surprised surprise shocking shocked amazing astonishing incredible love loved
    hate fear afraid scary worry worried mistake mistakes wrong fail failed failure
    regret wish happy joy proud painful pain struggle struggling frustrating annoying
    beautiful inspiring inspired heartbreaking delightful brave bold crazy weird strange
    unexpected myth myths busted nobody everyone wonder curious
    """.split()
)

COMMON_WORDS = frozenset(
    """
    a about after all an and are as at be been before but by can do does for from get got
    has have how i if in into is it its just like make more most my no not of on one or our
    out over so some than that the their them then there these they this to up us was we
    what when where which who why will with you your
    """.split()
)
