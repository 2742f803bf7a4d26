"""Figures: numbers that count people or units, with qualifier, category, date and place.

A number becomes a figure when what it counts can be recovered from the
sentence and is a person, a force or a unit:

* the noun it modifies ("1,200 military personnel", "six police officers");
* the noun after a partitive "of" ("hundreds of migrants", "two of the inmates");
* a participle used as a noun ("at least seven injured");
* the subject of "the number of X has been increased to 400";
* for a number standing alone ("about six were injured", "home to 1,043,460
  of the 5.4 million that have left"), the last counted noun of the sentence,
  or the last one of the sentence before.

The category comes from the predicate that governs the counted noun ("were
wounded", "detention of", "died", "escaped") and, failing that, from the
noun and its modifiers ("military officer", "police task force members");
a force keeps its own category unless it was killed, hurt or detained.
Coordinated counts are split; a part of a total ("including five children")
is flagged ``part_of_total``; a range gives an ``at_least`` and an ``at_most``
figure; "hundreds" and "dozens" are ``vague`` with the scale as a floor.
The date is the one written in the sentence nearest the number, else the
article's; the place is the nearest place name, preferring the number's own
clause and its place phrases.

Years, dates, times, durations, distances, rates, percentages, money,
ordinals, tweet ids, list markers and numbers inside names are never figures.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.attrs import LIKE_NUM, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from builder.extract.spans import StartIndex, TokenTable, token_table
from builder.extract.times import tag_times
from builder.model import Document, FigureCandidate, Span, TimeExpression

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1,
}  # fmt: skip
SCALES = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# "hundreds", "dozens": kept vague; the value is the scale and the qualifier "more_than".
VAGUE = {"dozens": 12, "scores": 20, "tens": 10, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000}
RANGE_JOINS = {"to", "and", "-", "–"}
VAGUE_BEFORE = {"several", "few", "many", "some"}

QUALIFIERS_BEFORE = [
    (r"at least|no fewer than|no less than|a minimum of|not less than", "at_least"),
    (r"more than|over|above|upwards of|in excess of|greater than", "more_than"),
    (
        r"about|around|some|approximately|roughly|nearly|almost|close to|an estimated|estimated"
        r"|approx\.?|circa|about some|some \w+ estimated",
        "about",
    ),
    (r"up to|at most|no more than|a maximum of|as many as|not more than", "at_most"),
    (r"fewer than|less than|under|below", "less_than"),
]
QUALIFIER_PATTERNS = [(re.compile(rf"\b(?:{words})\s*$", re.I), q) for words, q in QUALIFIERS_BEFORE]
QUALIFIERS_AFTER = [
    (re.compile(r"^\s*(?:or more|and more|\+|-plus|or over)\b", re.I), "at_least"),
    (re.compile(r"^\s*(?:or so|odd)\b", re.I), "about"),
    (re.compile(r"^\s*(?:or fewer|or less)\b", re.I), "at_most"),
]

# What a counted noun is, by lemma. Force nouns decide the category on their own;
# the rest ("other") count people or units whose category comes from the predicate.
UNITS = set(
    "vehicle car truck lorry bus van minibus motorcycle ambulance tank helicopter aircraft plane jet"
    " warplane drone boat ship vessel ferry canoe raft crossing checkpoint weapon firearm rifle gun pistol"
    " grenade explosive missile rocket shelter home house dwelling building school tent hut shop store"
    " church mosque temple clinic warehouse container".split()
)
NOUN_CATEGORY = {
    **dict.fromkeys(
        "police policeman policemen policewoman officer cop agent gendarme constable patrolman"
        " trooper detective".split(),
        "police",
    ),
    **dict.fromkeys(
        "soldier troop personnel marine sailor airman paratrooper commando reservist conscript"
        " serviceman servicemen servicemember peacekeeper army military".split(),
        "military",
    ),
    **dict.fromkeys("guard bodyguard warden ranger security".split(), "security"),
    **dict.fromkeys("migrant immigrant emigrant refugee seeker arrival".split(), "migrants"),
    **dict.fromkeys("evacuee idp".split(), "displaced"),
    **dict.fromkeys("captive".split(), "detained"),
    **dict.fromkeys("detainee arrestee".split(), "detained"),
    **dict.fromkeys("deportee".split(), "deported"),
    **dict.fromkeys("prisoner inmate convict".split(), "prisoners"),
    **dict.fromkeys("body corpse fatality death".split(), "killed"),
    **dict.fromkeys("injury".split(), "injured"),
    **dict.fromkeys(
        "people person civilian child children kid woman women man men resident citizen national"
        " inhabitant worker protester demonstrator student journalist reporter member gunman gunmen"
        " militant fighter rebel insurgent guerrilla criminal gangster suspect hostage family household"
        " victim casualty passenger voter supporter leader official employee staff volunteer doctor"
        " nurse teacher farmer villager miner individual adult minor teenager youth girl boy"
        " baby infant pilgrim tourist foreigner crew traveller traveler commuter pedestrian driver"
        " ambassador diplomat lawmaker legislator senator minister observer inspector investigator"
        " firefighter"
        " rescuer medic paramedic patient survivor settler labourer laborer mourner worshipper spectator"
        " delegate candidate cadet recruit veteran mercenary smuggler trafficker bandit pirate terrorist"
        " jihadist extremist combatant separatist dissident activist opponent defector deserter looter"
        " rioter attacker assailant shooter hijacker kidnapper perpetrator motorist graduate life fisherman"
        " fishermen diver striker evacuee captive survivor employee worker labourer crewman crewmember"
        " sailor seafarer athlete player fan customer client tenant shopper occupant bystander local"
        " elder pensioner retiree orphan widow newborn toddler schoolchild schoolchildren pupil parent"
        " relative neighbour neighbor guest visitor holidaymaker backpacker hiker climber trekker camper"
        " trucker herder herdsman nomad peasant artisan vendor trader merchant witness councillor"
        " councilor lawyer judge priest monk nun cleric imam pastor spouse husband wife son daughter"
        " brother sister mother father friend colleague follower believer sibling".split(),
        "other",
    ),
    # Units: vehicles, crossings and the like are counted but belong to no people category.
    **dict.fromkeys(UNITS, "other"),
    # Force units take their category from a modifier: "police units", "army patrols".
    **dict.fromkeys(("unit", "patrol", "squad", "battalion", "brigade"), "other"),
}
# Modifiers that make a force of a generic head: "military officer", "prison guards".
MODIFIER_CATEGORY = {
    **dict.fromkeys("police policing gendarmerie".split(), "police"),
    **dict.fromkeys("military army naval navy armed marine troop peacekeeping".split(), "military"),
    **dict.fromkeys("security prison penitentiary border".split(), "security"),
}
NOT_PEOPLE = {
    "committee",
    "guarantee",
    "decree",
    "jamboree",
    "degree",
    "pedigree",
    "wrist",
    "error",
    "terror",
}
GENERIC_HEADS = {
    "member",
    "personnel",
    "staff",
    "unit",
    "patrol",
    "squad",
    "officer",
    "agent",
    "crew",
    "force",
    "team",
    "contingent",
    "detachment",
}
# Groups that take the category of the forces named around them: "a task force of 50", "the
# contingent" (police, army or guards by the words of the sentence, not by the group's own name).
GROUP_HEADS = {"force", "team", "contingent", "detachment", "unit", "squad", "patrol", "group", "member"}

# What happened to the counted: predicates (verbs, nouns, adjectives) by lemma.
EVENT_CATEGORY = {
    **dict.fromkeys(
        "kill die murder slay execute massacre behead dead death killing fatality"
        " assassinate perish drown".split(),
        "killed",
    ),
    **dict.fromkeys("injure wound hurt injured wounded injury maim".split(), "injured"),
    **dict.fromkeys(
        "detain arrest capture apprehend detention arrested detained imprison jail kidnap abduct"
        " custody captivity".split(),
        "detained",
    ),
    **dict.fromkeys(
        "deport expel deportation expulsion repatriate repatriation deported".split(), "deported"
    ),
    **dict.fromkeys("escape escaped escapee breakout".split(), "prisoners"),
    **dict.fromkeys(
        "displace displaced evacuate evacuation displacement flee uproot homeless".split(), "displaced"
    ),
    **dict.fromkeys("migrate emigrate immigrate migration emigration".split(), "migrants"),
}
# "under evacuation orders", "into custody", "in detention": a state the subject is put in.
STATE_PREPOSITIONS = {"under", "into", "in"}
# Verbs whose subject is the one affected (the rest apply to objects and passive subjects).
INTRANSITIVE = {"die", "perish", "drown", "escape", "flee", "migrate", "emigrate", "immigrate", "dead"}
# Movement verbs that make migrants of people and demonyms ("have left the country").
MIGRATION_VERBS = {"cross", "enter", "leave", "arrive", "migrate", "emigrate", "immigrate", "reach"}
MIGRATION_CUES = {
    "migrant",
    "migrants",
    "migration",
    "refugee",
    "refugees",
    "asylum",
    "immigrants",
    "emigrants",
}
# Events that tell a noun not in the lists counts living beings (seizing rifles is no detention).
UNKNOWN_NOUN_EVENTS = {"killed", "injured", "displaced", "migrants", "prisoners"}
FORCES = {"police", "military", "security"}
# Events that can befall a force; "displaced", "migrants" mean something else for troops.
FORCE_EVENTS = {"killed", "injured", "detained", "deported", "prisoners"}
EVENT_PRIORITY = ["killed", "injured", "detained", "deported", "prisoners", "displaced", "migrants"]

# Counting nouns: "the number of police officers has been increased to 400".
REPORTING_VERBS = {
    "say",
    "tell",
    "report",
    "announce",
    "add",
    "state",
    "confirm",
    "claim",
    "estimate",
    "count",
}
RATE_NOUNS = {"rate", "ratio", "percentage", "proportion", "share", "average"}
COUNT_NOUNS = {"number", "total", "count", "toll", "figure", "tally", "strength", "headcount", "workforce"}
CHANGE_TO = {
    "increase", "rise", "raise", "grow", "climb", "jump", "reach", "bring", "boost", "double",
    "triple", "reduce", "cut", "fall", "drop", "decline", "swell", "lower", "surge", "soar",
    "expand", "shrink", "trim",
}  # fmt: skip
# "the camp is home to 40,000 refugees", "the town plays host to 3,000 pilgrims"
HOST_NOUNS = {"home", "host"}

NOT_COUNTED = {
    "percent", "per", "cent", "%", "km", "kilometer", "kilometre", "mile", "meter", "metre", "foot",
    "feet", "yard", "acre", "hectare", "ton", "tonne", "kg", "kilogram", "pound", "year", "day", "month",
    "week", "hour", "minute", "second", "decade", "century", "dollar", "euro", "peso", "sol",
    "rupee", "yen", "yuan", "franc", "time", "p.m.", "a.m.", "pm", "am", "o'clock", "degree", "point",
    "kph", "mph", "km/h",
}  # fmt: skip
# Currency names from ISO 4217 (pycountry): "500 shillings", "KES 500", "2 million naira" are money.
# "won", "real" and "mark" are English words first; "afghani" is also a demonym.
CURRENCY_SYMBOLS = ("$", "€", "£", "¥", "₹", "₦", "₩", "₱", "₽", "₺", "₴", "₪", "฿", "₫", "₵", "₡")


@lru_cache(maxsize=1)
def currency_words() -> tuple[frozenset[str], frozenset[str]]:
    """(lower-cased currency names and their plurals, upper-case ISO 4217 codes)."""
    import pycountry

    names: set[str] = {"buck", "cent", "penny", "pence", "crore", "lakh"}
    codes: set[str] = set()
    for currency in pycountry.currencies:
        if currency.alpha_3.startswith("X"):  # gold, test codes, special drawing rights
            continue
        codes.add(currency.alpha_3)
        word = currency.name.split()[-1].lower()
        if word.isalpha() and word not in ("won", "real", "mark", "afghani", "gold"):
            names.update((word, word + "s"))
    return frozenset(names), frozenset(codes)


NOT_FIGURE_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"}
MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
}  # fmt: skip
PLACE_ENTS = {"GPE", "LOC", "FAC"}
FACILITY_WORDS = {
    "penitentiary", "prison", "jail", "airport", "port", "base", "camp", "hospital", "stadium",
    "university", "bridge", "crossing", "square", "barracks", "station", "border",
}  # fmt: skip
REGIONS = {"region", "province", "city", "town", "state", "district", "department", "county", "village"}
LOCATIVE = {
    "in", "on", "off", "at", "to", "into", "near", "from", "across", "along", "inside", "outside", "towards",
}  # fmt: skip


@lru_cache(maxsize=1)
def demonym_plurals() -> frozenset[str]:
    """Lower-cased plural demonyms ("syrians", "afghans", "chinese") from countryinfo."""
    import countryinfo

    names: set[str] = set()
    for country in countryinfo.all_countries():
        for demonym in re.split(r"[,/]", country.demonym() or ""):
            word = demonym.strip().lower()
            if not word:
                continue
            names.add(word if word.endswith(("ese", "ch", "sh", "ss", "swiss")) else word + "s")
            if word.endswith("ean"):  # "Ruritanean" / "Ruritanian"
                names.add(word[:-3] + "ians")
    return frozenset(names)


def parse_number(text: str) -> float | None:
    """'1,200' -> 1200, '5.4 million' -> 5400000, 'seven' -> 7, 'two hundred' -> 200; None otherwise."""
    words = text.lower().replace(",", "").replace("-", " ").split()
    if not words:
        return None
    total, current, seen = 0.0, 0.0, False
    for index, word in enumerate(words):
        if re.fullmatch(r"\d+(?:\.\d+)?", word):
            previous = words[index - 1] if index else ""
            if re.fullmatch(r"\d{1,3}", previous):
                # "1 200": a space between digit groups is a thousands separator;
                # any other run of numbers is not one number (it summed to 201).
                if not re.fullmatch(r"\d{3}", word):
                    return None
                current = current * 1000 + float(word)
            elif re.fullmatch(r"\d+(?:\.\d+)?", previous):
                return None  # "2019 300": two numbers side by side
            else:
                current += float(word)
        elif word == "and" and seen and index + 1 < len(words):
            continue  # "two hundred and fifty"
        elif word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
        elif word in SCALES:
            scale = SCALES[word]
            current = (current or 1) * scale
            if scale >= 1_000:
                total, current = total + current, 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def qualifier_of(before: str, after: str = "") -> str:
    """The qualifier written around a number: text before it in the sentence, and after it."""
    for pattern, qualifier in QUALIFIER_PATTERNS:
        if pattern.search(before):
            return qualifier
    for pattern, qualifier in QUALIFIERS_AFTER:
        if pattern.search(after):
            return qualifier
    return "exact"


def category_of(words: set[str]) -> str:
    """A category from loose words (lemmas or forms): an event word first, then a noun."""
    for category in EVENT_PRIORITY:
        if any(EVENT_CATEGORY.get(w) == category for w in words):
            return category
    for w in sorted(words):  # sorted: a set's order changes with the hash seed
        if w in MODIFIER_CATEGORY:
            return MODIFIER_CATEGORY[w]
    for w in sorted(words):
        if NOUN_CATEGORY.get(w, "other") != "other":
            return NOUN_CATEGORY[w]
    return "other"


# --- the number ---------------------------------------------------------------


def _is_number_word(token: Token) -> bool:
    return token.like_num or token.lower_ in SCALES or token.lower_ in VAGUE


# The string ids of SCALES and VAGUE words, as Doc.to_array gives a token's LOWER.
_SCALE_IDS = frozenset(get_string_id(word) for word in (*SCALES, *VAGUE))


def _number_word_indexes(table: TokenTable) -> list[int]:
    """The indexes of the tokens that are ``_is_number_word``, read from the Doc's arrays in one call."""
    doc = table.doc
    if not len(doc):
        return []
    array = doc.to_array([LIKE_NUM, LOWER])
    return [i for i, (like_num, lower) in enumerate(array.tolist()) if like_num or lower in _SCALE_IDS]


