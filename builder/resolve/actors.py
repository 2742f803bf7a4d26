"""Actors across articles: one actor per entity, from every article's mentions and claims.

Mentions are grouped by folded name (without a leading "the", abbreviation
dots, case and accents); the label of a name is decided corpus-wide by a vote
(longer names and titled names weigh more; a legal form makes a company);
names join only on evidence (``joins``: the text pairs them, a country's
spelling, a legal form, an acronym, a narrowing country, a short form the
articles use); short person names join the full name that contains them,
with a guard against two people who share a surname. Roles (one per distinct
title, with every source) and quotes come from the per-article claims,
countries from the evidence ``countries`` weighs, each with its sentence.
"""

from __future__ import annotations

import operator
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from slugify import slugify

from builder.model import Actor, ActorKind, ArticleExtraction, Document, Mention, Quote, Role, Span
from builder.resolve.countries import (
    COUNTRY_SAMPLE,
    CountryFinding,
    actor_country,
    article_leaders,
    corpus_countries,
    domestic_country,
    local_work_country,
    title_with_its_country,
    unknown_home,
)
from builder.resolve.joins import (
    COMPANY_WORDS,
    NameFacts,
    UnionFind,
    is_acronym,
    join_acronyms,
    join_countries,
    join_middle_names,
    join_misspelt_places,
    join_narrowed,
    join_nicknames,
    join_organisations,
    join_reason,
    join_short_forms,
    join_spellings,
    narrowed_in_articles,
)
from builder.values.countries import gazetteer
from builder.values.dates import as_day
from builder.values.names import fold, fold_without_article
from builder.values.organisations import COMPANY_NOUNS, has_legal_form

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
    "party": (
        "party", "democrats", "republicans", "democratic party", "republican party", "labour",
        "conservatives", "socialists", "communists", "greens",
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
    "company": "company",
    "firm": "company",
    "airline": "company",
    "party": "party",
}


# Organisation kinds whose offices are not a state's: their holders take no country from the article.
NOT_STATE = frozenset({"company", "media", "international", "party"})
# Words of a company officer's title: the office is a company's whatever the body's known kind
# ("president and CEO of X Airplanes", "vice president of the company").
COMPANY_OFFICER_WORDS = frozenset("ceo cfo coo cto executive company firm corporation".split())
# The label's actor kind: an armed group is an organisation (its subkind says which).
KIND_OF_LABEL: dict[str, ActorKind] = {
    "person": "person",
    "organisation": "organisation",
    "armed group": "organisation",
    "place": "place",
}


# The folded name without a leading "the": the key names are grouped by (cached, as fold is).
_key = fold_without_article


# Mentions in the order of the articles and their place in them.
_MENTION_ORDER = operator.attrgetter("span.doc", "span.start")


def alias_order(name: str) -> tuple[str, str]:
    """Sort key for names: case-insensitive, and total ("NATO" before "Nato" in every run).

    Sorting by ``casefold`` alone leaves such ties in set order, which changes
    with each process's hash seed: the same corpus gave different files.
    """
    return (name.casefold(), name)


@dataclass
class _Group:
    """The mentions of one entity to be, and what the articles say of it, while resolving."""

    mentions: list[Mention] = field(default_factory=list)
    names: Counter[str] = field(default_factory=Counter)  # names as written, by mentions
    labels: Counter[str] = field(default_factory=Counter)  # label votes (longer names weigh more)
    aliases: set[str] = field(default_factory=set)  # names paired with it that no mention has
    countries: Counter[str] = field(default_factory=Counter)  # votes for the countries the text states
    country_sources: dict[str, Span] = field(default_factory=dict)  # the first sentence stating each
    roles: list[Role] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    titled: bool = False


@dataclass
class _Groups:
    """The groups by union-find node, and how a name as written finds its group."""

    local_nodes: dict[tuple[str, str], str]  # (article, key) -> node, of short names joined per article
    by_node: defaultdict[str, _Group] = field(default_factory=lambda: defaultdict(_Group))
    node_for_name: dict[str, str] = field(default_factory=dict)  # key -> node

    def of(self, name: str, doc: str | None = None) -> _Group | None:
        """The group of ``name`` as written in article ``doc``, or None."""
        key = _key(name)
        node = self.local_nodes.get((doc, key)) if doc else None
        node = node or self.node_for_name.get(key)
        return self.by_node.get(node) if node else None


@dataclass
class _PairedNames:
    """What the names the text pairs give besides joins, by the key of the name."""

    # names paired with it that no mention has: they find the actor, as aliases
    aliases: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    # countries the text gives with a pair (a flag beside a handle)
    countries: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    country_sources: dict[tuple[str, str], Span] = field(default_factory=dict)  # (key, country) -> sentence


