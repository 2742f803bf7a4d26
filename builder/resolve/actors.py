"""The cross-article stage: one actor per entity, events and figures linked to actors.

Actors: mentions are grouped by folded name (without a leading "the"); the
label of a name is decided corpus-wide by a vote (longer names and titled
names weigh more); names the text pairs (acronyms, aliases, handles) join;
organisation paraphrases join (same normalised words, or a rapidfuzz score
on long names, compared only within blocks of shared rare words); short
person names join the full name that contains them, with a guard against two
people who share a surname. Roles, quotes and countries come from the
per-article claims.
"""

from __future__ import annotations

import bisect
import gc
import itertools
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache

from rapidfuzz import fuzz
from slugify import slugify

from builder.extract.mentions import NAME_PARTICLES
from builder.extract.roles import TITLE_HEADS, TITLE_MODIFIERS, country_in
from builder.model import (
    Actor,
    ArticleExtraction,
    Document,
    Dossier,
    Event,
    Figure,
    Mention,
    Quote,
    Role,
)
from builder.resolve.chronology import build_chronology
from builder.values.countries import gazetteer
from builder.values.names import fold, fold_without_article
from builder.values.slugs import content_ids


def alias_order(name: str) -> tuple[str, str]:
    """Sort key for names: case-insensitive, and total ("NATO" before "Nato" in every run).

    Sorting by ``casefold`` alone leaves such ties in set order, which changes
    with each process's hash seed: the same corpus gave different files.
    """
    return (name.casefold(), name)


class _UnionFind:
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


# Two organisation names are one when their normalised words are the same set,
# or when long names (ORG_FUZZY_MIN_WORDS words or more) score at least
# ORG_FUZZY_THRESHOLD with rapidfuzz's token_sort_ratio. Measured on the seed
# corpus: same-entity paraphrases score 100 after demonym normalisation
# ("Ruritanian Armed Forces" / "Armed Forces of Ruritania"), while distinct bodies that
# share words stay under 80 ("National Police" / "National Police of X": 77;
# "National Assembly" / "National Court of Justice": 48).
ORG_FUZZY_THRESHOLD = 90
ORG_FUZZY_MIN_WORDS = 4
# How many of an actor's mentions vote on its country when the text states none.
COUNTRY_SAMPLE = 40
# A word shared by more names than this is too common to block candidates on.
BLOCK_LIMIT = 50
ORG_STOPWORDS = frozenset({"the", "of", "for", "and", "to", "'s", "s", "&"}) | NAME_PARTICLES
# Kind cues, tried in this order (an armed group's "Liberation Army" is not the state's army);
# GOVERNMENT_FIRST names are a government's whatever else they name ("Ministry of Justice").
GOVERNMENT_FIRST = ("ministry", "ministries", "council of ministers", "presidency")
SUBKINDS = {
    "armed group": (
        "gang", "gangs", "cartel", "militia", "rebels", "rebel", "guerrilla", "guerrillas", "mafia",
        "clan", "insurgents", "liberation army", "liberation front", "front",
    ),
    "military": (
        "armed forces", "army", "navy", "air force", "military", "command", "brigade", "battalion",
        "regiment", "marines", "coast guard", "defence forces", "defense forces",
    ),
    "police": ("police", "gendarmerie", "constabulary", "special operations", "squad", "unit"),
    "judiciary": ("court", "tribunal", "judiciary", "prosecutor", "prosecutors", "attorney general"),
    "legislature": ("congress", "parliament", "assembly", "senate", "legislature", "chamber", "house of"),
    "media": (
        "news agency", "news", "newspaper", "television", "tv", "radio", "press", "broadcaster",
        "broadcasting", "times", "post", "journal", "gazette", "herald", "tribune",
    ),
    "international": (
        "united nations", "un", "unhcr", "unicef", "world food programme", "world health organization",
        "red cross", "red crescent", "world bank", "imf", "international monetary fund", "nato", "eu",
        "european union", "african union", "organisation of", "organization of", "international",
        "refugees",
    ),
    "government": (
        "ministry", "ministries", "government", "presidency", "council of ministers", "office", "service",
        "council", "secretariat", "department", "administration", "ombudsman", "directorate", "agency",
        "authority", "commission", "penitentiary", "cabinet", "bureau",
    ),
}  # fmt: skip
# A common noun right after a name says what it is: "the X news agency", "La X newspaper".
CONTEXT_KINDS = {
    "news": "media",
    "newspaper": "media",
    "agency": "media",
    "channel": "media",
    "gang": "armed group",
    "cartel": "armed group",
}


