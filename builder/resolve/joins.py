"""Which names of a corpus are one entity: the joins that need evidence beyond the same key.

Each join says what evidence it takes, and none joins on a resemblance alone:

* organisation paraphrases: the same identifying words once the legal form
  ("Inc.") is off and a country is written one way ("US Air Force" =
  "U.S. Air Force" = "United States Air Force"), or a close rapidfuzz score
  on long names;
* acronyms: an acronym the corpus never defines joins the one long name
  whose initials it spells;
* a narrowing modifier: "the Air Force" joins the one "<country> Air Force"
  of the corpus, when there is exactly one;
* a short form: "Orchard" joins "Orchard Computer" when articles write both and
  no other longer name starting so ("Orchard Corps") is written beside the short
  one alone, or only in a third as many articles;
* countries: "US", "U.S.", "the United States" and "United States of America"
  are one place (the gazetteer's spellings and country_converter's patterns);
* middle names: "Ana Ruiz", "Ana M. Ruiz" and "Ana Maria Ruiz" are one
  person when no two names of that first and last name disagree;
* misspelt places: a one-word name no place of the gazetteer spells joins the
  one place of its article, known to the gazetteer, that it misses by one
  letter, a swap or the same letters out of order ("Valdorai" / "Valdoria");
* nicknames: "Bill Ortega" joins "William Ortega" when the ``nicknames``
  package (the carltonnorthern/nicknames table of English given names) pairs
  the given names, the rest of the name is the same, and no third given name
  is written with that rest (then the text does not say who is who).

``NameFacts.written`` maps each key to one of its names as written:
abbreviations are told from words by their capitals ("US" against "us").
Two names written in one sentence are two entities ("the National Police and
the National Police of X"): the join by narrowing skips them.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, Levenshtein

from builder.extract.mentions import ORG_HEADS
from builder.values.countries import gazetteer
from builder.values.names import fold, fold_without_article, is_given_name, nicknamer
from builder.values.organisations import STOPWORDS, has_legal_form, legal_basename, signature

# Two organisation names are one when their identifying words are the same set,
# or when long names (ORG_FUZZY_MIN_WORDS words or more) score at least
# ORG_FUZZY_THRESHOLD with rapidfuzz's token_sort_ratio: same-entity paraphrases score
# 100 after demonym normalisation ("Ruritanian Armed Forces" / "Armed Forces of
# Ruritania"), while distinct bodies that share words score well under it (a force and
# the same force "of X"; two bodies both called "national").
ORG_FUZZY_THRESHOLD = 90
ORG_FUZZY_MIN_WORDS = 4
# Words that make a company of an organisation's name (its kind of trade, not its legal form).
COMPANY_WORDS = (
    "company", "corporation", "airlines", "airways", "motors", "industries", "holdings", "enterprises",
    "pharmaceuticals",
)  # fmt: skip
# How many times more articles must use a short form beside one longer name than beside any other.
SHORT_FORM_MARGIN = 3
# A word shared by more names than this is too common to block candidates on.
BLOCK_LIMIT = 50


@dataclass
class NameFacts:
    """What the corpus says of each name (by key): one spelling, its articles and sentences."""

    written: dict[str, str] = field(default_factory=dict)
    docs: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    sentences: defaultdict[str, set[tuple[str, int]]] = field(default_factory=lambda: defaultdict(set))

    def add(self, key: str, text: str, doc: str, sentence_start: int) -> None:
        self.written.setdefault(key, text)
        self.docs[key].add(doc)
        self.sentences[key].add((doc, sentence_start))

    def side_by_side(self, a: str, b: str) -> bool:
        """Whether the two names are ever written in one sentence."""
        return not self.sentences[a].isdisjoint(self.sentences[b])


class UnionFind:
    """Names joined into sets; a set's root is its least key, whatever the order of the joins."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def join_organisations(keys: Sequence[str], written: Mapping[str, str], uf: UnionFind) -> None:
    """Join paraphrases of one organisation's name, comparing only names that share rare words."""
    words = {key: signature(written[key]) for key in keys}
    index: dict[str, list[str]] = defaultdict(list)
    for key, ws in words.items():
        for word in set(ws):
            index[word].append(key)
    seen: set[tuple[str, str]] = set()
    for key, ws in words.items():
        candidates = {
            other for w in set(ws) if len(index[w]) <= BLOCK_LIMIT for other in index[w] if other > key
        }
        for other in candidates:
            if (key, other) in seen:
                continue
            seen.add((key, other))
            a, b = words[key], words[other]
            if (
                a
                and sorted(a) == sorted(b)
                and (len(a) >= 2 or _one_word_variant(written[key], written[other]))
            ):
                uf.union(key, other)
            elif min(len(a), len(b)) >= ORG_FUZZY_MIN_WORDS:
                if fuzz.token_sort_ratio(" ".join(a), " ".join(b)) >= ORG_FUZZY_THRESHOLD:
                    uf.union(key, other)