def resolve_actors(
    documents: Sequence[Document], extractions: Sequence[ArticleExtraction]
) -> tuple[list[Actor], dict[str, str]]:
    """One actor per entity; also returns the folded name -> actor id lookup for events.

    The phases, in order: the names some article writes as things made left out; each name's
    label by a corpus-wide vote; the joins (names the text pairs, organisation paraphrases,
    acronyms, narrowing countries, short forms, countries' spellings, short person names, bodies
    narrowed in one article); the mentions grouped by what joined; roles and quotes to their
    groups; the actors with the countries their text states; last, the countries of people that
    the organisation they lead gives.
    """
    things = _things_of_the_corpus(extractions)
    mentions = _run_on_bodies_repaired(
        [m for x in extractions for m in x.mentions if fold(m.span.text) not in things or _known_place(m)],
        extractions,
    )
    keys = [_key(m.span.text) for m in mentions]  # the key of each mention, in order
    in_corpus = corpus_countries(mentions)
    facts = NameFacts()
    for mention, key in zip(mentions, keys, strict=True):
        facts.add(key, mention.span.text, mention.span.doc, mention.sentence.start)
    label_of = _vote_labels(mentions, keys, extractions, in_corpus, facts.docs)
    uf = UnionFind()
    paired = _join_paired_names(extractions, label_of, uf)
    org_keys = [
        k for k, lab in label_of.items() if lab in ("organisation", "armed group") and k in facts.written
    ]
    join_organisations(org_keys, facts.written, uf)
    join_acronyms(org_keys, _acronyms(mentions, keys), uf, facts)
    join_narrowed(org_keys, facts, uf)
    join_short_forms(org_keys, facts, uf)
    place_keys = [k for k, lab in label_of.items() if lab == "place" and k in facts.written]
    join_countries(place_keys, facts.written, uf)
    join_misspelt_places(label_of, facts, uf)
    person_keys = [k for k, lab in label_of.items() if lab == "person" and k in facts.written]
    join_middle_names(person_keys, uf)
    join_nicknames(person_keys, facts, uf)
    join_spellings(person_keys, facts, uf)
    dates = {d.id: d.date for d in documents}
    local_nodes = _join_short_person_names(mentions, keys, label_of, uf, facts.docs, dates)
    local_nodes.update(narrowed_in_articles(org_keys, facts, uf))
    groups = _group_mentions(mentions, keys, label_of, uf, local_nodes, paired)
    staff = _attach_roles_and_quotes(extractions, groups, label_of, dates, in_corpus)
    actors, key_to_id, actor_of = _build_actors(groups.by_node, in_corpus)
    leaders = article_leaders(mentions, [label_of[key] for key in keys], in_corpus)
    actors = _with_led_countries(actors, leaders, in_corpus, {d.id: d.text for d in documents})
    actors = _with_home_in_the_setting(actors, leaders)
    served = [
        (actor_of[id(a)], actor_of[id(b)], source)
        for a, b, source in staff
        if id(a) in actor_of and id(b) in actor_of
    ]
    return _with_principals_countries(actors, served), key_to_id


def _run_on_bodies_repaired(
    mentions: list[Mention], extractions: Sequence[ArticleExtraction]
) -> list[Mention]:
    """The mentions, with the body names the tagger ran on into other words cut back, by what the
    whole corpus names: a body's name run on from a word before "and" (``_body_after_and``), and
    one that ends in the full name of a person the corpus is sure of (titled, or named so more than
    once), which is that person, the words before it their office ("ambassador to Ruritania Ana
    Ruiz", "Undersecretary of the Navy for Acquisition Ana Ruiz")."""
    written = Counter(m.span.text for m in mentions if m.label == "person" and " " in m.span.text.strip())
    titled = {m.span.text for m in mentions if m.title} | {c.name for x in extractions for c in x.roles}
    sure = {name for name, count in written.items() if count > 1 or name in titled}
    bodies = Counter(m.span.text for m in mentions if m.label in ("organisation", "armed group"))
    found = []
    for mention in mentions:
        mention = _body_after_and(mention, bodies)
        if mention.label in ("organisation", "armed group"):
            text = mention.span.text
            # the last three or two words, as written (a name spaced otherwise is left as it is)
            endings = (text.rsplit(" ", n)[-n:] for n in (3, 2) if text.count(" ") > n - 1)
            person = next((" ".join(words) for words in endings if " ".join(words) in sure), None)
            if person and text.endswith(" " + person):
                span = Span(mention.span.doc, mention.span.end - len(person), mention.span.end, person)
                mention = replace(mention, span=span, label="person", title=None)
        found.append(mention)
    return found


