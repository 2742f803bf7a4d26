"""Names in an article: spaCy entities repaired, relabelled and cleaned, with their sentence.

spaCy's small English model cuts names short ("the Armed Forces of"), splits
them across labels ("Anton Reyes" + "Marlow"), misses titled names and
gang names, and calls cities people. This module repairs what one article can
tell: it rejoins and extends names, finds names after titles and before
"gang", decides labels from syntactic cues and a general gazetteer, splits
"Long Name (ACRONYM)" into two mentions, and drops noise (common words,
social-media platforms and handles). Corpus-wide decisions are in ``resolve``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from builder.extract.nlp import noun_lemmas
from builder.extract.not_actors import acting_subject, acts_as_an_actor, not_an_actor, thing_named
from builder.extract.roles import (
    PLURAL_TITLES,
    SPEECH_VERBS_PUT_FIRST,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    apposition_after,
    apposition_before,
    is_title_head,
    title_before,
    title_length_at,
)
from builder.extract.spans import TokenTable, token_table
from builder.model import AliasClaim, Document, Mention, Span
from builder.values.countries import gazetteer
from builder.values.names import NAME_PARTICLES, fold, is_given_name
from builder.values.organisations import COMPANY_NOUNS, STATE_BODY_WORDS, legal_basename

if TYPE_CHECKING:  # types only: resolution reads this module's word lists without loading spaCy
    from spacy.tokens import Doc

LABELS = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "place",  # kept only when the gazetteer knows it as a place, not a demonym
}
LEADING_WORDS = frozenset("the a an this that these those his her its their our".split())
# Particles written with an apostrophe onto the name that follows: "O'Berrigan", "D'Arvelo".
ELIDED_PARTICLES = frozenset({"O", "D"})
LEADING_JOINS = ("and", "or", "&", "of", "for", "to")

RELATIVE_DAYS = frozenset("today yesterday tomorrow tonight".split())
# What follows a wire story's dateline and agency: "PORTVILLE (AP) _ ...", "PARIS (AFP) -- ...".
DATELINE_DASHES = frozenset({"_", "-", "--", "—", "–"})
CONNECTORS = frozenset({"of", "for", "and", "to", "on", "the", "&", "-"}) | NAME_PARTICLES
# Words that end an organisation's name; a capitalised run ending in one is an organisation.
ORG_HEADS = frozenset(
    """
    ministry ministries department office agency service services council committee commission command
    directorate secretariat unit squad police gendarmerie constabulary forces army navy guard corps court
    tribunal assembly congress parliament senate chamber government presidency cabinet party front movement
    union federation confederation association organization organisation platform coalition alliance
    network league society university college institute academy school hospital clinic foundation trust
    bank fund bureau authority administration company corporation group newspaper channel television radio
    broadcaster prison penitentiary ombudsman cartel brigade battalion division regiment militia board
    centre center programme program mission cross crescent observatory syndicate club cooperative force
    library museum archdiocese diocese
    """.split()
)
# Head words of Spanish, Portuguese, French and Italian names kept untranslated in English news;
# they come first in the name ("Guardia Civil", "Ministerio Público").
FIRST_HEADS = frozenset(
    """
    guardia policía policia polícia ejército ejercito exército armée esercito carabinieri gendarmería
    ministerio ministério ministère ministero fuerzas forças comando consejo conselho conseil
    consiglio fiscalía fiscalia procuraduría defensoría asamblea assembleia assemblée congreso
    """.split()
)
# Trade words that end a company's name: a country before them is part of the name, not a place
# the body belongs to ("Ruritania Airways" is no mention of Ruritania).
TRADE_HEADS = frozenset("airways airlines aircraft airplanes magazine".split())
ORG_HEADS = ORG_HEADS | FIRST_HEADS | TRADE_HEADS
# People in general, owning a body in its name rather than as another entity: "People's Liberation
# Army", "Workers' Party", "Women's League", "Veterans' Association".
COLLECTIVE_OWNERS = frozenset(
    """
    people peoples workers women children farmers citizens soldiers veterans students teachers nurses
    doctors journalists lawyers employees pensioners consumers youth mothers martyrs
    """.split()
)
# Common nouns written right before an organisation's name ("airline Air X", "retailer Y").
# Nouns that say a name is a publication, before it ("the magazine X") or after it ("the X newspaper").
PUBLICATION_NOUNS = frozenset("newspaper daily weekly magazine tabloid broadcaster".split())
ORGANISATION_NOUNS = (
    PUBLICATION_NOUNS
    | COMPANY_NOUNS
    | frozenset("bank network agency group party operator label website union".split())
)
# Trades a person may ply as a company does: after a name the tagger calls a person's (a lone
# surname, or one with a given name), they say nothing against it.
TRADES_OF_PEOPLE_TOO = frozenset(
    "publisher distributor supplier retailer lender insurer broadcaster operator".split()
)
# Kinship nouns (English): a name right after one, or in an apposition to one, is a person's
# ("the boy's mother Ana", "another sister, Rita,"), whatever the tagger read.
KINSHIP_NOUNS = frozenset(
    """
    mother father son daughter brother sister wife husband uncle aunt cousin nephew niece grandmother
    grandfather grandson granddaughter widow widower fiancee fiance stepmother stepfather stepson
    stepdaughter stepbrother stepsister half-brother half-sister
    """.split()
)
ARMED_GROUP_NOUNS = frozenset({"gang", "gangs", "cartel", "cartels", "militia", "clan", "mafia", "faction"})
SOCIAL_PLATFORMS = frozenset(
    "twitter x facebook instagram tiktok youtube telegram whatsapp threads bluesky weibo wechat linkedin "
    "reddit".split()
)
# Capitalised words that are not names when they stand alone: institutions named by their common
# noun, titles without a name, days, months, people in general, page furniture. (A legislature
# named alone, "Congress", "Parliament", is one body: resolution joins it to the one country's.)
GENERIC_WORDS = frozenset(
    """
    government interior defense defence police army navy military ministry presidency state states
    administration cabinet security justice citizens people public president minister premier governor
    mayor senator general colonel commander chief director secretary spokesman spokeswoman spokesperson
    prosecutor ambassador authorities opposition coast nation country republic
    capital monday tuesday wednesday thursday friday saturday sunday january february march april june
    july august september october november december today yesterday tomorrow god internet update
    breaking live photo video source editor opinion mr mrs ms dr north south east west
    """.split()
)
# Trades a company's name ends in after its maker's name ("Orchard Computer", "Lynx Motors"); a run
# so ending is a body's name only when the article names the body before it alone.
INDUSTRY_WORDS = frozenset(
    """
    computer computers motor motors systems industries technologies technology electronics
    communications pharmaceuticals chemicals networks software semiconductor semiconductors devices
    instruments entertainment energy petroleum steel foods
    """.split()
)
# Parts of a body written "<part> of X": X is a body ("the state affiliate of X").
BODY_PARTS = frozenset(
    "affiliate affiliates subsidiary subsidiaries chapter chapters branch branches wing".split()
)
# Parts of a company written after its name ("the Lynx Foods unit", "its Orchard subsidiary").
BODY_PARTS_AFTER = frozenset("unit subsidiary division affiliate".split())
# Kinds of place an apposition names ("X, a slum in the capital,"), besides ``PLACE_NOUNS``.
PLACE_KIND_NOUNS = frozenset("slum township hamlet settlement enclave exclave archipelago atoll".split())
# Words that make a name a place: "Tessaly Falls", "Lake Orun", "Port Evel".
PLACE_LAST_WORDS = frozenset(
    "falls bay river lake valley island islands mountains hills springs beach harbour harbor peninsula "
    "desert gulf sea heights creek strait canal delta plateau "
    # places people built: "Andrews Air Force Base", "Station Road", "Lakeside Park"
    "airport airfield base park street road drive avenue boulevard lane square bridge stadium highway".split()
)
NEVER_SURNAMES = frozenset("road avenue boulevard highway airport airfield stadium drive".split())
# Heads of bodies' names that no common surname spells (unlike "Church", "Bank", "Cross", "Park"):
# a name the tagger calls a person that ends in one is a body named after someone ("X Y Hospital").
BODIES_NEVER_SURNAMES = frozenset(
    """
    ministry department agency committee commission university college institute academy hospital
    clinic foundation corporation company association federation organization organisation airlines
    airways aircraft theater theatre school museum library store
    bancorp bancorporation partnership holdings enterprises industries technologies electronics
    pharmaceuticals communications
    """.split()
)
# (with the Spanish, French and Portuguese words for a street: "Calle Sol", "Rue Royale")
PLACE_FIRST_WORDS = frozenset("lake mount port fort cape gulf isla calle avenida rue rua".split())
# Geographic heads written "X of Y" as one place's name: "the Bay of Valdor", "the Strait of Hormuz".
OF_PLACE_HEADS = frozenset("bay gulf sea strait straits cape isle isles lake sound horn".split())
# How English writes "Saint" before a name ("St. Brendan's Cathedral").
SAINTS = frozenset({"St.", "St", "Saint", "Ste.", "Sts."})
# "the village of X", "the districts of X and Y": the noun says X is a place.
PLACE_NOUNS = frozenset(
    """
    village villages town towns city cities district districts province provinces region regions state
    states county counties municipality municipalities island islands capital port suburb neighbourhood
    neighborhood
    """.split()
)
NAME_CHARS = re.compile(r"^[\w.'’&-]+$")


@dataclass
class _Name:
    start: int  # token indexes, end exclusive
    end: int
    label: str


def _is_name_token(doc: Doc, i: int) -> bool:
    """A capitalised word, or a lower-case part of a hyphenated capitalised word ("Anti-kidnapping")."""
    return _name_flags(token_table(doc))[i]


def _name_flags(table: TokenTable) -> list[bool]:
    """``_is_name_token`` of every token, in one pass (a hyphenated word's part looks two tokens back)."""

    def compute(table: TokenTable) -> list[bool]:
        text, space = table.text, table.whitespace
        flags: list[bool] = []
        for i, word in enumerate(text):
            if word[:1].isupper() and NAME_CHARS.match(word):
                flags.append(True)
            elif i >= 2 and text[i - 1] == "-" and not space[i - 2] and not space[i - 1]:
                flags.append(flags[i - 2])
            else:
                flags.append(word == "-" and i > 0 and not space[i - 1] and not space[i])
        return flags

    return table.column("mentions.name", compute)


def _segments(table: TokenTable) -> list[int]:
    """The segment of each token: its sentence, cut again at every line break.

    The tagger runs a headline into the first paragraph ("Orchard Computer\n\nThe Lanterns") and a
    list line into the next; a name never spans a line, so names are grown within a segment only.
    """

    def compute(table: TokenTable) -> list[int]:
        segments: list[int] = []
        number, previous_sentence, after_break = 0, 0, False
        for sentence, text in zip(table.sentence_index, table.text, strict=True):
            breaks = "\n" in text
            if sentence != previous_sentence or breaks or after_break:
                number += 1
            segments.append(number)
            previous_sentence, after_break = sentence, breaks
        return segments

    return table.column("mentions.segment", compute)


def _split_at_breaks(doc: Doc, name: _Name) -> list[_Name]:
    """A name the tagger ran across a line break, as the parts on each line."""
    segment = _segments(token_table(doc))
    parts: list[_Name] = []
    start = name.start
    for i in range(name.start + 1, name.end + 1):
        if i == name.end or segment[i] != segment[start]:
            if "\n" not in doc[start].text:
                parts.append(_Name(start, i, name.label))
            start = i
    return [part for part in parts if "\n" not in doc[part.end - 1].text]


def _split_at_slashes(name: _Name, doc: Doc) -> list[_Name]:
    """Two names written with a slash between them ("the Daily Ledger/Channel 9 poll"), or a known
    place and a name with a spaced dash between them, as two names. A slash between two single
    words stays one name ("AC/DC"): there it is part of the name."""
    slashes = [i for i in range(name.start + 1, name.end - 1) if doc[i].text == "/"]
    # "based in Lisbon - Orchard": a dash set off by spaces after a known place ends the place
    dashes = [
        i
        for i in range(name.start + 1, name.end - 1)
        if doc[i].text in DATELINE_DASHES
        and doc[i - 1].whitespace_
        and doc[i].whitespace_
        and gazetteer().knows(doc[name.start : i].text)
    ]
    bounds = [name.start, *sorted(slashes + dashes), name.end]
    parts = [_Name(a + (a != name.start), b, name.label) for a, b in itertools.pairwise(bounds)]
    if not (slashes or dashes) or not dashes and all(part.end - part.start == 1 for part in parts):
        return [name]
    return [part for part in parts if part.end > part.start]


def _whole_hyphenated(doc: Doc, name: _Name) -> _Name:
    """A name cut inside a hyphenated name, made whole: "Dar-es-" + "Salaam", "Air France" + "-KLM".
    Not over a lower-case ending ("X-led", "Y-based"): that is a modifier, not the name."""
    table = token_table(doc)
    text, space = table.text, table.whitespace

    def glued(i: int) -> bool:  # token i is a hyphen with no space on either side
        return text[i] == "-" and i > 0 and not space[i - 1] and not space[i]

    start, end = name.start, name.end
    i = start
    while i >= 2 and glued(i - 1) and text[i - 2][:1].isalpha():
        i -= 2
        if text[i][:1].isupper():
            start = i
    j = end
    while j + 1 < len(doc) and glued(j) and text[j + 1][:1].isalpha():
        j += 2
        if text[j - 1][:1].isupper():
            end = j
    return _Name(start, end, name.label)


def _trim(doc: Doc, name: _Name) -> _Name | None:
    """Without leading determiners and possessives, trailing connectors and punctuation."""
    start, end = name.start, name.end
    table = token_table(doc)
    text, folded, punct = table.text, table.folded, table.is_punct
    # A name glued to the previous sentence: "... on X. The Council of Y".
    for k in range(start + 1, end):
        if folded[k] in LEADING_WORDS and text[k - 1].endswith("."):
            start = k
    while start < end and (
        folded[start] in LEADING_WORDS
        or folded[start] in LEADING_JOINS
        or folded[start] in RELATIVE_DAYS  # "Today Orchard is going to ..." in a quote
        # "Replied Harbour Ministry spokesman X, ...": a speech verb put first, not a name's word
        or folded[start] in SPEECH_VERBS_PUT_FIRST
        and start + 1 < end
        or punct[start]
        or not any(c.isalnum() for c in text[start])  # a quote mark the tagger took in: "`` Lynx"
    ):
        start += 1
    # "Air Ruritania Flight 212": the flight is not part of the airline's name. "The" inside a name
    # starts another one ("the Agency for Rural Aid on The Mall": a street after the agency).
    for k in range(start + 1, end):
        if folded[k] in ("flight", "flights") or text[k] == "The" and folded[k - 1] in CONNECTORS:
            end = k
            break
    while end > start and (
        text[end - 1] in ("'s", "’s", "'", "’")
        or punct[end - 1]
        or not any(c.isalnum() for c in text[end - 1])
        or folded[end - 1] in CONNECTORS
        or table.pos[end - 1] == "ADP"
        and text[end - 1].islower()  # "Cathedral in" + "New York"
        or not text[end - 1].strip()
    ):
        end -= 1
    # "to grant Ana American citizenship": a demonym between a person's name and the noun it modifies
    if (
        name.label == "person"
        and end - start >= 2
        and end < len(doc)
        and table.pos[end] == "NOUN"
        and text[end].islower()
        and gazetteer().demonym(text[end - 1])
    ):
        end -= 1
    if start >= end:
        return None
    return _Name(start, end, name.label)


def _split_acronym(doc: Doc, name: _Name, claims: list[tuple[_Name, _Name]]) -> list[_Name]:
    """ "Long Name (ACRONYM)" as one entity -> the long name and the acronym, paired."""
    for i in range(name.start, name.end):
        if doc[i].text == "(" and i + 1 < len(doc) and doc[i + 1].text[:1].isupper():
            long_name = _Name(name.start, i, name.label)
            acronym = _Name(i + 1, i + 2, name.label)
            if not _is_dateline_code(doc, long_name, i + 2):
                claims.append((long_name, acronym))
            return [long_name, acronym]
    return [name]


def _is_dateline_code(doc: Doc, name: _Name, close: int) -> bool:
    """Whether "NAME (CODE)" is a dateline and its agency's code, not a name and its acronym:
    "PORTVILLE (AP) _ ...", "HARBOUR CITY (AP) -- ..." (the place in capitals, or a dash after)."""
    after = doc[close + 1].text if close + 1 < len(doc) else ""
    written = doc[name.start : name.end].text
    return after in DATELINE_DASHES or (written.isupper() and len(written) > 3)


def _pair_acronyms(doc: Doc, names: list[_Name], claims: list[tuple[_Name, _Name]]) -> list[_Name]:
    """ "Long Name (ACRONYM)" tagged as two entities, or the acronym not tagged: pair them."""
    by_start = {n.start: n for n in names}
    added = []
    for name in names:
        end = name.end
        if name.label != "organisation" or end + 2 >= len(doc):
            continue
        if (
            doc[end].text == "("
            and doc[end + 2].text == ")"
            and doc[end + 1].text[:1].isupper()
            and not _is_dateline_code(doc, name, end + 2)
        ):
            acronym = by_start.get(end + 1)
            if acronym is None:
                acronym = _Name(end + 1, end + 2, name.label)
                added.append(acronym)
            acronym.label = name.label
            claims.append((name, acronym))
    return names + added


def _split_possessive(doc: Doc, name: _Name) -> list[_Name]:
    """ "Parent's Directorate of X" -> the parent and the directorate, two organisations; "the
    Founders' Trust Fund", "X Computer's Mac Suite" -> the owner and what it owns, two names."""
    table = token_table(doc)
    if gazetteer().country(table.tokens_text(name.start, name.end)):
        return [name]  # "People's Republic of ...": the possessive is part of a country's name
    for i in range(name.start + 1, name.end - 1):
        plural_owner = doc[i].text in ("'", "’") and doc[i - 1].text[-1:] in ("s", "S")
        if table.folded[i - 1] in COLLECTIVE_OWNERS:
            continue  # "the X People's Defence Force", "the Workers' Party": part of the name
        if doc[i].text in ("'s", "’s") or plural_owner:
            right = _Name(i + 1, name.end, name.label)
            left = _Name(name.start, i, name.label)
            heads = any(doc[j].text.casefold() in ORG_HEADS for j in range(right.start, right.end))
            # A country owns a body ("Ruritania's Coast Guard"); a body owns a programme with a name of
            # its own ("the Union's Copernicus"), not its own office ("the Ombudsman's Office").
            owner = gazetteer().country(token_table(doc).tokens_text(left.start, i)) or (
                doc[i - 1].text.casefold() in ORG_HEADS and not heads
            )
            # Not a single word after the possessive: "the Ombudsman's Office", "a Saint's Hospital".
            if owner or right.end - right.start >= 2:
                return [left, right]
    return [name]


def _extend(doc: Doc, name: _Name, taken: set[int]) -> _Name:
    """Extend a name cut short: "Armed Forces of" + "Ruritania", "the Anti-fraud and" + "Tax Unit".

    ``name`` is changed in place, so that an acronym claim made on the short name follows it.
    """
    end = _extended_end(doc, name, taken)
    start, label = _extended_start(doc, name, taken)
    name.label = label
    extended = _trim(doc, _Name(start, end, label))
    if extended:
        name.start, name.end = extended.start, extended.end
    return name


def _extended_end(doc: Doc, name: _Name, taken: set[int]) -> int:
    """Where a name cut short on its right ends: past a trailing connector, past "of" + a country
    after an organisation's head word, and to the end of a longer organisation's name."""
    end = name.end
    table = token_table(doc)
    folded, sentence_of, is_name = table.folded, _segments(table), _name_flags(table)
    if folded[end - 1] in CONNECTORS:
        while end < len(doc) and sentence_of[end] == sentence_of[name.start]:
            if is_name[end] or folded[end] in CONNECTORS:
                end += 1
            else:
                break
    # "the Armed Forces of" + "Ruritania": a country after "of" belongs to an organisation's name.
    if (
        name.label == "organisation"
        and end + 1 < len(doc)
        and doc[end].text == "of"
        and doc[end + 1].ent_type_ == "GPE"
        and doc[end - 1].text.casefold() in ORG_HEADS
    ):
        end += 2
        while end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].ent_type_ == "GPE":
            end += 1
    if name.label == "organisation":
        end = _complete_right(doc, name.start, end, taken)
    return end


