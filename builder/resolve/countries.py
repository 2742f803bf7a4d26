"""Whose country an actor is: only what the text says, with the sentence that says it.

An actor's country is the one the text states (a role's title or
apposition, a flagged handle: counted by resolution), else one its names
spell ("Ruritanian Army", "Ruritania's Coast Guard" written as one name),
else one written right beside its mentions: a demonym, a country or a
possessive before the name ("Ruritania's interior minister X", "the
Ruritanian navy's X"), a demonym in an apposition after it ("X, a Ruritanian
diplomat"), a US legislator's party and state ("X, R-Fla."). A place the
sentence names says where, not whose; the country
an article is mostly about says nothing of the people it names. When nothing
says, the country stays blank: a wrong country misleads more than none.

Each answer carries its evidence: the sentence it was read from.

(The gazetteer these read is ``builder.values.countries``; this module
weighs the evidence of one corpus.)
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from builder.extract.roles import HYPHENATED_AMERICAN, TITLE_HEADS, TITLE_MODIFIERS, country_in
from builder.model import Mention, Span
from builder.values.countries import PARTY_AND_STATE, UNITED_STATES, gazetteer
from builder.values.names import is_given_name
from builder.values.typography import has_quote_mark

# How many of an actor's mentions vote on its country when no role states one.
COUNTRY_SAMPLE = 40


def corpus_countries(mentions: Sequence[Mention]) -> frozenset[str]:
    """Countries the corpus names, by name or demonym ("Ruritanian Army").

    They admit their provinces and smaller cities as places. (Names recur: each
    distinct name is looked up once.)
    """
    return frozenset(
        c
        for is_place, text in {(m.label == "place", m.span.text) for m in mentions}
        for c in [gazetteer().country(text) if is_place else country_in(text)]
        if c
    )


# Words of a title that name a state institution: written without a country, they are the
# institution of the country the article is about ("Congress President X", "army chief X").
INSTITUTION_WORDS = frozenset(
    """
    congress parliament senate assembly police army navy ministry government cabinet guard forces
    division brigade regiment battalion service prison
    president premier minister senator congressman congresswoman lawmaker legislator parliamentarian
    governor mayor commissioner director-general
    """.split()
)
# Offices of two words whose single words say nothing of the state ("attorney", "force"): the
# prosecutors' and the air force's.
INSTITUTION_PHRASES = re.compile(
    r"\b(?:attorney[- ]general|district\s+attorney|solicitor[- ]general|air\s+force)\b", re.I
)


def article_leaders(
    mentions: Sequence[Mention], labels: Sequence[str], in_corpus: frozenset[str]
) -> dict[str, str | None]:
    """The country each article is about: the one that more than half of its places name, or None.
    It says nothing of anyone by itself: a domestic office's holder takes it (``domestic_country``),
    no one else.

    Args:
        labels: the label resolution gave each mention's name (in ``mentions``' order).
        in_corpus: the countries the corpus names (``corpus_countries``).
    """
    inside = _inside_organisations(mentions)
    place_country = _memo(lambda text: gazetteer().place_country(text, in_corpus))
    # Votes in halves, as whole numbers: a place the article names counts 2, a country inside an
    # organisation's name ("the Ruritania League for Human Rights") 1.
    doc_countries: dict[str, Counter[str]] = defaultdict(Counter)
    for mention, label in zip(mentions, labels, strict=True):
        if label == "place":
            country = place_country(mention.span.text)
            if country:
                doc_countries[mention.span.doc][country] += 1 if inside(mention) else 2
    return {doc: _clear_leader(votes) for doc, votes in doc_countries.items()}


def _clear_leader(votes: Counter[str]) -> str | None:
    """The key with more than half of the votes, else None: an article about an alliance's new
    members that names Ruritania most (a third of its places) is not about Ruritania more than a
    neighbour's president is Ruritanian."""
    ranked = votes.most_common(1)
    if ranked and ranked[0][1] * 2 > votes.total():
        return ranked[0][0]
    return None


def _memo(function: Callable[[str], str | None]) -> Callable[[str], str | None]:
    """``function`` computed once per argument (for the length of one resolution)."""
    results: dict[str, str | None] = {}

    def memo(text: str) -> str | None:
        if text not in results:
            results[text] = function(text)
        return results[text]

    return memo