def _body_after_and(mention: Mention, bodies: Counter[str]) -> Mention:
    """ "Reno and Immigration and Naturalization Service", "our Company and Aeroflot": a body's name
    the tagger ran on from a word before "and" that names no body of the corpus is the body the
    corpus names alone after it."""
    if mention.label not in ("organisation", "armed group"):
        return mention
    text = mention.span.text
    for at in (m.end() for m in re.finditer(r" and ", text)):
        right, left = text[at:], text[: at - len(" and ")]
        if bodies[right] and not bodies[left] and right != text:
            span = Span(mention.span.doc, mention.span.start + at, mention.span.end, right)
            return replace(mention, span=span)
    return mention


def _known_place(mention: Mention) -> bool:
    """A place the gazetteer knows, which no product's name takes from the map."""
    return mention.label == "place" and gazetteer().on_the_map(mention.span.text)


def _things_of_the_corpus(extractions: Sequence[ArticleExtraction]) -> set[str]:
    """The names (folded) some article writes as a thing made ("the new Lynx laptops") and no
    article as an actor: "Lynx" is that thing in every article, where the text alone says nothing
    ("back to the Lynx")."""
    things = {name for x in extractions for name in x.things_named}
    return things - {name for x in extractions for name in x.actors_named}


def _vote_labels(
    mentions: Sequence[Mention],
    keys: Sequence[str],
    extractions: Sequence[ArticleExtraction],
    in_corpus: frozenset[str],
    docs_of: Mapping[str, set[str]],
) -> dict[str, str]:
    """The label of each name (by key), decided by a vote of all its mentions and role claims.

    in_corpus: the countries the corpus names, whose small towns a place vote may keep.
    docs_of: the articles each name (by key) is written in (``NameFacts.docs``).
    """
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for mention, key in zip(mentions, keys, strict=True):
        # Longer names are less ambiguous for the tagger: they weigh more in the vote.
        votes[key][mention.label] += 2 if " " in key else 1
        if mention.title:
            votes[key]["person"] += 2
        elif mention.label == "place" and " " not in key and _written_as_place(mention):
            # "Portville, Mont.": the text says it is a town, as a title says a person
            votes[key]["place"] += 2
    for extraction in extractions:
        for claim in extraction.roles:
            votes[_key(claim.name)]["person"] += 3
    label_of = {key: c.most_common(1)[0][0] for key, c in votes.items()}
    # A legal form ("Inc.", "N.V.") makes a company whatever the tagger said of it.
    for mention, key in zip(mentions, keys, strict=True):
        if label_of[key] != "organisation" and has_legal_form(mention.span.text):
            label_of[key] = "organisation"
    # A lone word the tagger called an organisation or a place, that is the surname
    # of exactly one person and no known place, is that person ("..., Ruiz said"). A town of a
    # country the corpus names is a known place where the text writes it as one ("the city of
    # Portville", "in Portville, Ruritania"), beside a "Tomas Portville".
    full_names = [k for k, lab in label_of.items() if lab == "person" and " " in k]
    surnames = Counter(k.split()[-1] for k in full_names)
    name_words = {word for k in full_names for word in k.split()}
    org_first_words = {
        " ".join(k.split()[:n])
        for k, lab in label_of.items()
        if lab == "organisation"
        for n in range(1, len(k.split()))
    }
    # the articles that name an organisation starting with each first words
    org_first_docs: dict[str, set[str]] = defaultdict(set)
    for key, label in label_of.items():
        words = key.split()
        if label == "organisation":
            for n in range(1, len(words)):
                org_first_docs[" ".join(words[:n])] |= docs_of[key]
    written = {key: mention.span.text for mention, key in zip(mentions, keys, strict=True)}
    titled = {key for mention, key in zip(mentions, keys, strict=True) if mention.title}
    titled |= {_key(claim.name) for x in extractions for claim in x.roles}
    # the given names of people the corpus is sure of: titled, or named in full more than once
    given_names = {k.split()[0] for k in full_names if k in titled or votes[k]["person"] > 2}
    # Only a lone word that may be a person's name is weighed as a town (read once per mention).
    person_words = {key for key in label_of if " " not in key and (key in surnames or key in given_names)}
    written_as_places = {
        key
        for mention, key in zip(mentions, keys, strict=True)
        if key in person_words and _written_as_place(mention)
    }
    for key, label in label_of.items():
        lone_surname = " " not in key and surnames.get(key) == 1
        # "Manuel and Tiago ... Tiago Ruiz": a person's given name alone, where no place
        # and no organisation's name is so called, is a person's (joined in its article, or doubtful).
        lone_given_name = " " not in key and key in given_names and key not in org_first_words
        known_place = None
        if label != "person" and key in person_words:
            known_place = gazetteer().place_country(
                key, in_corpus if key in written_as_places else frozenset()
            )
        # A surname of the corpus's people that is a town only in a country the corpus never names
        # ("Justice Ana Kerrigan ... Kerrigan", a city abroad): the person's, whichever it is.
        surname_abroad = (
            " " not in key
            and key in surnames
            and known_place is not None
            and known_place not in in_corpus
            and not gazetteer().country(key)
        )
        # (not a word the text writes as a town somewhere: "Kerrigan, Mont.")
        as_person = ((lone_surname or lone_given_name) and not known_place) or surname_abroad
        if label != "person" and as_person and key not in written_as_places:
            label_of[key] = "person"
        # A name the gazetteer does not know as a place that starts an organisation's name in an
        # article that writes both is that organisation's short form ("Skyways" headline, "Skyways
        # Airlines" body); not a region another article writes ("the Valdor Basin News Agency").
        elif (
            label == "place"
            and docs_of[key] & org_first_docs.get(key, set())
            and not gazetteer().knows(written[key])
        ):
            label_of[key] = "organisation"
        # A lone word the tagger also called an organisation, that no person's full name holds
        # and no title or role names, is that organisation ("Skyfleet ... Skyfleet said").
        elif (
            label == "person"
            and " " not in key
            and votes[key]["organisation"]
            and key not in name_words
            and key not in titled
        ):
            label_of[key] = "organisation"
    # A person's name written once, untitled, that starts with a name the corpus calls an
    # organisation three times or more, is that organisation's ("Skyfleet ... Skyfleet Morgan").
    for key, label in label_of.items():
        first = key.split()[0]
        if (
            label == "person"
            and first != key
            and key not in titled
            and votes[key]["person"] <= 2
            and label_of.get(first) == "organisation"
            and votes[first]["organisation"] >= 3
        ):
            label_of[key] = "organisation"
    return label_of


