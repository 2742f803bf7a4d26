"""Comparison keys of names: one folding rule for every stage that matches names."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Lower-case particles inside personal and place names in many languages: "Vale do Tejo",
# "Ali bin Hassan", "Anna von der Heide", "Jan van den Berg", "Rio das Pedras".
NAME_PARTICLES = frozenset(
    "de del la las los da do dos das du des van von der den ter ten al el bin bint ibn abu le di y".split()
)
# An abbreviation written with dots ("U.N.", "U.S.", "E.U"): the same name as without them.
_DOTTED = re.compile(r"[^\W\d_]\.(?:[^\W\d_]\.)*[^\W\d_]\.?")


# A hyphen inside a word ("Dar-es-Salaam"): the same name as written with spaces.
_HYPHEN_IN_WORD = re.compile(r"(?<=\w)-(?=\w)")


@lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """Case-, accent-, space-, hyphen- and abbreviation-dot-insensitive key of a name ("U.N." = "UN",
    "Dar-es-Salaam" = "Dar es Salaam")."""
    text = name
    if not text.isascii():  # ASCII has no accents to strip, and NFKD leaves it as it is
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = _HYPHEN_IN_WORD.sub(" ", text)
    words = text.replace("’", "'").casefold().split()
    return " ".join(
        word.replace(".", "") if "." in word and _DOTTED.fullmatch(word) else word for word in words
    )


@lru_cache(maxsize=1 << 16)
def fold_without_article(name: str) -> str:
    """``fold`` without a leading "the" ("The Hague" and "Hague" give one key)."""
    key = fold(name)
    return key[4:] if key.startswith("the ") else key


@lru_cache(maxsize=1)
def nicknamer():  # noqa: ANN201 - the package has no type hints
    """The ``nicknames`` package's table of English given names and their nicknames (Old Dominion
    University's list), loaded once."""
    from nicknames import NickNamer

    return NickNamer()


@lru_cache(maxsize=1 << 14)
def is_given_name(word: str) -> bool:
    """Whether ``word`` is a given name the nickname table knows ("Ana", "Phil"; not "Employee")."""
    table = nicknamer()
    folded = word.casefold()
    return bool(table.nicknames_of(folded) or table.canonicals_of(folded))