def domestic_country(
    title: str, leads_armed_group: bool, sentence: Span, leaders: Mapping[str, str | None]
) -> str | None:
    """The country of a role that names no country: a state institution's office written without
    one ("Congress President", "police chief") or the head of an armed group is of the one country
    its sentence names ("Congress President X urged the Ruritanian government"), else of the country
    its article is mostly about (``article_leaders``)."""
    if not (leads_armed_group or _a_state_office(title)):
        return None
    named = _countries_named(sentence.text)
    if not named:
        return leaders.get(sentence.doc)
    mine = named - _countries_of_the_same_title(title, sentence.text)
    return next(iter(mine)) if len(mine) == 1 else None


def _a_state_office(title: str) -> bool:
    """Whether a title names a state institution's office (``INSTITUTION_WORDS``, ``INSTITUTION_PHRASES``)."""
    words = {word.casefold() for word in re.findall(r"[\w-]+", title)}
    return bool(words & INSTITUTION_WORDS or INSTITUTION_PHRASES.search(title))


def title_with_its_country(title: str, sentence: Span, text: str) -> CountryFinding | None:
    """The country the article writes the same title with elsewhere, when it writes one only:
    "Ruritania's trade minister" (or "the Ruritanian trade minister") and "Trade Minister Ana Ruiz"
    are one office, Ruritania's. A state office only (``INSTITUTION_WORDS``), in a sentence naming no
    country (``domestic_country`` reads those); the sentence where the country is written is the
    evidence."""
    if not _a_state_office(title) or not text:
        return None
    if _countries_named(sentence.text):
        return None
    found: dict[str, Span] = {}
    pattern = rf"(?P<word>(?:[A-Z]\.){{2,}}|[A-Z][\w-]+)(?:['’]s)?\s+(?i:{re.escape(title)})\b"
    for match in re.finditer(pattern, text):
        if sentence.start <= match.start() < sentence.end:
            continue  # the title before the holder's name, in the sentence that gives it
        for country in _countries_named(match["word"]):
            found.setdefault(country, _sentence_around(text, sentence.doc, match.start(), match.end()))
    if len(found) != 1:
        return None
    country, evidence = next(iter(found.items()))
    return CountryFinding(country, evidence)


def _sentence_around(text: str, doc: str, start: int, end: int) -> Span:
    """The sentence of ``text`` around ``text[start:end]`` (between full stops and line breaks)."""
    stop = text.rfind(". ", 0, start)
    first = max(stop + 2 if stop >= 0 else 0, text.rfind("\n", 0, start) + 1)
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    last = min(stops) + 1 if stops else len(text)
    return Span(doc, first, last, text[first:last])


def _countries_of_the_same_title(title: str, text: str) -> frozenset[str]:
    """The countries written before the same title for someone else ("to U.S. President Y, President
    X condemned ..."): the title written without one is another country's."""
    found = re.finditer(
        rf"(?P<word>(?:[A-Z]\.){{2,}}|[A-Z][\w-]+)(?:['’]s)?\s+{re.escape(title)}\s+[A-Z]", text
    )
    return frozenset(c for match in found for c in _countries_named(match["word"]))


@lru_cache(maxsize=1 << 14)
def _countries_named(text: str) -> frozenset[str]:
    """The countries a sentence names, by name, abbreviation or demonym."""
    found = set()
    for match in re.finditer(r"(?:[A-Z]\.){2,}|[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*", text):
        words = match.group(0).split()
        for n in range(len(words), 0, -1):  # the longest country name first
            for i in range(len(words) - n + 1):
                phrase = " ".join(words[i : i + n])
                country = gazetteer().country(phrase) or (gazetteer().demonym(phrase) if n == 1 else None)
                if country:
                    found.add(country)
    return frozenset(found)


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


@dataclass(frozen=True)
class CountryFinding:
    """A country and the sentence that gives it (None when the gazetteer alone does: a place)."""

    country: str
    evidence: Span | None