# What makes a name a town in the text: "the city of X", "his hometown of X", "X, Ruritania", "X, Mont.".
_PLACE_BEFORE = re.compile(
    r"\b(?:city|town|village|hometown|port|province|region|capital) of\s+$", re.IGNORECASE
)
_COUNTRY_AFTER = re.compile(r"^,\s+(?P<country>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})(?![\w'’])")


def _written_as_place(mention: Mention) -> bool:
    """Whether the text writes a name as a town: after "city of" and the like, or before its country."""
    sentence = mention.sentence
    start, end = mention.span.start - sentence.start, mention.span.end - sentence.start
    if _PLACE_BEFORE.search(sentence.text[max(0, start - 30) : start]):
        return True
    after = _COUNTRY_AFTER.match(sentence.text[end : end + 40])
    return bool(after and gazetteer().region_country(after["country"]))


def _join_paired_names(
    extractions: Sequence[ArticleExtraction], label_of: dict[str, str], uf: UnionFind
) -> _PairedNames:
    """Join the names the text pairs (acronyms, aliases, handles); an alias takes its name's label."""
    paired = _PairedNames()
    for extraction in extractions:
        for claim in extraction.aliases:
            name, alias = _key(claim.name), _key(claim.alias)
            if name not in label_of:
                continue
            if claim.country:
                paired.countries[name][claim.country] += 1
                paired.country_sources.setdefault((name, claim.country), claim.source)
            if alias in label_of:
                label_of[alias] = label_of[name]
                uf.union(name, alias)
            else:
                paired.aliases[name].add(claim.alias)
    return paired


def _acronyms(mentions: Sequence[Mention], keys: Sequence[str]) -> set[str]:
    """The keys of the names written as an acronym ("UNHCR", "U.N.")."""
    written = set(zip((m.span.text for m in mentions), keys, strict=True))  # each distinct name once
    return {key for text, key in written if is_acronym(text)}