# The folded name without a leading "the": the key names are grouped by (cached, as fold is).
_key = fold_without_article


def _org_words(key: str) -> tuple[str, ...]:
    """Normalised words of an organisation name: demonyms as their country, no function words."""
    words = []
    for word in re.findall(r"[\w@-]+", key):
        if word in ORG_STOPWORDS:
            continue
        country = gazetteer().demonym(word) or gazetteer().country(word)
        words.append(fold(country) if country else word)
    return tuple(words)


def _join_organisations(keys: Sequence[str], uf: _UnionFind) -> None:
    """Join paraphrases of one organisation's name, comparing only names that share rare words."""
    words = {key: _org_words(key) for key in keys}
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
            if len(a) >= 2 and sorted(a) == sorted(b):
                uf.union(key, other)
            elif min(len(a), len(b)) >= ORG_FUZZY_MIN_WORDS:
                if fuzz.token_sort_ratio(" ".join(a), " ".join(b)) >= ORG_FUZZY_THRESHOLD:
                    uf.union(key, other)


# Mentions in the order of the articles and their place in them.
_MENTION_ORDER = operator.attrgetter("span.doc", "span.start")


def _is_acronym(text: str) -> bool:
    return text.isupper() and text.isalpha() and 2 <= len(text) <= 8


def _join_acronyms(keys: Sequence[str], acronyms: set[str], uf: _UnionFind) -> None:
    """An acronym the text never defines joins the one long name whose initials it spells."""
    by_initials: dict[str, set[str]] = defaultdict(set)
    for key in keys:
        words = [w for w in re.findall(r"\w+", key) if w not in ORG_STOPWORDS]
        if len(words) >= 2:
            by_initials["".join(w[0] for w in words)].add(uf.find(key))
    for key in keys:
        if key in acronyms and uf.find(key) == key:
            roots = by_initials.get(key, set())
            if len(roots) == 1:
                uf.union(next(iter(roots)), key)


def _owners(short: str, people: dict[str, list[str]]) -> set[str]:
    """Full person names that contain every word of ``short`` in order ("Torres" -> "Ana Torres Ruiz")."""
    words = short.split()
    found = set()
    for full in people.get(words[-1], []):
        full_words = full.split()
        if len(full_words) <= len(words):
            continue
        it = iter(full_words)
        if all(w in it for w in words):
            found.add(full)
    return found


@dataclass
class _Group:
    mentions: list[Mention] = field(default_factory=list)
    names: Counter = field(default_factory=Counter)
    labels: Counter = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    countries: Counter = field(default_factory=Counter)
    roles: list[Role] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    titled: bool = False