def actor_country(
    label: str,
    names: Collection[str],
    mentions: Sequence[Mention],
    stated: Counter[str],
    stated_in: Mapping[str, Span],
    in_corpus: frozenset[str],
) -> CountryFinding | None:
    """The country of an actor: stated, then in its names, then written beside its mentions.

    Args:
        label: the actor's label ("person", "organisation", "armed group", "place").
        names: every name it is written with (the canonical one first for a place).
        stated: votes for the countries the text states for it (roles, flagged handles);
            ``stated_in``: the sentence of each.
        in_corpus: the countries the corpus names (``corpus_countries``).
    """
    if label == "place":
        written = _region_written_after(mentions)
        if written:
            return written
        for text in names:
            country = gazetteer().place_country(text, in_corpus)
            if country:
                return CountryFinding(country, None)
        return None
    if stated:
        country = stated.most_common(1)[0][0]
        return CountryFinding(country, stated_in.get(country))
    if label != "person":
        for text in sorted(names, key=lambda n: -len(n)):
            if len(_countries_named(text)) > 1:
                continue  # "the Party for the Independence of Ruritania and Valdoria": of both, so of neither
            country = country_in(text) or home_in_name(text, in_corpus)
            if country:
                sentence = next((m.sentence for m in mentions if m.span.text == text), None)
                return CountryFinding(country, sentence)
    # Only a country word right beside the name: a demonym ("his Ruritanian counterpart, General
    # X"), a possessive ("Ruritania's interior minister X"), a demonym in an apposition ("X, a
    # Ruritanian diplomat"), a person's home ("X, 44, of Utopia City", "X, a native of Ruritania",
    # "X ... in his native Ruritania"). What a person leads is weighed once every actor is known.
    votes: Counter[str] = Counter()
    evidence: dict[str, Span] = {}
    # A person's country words are read in a sample of the mentions; a body's, rarer ("the
    # Portville-based X" once in a hundred mentions), in all.
    for mention in mentions[:COUNTRY_SAMPLE] if label == "person" else mentions:
        if label == "person":
            country = (
                _country_in_apposition(mention)
                or _country_before_name(mention)
                or _country_of_origin(mention, in_corpus)
                or _legislators_country(mention)
            )
        else:
            # A body's country only right before its name: "Ruritania's police", "the Ruritanian
            # army", not "Ruritania's bid to join the Alliance"; or where the text says it is based.
            country = _country_right_before(mention) or _body_based_in(mention, in_corpus)
        if country:
            votes[country] += 1
            evidence.setdefault(country, mention.sentence)
    if not votes:
        return None
    ranked = votes.most_common(2)
    if len(ranked) == 2 and ranked[0][1] == ranked[1][1]:
        return None  # two countries as often: the text does not say which
    return CountryFinding(ranked[0][0], evidence[ranked[0][0]])


# Last words of names that a meeting's town gives, not a body's seat: "the Valdor Pact", "the
# Geneva Conventions", "the Minsk format".
NAMED_AFTER_A_MEETING = frozenset(
    """
    pact treaty accord accords agreement agreements convention conventions protocol protocols statute
    declaration process format initiative cooperation summit conference talks
    """.split()
)


@lru_cache(maxsize=1 << 14)
def home_in_name(name: str, in_corpus: frozenset[str]) -> str | None:
    """The country of the place a body's name ends "of" with ("University of Portville": a town of a
    country the corpus names will do) or opens with ("Portville Police Service": a US state or a large
    city only)."""
    words = name.split()
    if len(words) < 2 or words[-1].casefold() in NAMED_AFTER_A_MEETING:
        return None
    of = name.rfind(" of ")
    if of > 0:
        place = name[of + 4 :].removeprefix("the ")
        country = gazetteer().place_country(place, in_corpus) if _capitalised(place) else None
        town = gazetteer().town_country(place)
        if country and (town is None or town == country):
            return country  # not a province a town elsewhere shares the name of ("Bank of Ashford")
    for n in (3, 2, 1):
        opening = " ".join(words[:n])
        if n < len(words) and _capitalised(opening) and (country := _large_place_country(opening)):
            return country
    return None


def _capitalised(words: str) -> bool:
    return all(word[:1].isupper() for word in words.split())


def _large_place_country(name: str) -> str | None:
    """The country of a US state or a large city; None for a smaller town, which a person's name may
    spell ("Marion", "Florence"), and for a province, which common words may ("Coast", "Western")."""
    if gazetteer().is_state_name(name):
        return gazetteer().country(name) or UNITED_STATES
    if " " not in name and is_given_name(name):
        return None
    return gazetteer().place_country(name)


