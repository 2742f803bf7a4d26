"""Organisation names compared: without their legal form, with their country words normalised.

"Orchard Inc." and "Orchard" name one company: the legal form comes off with
``cleanco``, a maintained list of legal suffixes of many countries ("Inc.",
"Corp", "N.V.", "S.A.S.", "AG", "plc"). "US Air Force", "U.S. Air Force" and
"United States Air Force" are one body: a country written as a name, an
abbreviation or a demonym becomes the country's name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from builder.values.countries import gazetteer
from builder.values.names import NAME_PARTICLES, fold, fold_without_article

# Trades (English news usage): written right before a name, they make it a company ("aircraft
# manufacturer X"); at the head of an apposition, they say the name is a company's ("X, Y's
# distributor").
COMPANY_NOUNS = frozenset(
    """
    airline carrier company firm manufacturer maker planemaker airframer carmaker automaker chipmaker
    retailer lender insurer supplier distributor publisher studio conglomerate giant
    """.split()
)
# Words that name a state's bodies by what they do (Wikipedia, "Ministry (government department)",
# "List of legislatures by country", "Armed forces"): a name made of them alone ("Foreign
# Ministry", "Supreme Court", "Air Force") is every country's, until a country's word narrows it.
STATE_BODY_WORDS = frozenset(
    """
    ministry ministries foreign affairs defense defence interior home justice finance health education
    trade economy labor labour agriculture energy transport information office department court
    supreme high constitutional assembly national parliament senate congress army navy air force
    forces police embassy consulate government cabinet council security intelligence service
    services guard military central bank committee commission
    """.split()
)
# Words that do not tell two organisations apart.
STOPWORDS = frozenset({"the", "of", "for", "and", "to", "'s", "s", "&"}) | NAME_PARTICLES
# A word of a name: a dotted abbreviation ("U.S.") whole, else letters, digits, "@" and hyphens.
_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[\w@-]+")


def has_legal_form(name: str) -> bool:
    """Whether a name ends in a company's legal form ("Orchard Group Inc.", "Lynx N.V.")."""
    return legal_basename(name) != name.strip(" ,")


@lru_cache(maxsize=1 << 14)
def legal_basename(name: str) -> str:
    """``name`` without its legal form ("Orchard Inc." -> "Orchard"); the name itself when that is all."""
    from cleanco import basename

    written = name.strip(" ,")
    base = basename(written).strip(" ,")
    same = base.rstrip(".").casefold() == written.rstrip(".").casefold()
    return written if not base or same else base


@lru_cache(maxsize=1 << 14)
def signature(name: str) -> tuple[str, ...]:
    """The words that identify an organisation, in order: no legal form, no function words, and a
    country in any spelling as its common name ("U.S. Air Force" -> ("united states", "air", "force"))."""
    words = _WORD.findall(legal_basename(name))
    found: list[str] = []
    i = 0
    while i < len(words):
        for n in (3, 2, 1):  # the longest country name first ("United Arab Emirates")
            phrase = " ".join(words[i : i + n])
            country = (
                gazetteer().country(phrase) or (gazetteer().demonym(phrase) if n == 1 else None)
                if i + n <= len(words)
                else None
            )
            if country:
                found.append(fold(country))
                i += n
                break
        else:
            word = fold_without_article(words[i])
            if word not in STOPWORDS:
                found.append(word)
            i += 1
    return tuple(found)