def _one_word_variant(a: str, b: str) -> bool:
    """Two names of one identifying word are one when a legal form or a country's spelling is all
    that differs ("Orchard Inc." / "Orchard", "UK" / "Britain"); not by function words alone."""
    return legal_basename(a) != a or legal_basename(b) != b or bool(gazetteer().country(a))


def is_acronym(text: str) -> bool:
    """Written as an acronym: capitals only, with or without dots ("UNHCR", "U.N.")."""
    bare = text.replace(".", "")
    return bare.isupper() and bare.isalpha() and 2 <= len(bare) <= 8


def join_acronyms(keys: Sequence[str], acronyms: set[str], uf: UnionFind, facts: NameFacts) -> None:
    """An acronym the text never defines joins the one long name whose initials it spells; where the
    corpus has several, the one its own articles write, when they write only one ("the VHA" in an
    article on the Valdorian Harbour Authority, whatever else the corpus spells so)."""
    by_initials: dict[str, set[str]] = defaultdict(set)
    for key in keys:
        words = [w for w in re.findall(r"\w+", key) if w not in STOPWORDS]
        if len(words) >= 2:
            by_initials["".join(w[0] for w in words)].add(key)
    for key in keys:
        if key in acronyms and uf.find(key) == key:
            spelt = by_initials.get(key, set())
            roots = {uf.find(long) for long in spelt}
            if len(roots) > 1:
                roots = {uf.find(long) for long in spelt if facts.docs[long] & facts.docs[key]}
            if len(roots) == 1:
                uf.union(next(iter(roots)), key)


def join_narrowed(keys: Sequence[str], facts: NameFacts, uf: UnionFind) -> None:
    """ "the Air Force" joins "US Air Force" when that is the corpus's only such body with a country.

    A country before a body's name only narrows it; when the corpus names one country's body and
    no other, the bare name is that body. Two countries' bodies leave the bare name alone.
    """
    countries = _country_words()
    by_rest: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for key in keys:
        words = signature(facts.written[key])
        named = [w for w in words if w in countries]
        if len(named) == 1 and len(words) >= 2:
            by_rest[tuple(sorted(w for w in words if w != named[0]))].append(key)
    for key in keys:
        words = signature(facts.written[key])
        if not words or any(w in countries for w in words):
            continue
        narrower = by_rest.get(tuple(sorted(words)), [])
        roots = {uf.find(other) for other in narrower}
        if len(roots) == 1 and not any(facts.side_by_side(key, other) for other in narrower):
            uf.union(next(iter(roots)), key)


def narrowed_in_articles(keys: Sequence[str], facts: NameFacts, uf: UnionFind) -> dict[tuple[str, str], str]:
    """ "the Air Force" in an article that names one country's air force and no other is that one,
    even where the corpus names several. Returns (article, key) -> the node it joins there; call it
    after every union (the nodes are roots)."""
    countries = _country_words()
    narrower: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for key in keys:
        words = signature(facts.written[key])
        named = [w for w in words if w in countries]
        if len(named) == 1 and len(words) >= 2:
            narrower[tuple(sorted(w for w in words if w != named[0]))].append(key)
    local: dict[tuple[str, str], str] = {}
    for key in keys:
        words = signature(facts.written[key])
        candidates = narrower.get(tuple(sorted(words)), []) if words else []
        if not candidates or len({uf.find(other) for other in candidates}) == 1:
            continue  # nothing narrower, or joined corpus-wide already
        for doc in facts.docs[key]:
            here = [other for other in candidates if doc in facts.docs[other]]
            roots = {uf.find(other) for other in here}
            side_by_side = any(
                d == doc for other in here for d, _ in facts.sentences[other] & facts.sentences[key]
            )
            if len(roots) == 1 and not side_by_side:
                local[(doc, key)] = next(iter(roots))
    return local


