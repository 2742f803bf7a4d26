"""Whose country an actor is: the evidence the articles give, strongest first.

An actor's country is the one the text states (a role or a flagged handle,
counted by resolution), else one its names spell ("Ruritanian Army"), else
one written next to its mentions. For a person only the words right beside
the name count: a demonym or possessive before it ("Ruritania's interior
minister X"), a demonym in an apposition after it ("X, a Ruritanian
diplomat"); a place the sentence names says where, not whose. When nothing
beside a person names a country, ``person_fallback_country`` gives a demonym
elsewhere in their sentences, else the main country of their articles.

(The gazetteer these read is ``builder.values.countries``; this module
weighs the evidence of one corpus.)
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Sequence
from functools import lru_cache

from builder.extract.roles import TITLE_HEADS, TITLE_MODIFIERS, country_in
from builder.model import Mention
from builder.values.countries import gazetteer

# How many of an actor's mentions vote on its country when the text states none.
COUNTRY_SAMPLE = 40


def corpus_countries(mentions: Sequence[Mention]) -> set[str]:
    """Countries the corpus names, by name or demonym ("Ruritanian Army").

    They admit their provinces and smaller cities as places. (Names recur: each
    distinct name is looked up once.)
    """
    return {
        c
        for is_place, text in {(m.label == "place", m.span.text) for m in mentions}
        for c in [gazetteer().country(text) if is_place else country_in(text)]
        if c
    }


def article_leaders(
    mentions: Sequence[Mention], labels: Sequence[str], in_corpus: set[str]
) -> dict[str, str | None]:
    """The country each article is about: the one its places name most, by a clear margin, or None.

    Args:
        labels: the label resolution gave each mention's name (in ``mentions``' order).
        in_corpus: the countries the corpus names (``corpus_countries``).
    """
    inside = _inside_organisations(mentions)
    place_country = _memo(lambda text: gazetteer().place_country(text, in_corpus))
    demonym_country = _memo(_demonym_country)
    # Votes counted in halves, as whole numbers: a place the article names counts 2.
    doc_countries: dict[str, Counter[str]] = defaultdict(Counter)
    for mention, label in zip(mentions, labels, strict=True):
        if label == "place":
            country = place_country(mention.span.text)
            if country:
                # A country inside an organisation's name ("Council of X") counts half.
                doc_countries[mention.span.doc][country] += 1 if inside(mention) else 2
        elif mention.label in ("organisation", "armed group"):
            # A demonym in an organisation's name ("the Ruritanian Red Cross") counts half too.
            country = demonym_country(mention.span.text)
            if country:
                doc_countries[mention.span.doc][country] += 1
    return {doc: _clear_leader(votes) for doc, votes in doc_countries.items()}


def _memo(function: Callable[[str], str | None]) -> Callable[[str], str | None]:
    """``function`` computed once per argument (for the length of one resolution)."""
    results: dict[str, str | None] = {}

    def memo(text: str) -> str | None:
        if text not in results:
            results[text] = function(text)
        return results[text]

    return memo


def _demonym_country(text: str) -> str | None:
    """The country of a demonym in an organisation's name that is not a country's name itself."""
    country = country_in(text)
    if country and not gazetteer().country(text) and any(gazetteer().demonym(w) for w in text.split()):
        return country
    return None


def _inside_organisations(mentions: Sequence[Mention]) -> Callable[[Mention], bool]:
    """Whether a mention is a place nested in an organisation's name ("Council of Ruritania").

    Each article's organisation spans are sorted by start with the furthest end reached so far:
    a place is inside one when, among the spans starting at or before it, that end reaches it.
    """
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m in mentions:
        if m.label in ("organisation", "armed group"):
            spans[m.span.doc].append((m.span.start, m.span.end))
    starts: dict[str, list[int]] = {}
    reach: dict[str, list[int]] = {}
    for doc, found in spans.items():
        found.sort()
        starts[doc] = [start for start, _ in found]
        reach[doc] = list(itertools.accumulate((end for _, end in found), max))

    def inside(m: Mention) -> bool:
        if m.label != "place" or m.span.doc not in starts:
            return False
        at = bisect.bisect_right(starts[m.span.doc], m.span.start)
        return at > 0 and reach[m.span.doc][at - 1] >= m.span.end

    return inside


def actor_country(
    label: str,
    name: str,
    names: Collection[str],
    mentions: Sequence[Mention],
    stated: Counter[str],
    in_corpus: set[str],
) -> str | None:
    """The country of an actor: stated, then in its names, then named near its mentions.

    Args:
        label: the actor's label ("person", "organisation", "armed group", "place").
        name: its canonical name; ``names``: every name it is written with.
        stated: votes for the countries the text states for it (roles, flagged handles).
        in_corpus: the countries the corpus names (``corpus_countries``).
    """
    if label == "place":
        return gazetteer().place_country(name, in_corpus)
    if stated:
        return stated.most_common(1)[0][0]
    if label != "person":
        for text in sorted(names, key=lambda n: -len(n)):
            country = country_in(text)
            if country:
                return country
    if label == "person":
        # Only a country word in the words just before the name: a demonym ("his Ruritanian
        # counterpart, General X") or a possessive ("Ruritania's interior minister X"). A place the
        # sentence names ("X, who trained in Zorvia") says where, not whose; the fallbacks (what
        # they lead, the articles' main country) are applied once every actor is known.
        votes = Counter(
            c
            for m in mentions[:COUNTRY_SAMPLE]
            for c in [_country_in_apposition(m) or _country_before_name(m)]
            if c
        )
        return votes.most_common(1)[0][0] if votes else None
    for demonyms_only in (True, False):
        votes = Counter()
        # A sample of the mentions is enough for a vote, and keeps much-named actors cheap.
        for mention in mentions[:COUNTRY_SAMPLE]:
            country = _nearest_country(mention, in_corpus, demonyms_only)
            if country:
                votes[country] += 1
        # For organisations (often foreign: news agencies) only an unanimous guess is kept.
        if votes and len(votes) == 1:
            return votes.most_common(1)[0][0]
    return None


# Words between a country word and a person's name that break the link: the country is then
# where something happened or where someone went, not the person's own.
_BREAKS = frozenset(
    "in at from to into with by near across against for and or on over under after before than "
    "said says told say who which that while when".split()
)
_COUNTRY_WORD = re.compile(r"(?P<word>[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2})(?P<poss>['’]s)?")


def _is_title_word(word: str) -> bool:
    """Whether a word belongs to a title ("interior", "minister"), which may stand before a name."""
    return word.casefold() in TITLE_HEADS or word.casefold() in TITLE_MODIFIERS


def _country_before_name(mention: Mention) -> str | None:
    """The country of a demonym or a possessive country within the few words before a name."""
    sentence = mention.sentence
    offset = mention.span.start - sentence.start
    return _country_before(sentence.text[max(0, offset - 80) : offset])


@lru_cache(maxsize=1 << 16)
def _country_before(before: str) -> str | None:
    """``_country_before_name`` of the text before a name (names recur in like contexts: read once)."""
    best = None
    for match in _COUNTRY_WORD.finditer(before):
        words = re.findall(r"[\w'’-]+", before[match.end() :])
        if len(words) > 5 or any(
            w.casefold() in _BREAKS or w.endswith("ed") or (w[:1].isupper() and not _is_title_word(w))
            for w in words
        ):
            continue  # another name or a verb stands between: the country is not this person's
        if match["poss"]:
            country = gazetteer().country(match["word"])
        else:
            found = [gazetteer().demonym(w) for w in match["word"].split()]
            country = next((c for c in reversed(found) if c), None)
        if country:
            best = country  # the nearest one wins
    return best


_APPOSITION = re.compile(r"^\s*,\s*(?P<words>[^,.;:()]{1,60})")


def _country_in_apposition(mention: Mention) -> str | None:
    """A demonym in an apposition right after a name: "X, a Ruritanian diplomat, said"."""
    sentence = mention.sentence
    match = _APPOSITION.match(sentence.text[mention.span.end - sentence.start :])
    return _apposition_country(match["words"]) if match else None


@lru_cache(maxsize=1 << 16)
def _apposition_country(words: str) -> str | None:
    """The demonym's country among the first words of an apposition, unless a verb or break comes first."""
    for word in re.findall(r"[\w'’-]+", words)[:4]:
        if word.casefold() in _BREAKS or word.endswith("ed"):
            return None
        country = gazetteer().demonym(word) if word[:1].isupper() else None
        if country:
            return country
    return None