def _extended_start(doc: Doc, name: _Name, taken: set[int]) -> tuple[int, str]:
    """Where a name cut short on its left starts, and its label then: a place's name particle
    ("Vale do" + "Tejo") makes a place of a person; an organisation takes the capitalised words
    before it ("National" + "Police Directorate")."""
    start, label = name.start, name.label
    table = token_table(doc)
    folded, sentence_of, is_name = table.folded, _segments(table), _name_flags(table)
    # "Vale do" + "Tejo": a capitalised word and a name particle before the name belong to it. spaCy
    # tags whole personal names with their particles, so a name it cut there is a place's.
    if (
        start >= 2
        and table.text[start - 1] in NAME_PARTICLES
        and start - 2 not in taken
        and is_name[start - 2]
        and sentence_of[start - 2] == sentence_of[start]
        and not is_title_head(table.text[start - 2])
        and not (table.is_sent_start[start - 2] and table.pos[start - 2] != "PROPN")
    ):
        start -= 2
        if label == "person" and not title_before(doc, start):
            label = "place"
    if label == "organisation":
        i = start - 1
        while i >= 0 and i not in taken and sentence_of[i] == sentence_of[name.start]:
            word = folded[i]
            if (
                is_name[i]
                and not table.is_sent_start[i]
                and word not in TITLE_HEADS
                and word not in LEADING_WORDS
                and not table.text[i].endswith(".")
            ):
                i -= 1
            elif word in ("and", "of", "for") and i > 0 and is_name[i - 1]:
                if word == "and" and table.ent_type[i - 1] in ("PERSON", "GPE"):
                    break  # "Reno and" + "the Naturalization Service": a person or place before "and"
                i -= 1
            else:
                break
        start = i + 1
        # Not from inside a hyphenated modifier whose head is another name ("Lisbon-based" + "X").
        while start < name.start and not table.text[start][:1].isupper():
            start += 1
    if label == "person":
        # "Secretary of State Ana" + "Whitfield": a given name the tagger left out, between a title
        # and the name: a proper noun of no entity that is no title word.
        common_nouns = noun_lemmas()
        while (
            start >= 1
            and start - 1 not in taken
            and table.pos[start - 1] == "PROPN"
            and is_name[start - 1]
            and table.ent_iob[start - 1] == "O"
            and sentence_of[start - 1] == sentence_of[name.start]
            and folded[start - 1] not in TITLE_HEADS
            and folded[start - 1] not in TITLE_MODIFIERS
            and not table.text[start - 1].endswith(".")
            # a title's complement, not a given name: "Keeper of the Seals" + "Ana Ruiz"
            and not (start >= 2 and folded[start - 2] == "the")
            # a common noun a sentence's capital makes look like a name: "Employee" + "Ana Ruiz"
            # (not a given name that is a noun too: "Ana", "Mark")
            and not (
                table.is_sent_start[start - 1]
                and folded[start - 1] in common_nouns
                and not is_given_name(folded[start - 1])
            )
        ):
            start -= 1
    return start, label


