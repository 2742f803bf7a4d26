"""The words figures are read by: number words, qualifiers, what is counted, what befell it, places.

Data, not code. Unless a comment names another source, a list is hand-made for English news
reports and grew with the sentences of tests/test_figures.py; the number words and month names
are shared with the time tagger (``builder.values``). Three lists are read from packages, once:
currency names and codes (pycountry's ISO 4217), demonyms (countryinfo) and verb lemmas (the spaCy
model's lemmatizer tables).
"""

from __future__ import annotations

import re
from functools import lru_cache

from builder.model import FigureCategory, Qualifier

# --- numbers and their qualifiers ---------------------------------------------------

SCALES = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# "hundreds", "dozens": kept vague; the value is the scale and the qualifier "more_than".
VAGUE = {"dozens": 12, "scores": 20, "tens": 10, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000}
RANGE_JOINS = {"to", "and", "or", "-", "–"}  # "or": "four or five people", a guess between two
VAGUE_BEFORE = {"several", "few", "many", "some"}

# (regex alternatives, qualifier): the words right before a number ("at least 12") ...
QUALIFIERS_BEFORE: list[tuple[str, Qualifier]] = [
    (r"at least|no fewer than|no less than|a minimum of|not less than", "at_least"),
    (r"more than|more then|over|above|upwards of|in excess of|greater than", "more_than"),  # "then": a typo
    (
        r"about|around|some|approximately|roughly|nearly|almost|close to|an estimated|estimated"
        r"|approx\.?|circa|about some|some \w+ estimated",
        "about",
    ),
    (r"up to|at most|no more than|a maximum of|as many as|not more than", "at_most"),
    (r"fewer than|less than|under|below", "less_than"),
]
# ... and right after it ("12 or more").
QUALIFIERS_AFTER: list[tuple[str, Qualifier]] = [
    (r"or more|and more|\+|-plus|or over", "at_least"),
    (r"or so|odd", "about"),
    (r"or fewer|or less", "at_most"),
]

# --- what is counted ----------------------------------------------------------------