def _country_words() -> frozenset[str]:
    """Every country's common name as ``signature`` writes it."""
    return frozenset(fold(country) for country in gazetteer().countries.values())


def join_short_forms(keys: Sequence[str], facts: NameFacts, uf: UnionFind) -> None:
    """ "Orchard" joins "Orchard Computer": a short form joins the one longer name that articles use it
    beside, when the longer one only adds words (no head word of a body of its own: "United Nations
    Security Council" is not the United Nations) and articles use the short form beside another
    longer name alone ("Orchard Corps" in an article that writes no "Orchard Computer") in at most a
    third as many articles.
    """
    signatures = {key: signature(facts.written[key]) for key in keys}
    docs_of = facts.docs
    countries = _country_words()
    by_first: dict[str, list[str]] = defaultdict(list)
    by_root: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        by_root[uf.find(key)].append(key)
    for key, words in signatures.items():
        if words:
            by_first[words[0]].append(key)
    for short, words in signatures.items():
        if not words or (len(words) == 1 and words[0] in ORG_HEADS):
            continue
        longer = [
            key
            for key in by_first[words[0]]
            if len(signatures[key]) > len(words) and signatures[key][: len(words)] == words
        ]
        # An article that also writes the short form's own longer spelling ("Orchard Inc.") uses the
        # short form for that: it says nothing of the longer names beside it.
        own = [key for key in by_root[uf.find(short)] if key != short]
        beside: Counter[str] = Counter()  # articles using the short form beside one longer name's root
        for doc in docs_of.get(short, ()):
            if any(doc in docs_of.get(key, ()) for key in own):
                continue
            present = {uf.find(key) for key in longer if doc in docs_of.get(key, ())}
            if len(present) == 1:
                beside.update(present)
        ranked = beside.most_common(2)
        # One longer name, or one the articles use it beside far more often than any other: a product
        # line named after a company ("Orchard Box" beside "Orchard" once) says little against four
        # articles of "Orchard" beside "Orchard Computer".
        if not ranked or (len(ranked) == 2 and ranked[0][1] < SHORT_FORM_MARGIN * ranked[1][1]):
            continue
        root = ranked[0][0]
        tails = [
            (signatures[key][len(words) :], has_legal_form(facts.written[key]))
            for key in longer
            if uf.find(key) == root
        ]
        # A country in the tail narrows the name: ``join_narrowed`` weighs that.
        # A trade word only says what the short name is ("Skyways Airlines"); another head word names
        # a body of its own ("Skyways Foundation"), unless a legal form makes the whole a company's
        # name ("Skyways Group Inc.").
        if all(
            not any(
                (word in ORG_HEADS and word not in COMPANY_WORDS and not company) or word in countries
                for word in tail
            )
            for tail, company in tails
        ):
            uf.union(root, short)


def join_countries(keys: Sequence[str], written: Mapping[str, str], uf: UnionFind) -> None:
    """Names of one country in any spelling are one place: "US", "U.S.", "the United States"; and a
    region's wire-style abbreviation is the region ("Fla.", "Florida")."""
    by_country: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        country = gazetteer().country(written[key])
        if country:
            by_country[country].append(key)
    for spellings in by_country.values():
        for key in spellings[1:]:
            uf.union(spellings[0], key)
    # A region as wire copy abbreviates it is the region: "Fla." and "Florida".
    for key in keys:
        region = gazetteer().region_name_dotless(written[key])
        if region and fold_without_article(region) in written:
            uf.union(fold_without_article(region), key)