def _number_tokens(token: Token) -> list[Token]:
    """The tokens of the number headed by ``token``: the number words and scales right before it."""
    tokens = [token]
    while tokens[0].i > 0:
        previous = token.doc[tokens[0].i - 1]
        if not (previous.like_num or previous.lower_ in SCALES) or previous.ent_type_ != token.ent_type_:
            break
        tokens.insert(0, previous)
    return tokens


def _is_number_head(token: Token) -> bool:
    """A number not part of a larger number ("5.4" in "5.4 million" is not)."""
    if not _is_number_word(token):
        return False
    doc = token.doc
    if token.lower_ in VAGUE and token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "of":
        if doc[token.i + 2].lower_ in VAGUE:  # "tens" of "tens of thousands"
            return False
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return not (
        following is not None
        and (following.like_num or following.lower_ in SCALES)
        and following.ent_type_ == token.ent_type_
    )


def _range_role(first: Token, last: Token) -> str | None:
    """ "low" or "high" for a bound of "between 200 and 300", "50 to 60", "5-6"; None otherwise."""
    doc = first.doc
    if last.i + 2 < len(doc) and doc[last.i + 1].lower_ in RANGE_JOINS and _is_number_word(doc[last.i + 2]):
        if doc[last.i + 1].lower_ != "and" or first.i > 0 and doc[first.i - 1].lower_ == "between":
            return "low"
    if first.i >= 2 and doc[first.i - 1].lower_ in RANGE_JOINS and _is_number_word(doc[first.i - 2]):
        start = first.i - 2
        while start > 0 and _is_number_word(doc[start - 1]):
            start -= 1
        if doc[first.i - 1].lower_ != "and" or start > 0 and doc[start - 1].lower_ == "between":
            return "high"
    return None