def resolve_actors(
    documents: Sequence[Document], extractions: Sequence[ArticleExtraction]
) -> tuple[list[Actor], dict[str, str]]:
    """One actor per entity; also returns the folded name -> actor id lookup for events."""
    dates = {d.id: d.date for d in documents}
    mentions = [m for x in extractions for m in x.mentions]
    keys = [_key(m.span.text) for m in mentions]  # the key of each mention, in order
    uf = _UnionFind()
    votes: dict[str, Counter] = defaultdict(Counter)
    for mention, key in zip(mentions, keys, strict=True):
        uf.parent.setdefault(key, key)  # a node of its own (uf.find's first step; no union yet)
        # Longer names are less ambiguous for the tagger: they weigh more in the vote.
        votes[key][mention.label] += 2 if " " in key else 1
        if mention.title:
            votes[key]["person"] += 2
    for extraction in extractions:
        for claim in extraction.roles:
            votes[_key(claim.name)]["person"] += 3
    label_of = {key: c.most_common(1)[0][0] for key, c in votes.items()}
    # A lone word the tagger called an organisation or a place, that is the surname
    # of exactly one person and no known place, is that person ("..., Ruiz said").
    full_names = [k for k, lab in label_of.items() if lab == "person" and " " in k]
    surnames = Counter(k.split()[-1] for k in full_names)
    for key, label in label_of.items():
        lone_surname = " " not in key and surnames.get(key) == 1
        if label != "person" and lone_surname and not gazetteer().place_country(key):
            label_of[key] = "person"

    # Names the text pairs: acronyms, aliases, handles.
    extra_aliases: dict[str, set[str]] = defaultdict(set)
    claim_countries: dict[str, Counter] = defaultdict(Counter)
    for extraction in extractions:
        for claim in extraction.aliases:
            name, alias = _key(claim.name), _key(claim.alias)
            if name not in label_of:
                continue
            if claim.country:
                claim_countries[name][claim.country] += 1
            if alias in label_of:
                label_of[alias] = label_of[name]
                uf.union(name, alias)
            else:
                extra_aliases[name].add(claim.alias)

    org_keys = [k for k, lab in label_of.items() if lab in ("organisation", "armed group")]
    _join_organisations(org_keys, uf)
    # (each distinct name as written once)
    written = set(zip((m.span.text for m in mentions), keys, strict=True))
    acronyms = {key for text, key in written if _is_acronym(text)}
    _join_acronyms(org_keys, acronyms, uf)

    # Short person names join the one full name that contains them; when two full
    # names share a surname, the one in the same article wins, else none.
    people_by_last: dict[str, list[str]] = defaultdict(list)
    people_by_first: dict[str, list[str]] = defaultdict(list)
    for key, label in label_of.items():
        if label == "person" and " " in key:
            people_by_last[key.split()[-1]].append(key)
            people_by_first[key.split()[0]].append(key)
    docs_of: dict[str, set[str]] = defaultdict(set)
    for mention, key in zip(mentions, keys, strict=True):
        docs_of[key].add(mention.span.doc)
    node_of: dict[tuple[str, str], str] = {}  # (doc, key) -> union-find node, for ambiguous short names
    for key, label in list(label_of.items()):
        if label != "person":
            continue
        owners = _owners(key, people_by_last)
        if len({uf.find(o) for o in owners}) == 1:
            uf.union(next(iter(owners)), key)
            continue
        if not owners and " " not in key:
            # A lone first name ("Chief Tom") joins a full name only within its own article.
            owners = set(people_by_first.get(key, ()))
        for doc in docs_of[key] if owners else ():
            local = {uf.find(o) for o in owners if doc in docs_of[o]}
            if len(local) == 1:
                node_of[(doc, key)] = next(iter(local))

    groups: dict[str, _Group] = defaultdict(_Group)
    node_for_name: dict[str, str] = {}
    root = {key: uf.find(key) for key in dict.fromkeys(keys)}  # no union from here on
    for mention, key in zip(mentions, keys, strict=True):
        node = node_of.get((mention.span.doc, key)) or root[key]
        group = groups[node]
        group.mentions.append(mention)
        group.names[mention.span.text] += 1
        group.labels[label_of[key]] += 2 if " " in key else 1
        group.titled |= bool(mention.title)
        node_for_name.setdefault(key, node)
    for key, aliases in extra_aliases.items():
        groups[uf.find(key)].aliases |= aliases
        for alias in aliases:  # a quote may name the speaker by an alias never tagged ("the UNHCR said")
            node_for_name.setdefault(_key(alias), node_for_name.get(key, uf.find(key)))
    for key, countries in claim_countries.items():
        groups[uf.find(key)].countries.update(countries)

    def group_of(name: str, doc: str | None = None) -> _Group | None:
        key = _key(name)
        node = node_of.get((doc, key)) if doc else None
        node = node or node_for_name.get(key)
        return groups.get(node) if node else None

    for extraction in extractions:
        for claim in extraction.roles:
            group = group_of(claim.name, claim.source.doc)
            if group is None or label_of.get(_key(claim.name)) != "person":
                continue
            group.roles.append(
                Role(claim.title, claim.source, claim.organisation, dates.get(claim.source.doc))
            )
            if claim.country:
                group.countries[claim.country] += 2
        for quote in extraction.quotes:
            group = group_of(quote.speaker, quote.source.doc)
            if group is not None:
                group.quotes.append(Quote(quote.text, quote.source))

    # Countries the corpus names, by name or demonym ("Ruritanian Army"): they admit
    # their provinces and smaller cities as places.
    # (Names recur: what is looked up for a name is looked up once per distinct name.)
    corpus_countries = {
        c
        for is_place, text in {(m.label == "place", m.span.text) for m in mentions}
        for c in [gazetteer().country(text) if is_place else country_in(text)]
        if c
    }
    inside = _inside_organisations(mentions)
    place_country = _memo(lambda text: gazetteer().place_country(text, corpus_countries))
    demonym_country = _memo(_demonym_country)
    # The country an article is about: the one its places name most, by a clear margin.
    doc_countries: dict[str, Counter] = defaultdict(Counter)
    for mention, key in zip(mentions, keys, strict=True):
        if label_of[key] == "place":
            country = place_country(mention.span.text)
            if country:
                # A country inside an organisation's name ("Council of X") counts half.
                doc_countries[mention.span.doc][country] += 0.5 if inside(mention) else 1
        elif mention.label in ("organisation", "armed group"):
            # A demonym in an organisation's name ("the Ruritanian Red Cross") counts half too.
            country = demonym_country(mention.span.text)
            if country:
                doc_countries[mention.span.doc][country] += 0.5
    doc_leaders = {doc: _clear_leader(votes) for doc, votes in doc_countries.items()}
    actors: list[Actor] = []
    key_to_id: dict[str, str] = {}
    used: set[str] = set()
    fallback: dict[str, str | None] = {}  # a person's country when nothing near them names one
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1].mentions), kv[0]))
    for _node, group in ordered:
        label = group.labels.most_common(1)[0][0]
        if label == "person" and _doubtful(group):
            continue
        name = _canonical_name(group, label)
        actor_id = _unique(slugify(name) or "actor", used)
        for text in group.names:
            key_to_id.setdefault(fold(text), actor_id)
        kind = "organisation" if label == "armed group" else label
        country = _country(group, label, name, corpus_countries, doc_countries)
        if label == "person" and country is None:
            fallback[actor_id] = _sentence_demonym(group) or _main_country(group, doc_leaders)
        actors.append(
            Actor(
                id=actor_id,
                name=name,
                kind=kind,  # type: ignore[arg-type]
                subkind=_subkind(group, name) if kind == "organisation" else None,
                aliases=tuple(sorted((set(group.names) | group.aliases) - {name}, key=alias_order)),
                country=country,
                roles=tuple(_unique_roles(group.roles)),
                quotes=tuple(dict.fromkeys(group.quotes)),
                mentions=tuple(sorted(group.mentions, key=_MENTION_ORDER)),
            )
        )
    # A person's country, when nothing near them names one, is the country of what they lead,
    # else the main country of the articles that name them (not a place they travelled to).
    by_name = {fold(n): a for a in actors for n in (a.name, *a.aliases)}
    for i, actor in enumerate(actors):
        if actor.kind == "person" and actor.country is None:
            for role in actor.roles:
                led = by_name.get(fold(role.organisation or ""))
                if led and led.kind == "organisation" and led.country:
                    actors[i] = replace(actor, country=led.country)
                    break
            else:
                if fallback.get(actor.id):
                    actors[i] = replace(actor, country=fallback[actor.id])
    return actors, key_to_id