_FOREIGN_BEFORE = re.compile(
    r"\b(?:in|at|from|to|into|with|against|by|near|across|than)\s+(?:the\s+|a\s+|an\s+)?$"
)


def person_fallback_country(mentions: Sequence[Mention], doc_leaders: dict[str, str | None]) -> str | None:
    """A person's country when nothing beside their name gives one (nor what they lead: see actors).

    A demonym elsewhere in their sentences, else the main country of their articles (not a place
    they travelled to). ``doc_leaders``: each article's country (``article_leaders``).
    """
    return _sentence_demonym(mentions) or _main_country(mentions, doc_leaders)


def _sentence_demonym(mentions: Sequence[Mention]) -> str | None:
    """A demonym elsewhere in a person's sentences ("X urged the Ruritanian government"), nearest
    first; not one after a preposition ("fought against Zorvian troops", "trained with ...")."""
    votes: Counter = Counter()
    for mention in mentions[:COUNTRY_SAMPLE]:
        sentence = mention.sentence
        best: tuple[int, str] | None = None
        for offset, country in _own_demonyms(sentence.text):
            start = sentence.start + offset
            if mention.span.start <= start < mention.span.end:
                continue
            if best is None or abs(start - mention.span.start) < best[0]:
                best = (abs(start - mention.span.start), country)
        if best:
            votes[best[1]] += 1
    return votes.most_common(1)[0][0] if votes else None