def _complete_right(doc: Doc, start: int, end: int, taken: set[int]) -> int:
    """The end of an organisation's name cut before "and"/"for"/"of": "the Flood Forecasting" + "and
    Warning Centre (FFWC)". The longer name is taken only when it ends in a head word or an acronym follows.
    """
    best, k = end, end
    table = token_table(doc)
    text, folded, sentence_of, is_name = table.text, table.folded, _segments(table), _name_flags(table)
    sentence = sentence_of[start]
    # Another organisation or person ends the name; a place may be part of it ("... of Ruritania").
    while k < len(doc) and k - end < 12 and sentence_of[k] == sentence:
        if k in taken and table.ent_type[k] not in ("GPE", "LOC"):
            break
        if is_name[k]:
            k += 1
            acronym_next = k + 2 < len(doc) and text[k] == "(" and text[k + 2] == ")"
            if folded[k - 1] in ORG_HEADS or acronym_next:
                best = k
        elif folded[k] in CONNECTORS and text[k] not in ("-", "to"):
            k += 1
        else:
            break
    return best


def _join_adjacent(doc: Doc, names: list[_Name]) -> list[_Name]:
    """A person name followed directly by a short name is one person: "Anton Reyes" + "Marlow"."""
    names = sorted(names, key=lambda n: n.start)
    joined: list[_Name] = []
    for name in names:
        if joined:
            last = joined[-1]
            gap = doc[last.end - 1].whitespace_ and name.start == last.end
            short = name.end - name.start <= 2 and all(
                _is_name_token(doc, i) for i in range(name.start, name.end)
            )
            heads = any(doc[i].text.casefold() in ORG_HEADS for i in range(name.start, name.end))
            if last.label == "person" and gap and short and not heads and name.label != "place":
                last.end = name.end
                continue
            # "Inspector Tomas" + "Orchard": one word of a person's name, and a town's name right
            # after it, is the person's surname that the town shares.
            if (
                last.label == "person"
                and gap
                and name.label == "place"
                and name.end - name.start == 1
                and _one_name_word(doc, last)
                and not gazetteer().country(doc[name.start].text)
                and _segments(token_table(doc))[last.start] == _segments(token_table(doc))[name.start]
            ):
                last.end = name.end
                continue
            # "an Ardian" + "Foreign Ministry": a country's word right before a body named only by
            # what it does is part of its name (else every country's foreign ministry is one).
            if (
                name.label == "organisation"
                and last.label == "place"
                and name.start == last.end
                and last.end - last.start == 1
                and gazetteer().demonym(doc[last.start].text)
                and all(doc[i].lower_ in STATE_BODY_WORDS for i in range(name.start, name.end))
            ):
                last.end, last.label = name.end, "organisation"
                continue
            # "Tomas O" + "'" + "Berrigan": an elided particle the text spaced off its name (whatever the
            # tagger made of the rest).
            if (
                last.label == "person"
                and name.start == last.end + 1
                and doc[last.end].text in ("'", "’")
                and doc[last.end - 1].text in ELIDED_PARTICLES
                and _is_name_token(doc, name.start)
            ):
                last.end = name.end
                continue
            # "the Bay of" + "Valdor", "Archdiocese" + "of" + "Portville": the tagger cut a sea's or a
            # body's head word from the place after "of"; the head says what the whole is.
            kind = _kind_of_a_head_before_of(doc, last)
            if kind and name.start == last.end + 1 and doc[last.end].text == "of" and name.label == "place":
                last.end, last.label = name.end, kind
                continue
            # "Anna von der" + "Heide", "Vale" + "do" + "Norte": lower-case name particles between two
            # parts of one name.
            between = range(last.end, name.start)
            if (
                0 < len(between) <= 3
                and all(doc[i].text in NAME_PARTICLES for i in between)
                and all(_is_name_token(doc, i) for i in range(name.start, name.end))
                and (last.label == "person" or last.end - last.start == 1)
                and _segments(token_table(doc))[last.start] == _segments(token_table(doc))[name.start]
            ):
                if last.label != "person" and "place" in (last.label, name.label):
                    last.label = "place"
                last.end = name.end
                continue
        joined.append(name)
    return joined