# What a counted noun is, by lemma. Force nouns decide the category on their own;
# the rest ("other") count people or units whose category comes from the predicate.
UNITS = set(
    "vehicle car truck lorry bus van minibus motorcycle ambulance tank helicopter aircraft plane jet"
    " warplane drone boat ship vessel ferry canoe raft crossing checkpoint weapon firearm rifle gun pistol"
    " grenade explosive missile rocket shelter home house dwelling building school tent hut shop store"
    " church mosque temple clinic warehouse container".split()
)
NOUN_CATEGORY: dict[str, FigureCategory] = {
    **dict.fromkeys(
        "police policeman policemen policewoman officer cop agent gendarme constable patrolman"
        " trooper detective".split(),
        "police",
    ),
    **dict.fromkeys(
        "soldier troop marine sailor airman paratrooper commando reservist conscript"
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
    # "personnel" alone is anyone's staff: its force comes from a modifier or the forces named around it.
    "personnel": "other",
}
# Modifiers that make a force of a generic head: "military officer", "prison guards".
MODIFIER_CATEGORY: dict[str, FigureCategory] = {
    **dict.fromkeys("police policing gendarmerie".split(), "police"),
    **dict.fromkeys("military army naval navy armed marine troop peacekeeping".split(), "military"),
    **dict.fromkeys("security prison penitentiary border".split(), "security"),
}
# Nouns with an agent ending ("-ee", "-or", "-ist") that name no one.
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
# Heads that say little alone: their "of" phrase tells who they are ("members of the armed forces").
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

# "a 62-member rescue team", "a 12-man crew", "a 30-person delegation": a group sized by its members
# (the group heads above, and these; not "a 15-member council", an institution).
MEMBER_WORDS = {"member", "man", "person", "strong"}
GROUP_NOUNS = {"delegation", "crew", "mission", "party", "brigade", "battalion", "company", "platoon"}

# Verbs whose subject speaks of the counted and is not it: "Police said 300 entered".
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
# "a rate of 25 deaths": a ratio, not a count.
RATE_NOUNS = {"rate", "ratio", "percentage", "proportion", "share", "average"}
# Counting nouns: "the number of police officers has been increased to 400".
COUNT_NOUNS = {"number", "total", "count", "toll", "figure", "tally", "strength", "headcount", "workforce"}
CHANGE_TO = {
    "increase", "rise", "raise", "grow", "climb", "jump", "reach", "bring", "boost", "double",
    "triple", "reduce", "cut", "fall", "drop", "decline", "swell", "lower", "surge", "soar",
    "expand", "shrink", "trim",
}  # fmt: skip
# Verbs whose object is a count's new level: "the death toll reached 45", "the number injured topped
# 2,200", "the victims numbered 213"; the qualifier some of them give (``VERB_QUALIFIERS``).
REACH_VERBS = {"reach", "top", "exceed", "surpass", "pass", "hit", "near", "approach", "number", "total"}
VERB_QUALIFIERS: dict[str, Qualifier] = {
    "top": "more_than", "exceed": "more_than", "surpass": "more_than", "pass": "more_than",
    "near": "about", "approach": "about",
}  # fmt: skip
# "the camp is home to 40,000 refugees", "the town plays host to 3,000 pilgrims"
HOST_NOUNS = {"home", "host"}

# --- what befell the counted ----------------------------------------------------------

# What happened to the counted: predicates (verbs, nouns, adjectives) by lemma.
EVENT_CATEGORY: dict[str, FigureCategory] = {
    **dict.fromkeys(
        "kill die murder slay execute massacre behead dead death killing fatality"
        " assassinate perish drown".split(),
        "killed",
    ),
    **dict.fromkeys(
        "injure wound hurt injured wounded injury maim hospitalize hospitalise hospitalized"
        " hospitalised".split(),
        "injured",
    ),
    **dict.fromkeys(
        "detain arrest capture apprehend detention arrested detained imprison jail kidnap abduct"
        " custody captivity".split(),
        "detained",
    ),
    # phrasal verbs, lemma and particle ("were rounded up", "handed over to the police")
    **dict.fromkeys(("round up", "lock up", "hand over"), "detained"),
    **dict.fromkeys(
        "deport expel deportation expulsion repatriate repatriation deported extradite extradition".split(),
        "deported",
    ),
    **dict.fromkeys("escape escaped escapee breakout".split(), "prisoners"),
    **dict.fromkeys(
        "displace displaced evacuate evacuation displacement flee uproot homeless".split(), "displaced"
    ),
    **dict.fromkeys("migrate emigrate immigrate migration emigration".split(), "migrants"),
}
# Prepositions the parser hangs a qualified object on: "wounded over 5,000", "evacuated about 300".
QUALIFYING_PREPOSITIONS = {"over", "about", "around", "under", "above", "below", "nearly", "almost"}
# The states a counted noun can be in by a preposition of its own ("people in custody").
STATE_EVENTS = {"custody", "detention", "captivity", "jail", "prison"}
# Verbs that say a force's members are in court or out of service, not deployed ("four soldiers
# were prosecuted", "200 officers resigned"): the count is "other".
NOT_DEPLOYED = {
    "prosecute", "charge", "indict", "convict", "sentence", "try", "acquit", "accuse", "suspect", "fire",
    "dismiss", "suspend", "sack", "discipline", "investigate", "question", "interview", "testify",
    "resign", "retire", "desert", "defect", "strike", "protest", "vote", "sue", "compensate", "promote",
    "honour", "honor", "award", "decorate", "punish", "pardon", "free", "release",
}  # fmt: skip
# Heads that are an office as often as a force ("police officers", "executive officers"), and the
# modifiers that make them a civil office ("chief executive officer", "travel agents").
OFFICE_HEADS = {"officer", "agent"}
CIVIL_OFFICES = {
    "executive", "chief", "financial", "operating", "technology", "technical", "information", "loan",
    "election", "electoral", "press", "compliance", "medical", "health", "liaison", "program",
    "programme", "project", "communication", "communications", "marketing", "investment", "credit",
    "trust", "welfare", "safety", "returning", "presiding", "polling", "tax", "revenue", "parole",
    "probation", "travel", "estate", "free", "insurance", "shipping", "talent", "literary", "sales",
    "procurement", "protocol", "research", "development", "education", "environmental", "planning",
    "intelligence",
}  # fmt: skip
# The category key of a noun no list knows, written in lower case, that an event says is counted
# ("30 cattle were killed"): a count of things or animals, never of people.
NOT_PERSON = "not a person"
# "under evacuation orders", "into custody", "in detention": a state the subject is put in.
STATE_PREPOSITIONS = {"under", "into", "in"}
# Verbs whose subject is the one affected (the rest apply to objects and passive subjects).
INTRANSITIVE = {"die", "perish", "drown", "escape", "flee", "migrate", "emigrate", "immigrate", "dead"}
# Movement verbs that make migrants of people and demonyms ("have left the country").
MIGRATION_VERBS = {"cross", "enter", "leave", "arrive", "migrate", "emigrate", "immigrate", "reach"}
# Movement verbs that say migration only beside a migration word ("the 5.4 million migrants that have left").
WEAK_MIGRATION_VERBS = {"leave", "arrive", "reach"}
MIGRATION_CUES = {
    "migrant",
    "migrants",
    "migration",
    "refugee",
    "refugees",
    "asylum",
    "immigrants",
    "emigrants",
    "exodus",
}
# Events that tell a noun not in the lists counts living beings (seizing rifles is no detention).
UNKNOWN_NOUN_EVENTS = {"killed", "injured", "displaced", "migrants", "prisoners"}
FORCES: set[FigureCategory] = {"police", "military", "security"}
# Events that can befall a force; "displaced", "migrants" mean something else for troops.
FORCE_EVENTS: set[FigureCategory] = {"killed", "injured", "detained", "deported", "prisoners"}
EVENT_PRIORITY: list[FigureCategory] = [
    "killed",
    "injured",
    "detained",
    "deported",
    "prisoners",
    "displaced",
    "migrants",
]

# --- numbers that are not counts --------------------------------------------------------

NOT_COUNTED = {
    "percent", "per", "cent", "%", "km", "kilometer", "kilometre", "mile", "meter", "metre", "foot",
    "feet", "yard", "acre", "hectare", "ton", "tonne", "kg", "kilogram", "pound", "year", "day", "month",
    "week", "hour", "minute", "second", "decade", "century", "dollar", "euro", "peso", "sol",
    "rupee", "yen", "yuan", "franc", "time", "p.m.", "a.m.", "pm", "am", "o'clock", "degree", "point",
    "kph", "mph", "km/h",
}  # fmt: skip
CURRENCY_SYMBOLS = ("$", "€", "£", "¥", "₹", "₦", "₩", "₱", "₽", "₺", "₴", "₪", "฿", "₫", "₵", "₡")
# spaCy entity labels of numbers that are never counts.
NOT_FIGURE_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"}
# Verbs of opinion: "6 of 10 voters believe ..." is a poll's share, not a count.
OPINION_VERBS = {
    "believe", "think", "say", "support", "oppose", "favor", "favour", "want", "agree", "disagree",
    "approve", "disapprove", "prefer", "expect", "feel", "trust", "back", "reject", "consider",
}  # fmt: skip
# spaCy entity labels of names: a number inside one names a model, a version or a body ("G8").
NAME_ENTS = {"PRODUCT", "ORG", "FAC", "WORK_OF_ART", "LAW", "EVENT"}
# Adjectives that come before a count in English noun phrases ("the remaining 20 soldiers", "the
# first four aircraft", "an estimated 500"); other adjectives come after it ("20 larger planes"), so
# a number after them names a model ("its larger 777 planes"). English grammar's postdeterminers.
POSTDETERMINERS = {
    "first", "last", "final", "next", "other", "remaining", "additional", "further", "extra", "estimated",
    "total", "mere", "whole", "entire", "full", "past", "previous", "following", "top", "only", "same",
    "reported", "approximately", "roughly", "nearly", "about", "around", "some", "many", "few", "several",
    "another", "initial", "latest", "original", "confirmed", "official", "bottom", "early", "late",
}  # fmt: skip
# Nouns whose singular form counts many ("20 aircraft", "300 police", "40 staff"); any other
# singular noun after a number above one names a model ("the final 717 jet"), not a count.
INVARIANT_NOUNS = {
    "aircraft", "spacecraft", "hovercraft", "watercraft", "staff", "crew", "personnel", "police",
    "militia", "security", "cattle", "livestock", "sheep", "deer", "fish", "offspring", "clergy",
    "infantry", "cavalry", "artillery", "people", "folk", "youth", "military", "army", "navy",
    "gendarmerie", "head", "strong", "dozen", "hundred", "thousand", "million", "billion",
}  # fmt: skip


@lru_cache(maxsize=1)
def currency_words() -> tuple[frozenset[str], frozenset[str]]:
    """(lower-cased currency names and their plurals, upper-case ISO 4217 codes).

    From ISO 4217 (pycountry): "500 shillings", "KES 500", "2 million naira" are money.
    "won", "real" and "mark" are English words first; "afghani" is also a demonym.
    """
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


# --- the figure's place -----------------------------------------------------------------

PLACE_ENTS = {"GPE", "LOC", "FAC"}
FACILITY_WORDS = {
    "penitentiary", "prison", "jail", "airport", "port", "base", "camp", "hospital", "stadium",
    "university", "bridge", "crossing", "square", "barracks", "station", "border",
}  # fmt: skip
REGIONS = {"region", "province", "city", "town", "state", "district", "department", "county", "village"}
# Prepositions that say where something is, not where it goes or comes from: the only ones that
# give a figure a place from a clause above its own ("In Velm, she laid a wreath by the blast that
# killed 10").
STATIC_LOCATIVE = {"in", "at", "near", "inside", "outside", "off", "on"}
# Events a place word can locate ("the Velm blast", "in the Velm embassy bombing"): a place word
# before any other noun names its owner ("the Velm mission", "the Velm manufacturer").
EVENT_NOUNS = {
    "blast", "bombing", "attack", "explosion", "crash", "flood", "flooding", "earthquake", "quake", "fire",
    "riot", "clash", "war", "storm", "accident", "raid", "strike", "offensive", "ambush", "massacre",
    "disaster", "violence", "unrest", "fighting", "shooting", "stampede", "collapse", "landslide",
    "cyclone", "hurricane", "typhoon", "outbreak", "epidemic", "protest", "uprising", "siege", "battle",
}  # fmt: skip
# Verbs whose object is a place the counted leave, reach or cross ("fled Ardia", "entered Velm").
MOVEMENT_VERBS = {"leave", "flee", "enter", "cross", "reach", "evacuate", "abandon", "invade"}
LOCATIVE = {
    "in", "on", "off", "at", "to", "into", "near", "from", "across", "along", "inside", "outside", "towards",
}  # fmt: skip