def join_nicknames(person_keys: Sequence[str], facts: NameFacts, uf: UnionFind) -> None:
    """Full person names that differ only by a given name and its nickname are one person.

    "Chuck Ortega" joins "Charles Ortega" (and "Charles M. Ortega": a middle name or initial may be
    written or not, ``_middles_agree``) when these are the only two given names written with
    "Ortega" in the corpus and they never stand in one sentence (two people there).
    """
    by_last: dict[str, list[str]] = defaultdict(list)
    for key in person_keys:
        words = key.split()
        if len(words) >= 2:
            by_last[words[-1]].append(key)
    for keys in by_last.values():
        given = {key.split()[0] for key in keys}
        if len(given) != 2 or not _nicknamed(*sorted(given)):
            continue
        if not all(_middles_agree(a.split()[1:-1], b.split()[1:-1]) for a in keys for b in keys):
            continue
        one, other = sorted(given)
        ones = [key for key in keys if key.split()[0] == one]
        others = [key for key in keys if key.split()[0] == other]
        if any(facts.sentences[a] & facts.sentences[b] for a in ones for b in others):
            continue
        for key in keys[1:]:
            uf.union(keys[0], key)


# A word of a person's name shorter than this is no misspelling of another one letter away
# ("Dan" / "Don" are two names).
SPELLING_MIN_LENGTH = 5


def join_spellings(person_keys: Sequence[str], facts: NameFacts, uf: UnionFind) -> None:
    """Full person names that differ by one letter in one longer word are one person spelt two
    ways ("Tomas Bergqvist" / "Tomas Bergquist"), when no third name is that close, the two are
    never written in one sentence (two people there) and two given names are not each a name of
    its own ("Elena" / "Helena")."""
    by_pattern: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for key in person_keys:
        words = key.split()
        if len(words) < 2:
            continue
        for i, word in enumerate(words):
            if len(word) >= SPELLING_MIN_LENGTH - 1:
                by_pattern[(*words[:i], "*", *words[i + 1 :])].append(key)
    for pattern, keys in by_pattern.items():
        i = pattern.index("*")
        close = [
            (a, b)
            for a, b in itertools.combinations(keys, 2)
            if _one_letter_apart(a.split()[i], b.split()[i])
            and not (i == 0 and _two_given_names(a.split()[0], b.split()[0]))
            and not facts.side_by_side(a, b)
        ]
        counted = Counter(key for pair in close for key in pair)
        for a, b in close:
            if counted[a] == counted[b] == 1:  # no third name as close to either
                uf.union(a, b)


def join_misspelt_places(label_of: dict[str, str], facts: NameFacts, uf: UnionFind) -> None:
    """A one-word name that no place of the gazetteer spells and that is not a person's joins the one
    place its article names that it misses by one letter, one swap of two letters or the same letters
    out of order, when the gazetteer knows that place ("Valdorai" / "Valdoria"): a typo, most often
    in a wire's copy. It becomes a place."""
    by_initial: dict[str, list[str]] = defaultdict(list)  # only a place of the same first letter is compared
    for key, label in label_of.items():
        if label == "place" and key in facts.written and gazetteer().knows(facts.written[key]):
            by_initial[key[0]].append(key)
    for key, label in list(label_of.items()):
        written = facts.written.get(key)
        if label in ("place", "person") or written is None or " " in key or len(key) <= SPELLING_MIN_LENGTH:
            continue
        candidates = [p for p in by_initial.get(key[0], ()) if abs(len(p) - len(key)) <= 2]
        if not candidates or gazetteer().knows(written):
            continue
        close = [
            place
            for place in candidates
            if not facts.docs[place].isdisjoint(facts.docs[key]) and _misspelt(key, place)
        ]
        if len(close) == 1:
            uf.union(close[0], key)
            label_of[key] = "place"


def _misspelt(word: str, place: str) -> bool:
    """One letter off, or two swapped ("Valdorai"), or the same letters out of order ("Valdroia")."""
    distance = OSA.distance(word, place)
    return distance == 1 or (distance == 2 and sorted(word) == sorted(place))


def _one_letter_apart(one: str, other: str) -> bool:
    """Two words one edit apart, one of them long enough to be misspelt rather than another name."""
    return max(len(one), len(other)) >= SPELLING_MIN_LENGTH and Levenshtein.distance(one, other) == 1


def _two_given_names(one: str, other: str) -> bool:
    """Given names that differ only at the end ("Mario" / "Maria", "Paolo" / "Paola") or are both
    names of their own ("Elena" / "Helena"): often two people, not one name misspelt."""
    if _doubled_letter(one, other):
        return False  # one name spelt two ways ("Garret" / "Garrett", "Philip" / "Phillip")
    if one[:-1] == other[:-1] or one == other[:-1] or other == one[:-1]:
        return True
    return is_given_name(one) and is_given_name(other)