def _join_short_person_names(
    mentions: Sequence[Mention],
    keys: Sequence[str],
    label_of: dict[str, str],
    uf: UnionFind,
    docs_of: Mapping[str, set[str]],
    dates: Mapping[str, str | None],
) -> dict[tuple[str, str], str]:
    """Short person names join the one full name that contains them.

    When two full names share a surname, the one in the same article wins, else none: such a
    short name joins article by article. A surname names the person of its own years: written in
    an article years away from every article naming the full name ("Ruiz" in 1990, "Tomas Ruiz" in
    2000), it joins no one there. Returns the joins made article by article: (article, key) -> node.

    Args:
        docs_of: the articles each name (by key) is written in (``NameFacts.docs``).
        dates: each article's date (None when undated: near every other).
    """
    people_by_last: dict[str, list[str]] = defaultdict(list)
    people_by_first: dict[str, list[str]] = defaultdict(list)
    for key, label in label_of.items():
        if label == "person" and " " in key:
            people_by_last[key.split()[-1]].append(key)
            people_by_first[key.split()[0]].append(key)
    labels_in: dict[tuple[str, str], set[str]] = defaultdict(set)  # (article, key) -> mention labels
    for mention, key in zip(mentions, keys, strict=True):
        labels_in[(mention.span.doc, key)].add(mention.label)
    local_nodes: dict[tuple[str, str], str] = {}
    for key, label in label_of.items():
        if label != "person":
            # "Tomas Portville ... Portville said" where another article's "Portville, Mont." made the word a
            # town's: in its own article it is the surname of the one person so named.
            if " " not in key:
                for doc in docs_of[key]:
                    local = {uf.find(o) for o in people_by_last.get(key, ()) if doc in docs_of[o]}
                    if labels_in[(doc, key)] == {"person"} and len(local) == 1:
                        local_nodes[(doc, key)] = next(iter(local))
            continue
        owners = _owners(key, people_by_last)
        if len({uf.find(o) for o in owners}) == 1:
            owner_docs = {doc for o in owners for doc in docs_of[o]}
            near = {doc for doc in docs_of[key] if _years_near(doc, owner_docs, dates)}
            if near == docs_of[key]:
                uf.union(next(iter(owners)), key)
            else:
                for doc in near:
                    local_nodes[(doc, key)] = uf.find(next(iter(owners)))
            continue
        if not owners:
            # A lone first name ("Chief Tom") or given names ("Ana Maria" of "Ana Maria Ruiz")
            # join a full name only within their own article.
            words = key.split()
            owners = {
                full
                for full in people_by_first.get(words[0], ())
                if len(full.split()) > len(words) and full.split()[: len(words)] == words
            }
        for doc in docs_of[key] if owners else ():
            local = {uf.find(o) for o in owners if doc in docs_of[o]}
            if len(local) == 1:
                local_nodes[(doc, key)] = next(iter(local))
    return local_nodes


# How far apart two articles may be for a surname in one to name the person the other names in full.
SURNAME_REACH_DAYS = 2 * 365


def _years_near(doc: str, others: set[str], dates: Mapping[str, str | None]) -> bool:
    """Whether article ``doc`` is within ``SURNAME_REACH_DAYS`` of one of ``others`` (an article
    without a day's date is near every other)."""
    own = as_day(dates.get(doc))
    if own is None:
        return True
    days = [as_day(dates.get(other)) for other in others]
    return any(day is None or abs((day - own).days) <= SURNAME_REACH_DAYS for day in days)


def _owners(short: str, people: dict[str, list[str]]) -> set[str]:
    """Full person names that contain every word of ``short`` in order ("Reyes" -> "Ana Reyes Marlow")."""
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


def _group_mentions(
    mentions: Sequence[Mention],
    keys: Sequence[str],
    label_of: dict[str, str],
    uf: UnionFind,
    local_nodes: dict[tuple[str, str], str],
    paired: _PairedNames,
) -> _Groups:
    """The mentions grouped by the node their name joined, with the paired names' aliases and countries."""
    # A short name's node was the root when it joined; later joins may have moved the root.
    local_nodes = {where: uf.find(node) for where, node in local_nodes.items()}
    groups = _Groups(local_nodes)
    root = {key: uf.find(key) for key in dict.fromkeys(keys)}  # no union from here on
    for mention, key in zip(mentions, keys, strict=True):
        node = local_nodes.get((mention.span.doc, key)) or root[key]
        group = groups.by_node[node]
        group.mentions.append(mention)
        group.names[mention.span.text] += 1
        group.labels[label_of[key]] += 2 if " " in key else 1
        group.titled |= bool(mention.title)
        groups.node_for_name.setdefault(key, node)
    for key, aliases in paired.aliases.items():
        groups.by_node[uf.find(key)].aliases |= aliases
        for alias in aliases:  # a quote may name the speaker by an alias never tagged ("the UNHCR said")
            groups.node_for_name.setdefault(_key(alias), groups.node_for_name.get(key, uf.find(key)))
    for key, countries in paired.countries.items():
        group = groups.by_node[uf.find(key)]
        group.countries.update(countries)
        for country in countries:
            group.country_sources.setdefault(country, paired.country_sources[(key, country)])
    return groups