def _kind_of_a_head_before_of(doc: Doc, name: _Name) -> str | None:
    """ "place" for a one-word name that heads a place's name before "of" ("Bay"), "organisation"
    for one that heads a body's ("Archdiocese", "Ministry"), else None."""
    if name.end - name.start != 1:
        return None
    word = doc[name.start].text
    if word.casefold() in OF_PLACE_HEADS:
        return "place"
    return "organisation" if word[:1].isupper() and word.casefold() in ORG_HEADS else None


def _one_name_word(doc: Doc, name: _Name) -> bool:
    """Whether a person's name, its titles aside, is one word ("Inspector Tomas", "Tomas")."""
    words, i = [], name.start
    while i < name.end:
        length = title_length_at(doc, i)
        if not length:
            words.append(i)
        i += length or 1
    return len(words) == 1 and doc[words[0]].text.casefold() not in TITLE_MODIFIERS


def _join_coordinated_orgs(doc: Doc, names: list[_Name]) -> list[_Name]:
    """ "the Prison Security and Surveillance Corps": two halves of one name joined by "and"."""
    joined: list[_Name] = []
    for name in sorted(names, key=lambda n: n.start):
        if joined:
            last = joined[-1]
            if (
                last.label == name.label == "organisation"
                and name.start == last.end + 1
                and doc[last.end].text == "and"
                and doc[last.end - 1].text.casefold() not in ORG_HEADS
                and doc[name.end - 1].text.casefold() in ORG_HEADS
                and last.end - last.start >= 2
            ):
                last.end = name.end
                continue
        joined.append(name)
    return joined


def _titled_names(doc: Doc, taken: set[int]) -> list[_Name]:
    """Names after a title that spaCy missed: "Speaker of the House President Ana Ruiz"."""
    found = []
    table = token_table(doc)
    pos, is_name = table.pos, _name_flags(table)
    for t, word in enumerate(table.text):
        if not word[:1].isupper() or table.folded[t] not in TITLE_HEADS:
            continue
        start = i = _past_complement(table, t + 1, taken)
        while i < len(doc) and i not in taken and pos[i] == "PROPN" and is_name[i]:
            i += 1
        if i - start >= 2:
            found.append(_Name(start, i, "person"))
    return found


def _past_complement(table: TokenTable, i: int, taken: set[int]) -> int:
    """Where the name starts after a title's complement of title words: "Minister of the Interior
    Ana Ruiz", "Secretary of State Ana Ruiz" (``i`` when the title has no such complement)."""
    if i >= len(table.folded) or table.folded[i] not in ("of", "for"):
        return i
    k = i + 1 + (i + 1 < len(table.folded) and table.folded[i + 1] == "the")
    first = k
    while (
        k < len(table.folded)
        and table.text[k][:1].isupper()
        and (table.folded[k] in TITLE_MODIFIERS or table.folded[k] in TITLE_HEADS or k in taken)
    ):
        k += 1
    return k if k > first else i


def _runs(doc: Doc, taken: set[int]) -> list[_Name]:
    """Capitalised runs ("Council for Refugees and Migrants of X") outside spaCy's entities."""
    runs, i = [], 0
    table = token_table(doc)
    folded, sentence_of, is_name = table.folded, _segments(table), _name_flags(table)
    ent_type, sent_start, pos = table.ent_type, table.is_sent_start, table.pos
    while i < len(doc):
        if i in taken or not is_name[i] or sent_start[i] and pos[i] != "PROPN":
            i += 1
            continue
        j = i + 1
        while j < len(doc) and j not in taken and sentence_of[j] == sentence_of[i]:
            if is_name[j]:
                j += 1
            elif folded[j] in CONNECTORS and j + 1 < len(doc) and j + 1 not in taken and is_name[j + 1]:
                j += 1
            elif folded[j] == "of" and j + 2 < len(doc) and folded[j + 1] == "the" and is_name[j + 2]:
                j += 2  # "Congress of the Republic"
            elif folded[j] in CONNECTORS and j + 1 < len(doc) and ent_type[j + 1] == "GPE":
                j += 1
            elif ent_type[j] == "GPE" and folded[j - 1] == "of":
                j += 1  # "... of Ruritania" ends the run
            else:
                break
        # "Congress of the" + "United States" (a place spaCy found): the country ends the name.
        if j < len(doc) and j in taken and ent_type[j] == "GPE" and "of" in folded[max(i, j - 2) : j]:
            j += 1
            while j < len(doc) and table.ent_iob[j] == "I" and ent_type[j] == "GPE":
                j += 1
        runs.append(_Name(i, j, "organisation"))
        i = j
    return runs


def _a_named_group(doc: Doc, i: int) -> bool:
    """ "the Lanterns": a plural name after "the", tagged a person's or a body's, that is no people's
    ("the Americans"), no place's ("the Bahamas") and no family's (the plural of a surname the
    article names: "the Bergs")."""
    table = token_table(doc)
    word = table.text[i]
    if i == 0 or table.folded[i - 1] != "the" or table.ent_type[i] not in ("PERSON", "ORG"):
        return False
    singular = {word[:-1], word[:-2]} if word.endswith("es") else {word[:-1]}
    if gazetteer().knows(word) or any(gazetteer().demonym(s) for s in singular):
        return False
    if any(folded in PLACE_NOUNS for folded in table.folded[max(0, i - 6) : i]):
        return False  # "the suburb of Portville known as the Willowlands": a place
    written = zip(table.text, table.ent_type, strict=True)
    return not any(text in singular and ent == "PERSON" for text, ent in written)