# Words between a country word and a person's name that break the link: the country is then
# where something happened or where someone went, not the person's own.
_BREAKS = frozenset(
    "in at from to into with by near across against for and or on over under after before than "
    "inside outside within behind beside toward towards through throughout among amid around "
    "between beyond upon via without during since until despite along onto about like "
    "said says told say who which that while when".split()
)
_COUNTRY_WORD = re.compile(
    r"(?P<word>(?:[A-Z]\.){2,}|[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2})(?P<poss>['’]s)?(?![\w.])"
)


def _is_title_word(word: str) -> bool:
    """Whether a word belongs to a title ("interior", "minister"), which may stand before a name."""
    return word.casefold() in TITLE_HEADS or word.casefold() in TITLE_MODIFIERS


def _country_before_name(mention: Mention) -> str | None:
    """The country of a demonym, a possessive country or a country's name modifying a title within
    the few words before a name."""
    sentence = mention.sentence
    offset = mention.span.start - sentence.start
    return _country_before(sentence.text[max(0, offset - 80) : offset])


_RIGHT_BEFORE = re.compile(r"(?P<word>(?:[A-Z]\.){2,}|[A-Z][\w-]+)(?P<poss>['’]s)?\s+$")


def _country_right_before(mention: Mention) -> str | None:
    """The country of a demonym or a possessive country written right before a name."""
    sentence = mention.sentence
    offset = mention.span.start - sentence.start
    match = _RIGHT_BEFORE.search(sentence.text[max(0, offset - 40) : offset])
    if not match:
        return None
    if match["poss"]:
        return gazetteer().country(match["word"])
    return gazetteer().demonym(match["word"])


@lru_cache(maxsize=1 << 16)
def _country_before(before: str) -> str | None:
    """``_country_before_name`` of the text before a name (names recur in like contexts: read once)."""
    best = None
    for match in _COUNTRY_WORD.finditer(before):
        if has_quote_mark(before[match.end() :]):
            continue  # '"... cooperation of Ruritanian officials," Berg said': the quote's country
        words = re.findall(r"[\w'’-]+", before[match.end() :])
        if len(words) > 5 or any(
            w.casefold() in _BREAKS
            or (w.endswith(("ed", "ing")) and not _is_title_word(w))
            or (w[:1].isupper() and not _is_title_word(w))
            for w in words
        ):
            continue  # another name or a verb stands between: the country is not this person's
        if match["poss"]:
            country = gazetteer().country(match["word"])
        else:
            found = [gazetteer().demonym(w) for w in match["word"].split()]
            country = next((c for c in reversed(found) if c), None)
            # A country's name used as a modifier of the title: "U.S. Ambassador X", "Ruritania Police
            # Commissioner X" (only title words between: not "in Ruritania, Minister X").
            if country is None and not re.search(r"[,;:()]", before[match.end() :]):
                country = _country_modifying_title(match["word"].split(), words)
        if country:
            best = country  # the nearest one wins
    return best


def _country_modifying_title(run: list[str], after: list[str]) -> str | None:
    """The country whose name starts a run of capitalised words followed by title words only."""
    for k in range(len(run), 0, -1):
        if all(_is_title_word(w) or w in ("of", "the") for w in run[k:] + after):
            country = gazetteer().country(" ".join(run[:k]))
            if country:
                return country
    return None


# A legislator's party and state right after the name: "Sen. X, R-Fla.,", "X (D-N.Y.)".
_PARTY_AND_STATE_AFTER = re.compile(rf"^\s*(?:,|\()\s*(?P<tag>{PARTY_AND_STATE.pattern})(?=[,;)]|\s|$)")


def _legislators_country(mention: Mention) -> str | None:
    """The United States for a legislator tagged with party and state: "Sen. X, R-Fla.", "X (R-AZ)"."""
    sentence = mention.sentence
    match = _PARTY_AND_STATE_AFTER.match(sentence.text[mention.span.end - sentence.start :])
    return UNITED_STATES if match and gazetteer().is_party_and_state(match["tag"]) else None


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
        if "-" in word and word.rsplit("-", 1)[1].casefold() in HYPHENATED_AMERICAN:
            word = word.rsplit("-", 1)[1]  # "a Polish-American scientist": an American of that origin
        country = gazetteer().demonym(word) if word[:1].isupper() else None
        if country:
            return country
    return None