def _attach_roles_and_quotes(
    extractions: Sequence[ArticleExtraction],
    groups: _Groups,
    label_of: dict[str, str],
    dates: dict[str, str | None],
    in_corpus: frozenset[str],
) -> list[tuple[_Group, _Group, Span]]:
    """Each role claim to its person's group (a country it states, or the country of the place its
    holder works in, ``local_work_country``, votes twice), each quote to its speaker.

    Returns who serves whom: (staff, principal, the sentence saying so), for ``_with_principals_countries``.
    """
    staff: list[tuple[_Group, _Group, Span]] = []
    for extraction in extractions:
        for claim in extraction.roles:
            person = groups.of(claim.name, claim.source.doc)
            if person is None or label_of.get(_key(claim.name)) != "person":
                continue
            principal = groups.of(claim.principal, claim.source.doc) if claim.principal else None
            if principal is not None and principal is not person:
                staff.append((person, principal, claim.source))
            person.roles.append(
                Role(claim.title, claim.source, claim.organisation, dates.get(claim.source.doc))
            )
            country = claim.country or local_work_country(claim.title, in_corpus)
            if country:
                person.countries[country] += 2
                person.country_sources.setdefault(country, claim.source)
        for quote in extraction.quotes:
            speaker = groups.of(quote.speaker, quote.source.doc)
            if speaker is not None:
                speaker.quotes.append(Quote(quote.text, quote.source))
    return staff


def _build_actors(
    groups: dict[str, _Group], in_corpus: frozenset[str]
) -> tuple[list[Actor], dict[str, str], dict[int, int]]:
    """One actor per group (not a doubtful person), most mentioned first, ids unique in that order.

    Returns the actors, the folded name -> actor id lookup and each group's actor (its index, by the
    group's ``id``).
    """
    actors: list[Actor] = []
    key_to_id: dict[str, str] = {}
    actor_of: dict[int, int] = {}
    used: set[str] = set()
    for _node, group in sorted(groups.items(), key=lambda kv: (-len(kv[1].mentions), kv[0])):
        label = group.labels.most_common(1)[0][0]
        if label == "person" and _doubtful(group):
            continue
        name = _canonical_name(group, label)
        actor_id = _unique(slugify(name) or "actor", used)
        for text in group.names:
            key_to_id.setdefault(fold(text), actor_id)
        kind = KIND_OF_LABEL[label]
        names = [name, *(n for n in group.names if n != name)]
        found = actor_country(label, names, group.mentions, group.countries, group.country_sources, in_corpus)
        actor_of[id(group)] = len(actors)
        actors.append(
            Actor(
                id=actor_id,
                name=name,
                kind=kind,
                subkind=_subkind(group, name) if kind == "organisation" else None,
                aliases=tuple(sorted((set(group.names) | group.aliases) - {name}, key=alias_order)),
                also_written=tuple(
                    (alias, why)
                    for alias in sorted(group.names, key=alias_order)
                    if (why := join_reason(name, alias, kind))
                ),
                country=found.country if found else None,
                country_evidence=found.evidence if found else None,
                roles=tuple(_unique_roles(group.roles)),
                quotes=tuple(dict.fromkeys(group.quotes)),
                mentions=tuple(sorted(group.mentions, key=_MENTION_ORDER)),
            )
        )
    return actors, key_to_id, actor_of