def _doubled_letter(one: str, other: str) -> bool:
    """Whether one word is the other with one of its letters written twice."""
    short, long = sorted((one, other), key=len)
    return len(long) == len(short) + 1 and any(
        long[:i] + long[i + 1 :] == short and long[i] == long[i - 1] for i in range(1, len(long))
    )


def is_spelling_variant(name: str, other: str) -> bool:
    """Whether two person names differ by one letter in one longer word (``join_spellings``)."""
    a, b = fold(name).split(), fold(other).split()
    if len(a) != len(b):
        return False
    differ = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(differ) == 1 and _one_letter_apart(*differ[0])


def join_middle_names(person_keys: Sequence[str], uf: UnionFind) -> None:
    """Full person names that differ only in a middle name or its initial are one person: "Ana Ruiz",
    "Ana M. Ruiz" and "Ana Maria Ruiz"; unless two of the names with that first and last name
    disagree ("Ana M. Ruiz" and "Ana T. Ruiz": then which one a short name means is unknown).
    """
    by_ends: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key in person_keys:
        words = key.split()
        if len(words) >= 2:
            by_ends[(words[0], words[-1])].append(key)
    for keys in by_ends.values():
        middles = [key.split()[1:-1] for key in keys]
        if len(keys) > 1 and all(_middles_agree(a, b) for a in middles for b in middles):
            for key in keys[1:]:
                uf.union(keys[0], key)


def _middles_agree(a: list[str], b: list[str]) -> bool:
    """Whether two middle names can be the same: one is absent, or word by word each is the other or
    its initial ("c." and "charles")."""
    if not a or not b:
        return True
    if len(a) != len(b):
        return False
    return all(x == y or x.rstrip(".") == y[:1] or y.rstrip(".") == x[:1] for x, y in zip(a, b, strict=True))


def _nicknamed(first: str, other: str) -> bool:
    """Whether two given names are one name and its nickname, or two nicknames of one name."""
    if first == other:
        return False
    table = nicknamer()
    # The table's relation runs both ways ("chuck" is a nickname of "charles" and "charles" a
    # canonical of "chuck"), so one side's forms are enough.
    return other in table.canonicals_of(first) | table.nicknames_of(first) or bool(
        table.canonicals_of(first) & table.canonicals_of(other)
    )


def join_reason(name: str, other: str, kind: str = "organisation") -> str | None:
    """Why ``other`` names the actor called ``name`` (a ``kind``), as the actor page says it
    (None: the same name written with other capitals or spaces)."""
    if fold(name).removeprefix("the ") == fold(other).removeprefix("the "):
        return None
    if kind == "person":
        if set(fold(other).split()) < set(fold(name).split()):
            return "short name"
        name_words, other_words = fold(name).split(), fold(other).split()
        # "Tom Brandt", "Thomas K. Brandt", and "Tom" alone in an article of "Thomas Brandt"
        same_rest = len(other_words) == 1 or (
            name_words[-1] == other_words[-1] and _middles_agree(name_words[1:-1], other_words[1:-1])
        )
        if same_rest and _nicknamed(name_words[0], other_words[0]):
            return "nickname"
        same_ends = (name_words[0], name_words[-1]) == (other_words[0], other_words[-1])
        if same_ends and _middles_agree(name_words[1:-1], other_words[1:-1]):
            return "middle name"
        if is_spelling_variant(name, other):
            return "spelling"
        return "paired in the text"
    if fold(gazetteer().region_name_dotless(other) or "") == fold(name):
        return "abbreviation"
    if kind == "place" and " " not in fold(other) and _misspelt(fold(other), fold(name)):
        return "spelling"  # ``join_misspelt_places``
    country = gazetteer().country(name)
    if country and country == gazetteer().country(other):
        return "the same country"
    a, b = signature(name), signature(other)
    if sorted(a) == sorted(b):
        return (
            "legal form" if legal_basename(name) != name or legal_basename(other) != other else "same words"
        )
    if is_acronym(other) or is_acronym(name):
        return "acronym"
    if len(b) < len(a) and a[: len(b)] == b:
        return "short form"
    if len(a) < len(b) and b[: len(a)] == a:
        return "long form"
    if set(b) < set(a):
        return "without a narrowing word"
    return "paired in the text"