def _after_place_noun(doc: Doc, start: int) -> bool:
    """The name follows "the village of" (or a list after it: "the districts of A and B")."""
    i = start - 1
    table = token_table(doc)
    while i >= 1 and start - i <= 8:
        word = table.folded[i]
        if word == "of":
            return table.folded[i - 1] in PLACE_NOUNS
        if word in ("and", ",") or _name_flags(table)[i]:
            i -= 1
            continue
        return False
    return False


def _label(doc: Doc, name: _Name, countries: set[str]) -> str | None:
    """The label from cues: gang nouns, titles, organisation heads, the gazetteer; None for noise."""
    table = token_table(doc)
    text = token_table(doc).tokens_text(name.start, name.end)
    words = table.folded[name.start : name.end]
    if text.startswith("@") or any(
        not any(c.isalnum() for c in w) and len(w) == 1 and ord(w) > 0x2000 for w in words
    ):
        return None
    if text.casefold() in SOCIAL_PLATFORMS or text.casefold().rstrip(".") in SOCIAL_PLATFORMS:
        return None
    if len(words) == 1 and table.tag[name.start] == "NNPS" and _a_named_group(doc, name.start):
        return "organisation"  # "the Lanterns": a band's or a team's name, a plural of no one's
    if len(words) == 1 and (words[0] in GENERIC_WORDS or table.tag[name.start] in ("NNS", "NNPS")):
        return None
    if not any(c.isupper() for c in text) or len(text) < 2:
        return None
    if all(table.pos[i] == "INTJ" for i in range(name.start, name.end)):
        return None  # "President Ruiz, Please keep the boy": a word capitalised in a banner
    if (
        len(words) == 1
        and table.is_sent_start[name.start]
        and table.tag[name.start] in ("VBN", "VBD", "VBG", "JJ", "RB")
        and not gazetteer().knows(text)
    ):
        return None  # "Hidden in the crowd, ...": a participle a sentence's capital dressed as a name
    if _countries_paired(text) or _pair_modifying_a_noun(doc, name):
        return None  # "U.S.-Ruritanian relations", "the Ruritania-Valdoria border": an adjective
    if (
        len(words) == 1
        and name.label == "place"
        and gazetteer().demonym(text)
        and not gazetteer().place_country(text, countries)
    ):
        return None  # "the Ruritanian request": a nationality the tagger took for a place
    if name.end - name.start >= 3 and table.text[name.end - 2] == "-" and table.text[name.end - 1].islower():
        return None  # "its former Southern-bloc partners": a compound adjective, not a name
    if not_an_actor(doc, name.start, name.end, name.label):
        return None  # a product, law, event, index, currency, time zone or language
    if _after_kinship_noun(table, name.start):
        return "person"
    if _after_body_part_noun(table, name) and not gazetteer().knows(text):
        return "organisation"  # "the Portville affiliate of X", "a subsidiary of Y" (not of a town)
    apposed = _apposed_kind(
        doc, name.end, name.label == "person" and (len(words) == 1 or is_given_name(words[0]))
    )
    if apposed and not gazetteer().country(text):
        return apposed  # "X, a daily newspaper,": the apposition says what X is
    after = table.folded[name.end] if name.end < len(doc) else ""
    before = table.folded[max(0, name.start - 2) : name.start]
    apposed_to_gang = len(before) > 1 and before[-1] == "," and before[0] in ARMED_GROUP_NOUNS
    # "the Ruritanian-American mafia": a nationality before the noun names no group
    nationality = table.ent_type[name.start] == "NORP" and not gazetteer().place_country(text, countries)
    if (after in ARMED_GROUP_NOUNS and not nationality) or (apposed_to_gang and name.label != "person"):
        return "armed group"
    if words[-1] in ARMED_GROUP_NOUNS:
        return "armed group"
    if _names_a_publication(doc, name, countries):
        return "organisation"
    if name.label == "person" and (words[-1] in TITLE_HEADS or words[-1] in PLURAL_TITLES):
        if all(_title_like(w) for w in words):
            return None  # "Ruritanian Ministers", "Prime Minister": a title, not a name
    if after in BODY_PARTS_AFTER and not gazetteer().knows(text):
        return "organisation"  # "its Lynx Foods unit": a company's part, not a town
    # The last word is the head: "Air Force Base" is a place though "force" heads bodies. Some of
    # those words are surnames too ("Lane", "Park"): a name the tagger calls a person needs one that
    # is not ("Station Road").
    if len(words) >= 2 and words[-1] in PLACE_LAST_WORDS and not title_before(doc, name.start):
        if name.label != "person" or words[-1] in NEVER_SURNAMES:
            return "place"
    shaped_like_place = len(words) >= 2 and words[0] in PLACE_FIRST_WORDS
    if (_after_place_noun(doc, name.start) or shaped_like_place) and not any(w in ORG_HEADS for w in words):
        return "place"
    if after == "family":
        return None  # "the X family": a household, not one actor
    # "German airline X", "retailer X", "the newspaper X": a common noun before the name says what it is.
    if (
        name.start > 0
        and table.folded[name.start - 1] in ORGANISATION_NOUNS
        and not title_before(doc, name.start)
    ):
        return "organisation"
    if len(words) >= 2 and words[-1] in BODIES_NEVER_SURNAMES:
        if name.label == "person" or title_before(doc, name.start):
            return "organisation"  # "Ana Ruiz Hospital", "the official Ruritanian News Agency"
    if name.label == "organisation" and _titled_person_inside(table, name):
        return "person"  # "Spokeswoman Ana Ruiz" tagged as one organisation: the title is read as one
    if name.label == "person" or title_before(doc, name.start):
        if gazetteer().place_country(text, countries) and not title_before(doc, name.start):
            return "place"
        return "person"
    if gazetteer().country(text):
        return "place"  # a country whose name has a body's word: "Soviet Union"
    if any(w in ORG_HEADS for w in words):
        return "organisation"
    if name.label != "place" and (apposition_before(doc, name.start) or apposition_after(doc, name.end)):
        return "person"  # "the President of X, Name," / "Name, the leader of Y,"
    if name.label == "place" and not gazetteer().knows(text) and apposition_before(doc, name.start):
        return "person"  # "the Ruritanian ambassador to Portville, Ana Ruiz,": no town of that name
    if gazetteer().place_country(text, countries):
        return "place"
    if name.label == "place" and table.ent_type[name.start] == "NORP" and not _region_follows(doc, name.end):
        return None  # a demonym or nationality, not a place ("Portville, Mont." is one)
    return name.label


def _after_body_part_noun(table: TokenTable, name: _Name) -> bool:
    """The name follows "affiliate of", "subsidiary of", "the armed wing of": what it is a part of is a
    body (not when it owns what follows: "a unit of Ruritania's army")."""
    start = name.start
    owner = name.end < len(table.text) and table.text[name.end] in ("'s", "’s")
    after_part = start >= 2 and table.folded[start - 1] == "of" and table.folded[start - 2] in BODY_PARTS
    return after_part and not owner


def _apposed_kind(doc: Doc, end: int, a_persons_name: bool = False) -> str | None:
    """The kind of actor an apposition right after a name says it is: "X, a weekly newspaper owned
    by ..." (an organisation), "X, a slum in the capital," (a place); a translation may stand
    between ("X, or Dawn, a newspaper"). None when the head noun says neither."""
    table = token_table(doc)
    i = end
    if i + 2 < len(doc) and table.text[i] == "," and table.folded[i + 1] == "or":
        i += 2  # ", or Dawn,": the name's translation
        while i < len(doc) and _is_name_token(doc, i):
            i += 1
    if i + 1 >= len(doc) or table.text[i] != "," or table.folded[i + 1] not in ("a", "an", "the"):
        return None
    head = None
    j = i + 2
    while j < len(doc) and j - i <= 6 and table.pos[j] in ("ADJ", "NOUN", "PROPN") and table.text[j] != ",":
        if table.pos[j] == "NOUN" and table.text[j].islower():
            head = j
        j += 1
    if head is None or head != j - 1 or (j < len(doc) and table.folded[j] in ("of", "'s", "’s")):
        return None  # the head ends the noun's words ("a group of villages", "the airline's chief")
    noun = table.folded[head]
    if noun in ORGANISATION_NOUNS and not (a_persons_name and noun in TRADES_OF_PEOPLE_TOO):
        return "organisation"  # (not "Jerry X, the newsletter publisher,", "X, the publisher,": a person)
    return "place" if noun in PLACE_NOUNS or noun in PLACE_KIND_NOUNS else None


