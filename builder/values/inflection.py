"""The base forms a word written with a regular English ending may have: "hoped" -> "hope",
"bombings" -> "bombing" / "bomb", "stabbed" -> "stab", "carried" -> "carry".

For the small model's lemmas where they are off ("hoped" lemmatised "hop"), and for words
as written that a word list holds as lemmas. No word list here: only the endings.
"""

from __future__ import annotations

from functools import lru_cache

# Regular English endings, longest first, and how the lemma may have looked before one was added.
ENDINGS = ("ings", "ing", "ies", "ied", "es", "ed", "s", "d")
# A stem shorter than this is no word ("bed" is not "b" + "ed").
MIN_STEM = 3


@lru_cache(maxsize=1 << 14)
def base_forms(word: str) -> tuple[str, ...]:
    """``word`` (folded) first, then every form it may have had before a regular ending."""
    word = word.casefold()
    forms = [word]
    for ending in ENDINGS:
        if not word.endswith(ending) or len(word) - len(ending) < MIN_STEM:
            continue
        stem = word[: -len(ending)]
        undoubled = stem[:-1] if stem[-1] == stem[-2] else stem  # "stabbed" -> "stab"
        forms += [stem, stem + "e", stem + "y", undoubled]
    return tuple(dict.fromkeys(forms))