def _not_a_count(token: Token, tokens: list[Token]) -> bool:
    """Years, dates, times, durations, distances, rates, percentages, money, ordinals, ids, list markers."""
    first, last = tokens[0], tokens[-1]
    if any(t.ent_type_ in NOT_FIGURE_ENTS for t in tokens):
        # The tagger sometimes stretches a QUANTITY over a count: "45 degrees as 300 workers".
        people = token.dep_ == "nummod" and _counted_lemma(token.head) is not None
        if not (people and token.ent_type_ == "QUANTITY" and token.head.lemma_.lower() not in NOT_COUNTED):
            return True
    text = token.text
    if re.search(r"[/:#@]", text) or token.like_url or token.like_email:
        return True
    if re.fullmatch(r"\d{5,}", text):  # ids and phone numbers: counts over 9,999 carry separators
        return True
    doc = token.doc
    before = doc[first.i - 1] if first.i > 0 else None
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if before is not None and (before.is_currency or before.text in ("#", "No.", "no.", "@")):
        return True
    if after is not None and (after.lower_ in NOT_COUNTED or after.lemma_.lower() in NOT_COUNTED):
        return True
    if _is_money(before, after):
        return True
    strong = last.i + 2 < len(doc) and doc[last.i + 2].lower_ == "strong"  # "a 5,000-strong force"
    if after is not None and after.text == "-" and not after.whitespace_ and not strong:
        return True  # "60-day", "1,500-km", "15-member council", "12-year-old": a modifier, not a count
    if before is not None and before.pos_ == "PROPN" and before.lower_ not in MONTHS and before.is_title:
        return True  # "Boeing 737", "Route 66", "Article 5": a name, not a count
    if before is not None and before.lower_ in ("every", "per"):
        return True  # "one officer for every 400 residents"
    if before is not None and after is not None and before.text in "([" and after.text in ")]":
        return True  # "(1)" list marker
    if (
        token.head.lower_ in MONTHS
        or token.head.lower_ == "per"
        or any(c.lower_ == "per" for c in token.children)
    ):
        return True
    if re.fullmatch(r"(?:1[89]|20)\d\d", text) and token.dep_ != "nummod":
        return True  # a year
    return False