def _doubtful(group: _Group) -> bool:
    """A one-word person name that joined no full name and has no title or role: likely not a person."""
    return all(" " not in n for n in group.names) and not group.titled and not group.roles


def _canonical_name(group: _Group, label: str) -> str:
    names = group.names
    if label == "place":
        for text in names:
            country = gazetteer().country(text)
            if country:
                return country
    return max(names, key=lambda n: (len(n.split()), names[n], n))


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


def _country(
    group: _Group, label: str, name: str, corpus_countries: set[str], doc_countries: dict[str, Counter]
) -> str | None:
    """The country of an actor: stated, then named near the actor, then the main country of its articles."""
    if label == "place":
        return gazetteer().place_country(name, corpus_countries)
    if group.countries:
        return group.countries.most_common(1)[0][0]
    if label != "person":
        for text in sorted(group.names, key=lambda n: -len(n)):
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
            for m in group.mentions[:COUNTRY_SAMPLE]
            for c in [_country_in_apposition(m) or _country_before_name(m)]
            if c
        )
        return votes.most_common(1)[0][0] if votes else None
    for demonyms_only in (True, False):
        votes = Counter()
        # A sample of the mentions is enough for a vote, and keeps much-named actors cheap.
        for mention in group.mentions[:COUNTRY_SAMPLE]:
            country = _nearest_country(mention, corpus_countries, demonyms_only)
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


def is_title_word(word: str) -> bool:
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
            w.casefold() in _BREAKS or w.endswith("ed") or (w[:1].isupper() and not is_title_word(w))
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


def _sentence_demonym(group: _Group) -> str | None:
    """A demonym elsewhere in a person's sentences ("X urged the Ruritanian government"), nearest
    first; not one after a preposition ("fought against Zorvian troops", "trained with ...")."""
    votes: Counter = Counter()
    for mention in group.mentions[:COUNTRY_SAMPLE]:
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


def _main_country(group: _Group, doc_leaders: dict[str, str | None]) -> str | None:
    """The main country of the articles naming a person, when one country leads the others.

    ``doc_leaders``: each article's leading country (``_clear_leader`` of its places), or None.
    """
    votes = Counter(
        leader for doc in {m.span.doc for m in group.mentions} if (leader := doc_leaders.get(doc)) is not None
    )
    return _clear_leader(votes)