_CAPITALISED = re.compile(r"\b[A-Z][\w-]+")


@lru_cache(maxsize=1 << 16)
def _own_demonyms(text: str) -> tuple[tuple[int, str], ...]:
    """The demonyms of a sentence not after a preposition, with their offsets and countries, in order."""
    found = []
    demonym = gazetteer().demonym
    for match in _CAPITALISED.finditer(text):
        country = demonym(match.group(0))
        if country and not _FOREIGN_BEFORE.search(text[max(0, match.start() - 20) : match.start()]):
            found.append((match.start(), country))
    return tuple(found)


def _main_country(mentions: Sequence[Mention], doc_leaders: dict[str, str | None]) -> str | None:
    """The main country of the articles naming a person, when one country leads the others.

    ``doc_leaders``: each article's leading country (``_clear_leader`` of its places), or None.
    """
    votes = Counter(
        leader for doc in {m.span.doc for m in mentions} if (leader := doc_leaders.get(doc)) is not None
    )
    return _clear_leader(votes)


def _clear_leader(votes: Counter[str]) -> str | None:
    """The most voted key when no other key ties with it, else None."""
    ranked = votes.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def _nearest_country(mention: Mention, in_corpus: set[str], demonyms_only: bool = False) -> str | None:
    """The country named nearest to ``mention`` in its sentence (not after "to": a destination)."""
    sentence = mention.sentence
    best: tuple[int, str] | None = None
    places = gazetteer()
    for offset, word in _capitalised_runs(sentence.text):
        start = sentence.start + offset
        if mention.span.start <= start < mention.span.end:
            continue
        country = None
        for candidate in (word, word.split()[0]):
            if candidate != word and places.demonym(candidate) is None:
                continue  # only a demonym may stand for a longer phrase ("Ruritanian Army")
            country = places.demonym(candidate) or (
                None
                if demonyms_only
                else places.country(candidate) or places.place_country(candidate, in_corpus)
            )
            if country:
                break
        if not country:
            continue
        if not demonyms_only:
            # A place in another clause ("X, who studied in Zorvia, said the Y Agency ...") is not the
            # country of a name outside that clause.
            a, b = sorted((offset, mention.span.start - sentence.start))
            if _CLAUSE_BREAK.search(sentence.text[a:b]):
                continue
        distance = abs(start - mention.span.start)
        if best is None or distance < best[0]:
            best = (distance, country)
    return best[1] if best else None


_CLAUSE_BREAK = re.compile(r"[,;:()]|\b(?:who|which|whose)\b")


@lru_cache(maxsize=1 << 16)
def _capitalised_runs(text: str) -> tuple[tuple[int, str], ...]:
    """Whole runs of capitalised words of a sentence with their offsets, not those after "to".

    Whole runs: the last word of a name ("Ana Ruiz Falcon") is not a place of the same spelling.
    """
    return tuple(
        (match.start(), match.group(0))
        for match in re.finditer(r"[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*", text)
        if not re.search(r"\bto\s+(?:the\s+)?$", text[max(0, match.start() - 8) : match.start()])
    )