# A place name as wire copy writes it: capitalised words, abbreviations with their dots ("St. Albans").
_PLACE = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|del|la|es|al|el))*"
# A place's name of capitalised words without hyphens ("Portville" of "Portville-based").
_PLACE_WORDS = r"[A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*)*"

# Where a body is based: "the Portville-based X", "X, a tour operator in Portville, Nev.,", "X,
# headquartered in Portville,".
_BASED_BEFORE = re.compile(rf"(?P<place>{_PLACE_WORDS})-based\s+(?:the\s+)?$")
_BASED_AFTER = re.compile(
    rf"^\s*,\s*(?:(?:a|an|the)\s+(?:[\w-]+\s+){{1,4}}?(?:in|based\s+in)|(?:based|headquartered)\s+in)"
    rf"\s+(?P<place>{_PLACE_WORDS})"
    rf"(?:\s*,\s*(?P<region>{_PLACE_WORDS}))?(?=\s*[,.;:)]|\s*$)"
)


def _body_based_in(mention: Mention, in_corpus: frozenset[str]) -> str | None:
    """The country of the place a body is said to be based in, right before or after its name."""
    sentence = mention.sentence
    start, end = mention.span.start - sentence.start, mention.span.end - sentence.start
    before = _BASED_BEFORE.search(sentence.text[max(0, start - 60) : start])
    if before:
        return _home_country(before["place"], None, in_corpus)
    after = _BASED_AFTER.match(sentence.text[end:])
    return _home_country(after["place"], after["region"], in_corpus) if after else None


# People who work where they live (English news usage): "a gynecologist in Portville", "a hotel
# worker in Portville" are of Portville's country. Not those sent to a place ("ambassador in",
# "correspondent in", "aid worker in": see ``FROM_ELSEWHERE``).
LOCAL_OCCUPATIONS = frozenset(
    """
    doctor physician surgeon gynecologist obstetrician dentist pharmacist nurse midwife teacher
    headmaster principal pastor priest rabbi imam farmer fisherman shopkeeper merchant trader
    businessman businesswoman lawyer worker clerk driver mechanic owner resident villager housewife
    """.split()
)
FROM_ELSEWHERE = frozenset("aid relief foreign expatriate visiting exchange guest migrant".split())
_LOCAL_WORK = re.compile(
    rf"^(?:(?P<modifier>[\w-]+)\s+)?(?P<head>[a-z]+)\s+in\s+(?:the\s+)?(?P<place>{_PLACE_WORDS})$"
)


def local_work_country(title: str, in_corpus: frozenset[str]) -> str | None:
    """The country of the place a person works in where people work where they live ("gynecologist
    in Portville"); None for any other title."""
    match = _LOCAL_WORK.match(title.strip())
    if not match or match["head"] not in LOCAL_OCCUPATIONS:
        return None
    if match["modifier"] and match["modifier"].casefold() in FROM_ELSEWHERE:
        return None
    return gazetteer().place_country(match["place"], in_corpus)


# A person's home in an apposition: "X, 44, of Utopia City, Ut., said", "X, a native of Ruritania",
# "X, a trader from Utopia City". Not "X, of the Ruritanian Red Cross" (a body, not a home).
_HOME_APPOSITION = re.compile(
    rf"^\s*,\s*(?:\d{{1,3}}\s*,\s*)?(?:(?:a|an)\s+native\s+of|of|(?:a|an)\s+(?:[a-z-]+\s+){{1,3}}from)"
    rf"\s+(?P<place>{_PLACE}?)(?:\s*,\s*(?P<region>{_PLACE}?))?(?=\s*[,.;:)]|\s*$)"
)
# "... in his native Ruritania", "... was born in Ruritania", "... at his home in Portville, Ruritania":
# the person's own country, when no other name stands between.
_NATIVE = re.compile(
    rf"\b(?:(?:his|her)\s+native|(?:was|is)\s+born\s+in|(?:at|outside|near)\s+(?:his|her)\s+home\s+in)"
    rf"\s+(?P<place>{_PLACE}?)(?:\s*,\s*(?P<region>{_PLACE}?))?(?=\s*[,.;:)]|\s*$|\s+[a-z])"
)