def _with_led_countries(
    actors: list[Actor], leaders: dict[str, str | None], in_corpus: frozenset[str], texts: Mapping[str, str]
) -> list[Actor]:
    """A person with no country gets the country of the organisation a role says they lead, with
    the role's sentence as evidence: named after "of" ("head of the X Agency") or in the title
    ("X Agency director"); else, for a state institution's office or an armed group's head, the
    country of the role's article (``domestic_country``). Known only once every actor is.

    Args:
        leaders: the country each article is mostly about (``article_leaders``).
        in_corpus: the countries the corpus names (they admit their smaller places).
    """
    organisations = {fold(n): a for a in actors if a.kind == "organisation" for n in (a.name, *a.aliases)}
    for i, actor in enumerate(actors):
        if actor.kind != "person" or actor.country is not None:
            continue
        found = _country_of_affiliation(actor, organisations, in_corpus)
        if found:
            actors[i] = replace(actor, country=found.country, country_evidence=found.evidence)
            continue
        for role in actor.roles:
            led = organisations.get(fold(role.organisation or ""))
            led = led or _organisation_in(role.title, organisations)
            country = led.country if led else None
            # A state body's or an armed group's office without a country is domestic; a company's
            # or a club's president is not ("president of X International", "X's vice president").
            corporate = COMPANY_OFFICER_WORDS & {w.casefold() for w in re.findall(r"\w+", role.title)}
            evidence = role.source
            if not corporate and (not led or (led.country is None and led.subkind not in NOT_STATE)):
                armed = bool(led and led.subkind == "armed group")
                written = title_with_its_country(role.title, role.source, texts.get(role.source.doc, ""))
                if written:
                    country, evidence = written.country, written.evidence or role.source
                else:
                    country = domestic_country(role.title, armed, role.source, leaders)
            if country:
                actors[i] = replace(actor, country=country, country_evidence=evidence)
                break
    return actors


def _with_home_in_the_setting(actors: list[Actor], leaders: Mapping[str, str | None]) -> list[Actor]:
    """A person with no country, who comes from a place no gazetteer knows ("X, a farmer from
    Portville": ``unknown_home``) that the article names as a place, is of the country the article
    is about (``article_leaders``), with the sentence as evidence: a village of the setting."""
    places = {fold(name) for a in actors if a.kind == "place" for name in (a.name, *a.aliases)}
    for i, actor in enumerate(actors):
        if actor.kind != "person" or actor.country is not None:
            continue
        for mention in actor.mentions[:COUNTRY_SAMPLE]:
            home = unknown_home(mention)
            country = leaders.get(mention.span.doc) if home and fold(home) in places else None
            if country:
                actors[i] = replace(actor, country=country, country_evidence=mention.sentence)
                break
    return actors


def _with_principals_countries(actors: list[Actor], served: list[tuple[int, int, Span]]) -> list[Actor]:
    """A person with no country who serves someone with one (a spokesman, an aide, a campaign
    manager: ``RoleClaim.principal``) is of that country, with the role's sentence as evidence.

    Args:
        served: (staff, principal, sentence): the two actors' indexes in ``actors``.
    """
    for staff, principal, sentence in served:
        country = actors[principal].country
        if (
            actors[staff].kind == actors[principal].kind == "person"
            and actors[staff].country is None
            and country
        ):
            actors[staff] = replace(actors[staff], country=country, country_evidence=sentence)
    return actors


_OF_NAME = re.compile(r"^\s+of\s+(?:the\s+)?(?P<name>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)")


def _country_of_affiliation(
    actor: Actor, organisations: dict[str, Actor], in_corpus: frozenset[str]
) -> CountryFinding | None:
    """The country of what a person is written "of", right after their name: an organisation with a
    country ("Corporal X of the Ruritanian Police") or a place ("Fire Chief X of Port Evel")."""
    for mention in actor.mentions[:COUNTRY_SAMPLE]:
        sentence = mention.sentence
        match = _OF_NAME.match(sentence.text[mention.span.end - sentence.start :])
        if not match:
            continue
        name = match["name"]
        body = organisations.get(fold(name))
        country = body.country if body else gazetteer().place_country(name, in_corpus)
        if country:
            return CountryFinding(country, sentence)
    return None


def _organisation_in(title: str, organisations: dict[str, Actor]) -> Actor | None:
    """The organisation named by consecutive words of a title ("X Agency director"), longest first."""
    words = [re.sub(r"['’]s$", "", word) for word in title.split()]  # "X's vice president": X
    for n in range(len(words), 0, -1):
        for i in range(len(words) - n + 1):
            found = organisations.get(fold(" ".join(words[i : i + n])))
            if found:
                return found
    return None


def _doubtful(group: _Group) -> bool:
    """A one-word person name that joined no full name and has no title or role: likely not a person."""
    return all(" " not in n for n in group.names) and not group.titled and not group.roles