def _region_follows(doc: Doc, end: int) -> bool:
    """Whether a comma and a country's or a region's name follow token ``end``: "Portville, Mont.","""
    table = token_table(doc)
    if end + 1 >= len(doc) or table.text[end] != ",":
        return False
    for length in (3, 2, 1):  # "New South Wales", "N.Y" + ".", "Ruritania"
        if end + 1 + length <= len(doc) and gazetteer().region_country(
            table.tokens_text(end + 1, end + 1 + length)
        ):
            return True
    return False


def _after_kinship_noun(table: TokenTable, start: int) -> bool:
    """A lower-case kinship noun right before the name, or before a comma before it: "his mother
    Ana", "another sister, Rita"."""
    i = start - 1
    if i >= 1 and table.text[i] == ",":
        i -= 1
    return i >= 0 and table.text[i].islower() and table.folded[i] in KINSHIP_NOUNS


def _countries_paired(text: str) -> bool:
    """ "U.S.-Ruritanian", "Ruritanian-American": countries or demonyms joined by a hyphen, one of
    them at least a demonym (an adjective: "Austria-Hungary" was a country)."""
    parts = text.split("-")
    return (
        len(parts) >= 2
        and not gazetteer().country(text)
        and all(gazetteer().country(part) or gazetteer().demonym(part) for part in parts)
        and any(gazetteer().demonym(part) and not gazetteer().country(part) for part in parts)
    )


def _pair_modifying_a_noun(doc: Doc, name: _Name) -> bool:
    """ "the Ruritania-Valdoria border", "the UN-Ruritania accord": two countries (or a country and a
    body's acronym) joined by a hyphen before a common noun are what the noun is between."""
    table = token_table(doc)
    parts = table.tokens_text(name.start, name.end).split("-")
    if (
        len(parts) < 2
        or name.end >= len(doc)
        or not (table.pos[name.end] == "NOUN" and table.text[name.end].islower())
    ):
        return False
    countries = [bool(gazetteer().country(part)) for part in parts]
    acronyms = [part.replace(".", "").isupper() and len(part.replace(".", "")) <= 5 for part in parts]
    return any(countries) and all(c or a for c, a in zip(countries, acronyms, strict=True))


def _titled_person_inside(table: TokenTable, name: _Name) -> bool:
    """A title's head word and then a person's name of two words or more, with nothing of a body's
    name among them (no head word, no legal form: "General Mills Inc." is a company)."""
    rest = range(name.start + 1, name.end)
    text = table.tokens_text(name.start, name.end)
    return (
        len(rest) >= 2
        and table.text[name.start][:1].isupper()
        and table.folded[name.start] in TITLE_HEADS
        and all(table.pos[i] == "PROPN" and table.folded[i] not in ORG_HEADS for i in rest)
        and legal_basename(text) == text
    )


def _title_like(word: str) -> bool:
    """A word of a title: a head, a modifier, a plural title, a demonym or "of"/"the"."""
    return (
        word in TITLE_HEADS
        or word in TITLE_MODIFIERS
        or word in PLURAL_TITLES
        or word in ("of", "the", "-")
        or bool(gazetteer().demonym(word) or gazetteer().country(word))
    )


def _coordinated_with_place(doc: Doc, name: _Name, place_ends: set[int], place_starts: set[int]) -> bool:
    """ "between A and B" where one of them is a place makes both places.

    ``place_ends``, ``place_starts``: where the names labelled places end and start (token indexes).
    """
    text = token_table(doc).text
    before = name.start - 1  # the "and" after a place ending there
    return (
        before in place_ends
        and text[before] == "and"
        or name.end + 1 in place_starts
        and text[name.end] == "and"
    )


def _countries_in(document: Document, doc: Doc) -> set[str]:
    found = set()
    for ent in doc.ents:
        country = gazetteer().country(ent.text) or gazetteer().demonym(ent.text)
        if country:
            found.add(country)
    return found


def extract_mentions(document: Document, doc: Doc, skip: set[int] | None = None) -> list[Mention]:
    """Mentions of people, organisations, armed groups and places in ``doc``."""
    return extract_names(document, doc, skip).mentions


@dataclass
class Names:
    """What ``extract_names`` finds in an article."""

    mentions: list[Mention]
    acronyms: list[AliasClaim]  # "Long Name (ACRONYM)"
    things: set[str]  # names (folded) written as things made and never as actors (``_name_cues``)
    actors: set[str]  # names (folded) written as actors


def extract_names(document: Document, doc: Doc, skip: set[int] | None = None) -> Names:
    """Mentions in ``doc``, the acronyms it defines ("Long Name (ACRONYM)") and the names it writes
    as things made or as actors.

    Args:
        skip: indexes of paragraphs not to read (not English, social-media embeds).
    """
    skip = skip or set()
    countries = _countries_in(document, doc)
    acronyms: list[tuple[_Name, _Name]] = []
    names = _repaired(doc, _entity_names(document, doc, skip, acronyms), acronyms)
    taken = {i for n in names for i in range(n.start, n.end)}
    names = _cut_before_titles(doc, _drop_overlaps(names + _missed_names(doc, taken, countries)))
    labelled = _labelled(document, doc, names, countries, skip)
    labelled.update(_surnames_alone(document, doc, labelled, skip))
    things, actors = _name_cues(doc, names)
    _drop_things(doc, labelled, things)
    for long_name, acronym in acronyms:  # "the Paris Book Fair (PBF)": the acronym is no actor either
        if not_an_actor(doc, long_name.start, long_name.end, long_name.label):
            labelled.pop((acronym.start, acronym.end), None)
    mentions = _mentions(document, doc, labelled)
    return Names(mentions, _alias_claims(document, doc, acronyms, labelled), things, actors)


def _entity_names(
    document: Document, doc: Doc, skip: set[int], acronyms: list[tuple[_Name, _Name]]
) -> list[_Name]:
    """spaCy's entities of a kind we keep, trimmed, and split at an acronym or a possessive.

    The acronyms split off are added to ``acronyms``, paired with their long names.
    """
    names: list[_Name] = []
    for ent in doc.ents:
        label = LABELS.get(ent.label_)
        if label is None or document.paragraph_at(ent.start_char).index in skip:
            continue
        whole = _whole_hyphenated(doc, _Name(ent.start, ent.end, label))
        for piece in (p for line in _split_at_breaks(doc, whole) for p in _split_at_slashes(line, doc)):
            trimmed = _trim(doc, piece)
            if trimmed is None:
                continue
            for part in _split_acronym(doc, trimmed, acronyms):
                names.extend(_split_possessive(doc, part))
    return names


def _repaired(doc: Doc, names: list[_Name], acronyms: list[tuple[_Name, _Name]]) -> list[_Name]:
    """Names cut short extended, names cut in two joined, acronyms after a name paired with it."""
    names = _pair_acronyms(doc, names, acronyms)
    taken = {i for n in names for i in range(n.start, n.end)}
    names = [_extend(doc, n, taken - set(range(n.start, n.end))) for n in names]
    return _named_after_saints(doc, _join_coordinated_orgs(doc, _join_adjacent(doc, names)))


def _named_after_saints(doc: Doc, names: list[_Name]) -> list[_Name]:
    """ "St. Brendan" + "'s" + "Cathedral": a saint's possessive and the capitalised words after it
    are one body's name (a cathedral, a hospital, a college), not a place that owns something. A
    city named after a saint owns what follows ("St. Petersburg's Hermitage Museum")."""
    table = token_table(doc)
    starts = {n.start: n for n in names}
    dropped: set[int] = set()
    for name in names:
        end = name.end
        if (
            table.text[name.start] not in SAINTS
            or end + 1 >= len(doc)
            or table.text[end] not in ("'s", "’s")
            or gazetteer().knows(table.tokens_text(name.start, end))
        ):
            continue
        j = end + 1
        while j < len(doc) and _is_name_token(doc, j) and j not in starts:
            j += 1
        following = starts.get(end + 1)
        if following is not None:
            j, label = following.end, following.label
            dropped.add(following.start)
        else:
            label = "organisation"
        if j > end + 1:
            name.end, name.label = j, label
    return [n for n in names if n.start not in dropped]