def _country_of_origin(mention: Mention, in_corpus: frozenset[str]) -> str | None:
    """The country of a person's home as the text states it: a residence or origin in an apposition
    right after the name, or "his native X", "was born in X" or "at his home in X" later in a sentence
    the name opens or in a clause on it (", who ...")."""
    sentence = mention.sentence
    after = sentence.text[mention.span.end - sentence.start :]
    match = _HOME_APPOSITION.match(after)
    if match:
        return _home_country(match["place"], match["region"], in_corpus)
    opens_sentence = not re.search(r"\w", sentence.text[: mention.span.start - sentence.start])
    # the sentence's subject, or the subject of a clause on the name ("the shooting of X, who ...")
    about_the_name = opens_sentence or re.match(r"\s*,\s*who\b", after) is not None
    native = _NATIVE.search(after) if about_the_name else None
    if native and not re.search(r"\b[A-Z]", after[: native.start()]):
        return _home_country(native["place"], native["region"], in_corpus)
    return None


def unknown_home(mention: Mention) -> str | None:
    """The place a person of a local trade is said to come from in an apposition right after the
    name ("X, a rice farmer from Portville") when no gazetteer knows it: a village of the country its
    article is about, more likely than of any other (``_with_home_in_the_setting``). Not one sent or
    come from elsewhere ("X, an aid worker from ..."), nor a tourist."""
    sentence = mention.sentence
    match = _HOME_APPOSITION.match(sentence.text[mention.span.end - sentence.start :])
    if not match or match["region"] or _home_country(match["place"], None, frozenset()):
        return None
    # a local trade ("a rice farmer from"), not a bare "of" (as often a body's: "X, of Orchard Books")
    trade = re.match(r"^\s*,\s*(?:a|an)\s+((?:[a-z-]+\s+){1,3})from\b", match.group(0))
    words = set(trade.group(1).split()) if trade else set()
    if not words & LOCAL_OCCUPATIONS or words & FROM_ELSEWHERE:
        return None
    return match["place"].rstrip(".")  # the sentence's full stop


# A town's region or country written after it: "in Portville, Nev.,", "from Portville, Ruritania.",
# "a Portville, Nev.-based maker".
_REGION_AFTER = re.compile(
    rf"^\s*,\s*(?:(?P<seat>{_PLACE_WORDS})-based\b|(?P<region>{_PLACE}?)(?![\w.'’-])(?=\s*[,.;:)]|\s*$))"
)


def _region_written_after(mentions: Sequence[Mention]) -> CountryFinding | None:
    """The country of the region or country the text writes after a town's name ("Portville,
    Nev.": the American one, whatever the gazetteer would guess). Not for a country, which is
    written so in lists ("Ruritania, Valdoria and ..."), nor for a continent ("Asia, Valdoria and
    ...")."""
    votes: Counter[str] = Counter()
    evidence: dict[str, Span] = {}
    for mention in mentions[:COUNTRY_SAMPLE]:
        if gazetteer().country(mention.span.text) or gazetteer().world_region(mention.span.text):
            return None
        sentence = mention.sentence
        match = _REGION_AFTER.match(sentence.text[mention.span.end - sentence.start :])
        if not match:
            continue
        region = match["region"] or match["seat"]  # "Portville, Mont.," or "Portville, Mont.-based"
        country = next(
            filter(None, map(gazetteer().region_country, (region, region.rstrip("."), f"{region}."))), None
        )
        if country:
            votes[country] += 1
            evidence.setdefault(country, sentence)
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return CountryFinding(ranked[0][0], evidence[ranked[0][0]])


@lru_cache(maxsize=1 << 14)
def _home_country(place: str, region: str | None, in_corpus: frozenset[str]) -> str | None:
    """The country of "Place" or "Place, Region": the region decides when it is a known one."""
    for name in (region, place):
        # a full stop and an abbreviation's dot are one character ("of St. Albans, Vt.", "native Egypt.")
        for written in (name, name.rstrip("."), f"{name}.") if name else ():
            country = gazetteer().place_country(written, in_corpus)
            if country:
                return country
    return None
