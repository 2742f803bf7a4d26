"""Names the text says are one entity: alias phrases, acronyms in apposition, quoted nicknames, handles.

Read per article; ``resolve`` joins the actors the claims pair. Acronyms
written in parentheses ("Long Name (LN)") are found in ``mentions`` where the
entity is split.
"""

from __future__ import annotations

import re

from builder.model import AliasClaim, Document, Mention, Span
from builder.values.countries import flag_country

NAME = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*"
ALIAS_PHRASE = re.compile(
    r"^\s*,?\s*(?:also\s+known\s+as|better\s+known\s+as|known\s+as|a\.k\.a\.?|aka|alias|nicknamed|dubbed)\s+"
    r"[\"“']?(?P<alias>" + NAME + r")[\"”']?"
)
QUOTED_NICKNAME = re.compile(
    r"\b(?P<first>[A-Z][\w'’-]+)\s+[\"“](?P<alias>[A-Z][^\"”\n]{0,30})[\"”]\s+(?P<last>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)"
)
# A name's translation set off by "or" before an apposition: "Zuberi, or Dawn, a weekly newspaper".
TRANSLATED = re.compile(r"^\s*,\s*or\s+(?P<alias>" + NAME + r")\s*,\s*(?:a|an|the)\s")
# More aliases after the first, in a list that ends the phrase: "known as A and B", "A, B and C" (not
# ", and ...", which goes on with the sentence's own list).
MORE_ALIASES = re.compile(r"(?:\s*,\s*|\s+(?:and|or)\s+)[\"“']?(?P<alias>" + NAME + r")[\"”']?")
LIST_END = re.compile(r"\s*(?:[.,;:)]|$)")
# "Public Order Council of Ruritania, POC," or "..., Pocor, in the capital": a single
# short capitalised word in apposition right after an organisation's name.
APPOSED_ACRONYM = re.compile(r"^\s*,\s*(?P<alias>[A-Z][A-Za-z]{1,7})\s*[,.;]")
# A social-media signature: "— Ana Ruiz (@anaruiz) March 3, 2024" pairs a name and a handle.
SIGNATURE = re.compile(
    r"[—–-]\s*(?P<name>[^\n()—–]{2,80}?)\s*\((?P<handle>@\w{1,30})\)\s+\w+\s+\d{1,2},\s+\d{4}"
)


def _sentence_at(document: Document, start: int, end: int) -> Span:
    left = max(document.text.rfind("\n", 0, start) + 1, 0)
    right = document.text.find("\n", end)
    right = len(document.text) if right < 0 else right
    return Span(document.id, left, right, document.text[left:right])


def _more_aliases(text: str, end: int) -> list[str]:
    """The aliases listed after the first one at ``end``: "B" of "also known as A and B", when the
    list ends there (a list that runs on may be the sentence's, not the alias phrase's)."""
    found = []
    while (match := MORE_ALIASES.match(text, end)) is not None:
        alias, stop = _up_to_full_stop(match["alias"])
        found.append(alias)
        end = match.start("alias") + len(alias) if stop else match.end()
        if stop or not text[match.start() : match.start() + 2].strip(" ").startswith(","):
            break  # "A and B": "and" closes the list
    return found if found and LIST_END.match(text, end) else []


def _up_to_full_stop(alias: str) -> tuple[str, bool]:
    """The alias up to a word that ends its sentence ("Nasr. The group" -> "Nasr"), and whether
    one did; an initial's dot ("Ana M. Ruiz") is no full stop."""
    words = alias.split()
    for i, word in enumerate(words[:-1]):
        if word.endswith(".") and len(word.rstrip(".")) > 1:
            return " ".join(words[:i] + [word.rstrip(".")]), True
    if words[-1].endswith(".") and len(words[-1].rstrip(".")) > 1:
        return " ".join(words[:-1] + [words[-1].rstrip(".")]), True
    return alias, False


def extract_aliases(document: Document, mentions: list[Mention]) -> list[AliasClaim]:
    """Alias claims of one article (social-media signatures are read even in skipped paragraphs)."""
    text = document.text
    claims: list[AliasClaim] = []
    for mention in mentions:
        rest = text[mention.span.end : mention.span.end + 120]
        match = ALIAS_PHRASE.match(rest)
        if match and mention.label != "place":
            for alias in [match["alias"], *_more_aliases(rest, match.end())]:
                claims.append(AliasClaim(mention.span.text, alias, mention.sentence))
            continue
        match = TRANSLATED.match(rest)
        if match and mention.label != "place":
            claims.append(AliasClaim(mention.span.text, match["alias"], mention.sentence))
            continue
        match = APPOSED_ACRONYM.match(rest)
        if match and mention.label in ("organisation", "armed group") and len(mention.span.text.split()) >= 3:
            claims.append(AliasClaim(mention.span.text, match["alias"], mention.sentence))
    for match in QUOTED_NICKNAME.finditer(text):
        full = f"{match['first']} {match['last']}"
        claims.append(
            AliasClaim(full, match["alias"].strip(), _sentence_at(document, match.start(), match.end()))
        )
    for match in SIGNATURE.finditer(text):
        raw = match["name"]
        name = "".join(c for c in raw if c.isalnum() or c in " .'’-").strip()
        if name:
            claims.append(
                AliasClaim(
                    name,
                    match["handle"],
                    _sentence_at(document, match.start(), match.end()),
                    country=flag_country(raw),
                )
            )
    return claims