def _clear_leader(votes: Counter) -> str | None:
    """The most voted key when no other key ties with it, else None."""
    ranked = votes.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def _nearest_country(mention: Mention, corpus_countries: set[str], demonyms_only: bool = False) -> str | None:
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
                else places.country(candidate) or places.place_country(candidate, corpus_countries)
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


_FIRST_WORD = re.compile(r"\s*(\S+)")


def _subkind(group: _Group, name: str) -> str:
    if group.labels.get("armed group"):
        return "armed group"
    for mention in group.mentions:
        # the first word after the name (as str.split has it: \s is the same whitespace)
        after = _FIRST_WORD.match(mention.sentence.text, mention.span.end - mention.sentence.start)
        if after:
            kind = CONTEXT_KINDS.get(after[1].casefold().strip(",."))
            if kind:
                return kind
    texts = " ".join([name, *group.names]).casefold()
    if _GOVERNMENT_FIRST.search(texts):
        return "government"
    for kind, pattern in _SUBKIND_PATTERNS.items():
        if pattern.search(texts):
            return kind
    return "other"


def _any_word(words: Sequence[str]) -> re.Pattern[str]:
    """One pattern that finds any of ``words`` as whole words."""
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b")


_GOVERNMENT_FIRST = _any_word(GOVERNMENT_FIRST)
_SUBKIND_PATTERNS = {kind: _any_word(words) for kind, words in SUBKINDS.items()}


def _unique_roles(roles: list[Role]) -> list[Role]:
    seen: set[tuple[str, str]] = set()
    kept = []
    for role in roles:
        key = (role.title.casefold(), role.source.doc)
        if key not in seen:
            seen.add(key)
            kept.append(role)
    return kept


def resolve_dossier(
    documents: Sequence[Document],
    extractions: Sequence[ArticleExtraction],
    model_name: str = "",
) -> Dossier:
    """Build the dossier from every article's extraction."""
    with _collector_paused():
        return _resolve_dossier(documents, extractions, model_name)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the duration.

    Resolution allocates many small objects (keys, sets, records) but leaves hardly any garbage
    in reference cycles, while each of the collector's full passes walks every object alive, the
    whole corpus's extractions included: on a thousand articles they took a fifth of the stage.
    The collector is turned back on (if it was on) however the block ends, and collects then.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _resolve_dossier(
    documents: Sequence[Document], extractions: Sequence[ArticleExtraction], model_name: str
) -> Dossier:
    actors, key_to_id = resolve_actors(documents, extractions)
    actors = _with_relations(actors)
    kinds = {a.id: a.kind for a in actors}

    # Events are merged across sources and undated articles handled in chronology.py.
    chronology = build_chronology(documents, extractions, lambda name: key_to_id.get(fold(name)), kinds)
    events = list(chronology.events)
    documents = chronology.documents

    candidates = [c for x in extractions for c in x.figures]
    # Ids from each figure's source span, so a figure keeps its id as the corpus grows.
    ids = content_ids(
        "f", (f"{c.source.doc}\0{c.source.start}\0{c.source.end}\0{c.value}" for c in candidates)
    )
    figures = [Figure.from_candidate(c, figure_id) for figure_id, c in zip(ids, candidates, strict=True)]
    return Dossier(
        documents=tuple(documents),
        actors=tuple(sorted(actors, key=lambda a: a.id)),
        events=tuple(events),
        figures=tuple(figures),
        model_name=model_name,
    )


def _renumber(event: Event, event_id: str) -> Event:
    from dataclasses import replace

    return replace(event, id=event_id)


def _unique(slug: str, used: set[str]) -> str:
    candidate, n = slug, 2
    while candidate in used:
        candidate, n = f"{slug}-{n}", n + 1
    used.add(candidate)
    return candidate


def _with_relations(actors: list[Actor]) -> list[Actor]:
    """Each actor's co-mentioned actors (same sentence), most shared sentences first."""
    from dataclasses import replace

    by_sentence: dict[tuple[str, int], set[str]] = defaultdict(set)
    for actor in actors:
        for mention in actor.mentions:
            by_sentence[(mention.sentence.doc, mention.sentence.start)].add(actor.id)
    # Every ordered pair of actors of a sentence counted in one pass.
    pairs = Counter(
        itertools.chain.from_iterable(
            itertools.permutations(ids, 2) for ids in by_sentence.values() if len(ids) > 1
        )
    )
    counts: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for (a, b), n in pairs.items():
        counts[a].append((b, n))
    return [
        replace(a, related=tuple(sorted(counts.get(a.id, ()), key=lambda kv: (-kv[1], kv[0]))))
        for a in actors
    ]