def _canonical_name(group: _Group, label: str) -> str:
    """A place's country name when it is a country, a region's name for its wire abbreviation ("Mo."
    -> "Missouri"); an organisation's most written name; else (a person) the name of most words,
    then most written. A name in a dateline's capitals ("LISBON") is chosen only where the
    prose writes it no other way, and a known place's is then given initial capitals."""
    names = _as_the_prose_writes(group.names)
    if label == "place":
        for text in names:
            country = gazetteer().country(text)
            if country:
                return country
        for text in names:
            region = gazetteer().region_name_dotless(text)
            if region:
                return region
        # A town is no acronym: "LISBON" is the dateline's "Lisbon", written so or not.
        in_prose = Counter({n: count for n, count in names.items() if not _in_capitals(n)})
        if in_prose:
            names = in_prose
        elif all(gazetteer().knows(text) for text in names):
            return max(names, key=lambda n: (names[n], n)).title()
    if label in ("organisation", "armed group"):
        # The name the articles use most ("Orchard" over "Orchard Computer"), an acronym only when
        # nothing else is written; a tie goes to the longer name.
        spelled = [n for n in names if not is_acronym(n)] or list(names)
        return max(spelled, key=lambda n: (names[n], len(n.split()), n))
    return max(names, key=lambda n: (len(n.split()), names[n], n))


def _as_the_prose_writes(names: Counter[str]) -> Counter[str]:
    """``names`` without those written all in capitals that are no acronym ("LISBON", "JOHN
    SMITH" in a dateline or byline), unless every name is written so."""
    kept = Counter({n: count for n, count in names.items() if not _in_capitals(n) or is_acronym(n)})
    return kept or names


def _in_capitals(name: str) -> bool:
    """Every letter a capital, and more than one of them."""
    letters = [c for c in name if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


_FIRST_WORD = re.compile(r"\s*(\S+)")
_LAST_WORD = re.compile(r"(\w+)\s+$")


def _subkind(group: _Group, name: str) -> str:
    """An organisation's kind: the word after its name ("the X news agency") or a trade noun before
    it ("aircraft manufacturer X"), else a cue in its names."""
    if group.labels.get("armed group"):
        return "armed group"
    for mention in group.mentions:
        # the first word after the name (as str.split has it: \s is the same whitespace)
        after = _FIRST_WORD.match(mention.sentence.text, mention.span.end - mention.sentence.start)
        if after:
            kind = CONTEXT_KINDS.get(after[1].casefold().strip(",."))
            if kind:
                return kind
        before = _LAST_WORD.search(mention.sentence.text, 0, mention.span.start - mention.sentence.start)
        if before and before[1].casefold() in COMPANY_NOUNS:
            return "company"
    texts = " ".join([name, *group.names]).casefold()
    if _GOVERNMENT_FIRST.search(texts):
        return "government"
    # A legal form ("Inc.", "plc", "N.V.") or a company's word ("Airlines") makes a company.
    if any(has_legal_form(n) for n in group.names) or _COMPANY_WORDS.search(texts):
        return "company"
    for kind, pattern in _SUBKIND_PATTERNS.items():
        if pattern.search(texts):
            return kind
    return "other"


def _any_word(words: Sequence[str]) -> re.Pattern[str]:
    """One pattern that finds any of ``words`` as whole words."""
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b")


_GOVERNMENT_FIRST = _any_word(GOVERNMENT_FIRST)
_COMPANY_WORDS = _any_word(COMPANY_WORDS)
_SUBKIND_PATTERNS = {kind: _any_word(words) for kind, words in SUBKINDS.items()}


def _unique_roles(roles: list[Role]) -> list[Role]:
    """One role per distinct title and organisation, with every source stating it and the dates of
    the first and last ("Chief Executive" stated in 21 articles is one role, from ... to ...). A
    title stated without an organisation joins the one organisation it is stated with elsewhere.

    Titles are compared without case and a leading article ("the spokesman" = "Spokesman").
    """
    grouped: dict[tuple[str, str], list[Role]] = {}
    for role in roles:
        title = re.sub(r"^(?:the|a|an)\s+", "", role.title.casefold())
        grouped.setdefault((title, fold(role.organisation or "")), []).append(role)
    # A title stated once without its organisation and elsewhere with one is that one role.
    for title, organisation in list(grouped):
        if organisation:
            continue
        named = [key for key in grouped if key[0] == title and key[1]]
        if len(named) == 1:
            grouped[named[0]] += grouped.pop((title, organisation))
    kept = []
    for same in grouped.values():
        dated = sorted(same, key=lambda r: (r.as_of is None, r.as_of or ""))
        first, last = dated[0], dated[-1]
        sources = tuple(dict.fromkeys(r.source for r in dated))
        until = last.as_of if last.as_of and last.as_of != first.as_of else None
        kept.append(replace(first, until=until, sources=sources))
    return kept


def _unique(slug: str, used: set[str]) -> str:
    """``slug``, or ``slug-2``, ``slug-3``... the first not in ``used`` (which then holds it)."""
    candidate, n = slug, 2
    while candidate in used:
        candidate, n = f"{slug}-{n}", n + 1
    used.add(candidate)
    return candidate