def _names_a_publication(doc: Doc, name: _Name, countries: set[str]) -> bool:
    """A name before a publication noun: "the Cape Ledger newspaper"; not "the Portville daily",
    where the name is a place's."""
    table = token_table(doc)
    after = table.folded[name.end] if name.end < len(doc) else ""
    return after in PUBLICATION_NOUNS and not gazetteer().place_country(
        table.tokens_text(name.start, name.end), countries
    )


def _missed_names(doc: Doc, taken: set[int], countries: set[str]) -> list[_Name]:
    """Names spaCy missed outside the ``taken`` tokens: after a title, and capitalised runs that end in
    an organisation's head word or are places the gazetteer knows."""
    found = _titled_names(doc, taken)
    taken = taken | {i for n in found for i in range(n.start, n.end)}
    table = token_table(doc)
    bodies = {fold(ent.text) for ent in doc.ents if ent.label_ == "ORG"}
    for run in filter(None, (_trim(doc, r) for r in _runs(doc, taken))):
        words = table.folded[run.start : run.end]
        after = table.folded[run.end] if run.end < len(doc) else ""
        if (
            (len(words) >= 2 and (words[-1] in ORG_HEADS or words[0] in FIRST_HEADS))
            # "Orchard Computer", where the article names "Orchard" as a body: its trade's word
            or (len(words) >= 2 and words[-1] in INDUSTRY_WORDS and " ".join(words[:-1]) in bodies)
            or after in ARMED_GROUP_NOUNS
            or _names_a_publication(doc, run, countries)
            or (len(words) >= 3 and any(w in ORG_HEADS for w in words))
        ):
            found.append(run)
        else:
            found += _places_in_run(doc, run, countries)
    return found


def _places_in_run(doc: Doc, run: _Name, countries: set[str]) -> list[_Name]:
    """ "Sylhet and Sunamganj": places in a list are read one by one."""
    table = token_table(doc)
    cuts = [run.start - 1] + [i for i in range(run.start, run.end) if table.text[i] == "and"] + [run.end]
    places = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        part = _Name(left + 1, right, "place")
        text = table.tokens_text(part.start, part.end)
        if part.end > part.start and (
            gazetteer().place_country(text, countries) or _after_place_noun(doc, part.start)
        ):
            places.append(part)
    return places


def _cut_before_titles(doc: Doc, names: list[_Name]) -> list[_Name]:
    """ "Ruritania Commission President Ana Ruiz" tagged as one organisation up to the title: the
    organisation ends before the title when a person's name follows it."""
    person_starts = {n.start for n in names if n.label == "person"}
    kept = []
    for name in names:
        if (
            name.label == "organisation"
            and name.end - name.start >= 2
            and is_title_head(doc[name.end - 1].text)
        ):
            if name.end in person_starts:
                name.end -= 1
        if name.label == "organisation" and _part_of_a_title(doc, name, person_starts):
            continue  # "U.S. Surgeon" + "General X": the words of a person's title, not a body
        kept.append(name)
    return kept


def _part_of_a_title(doc: Doc, name: _Name, person_starts: set[int]) -> bool:
    """An organisation's name that ends in a title's word, and a title and a person follow."""
    table = token_table(doc)
    if table.folded[name.end - 1] not in TITLE_MODIFIERS and table.folded[name.end - 1] not in TITLE_HEADS:
        return False
    length = title_length_at(doc, name.end) if name.end < len(doc) else 0
    return length > 0 and name.end + length in person_starts


def _labelled(
    document: Document, doc: Doc, names: list[_Name], countries: set[str], skip: set[int]
) -> dict[tuple[int, int], str]:
    """The label of each name kept, by its (start, end) tokens; an organisation coordinated with a
    place ("between A and B") is a place unless its words say otherwise, and a lone word the tagger
    calls a person, a surname of a person the article names, stays a person though a place shares it."""
    table = token_table(doc)
    labelled: dict[tuple[int, int], str] = {}
    for name in names:
        if document.paragraph_at(table.idx[name.start]).index in skip:
            continue
        label = _label(doc, name, countries)
        if label:
            labelled[(name.start, name.end)] = label
    _companies_short_forms(doc, labelled)
    place_ends = {end for (_, end), label in labelled.items() if label == "place"}
    place_starts = {start for (start, _), label in labelled.items() if label == "place"}
    for (start, end), label in list(labelled.items()):
        if label == "organisation" and _coordinated_with_place(
            doc, _Name(start, end, label), place_ends, place_starts
        ):
            if not any(word in ORG_HEADS for word in table.folded[start:end]):
                labelled[(start, end)] = "place"
                place_ends.add(end)
                place_starts.add(start)
    # each name by the edge a list's next item meets: its end going back, its start going on
    by_end = {e: (s, lab) for (s, e), lab in labelled.items()}
    by_start = {s: (e, lab) for (s, e), lab in labelled.items()}
    for (start, end), label in list(labelled.items()):
        if label == "person" and _listed_with_companies(doc, start, end, by_end, by_start):
            labelled[(start, end)] = "organisation"
            by_end[end], by_start[start] = (start, "organisation"), (end, "organisation")
    # "Justice Ana M. Hamilton ... the letter to Hamilton": a word the tagger calls a person, the
    # surname of a person the article names, is that person though a city abroad shares it; so is
    # one it calls a place that speaks or acts like a person ("Tomas Portville ... Portville said").
    surnames = {
        table.text[end - 1]
        for (start, end), label in labelled.items()
        if label == "person" and end - start >= 2
    }
    for (start, end), label in list(labelled.items()):
        if (
            label == "place"
            and end - start == 1
            and (table.ent_type[start] == "PERSON" or acting_subject(doc, start, end))
            and table.text[start] in surnames
            and not gazetteer().country(table.text[start])
        ):
            labelled[(start, end)] = "person"
    return labelled


# What separates the items of a list: "A, B and C", "A, B, and C".
LIST_SEPARATORS = ((",",), ("and",), (",", "and"), ("or",), (",", "or"))


def _listed_with_companies(
    doc: Doc,
    start: int,
    end: int,
    by_end: dict[int, tuple[int, str]],
    by_start: dict[int, tuple[int, str]],
) -> bool:
    """Whether a person's name is an item of a list whose other items, two or more, are all
    organisations ("such as Orchard Computer, Lynx Communications and Ana Ruiz": a company named
    after its founder), and no apposition says who it is ("..., and Ana Ruiz, its founder").

    ``by_end``, ``by_start``: each labelled name's other edge and label, by its end and its start.
    """
    table = token_table(doc)
    others: list[str] = []
    for position, forward, names in ((start, False, by_end), (end, True, by_start)):
        while (beside := _item_beside(table, position, forward, names)) is not None:
            position, label = beside
            others.append(label)
    if end + 1 < len(doc) and table.text[end] == "," and table.folded[end + 1] in LEADING_WORDS:
        return False  # an apposition says who the name is
    return len(others) >= 2 and all(label == "organisation" for label in others)


def _item_beside(
    table: TokenTable, position: int, forward: bool, names: dict[int, tuple[int, str]]
) -> tuple[int, str] | None:
    """The list's item right before (or after) ``position`` past a separator: its far edge and label."""
    for separator in LIST_SEPARATORS:
        edge = position + len(separator) if forward else position - len(separator)
        words = table.folded[position:edge] if forward else table.folded[max(edge, 0) : position]
        if edge > 0 and tuple(words) == separator and edge in names:
            return names[edge]
    return None


def _companies_short_forms(doc: Doc, labelled: dict[tuple[int, int], str]) -> None:
    """ "Portville Pumps Corp. ... Portville Pumps said": a name the tagger calls a person, which the
    article also writes with a company's legal form, is that company (unless a title says otherwise)."""
    table = token_table(doc)
    short_forms = {
        short
        for (start, end), label in labelled.items()
        if label == "organisation"
        for text in [table.tokens_text(start, end)]
        for short in [legal_basename(text)]
        if short != text
    }
    for (start, end), label in list(labelled.items()):
        if (
            label == "person"
            and table.tokens_text(start, end) in short_forms
            and not title_before(doc, start)
        ):
            labelled[(start, end)] = "organisation"