def _is_money(before: Token | None, after: Token | None) -> bool:
    """ "US$ 40", "KES 500", "500 shillings", "3 million naira": an amount of money."""
    names, codes = currency_words()
    if before is not None and (before.text.endswith(CURRENCY_SYMBOLS) or before.text in codes):
        return True
    return after is not None and (
        after.lower_ in names or after.lemma_.lower() in names or after.text in codes
    )


# --- what is counted ------------------------------------------------------------


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _counted_lemma(token: Token) -> str | None:
    """The category key of a noun that counts people or units, or None."""
    lemma, lower = _lemma(token), token.lower_
    if lower in NOUN_CATEGORY:
        return lower
    if lemma in NOUN_CATEGORY:
        return lemma
    if lower in demonym_plurals() or (
        token.ent_type_ == "NORP"
        and (lower.endswith("s") or token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"))
    ):
        return "demonym"
    # Agent nouns the list misses: "activists", "technicians", "trainees", "protesters", "inspectors".
    if token.tag_ == "NNS" and len(lemma) >= 5 and lemma not in NOT_PEOPLE and _is_agent_noun(lemma):
        return "other"
    return None


@lru_cache(maxsize=4096)
def _is_agent_noun(lemma: str) -> bool:
    """Whether a noun names who does something: "-ist", "-ian", "-ee", or "-er"/"-or"/"-ant"/"-ent" on a verb.

    "protester" (protest), "rescuer" (rescue), "occupant" (occupy), "resident" (reside); a word that is
    a verb itself ("orders", "borders", "matters") or a "-ment" noun is not one.
    """
    if lemma.endswith(("ist", "ian", "ee")):
        return True
    if lemma.endswith("ment"):
        return False
    verbs = _verb_lemmas()
    if lemma in verbs:
        return False
    if lemma.endswith(("er", "or")):
        stem = lemma[:-2]  # "protest-er", "rescu-er" (rescue), "shopp-er" (shop), "surviv-or" (survive)
        doubled = stem[:-1] if stem[-1:] == stem[-2:-1] else stem
        return any(v in verbs for v in (stem, stem + "e", doubled))
    if lemma.endswith(("ant", "ent")):
        stem = lemma[:-3]
        return any(v in verbs for v in (stem, stem + "e", stem + "ate", stem + "y"))
    return False


@lru_cache(maxsize=1)
def _verb_lemmas() -> frozenset[str]:
    """English verb lemmas from the spaCy lemmatizer's tables (empty when the model has none)."""
    from builder.extract.nlp import load_pipeline

    try:
        table = load_pipeline().get_pipe("lemmatizer").lookups.get_table("lemma_index")
        return frozenset(table["verb"])
    except (KeyError, ValueError, RuntimeError):  # no such table, or no model installed
        return frozenset()


def _noun_phrase(noun: Token, after: int = -1) -> str:
    """The counted noun with its modifiers (not the number, not determiners)."""
    left = [
        t
        for t in noun.subtree
        if after < t.i < noun.i
        and t.dep_ in ("compound", "amod", "nmod", "npadvmod", "punct", "nummod", "poss", "case")
        and not _is_number_word(t)
    ]
    # Keep only the contiguous run before the noun.
    tokens: list[Token] = []
    for t in sorted(left, key=lambda t: t.i, reverse=True):
        if tokens and t.i != tokens[-1].i - 1 or not tokens and t.i != noun.i - 1:
            break
        tokens.append(t)
    words = [t.text for t in reversed(tokens)] + [noun.text]
    if _lemma(noun) in GENERIC_HEADS:
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                words += [t.text for t in prep.subtree]
    return " ".join(w for w in words if w not in ("-",)).strip()


def _is_rate(noun: Token) -> bool:
    """ "25 deaths per 100,000 inhabitants", "a rate of 25 deaths": a ratio, not a count."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "per":
            return True
        # "one officer for every 400 residents"
        if prep.dep_ == "prep" and any(
            d.lower_ in ("every", "each") for p in prep.children for d in p.children
        ):
            return True
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ in ("per", "every"):
        return True
    return noun.dep_ == "pobj" and head.lower_ == "of" and _lemma(head.head) in RATE_NOUNS


def _partitive(token: Token) -> Token | None:
    """The pobj of "N of X" when X counts people ("hundreds of migrants", "two of the guards")."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    if pobj.lower_ in VAGUE:  # "tens of thousands of X"
                        return _partitive(pobj)
                    if _counted_lemma(pobj):
                        return pobj
    return None


def _count_subject(verb: Token) -> Token | None:
    """X in "the number of X has been increased to N" (or the count noun itself: "the death toll")."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj") and _lemma(child) in COUNT_NOUNS:
            of = _partitive(child)
            return of or child
        # "the police contingent was raised to 1,200": a group counted by its size
        if child.dep_ in ("nsubj", "nsubjpass") and _lemma(child) in GROUP_HEADS - {"member", "group"}:
            return child
    return None


def _blocking_subject(verb: Token) -> bool:
    """Whether "X rose to N" has a subject that is a thing, not people ("prices rose to 400")."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ == "NOUN" and not _counted_lemma(child):
            return _lemma(child) not in COUNT_NOUNS
    return False


def _last_counted_noun(tokens: list[Token] | SpacySpan, before: int) -> Token | None:
    """The last noun counting people in ``tokens`` before index ``before``, outside names."""
    found = None
    for t in tokens:
        if t.i >= before:
            break
        if t.dep_ == "nsubj" and _lemma(t.head) in REPORTING_VERBS:
            continue  # "Police said 300 entered": the speaker is not what is counted
        if t.pos_ in ("NOUN", "PROPN") and t.ent_type_ not in ("ORG", "LAW", "WORK_OF_ART", "GPE", "FAC"):
            key = _counted_lemma(t)
            if key and NOUN_CATEGORY.get(key, "") != "other" or key in ("demonym", "people", "person"):
                found = t
    return found


# --- category -------------------------------------------------------------------


def _event_words(anchor: Token) -> list[str]:
    """Predicates that say what happened to the counted (``anchor`` is the noun or the number)."""
    node = anchor
    while node.dep_ == "conj" and node.head != node and node.head.pos_ in ("NOUN", "PROPN", "NUM"):
        node = node.head
    # "a total of 350 migrants were deported": the predicate governs the count noun.
    if node.dep_ == "pobj" and node.head.lower_ == "of" and _lemma(node.head.head) in COUNT_NOUNS:
        node = node.head.head
    words: list[str] = []
    # Modifiers of the counted: "injured people", "displaced families", "people who were killed".
    for child in list(anchor.children) + ([] if node == anchor else list(node.children)):
        if child.dep_ in ("amod", "relcl", "acl") and _lemma(child) in EVENT_CATEGORY:
            if child.dep_ == "relcl" and not _affects(child, subject=True):
                continue
            words.append(_lemma(child))
    # "broke out of jail"
    for verb in (anchor.head, *anchor.head.conjuncts):
        if _lemma(verb) == "break" and any(c.lower_ == "out" for c in verb.children):
            words.append("escape")
    # "violence claimed 2,500 lives", "the war cost 300 lives"
    if _lemma(anchor) == "life" and _lemma(anchor.head) in ("claim", "take", "lose", "cost"):
        words.append("death")
    # "seven injured": a participle right after the number.
    following = anchor.doc[anchor.i + 1] if anchor.i + 1 < len(anchor.doc) else None
    if anchor.pos_ == "NUM" and following is not None and following.lower_ in EVENT_CATEGORY:
        words.append(following.lower_)
    head = node.head
    if node.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("of", "among"):
        noun = head.head  # "the detention of 500 immigrants", "among the dead"
        if _lemma(noun) in EVENT_CATEGORY or noun.lower_ in EVENT_CATEGORY:
            words.append(_lemma(noun) if _lemma(noun) in EVENT_CATEGORY else noun.lower_)
    if node.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and head.pos_ in ("VERB", "AUX", "ADJ"):
        verbs = [head] + [c for c in head.children if c.dep_ == "conj" and c.pos_ == "VERB"]
        for verb in verbs:
            if _lemma(verb) in EVENT_CATEGORY and (
                verb == head and _affects(verb, node.dep_ in ("nsubj", "nsubjpass"))
            ):
                words.append(_lemma(verb))
        # "were found dead", "left seven injured"
        for child in head.children:
            if child.dep_ in ("acomp", "oprd", "advcl", "xcomp") and child.lower_ in EVENT_CATEGORY:
                words.append(child.lower_)
        # "remained under evacuation orders", "were taken into custody", "are in detention"
        if node.dep_ in ("nsubj", "nsubjpass", "dobj"):
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ in STATE_PREPOSITIONS:
                    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                        state = [pobj, *(c for c in pobj.children if c.dep_ in ("compound", "amod"))]
                        words += [_lemma(t) for t in state if _lemma(t) in EVENT_CATEGORY]
    return words


def _affects(verb: Token, subject: bool) -> bool:
    """Whether an event verb befalls its subject (intransitive or passive) rather than its object."""
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    if not subject:
        return not passive  # "were displaced up to 30 steps": the object of a passive is no patient
    if _lemma(verb) in INTRANSITIVE or verb.lower_ in ("dead",):
        return True
    return (
        passive
        or verb.tag_ == "VBN"
        and not any(c.dep_ == "aux" and c.lower_ in ("has", "have", "had") for c in verb.children)
    )


def _migration_context(token: Token) -> bool:
    """Whether the sentence of ``token`` speaks of people moving across borders."""
    return any(
        t.lower_ in MIGRATION_CUES or t.pos_ == "VERB" and _lemma(t) in MIGRATION_VERBS | {"flee"}
        for t in token.sent
    )


def _force_of_word(word: str) -> str | None:
    """The force a word names ("police", "army", "soldier", "gendarmerie"), or None."""
    category = MODIFIER_CATEGORY.get(word) or NOUN_CATEGORY.get(word)
    return category if category in FORCES else None


def _forces_around(noun: Token) -> str:
    """The force named nearest ``noun`` in its sentence ("police officers ... 50 task force members")."""
    found = [
        (abs(t.i - noun.i), t.i, category)
        for t in noun.sent
        if t.i != noun.i and t.pos_ in ("NOUN", "PROPN", "ADJ") and (category := _names_a_force(t))
    ]
    return min(found)[2] if found else "other"


def _names_a_force(token: Token) -> str | None:
    """The force a word of the sentence names: a force noun ("police", "troops"), or a modifier of
    people ("army engineers"); "border", "prison" or "security" alone are places and concepts."""
    lemma = _lemma(token)
    category = NOUN_CATEGORY.get(lemma)
    if category in FORCES and lemma != "security":
        return category
    if token.dep_ in ("compound", "amod") and lemma in MODIFIER_CATEGORY and _counted_lemma(token.head):
        return MODIFIER_CATEGORY[lemma]
    return None


def _categorise(noun: Token | None, counted_key: str | None, anchor: Token, noun_words: set[str]) -> str:
    # "the death toll": an event noun among the counted noun's modifiers.
    events = _event_words(anchor) + sorted(w for w in noun_words if w in EVENT_CATEGORY)
    noun_category = category_of({w for w in noun_words if w in MODIFIER_CATEGORY})
    if noun_category == "other" and counted_key and counted_key != "demonym":
        noun_category = NOUN_CATEGORY.get(counted_key, "other")
    if (
        noun_category == "other"
        and noun is not None
        and ({_lemma(noun)} | noun_words)
        & GROUP_HEADS
        - {
            "member",
            "group",
        }
    ):
        noun_category = _forces_around(noun)  # "a task force", "the contingent": the forces named around
    event_category = category_of(set(events)) if events else "other"
    if counted_key in UNITS:
        return "other"  # seized rifles, destroyed crossings: no people category
    if noun_category in FORCES:
        return event_category if event_category in FORCE_EVENTS else noun_category
    if event_category != "other":
        if noun_category == "prisoners" and event_category in ("displaced", "migrants"):
            return noun_category
        return event_category
    if noun_category != "other":
        return noun_category
    probe = noun if noun is not None else anchor
    if counted_key in ("demonym", "people", "person", "national", "foreigner", "family") and (
        _migration_context(probe) or _migration_context(anchor)
    ):
        return "migrants"
    return "other"


# --- date and place ---------------------------------------------------------------


def _date_near(times: list[TimeExpression], sentence: SpacySpan, offset: int) -> str | None:
    """The date written in the sentence nearest the number (a "since ..." start date is not the count's)."""
    # The sentence's own text: Doc.text joins the whole document on every call,
    # which made long articles quadratic.
    text, base = token_table(sentence.doc).span_text(sentence), sentence.start_char
    inside = [
        t
        for t in times
        if t.kind == "date"
        and t.value
        and re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", t.value)  # a day, month or year; not a week
        and sentence.start_char <= t.span.start < sentence.end_char
        and not re.search(
            r"\b(?:since|from|until|till)\s*$",
            text[max(0, t.span.start - base - 8) : t.span.start - base],
            re.I,
        )
        and not t.span.text.lower().startswith(("since", "from", "until"))
    ]
    if not inside:
        return None
    return min(inside, key=lambda t: abs(t.span.start - offset)).value


def _clause_of(token: Token) -> Token:
    """The verb heading the clause of ``token`` (the root when there is none)."""
    node = token
    while node.pos_ not in ("VERB", "AUX") and node.head != node:
        node = node.head
    return node


def _in_locative_of(token: Token, clause: Token) -> bool:
    """Whether ``token`` is in a place phrase of ``clause`` ("In a raid on the X prison, six were hurt")."""
    return any(a.dep_ == "prep" and a.lower_ in LOCATIVE and a.head == clause for a in token.ancestors)


def _entities_in(sentence: SpacySpan) -> list[SpacySpan]:
    """The named entities inside ``sentence``, like ``Span.ents`` but read from its own tokens.

    ``Span.ents`` scans every entity of the document, once per number: quadratic
    on a long article.
    """
    doc, entities, i = sentence.doc, [], sentence.start
    table = token_table(doc)
    iob = table.ent_iob
    while i < sentence.end:
        if iob[i] != "B":
            i += 1
            continue
        end = i + 1
        while end < len(doc) and iob[end] == "I":
            end += 1
        if end <= sentence.end:  # an entity running past the sentence is not inside it
            entities.append(SpacySpan(doc, i, end, label=table.ent_type[i]))
        i = end
    return entities


@dataclass(frozen=True)
class _PlaceName:
    """A place name of a sentence, with what does not depend on the number it is weighed against."""

    start: int  # first token
    end: int  # one past the last token
    root: int  # the token that heads it
    clause: int  # the verb heading its clause
    governed: bool  # the object of a place preposition, or "the province of X"
    tagged: bool  # a named entity (else a name the tagger missed, after "in"/"to")
    text: str


def _place_names(sentence: SpacySpan) -> list[_PlaceName]:
    """The place names of a sentence: computed once per sentence, not once per number in it."""
    names = []
    doc, pos = sentence.doc, token_table(sentence.doc).pos
    # Names the tagger missed: "sent to Brastow", "in the province of Harlow".
    for i in range(sentence.start, sentence.end):
        if pos[i] != "PROPN":
            continue
        token = doc[i]
        if token.dep_ == "pobj" and (
            not token.ent_type_
            and token.head.lower_ in LOCATIVE
            or token.head.lower_ == "of"
            and _lemma(token.head.head) in REGIONS
            and token.ent_type_ not in ("DATE", "NORP", "CARDINAL")
        ):
            start = min(t.i for t in token.subtree if t.dep_ == "compound" or t == token)
            text = token.doc[start : token.i + 1].text
            names.append(_PlaceName(start, token.i + 1, token.i, _clause_of(token).i, True, False, text))
    for ent in _entities_in(sentence):
        place_like = ent.label_ in PLACE_ENTS or (ent.label_ == "ORG" and ent[-1].lower_ in FACILITY_WORDS)
        if not place_like:
            continue
        head = ent.root.head
        governed = ent.root.dep_ == "pobj" and head.lower_ in LOCATIVE
        if ent.root.dep_ == "pobj" and head.lower_ == "of" and _lemma(head.head) in REGIONS:
            governed = True
        clause = _clause_of(ent.root).i
        names.append(_PlaceName(ent.start, ent.end, ent.root.i, clause, governed, True, ent.text))
    return names


def _place_near(sentence: SpacySpan, anchor: Token, names: list[_PlaceName] | None = None) -> str | None:
    """The place nearest the number: a place entity, a named facility, or a name after "in"/"to"."""
    if names is None:
        names = _place_names(sentence)
    if not names:
        return None
    candidates = []
    clause = _clause_of(anchor)
    subtree: set[int] | None = None
    for name in names:
        if not name.tagged:
            same_clause = name.clause == clause.i
            candidates.append((abs(name.root - anchor.i) - 8 - (4 if same_clause else 0), name.start, name))
            continue
        distance = min(abs(name.start - anchor.i), abs(name.end - 1 - anchor.i))
        if subtree is None:
            subtree = {t.i for t in anchor.subtree}
        own_phrase = name.root in subtree  # "hundreds of migrants entering X"
        root = anchor.doc[name.root]
        same_clause = name.clause == clause.i or _in_locative_of(root, clause) or own_phrase
        # A name far from any place phrase of the number's clause is a poor guess ("violence plaguing X").
        governed = name.governed
        bonus = (8 if governed else 0) + (4 if same_clause else 0) - (0 if governed or same_clause else 10)
        candidates.append((distance - bonus, name.start, name))
    best = min(candidates, key=lambda c: (c[0], c[1]))[2]
    return re.sub(r"^the\s+", "", best.text, flags=re.I)


# --- the stage ----------------------------------------------------------------------


def extract_figures(
    document: Document,
    doc: Doc,
    skip: set[int] | None = None,
    times: list[TimeExpression] | None = None,
) -> list[FigureCandidate]:
    """Counts of people or units in ``doc``, each with its sentence as source.

    ``times``: every time expression of the article (``tag_times``), when the caller has them already.
    """
    skip = skip or set()
    dated = StartIndex(tag_times(document, doc) if times is None else times)
    figures: list[FigureCandidate] = []
    used: set[int] = set()
    last_counted: dict[int, Token] = {}  # sentence start -> last counted noun in it
    previous_sentence: dict[int, SpacySpan] = {}
    sentences = list(doc.sents)
    for earlier, later in zip(sentences, sentences[1:], strict=False):
        previous_sentence[later.start] = earlier
    # Sentences, place names and time expressions are found once per article and looked up by offset.
    sentence_starts = [sentence.start for sentence in sentences]
    place_names: dict[int, list[_PlaceName]] = {}
    for i in _number_word_indexes(token_table(doc)):
        token = doc[i]
        if i in used or not _is_number_head(token):
            continue
        if document.paragraph_at(token.idx).index in skip:
            continue
        number_tokens = _number_tokens(token)
        used.update(t.i for t in number_tokens)
        if _not_a_count(token, number_tokens):
            continue
        sentence = sentences[bisect_right(sentence_starts, token.i) - 1]
        in_sentence = dated.starting_in(sentence.start_char, sentence.end_char)  # only these date the count
        if sentence.start not in place_names:
            place_names[sentence.start] = _place_names(sentence)
        found = _figure(
            document,
            token,
            number_tokens,
            in_sentence,
            last_counted,
            previous_sentence,
            place_names[sentence.start],
        )
        if found is None:
            continue
        total = figures[-1] if figures and figures[-1].source == found.source else None
        if found.part_of_total and total is not None:
            # "12 people were killed, including five children": the children were killed too.
            inherit = found.category not in EVENT_PRIORITY and total.category in EVENT_PRIORITY
            if inherit or found.category == "other":
                found = replace(found, category=total.category)
        elif found.part_of_total:
            found = replace(found, part_of_total=False)
        figures.append(found)
    return figures


def _is_part(token: Token) -> bool:
    """Whether a counted noun is a part of a total said before it ("including", "among them", apposition)."""
    if token.dep_ == "pobj" and token.head.lower_ in ("including", "among"):
        return True
    # "30 of them minors", "five of whom were children"
    if any(t.lower_ == "of" and any(p.lower_ in ("them", "whom") for p in t.children) for t in token.subtree):
        return True
    if token.dep_ == "appos" and token.head.pos_ in ("NOUN", "PROPN") and _counted_lemma(token.head):
        return True
    return any(
        child.dep_ == "prep"
        and child.lower_ == "among"
        and any(p.lower_ in ("them", "whom") for p in child.children)
        for child in token.children
    )


def _figure(
    document: Document,
    token: Token,
    number_tokens: list[Token],
    times: list[TimeExpression],
    last_counted: dict[int, Token],
    previous_sentence: dict[int, SpacySpan],
    place_names: list[_PlaceName] | None = None,
) -> FigureCandidate | None:
    table = token_table(token.doc)
    sentence = table.sentence_of(token.i)
    vague, value = _value(token, number_tokens)
    if value is None or value <= 0:
        return None

    noun, counted, key, anchor = _counted(token, sentence, last_counted, previous_sentence)
    if counted is None:
        return None
    same_sentence = noun is not None and table.sentence_index[noun.i] == table.sentence_index[token.i]
    if noun is not None and same_sentence and _counted_lemma(noun) not in UNITS:
        last_counted[sentence.start] = noun  # a bare number later stands for people, not for "14 homes"
    noun_words = set()
    if noun is not None:
        noun_words = {_lemma(t) for t in noun.subtree if t.i < noun.i and t.dep_ in ("compound", "amod")}
        noun_words |= {_lemma(t) for t in noun.children if t.dep_ in ("compound", "amod")}
        if _lemma(noun) in GENERIC_HEADS:  # "members of the armed forces"
            for prep in noun.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    of_words = {_lemma(t) for t in prep.subtree}
                    # "officers of the Public Security Police": the phrase's head names the force.
                    heads = [_lemma(p) for p in prep.children if p.dep_ == "pobj"]
                    own = [w for w in heads if _force_of_word(w)]
                    noun_words |= set(own) if own else of_words
    category = _categorise(noun, key, anchor, noun_words)

    start, end = number_tokens[0].idx, number_tokens[-1].idx + len(number_tokens[-1])
    before = document.text[sentence.start_char : start]
    after = document.text[end : min(end + 12, sentence.end_char)]
    bound = _range_role(number_tokens[0], number_tokens[-1])
    if vague:
        qualifier = "more_than"
    elif bound is not None:
        qualifier = "at_least" if bound == "low" else "at_most"
    else:
        qualifier = qualifier_of(before, after)
    return FigureCandidate(
        value=value,
        qualifier=qualifier,  # type: ignore[arg-type]
        category=category,
        counted=counted,
        date=_date_near(times, sentence, start) or document.date,
        place=_place_near(sentence, token, place_names),
        source=Span(document.id, sentence.start_char, sentence.end_char, table.span_text(sentence)),
        vague=vague,
        part_of_total=_is_part(anchor),
    )


def _value(token: Token, number_tokens: list[Token]) -> tuple[bool, float | None]:
    """(vague, value) of a number: "hundreds" and "several thousand" are vague, their value the scale."""
    doc = token.doc
    if token.lower_ in VAGUE:
        value = VAGUE[token.lower_]
        if token.i >= 2 and doc[token.i - 1].lower_ == "of" and doc[token.i - 2].lower_ in VAGUE:
            value *= VAGUE[doc[token.i - 2].lower_]  # "tens of thousands"
        return True, value
    previous = doc[token.i - 1] if token.i > 0 else None
    if number_tokens == [token] and token.lower_ in SCALES and previous is not None:
        if previous.lower_ in VAGUE_BEFORE:  # "several hundred", "a few thousand"
            return True, SCALES[token.lower_]
    return False, parse_number(" ".join(t.text for t in number_tokens))


def _counted(
    token: Token,
    sentence: SpacySpan,
    last_counted: dict[int, Token],
    previous_sentence: dict[int, SpacySpan],
) -> tuple[Token | None, str | None, str | None, Token]:
    """(counted noun, counted text, category key, anchor for the predicate) of a number, or Nones."""
    head = token.head
    # "between 200 and 300 soldiers", "50 to 60 people": the low bound shares the high bound's noun
    if head != token and _is_number_word(head) and token.dep_ in ("quantmod", "conj", "compound", "nummod"):
        return _counted(head, sentence, last_counted, previous_sentence)
    # "a 5,000-strong force of soldiers", "a 300-strong police contingent"
    if head.lower_ == "strong" and head.head.pos_ in ("NOUN", "PROPN"):
        noun = _partitive(head.head) or head.head
        return noun, _noun_phrase(noun, after=head.i), _counted_lemma(noun) or "other", noun
    # "three others were hurt", "they found 6 more": the noun said before
    if token.dep_ in ("nummod", "quantmod", "compound", "amod") and head.lower_ in ("others", "more"):
        noun, counted, key, _ = _elided(token, sentence, last_counted, previous_sentence)
        return noun, counted, key, head
    # "1,200 military personnel", "six police officers"
    if token.dep_ in ("nummod", "quantmod", "compound", "amod") and head.pos_ in ("NOUN", "PROPN"):
        if head.lower_ in MONTHS or _lemma(head) in NOT_COUNTED or head.lower_ in NOT_COUNTED:
            return None, None, None, token
        if _lemma(head) in COUNT_NOUNS:
            return None, None, None, token
        if head.lower_ in ("others", "more"):  # "three others were hurt": the noun said before
            noun, counted, key, _ = _elided(token, sentence, last_counted, previous_sentence)
            return noun, counted, key, head
        if head.dep_ == "poss":
            return None, None, None, token  # "3 contractors' firms": the firms are counted, not named
        key = _counted_lemma(head)
        if key is None and category_of(set(_event_words(head))) in UNKNOWN_NOUN_EVENTS:
            key = "other"  # "10,000 Rohingya have fled", "30 cattle were killed": the event says it counts
        if key is None or _is_rate(head):
            return None, None, None, token
        return head, _noun_phrase(head, after=token.i), key, head
    # "a task force of 50", "a contingent of 300": the group counted by its size
    if token.dep_ == "pobj" and head.lower_ == "of" and _lemma(head.head) in GROUP_HEADS - {"member"}:
        group = head.head
        return group, re.sub(r"\s+of\b.*$", "", _noun_phrase(group)), _lemma(group), group
    # "hundreds of migrants", "two of the guards"
    partitive = _partitive(token)
    if partitive is not None and token.lower_ != "one" and not _is_rate(partitive):
        return partitive, _noun_phrase(partitive), _counted_lemma(partitive), token
    # "at least seven injured", "12 dead"
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if (
        following is not None
        and following.lower_ in EVENT_CATEGORY
        and following.pos_ in ("VERB", "ADJ", "NOUN")
    ):
        said_before = last_counted.get(sentence.start)  # "12 people were killed and 40 injured"
        if said_before is not None:
            return said_before, _noun_phrase(said_before), _counted_lemma(said_before), token
        return None, following.text, None, token
    if token.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj", "ROOT"):
        return None, None, None, token
    # "the number of police officers has been increased to 400"
    if (
        token.dep_ == "pobj"
        and head.lower_ == "to"
        and (_lemma(head.head) in CHANGE_TO or head.head.lower_ in HOST_NOUNS)
    ):
        verb = head.head
        subject = _count_subject(verb)
        if subject is not None:
            if _lemma(subject) in COUNT_NOUNS:
                return subject, _noun_phrase(subject), None, subject
            return subject, _noun_phrase(subject), _counted_lemma(subject), subject
        if _blocking_subject(verb):
            return None, None, None, token
        return _elided(token, sentence, last_counted, previous_sentence)
    # "about six were injured", "the 5.4 million that have left the country", "another 4,000 crossed"
    moved = token.dep_ == "nsubj" and _lemma(head) in MIGRATION_VERBS
    # "they found 14 more", "another 30 were rescued": more of the noun said before
    more = any(c.lower_ in ("more", "others") and c.dep_ in ("amod", "advmod") for c in token.children)
    if (
        moved
        or more
        or _event_words(token)
        or any(c.dep_ in ("relcl", "acl") and _lemma(c) in MIGRATION_VERBS for c in token.children)
    ):
        return _elided(token, sentence, last_counted, previous_sentence)
    return None, None, None, token


def _elided(
    token: Token,
    sentence: SpacySpan,
    last_counted: dict[int, Token],
    previous_sentence: dict[int, SpacySpan],
) -> tuple[Token | None, str | None, str | None, Token]:
    """A number standing for a noun said before: the sentence's last counted noun, or the previous one's."""
    noun = last_counted.get(sentence.start) or _last_counted_noun(sentence, token.i)
    if noun is None and sentence.start in previous_sentence:
        earlier = previous_sentence[sentence.start]
        noun = _last_counted_noun(earlier, earlier.end)
    if noun is None or token.lower_ == "one":
        return None, None, None, token
    if token.dep_ == "dobj" and noun.dep_ == "nsubj":
        return None, None, None, token  # "60 police raided homes, arresting 9": the agents are not the 9
    return noun, _noun_phrase(noun), _counted_lemma(noun), token
