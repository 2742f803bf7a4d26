"""Kinds of happening: the words news uses for one kind of act, so that two reports of one
happening in other words ("bombs exploded", "the blasts", "the attacks") are known to tell
the same kind of act.

The classes follow top-level event categories of the CAMEO codebook (Conflict and Mediation
Event Observations, Gerner, Schrodt, Yilmaz and Abu-Jabr, 2002; version 1.1b3, 2012), whose
code is given beside each class; a few kinds of happening CAMEO does not code (accidents,
disasters, deaths, product launches) are classes of their own, without a code. The words are
verb and event-noun lemmas of plain English chosen for each category (not CAMEO's
dictionaries, and no article's wording): a word with several common senses ("strike", "fire",
"release", "seize", "file") is in no class, as it would join acts of different kinds. A verb
that only carries its noun is written with it ("become member": "became members of the alliance").
"""

from __future__ import annotations

from functools import lru_cache

from builder.values.inflection import base_forms

HAPPENING_CLASSES: dict[str, tuple[str, ...]] = {
    # CAMEO 18 (assault), 19 (fight), 20 (mass violence): the act and what it was done with.
    "attack": (
        "attack", "assault", "bomb", "bombing", "blast", "explosion", "explode", "detonate", "detonation",
        "ambush", "shoot", "shooting", "gunfire", "shell", "shelling", "stab", "stabbing", "kill", "killing",
        "slay", "slaying", "murder", "assassinate", "assassination", "massacre",
    ),
    "arrest": ("arrest", "detain", "detention", "apprehend", "capture", "nab"),  # CAMEO 173
    "charge": ("charge", "indict", "indictment", "prosecute"),  # CAMEO 173 (charge with legal action)
    "expel": ("expel", "expulsion", "deport", "deportation", "extradite", "extradition"),  # CAMEO 174
    # CAMEO 111 (criticize or denounce)
    "condemn": (
        "condemn", "condemnation", "denounce", "deplore", "decry", "censure", "criticize", "criticise",
    ),
    "protest": ("protest", "demonstrate", "demonstration", "rally"),  # CAMEO 14 ("march" is a month too)
    "meet": ("meet", "meeting", "talk", "summit", "confer", "visit"),  # CAMEO 04 (consult)
    "sign": ("sign", "signing", "ratify", "ratification"),  # CAMEO 057 (sign formal agreement)
    # No CAMEO code; "admit" is also "confess", and "members" alone names people ("family members").
    "join": ("join", "accede", "accession", "become member", "become membership"),
    # A body's decision ("rule" is also a noun: "communist rule").
    "rule": ("ruling", "decide", "decision", "verdict"),
    "resign": ("resign", "resignation", "quit"),  # CAMEO 0 (leaves office)
    "vote": ("vote", "election", "elect", "ballot", "referendum"),
    "evacuate": ("evacuate", "evacuation", "flee"),  # CAMEO 0 (withdraw)
    "rescue": ("rescue",),
    "die": ("die", "death", "drown", "perish"),
    "crash": ("crash", "collide", "collision", "derail", "derailment", "sink", "capsize"),
    "disaster": (
        "earthquake", "quake", "tremor", "flood", "flooding", "hurricane", "cyclone", "typhoon", "tsunami",
    ),
    "unveil": ("unveil", "introduce", "introduction", "launch", "debut"),
}  # fmt: skip

# Kinds of happening told by where and when they happened more than by who did them: reports of
# one that share a place (not an actor) may be one happening; a statement or a meeting may not.
OCCURRENCES = frozenset({"attack", "crash", "disaster", "die", "rescue", "evacuate"})

# Kinds of act that are about another happening (a condemnation of an attack): a report of one
# names that happening too, so sharing its words says nothing of being the same act.
REACTIONS = frozenset({"condemn", "protest"})

_CLASS_OF = {word: name for name, words in HAPPENING_CLASSES.items() for word in words}
# Past forms that no regular ending gives back.
IRREGULAR = {
    "shot": "shoot",
    "slain": "slay",
    "slew": "slay",
    "fled": "flee",
    "met": "meet",
    "sank": "sink",
    "sunk": "sink",
}


@lru_cache(maxsize=1 << 14)
def happening_class(word: str) -> str | None:
    """The class of a lemma or of a word as written ("blasts", "exploded", "bombings"), or None."""
    word = word.casefold()
    for form in base_forms(IRREGULAR.get(word, word)):
        if form in _CLASS_OF:
            return _CLASS_OF[form]
    return None


def is_event_noun(lemma: str) -> bool:
    """Whether a word names a happening of a known kind ("bombing", "blast", "accession")."""
    return happening_class(lemma) is not None