def _surnames_alone(
    document: Document, doc: Doc, labelled: dict[tuple[int, int], str], skip: set[int]
) -> dict[tuple[int, int], str]:
    """A person's surname written alone after their full name, where the tagger missed it: its
    word is also a common noun ("Jobs", "Cook") or it is unusual ("Papermaster said")."""
    table = token_table(doc)
    taken = {i for start, end in labelled for i in range(start, end)}
    first_full_name: dict[str, int] = {}  # surname as written -> where the first full name ends
    for (start, end), label in sorted(labelled.items()):
        if label == "person" and end - start >= 2 and table.text[end - 1][:1].isupper():
            first_full_name.setdefault(table.text[end - 1], end)
    found: dict[tuple[int, int], str] = {}
    for i, word in enumerate(table.text):
        after = first_full_name.get(word)
        if after is None or i < after or i in taken:
            continue
        if document.paragraph_at(table.idx[i]).index in skip:
            continue
        # part of another name: "the Cook Islands", "Senator Tom Cook" (a name of its own)
        before_capital = i > 0 and table.text[i - 1][:1].isupper() and not table.is_sent_start[i]
        after_capital = i + 1 < len(doc) and table.text[i + 1][:1].isupper()
        if before_capital or after_capital or gazetteer().place_country(word) or is_title_head(word):
            continue
        # at a sentence's start a capital says nothing: the word must act as a name there, not as
        # a plural noun ("Jobs were scarce")
        if table.is_sent_start[i] and table.pos[i] != "PROPN":
            next_pos = table.pos[i + 1] if i + 1 < len(doc) else ""
            if next_pos not in ("VERB", "AUX", "PUNCT", "PART") or (
                table.tag[i] == "NNS" and next_pos == "AUX"
            ):
                continue
        found[(i, i + 1)] = "person"
    return found


def _name_cues(doc: Doc, names: list[_Name]) -> tuple[set[str], set[str]]:
    """The names (folded) the article writes as things made somewhere ("the Lynx laptops",
    "unveiled the Lynx") and never as actors, and those it writes as actors ("Lynx said", "the
    daily Lynx", a body's head word, a title before a person's name)."""
    table = token_table(doc)
    thing: set[str] = set()
    actor: set[str] = set()
    for name in names:
        text = fold(table.tokens_text(name.start, name.end))
        if any(word in ORG_HEADS for word in table.folded[name.start : name.end]):
            actor.add(text)  # "the Ruritania Rail Authority laptops": a body's name says it is one
        elif (
            acts_as_an_actor(doc, name.start, name.end)
            or title_before(doc, name.start)
            or (name.start > 0 and table.folded[name.start - 1] in ORGANISATION_NOUNS)  # "the daily X"
            or (name.end < len(doc) and is_title_head(table.text[name.end]))  # "X spokesman Ana Ruiz"
        ):
            actor.add(text)
        elif thing_named(doc, name.start, name.end, name.label == "person") or _owned_by_a_body(doc, name):
            thing.add(text)
    return thing - actor, actor


def _owned_by_a_body(doc: Doc, name: _Name) -> bool:
    """A name the tagger calls a place, that no gazetteer knows, owned by a body and heading its
    phrase: "Orchard's Lynx Mobile" is a thing the company makes; a body owns no town."""
    table = token_table(doc)
    if name.label != "place" or name.start < 2 or table.text[name.start - 1] not in ("'s", "’s"):
        return False
    heads_phrase = name.end >= len(doc) or table.pos[name.end] not in ("NOUN", "PROPN")
    owner_is_a_body = table.ent_type[name.start - 2] == "ORG"
    on_the_map = gazetteer().on_the_map(table.tokens_text(name.start, name.end))
    return heads_phrase and owner_is_a_body and not on_the_map


def _drop_things(doc: Doc, labelled: dict[tuple[int, int], str], things: set[str]) -> None:
    """Drop from ``labelled`` every mention of a name the article writes as a thing made, but a known
    place's: the tagger's "Lynx" in "back to the Lynx" is the laptop of "the Lynx laptops"."""
    table = token_table(doc)
    for (start, end), label in list(labelled.items()):
        text = table.tokens_text(start, end)
        # a place only when no gazetteer knows it: "Lynx" is no town
        if fold(text) in things and (label != "place" or not gazetteer().on_the_map(text)):
            del labelled[(start, end)]


def _mentions(document: Document, doc: Doc, labelled: dict[tuple[int, int], str]) -> list[Mention]:
    """The mentions of the labelled names in text order, with the countries inside organisations' names."""
    table = token_table(doc)
    mentions = []
    for (start, end), label in sorted(labelled.items()):
        # "General Ana Ruiz", "Maj-Gen Ana Ruiz" tagged whole: the title is not part of the name.
        while label == "person" and end - start > 2:
            length = title_length_at(doc, start)
            if length == 0 and table.folded[start] in TITLE_MODIFIERS:
                length = 1
            # a common noun capitalised by the sentence's start: "Employee Ana Ruiz said"
            if length == 0 and table.is_sent_start[start] and table.pos[start] == "NOUN":
                length = 1
            if length == 0 or end - start - length < 2:
                break
            start += length
        mentions.append(_mention(document, doc, start, end, label))
        if label == "organisation":
            mentions.extend(_countries_inside(document, doc, start, end))
    return mentions


def _alias_claims(
    document: Document,
    doc: Doc,
    acronyms: list[tuple[_Name, _Name]],
    labelled: dict[tuple[int, int], str],
) -> list[AliasClaim]:
    """ "Long Name (ACRONYM)": a claim that the acronym names what the long name does, with its sentence."""
    table = token_table(doc)
    aliases = []
    for long_name, acronym in acronyms:
        if (long_name.start, long_name.end) in labelled or (acronym.start, acronym.end) in labelled:
            sentence = table.sentence_of(long_name.start)
            aliases.append(
                AliasClaim(
                    doc[long_name.start : long_name.end].text,
                    doc[acronym.start : acronym.end].text,
                    Span(document.id, sentence.start_char, sentence.end_char, sentence.text),
                )
            )
    return aliases


def _drop_overlaps(names: list[_Name]) -> list[_Name]:
    """Longest first; a name overlapping a longer one is dropped."""
    kept: list[_Name] = []
    used: set[int] = set()
    for name in sorted(names, key=lambda n: (-(n.end - n.start), n.start)):
        span = set(range(name.start, name.end))
        if span & used:
            continue
        kept.append(name)
        used |= span
    return sorted(kept, key=lambda n: n.start)


def _mention(document: Document, doc: Doc, start: int, end: int, label: str) -> Mention:
    span = doc[start:end]
    table = token_table(doc)
    # A name the tagger ran across a sentence break: Span.sent spans both sentences.
    crosses = table.sentence_index[start] != table.sentence_index[end - 1]
    sentence = span.sent if crosses else table.sentence_of(start)
    titled = title_before(doc, start) if label == "person" else None
    return Mention(
        span=Span(document.id, span.start_char, span.end_char, table.span_text(span)),
        label=label,
        sentence=Span(document.id, sentence.start_char, sentence.end_char, table.span_text(sentence)),
        title=titled[0] if titled else None,
    )


def _countries_inside(document: Document, doc: Doc, start: int, end: int) -> list[Mention]:
    """A country named inside a state body's name is also a place mention: after "of" ("Council of
    Ruritania") or first before a body's head word ("Ruritania National Police"). A country that
    merely completes a name ("Air Ruritania", "Ruritania Eastern Airlines") is not one."""
    found, i = [], start
    table = token_table(doc)
    while i < end:
        if table.folded[i] == "the":  # "of the United States": the country's name starts after it
            i += 1
            continue
        for n in (3, 2, 1):  # "Guinea-Bissau" is three tokens
            if i + n <= end and gazetteer().country(table.tokens_text(i, i + n)):
                after_of = "of" in table.folded[max(start, i - 2) : i]
                heads_a_body = i == start and any(
                    w in ORG_HEADS and w not in TRADE_HEADS for w in table.folded[i + n : end]
                )
                if after_of or heads_a_body:
                    found.append(_mention(document, doc, i, i + n, "place"))
                i += n - 1
                break
        i += 1
    return found
