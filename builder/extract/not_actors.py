"""Names that are not actors: products, laws, events, indices, currencies, time zones, languages,
units, a US legislator's party and state ("R-Fla.").

The tagger files "the zPod", "the Freedom of Movement Act", "the Paris Air
Show", "USD" and "GMT" as organisations, and the gazetteer reads the unit of
"a 30GB player" and the currency of "$9.99 US dollars" as countries; an
analyst reads them as things, not as who acted. This module says, from the
name and the words around it, when a capitalised name is one of those;
``mentions`` then keeps it out of the actors.

Data: currency codes from ``pycountry`` (ISO 4217), time-zone abbreviations
from the standard library's time-zone database (``zoneinfo``), language names
from ``pycountry`` (ISO 639-1, the major languages).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from builder.extract.spans import token_table
from builder.values.countries import gazetteer

if TYPE_CHECKING:  # types only (see ``extract.spans``)
    from spacy.tokens import Doc, Token

# The last word of a name that makes it a law, an event or a market index, not an actor.
# (Usage in English news; a word here that ends an organisation's name too, such as "Conference"
# in a standing body's name, is weighed against its head words by ``mentions``.)
LAW_HEADS = frozenset("act acts law laws bill treaty accord accords protocol amendment charter".split())
EVENT_HEADS = frozenset(
    """
    conference summit show expo exhibition festival olympics games championship championships cup
    tournament marathon fair awards war
    """.split()
)
INDEX_HEADS = frozenset("index average composite".split())
OTHER_HEADS = LAW_HEADS | EVENT_HEADS | INDEX_HEADS
# A model or version written after a maker's name: "A380", "747", "737-800", "A330-200".
_MODEL = re.compile(r"^[A-Z]{0,3}-?\d{2,4}(?:-\d{1,4})?[A-Za-z]?s?$")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
# A Roman number up to 39 ("IV", "XXI"; a lone "I" is left out where it is read: a pronoun): after
# a maker's or a line's name, a model's.
_ROMAN = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")
SPEECH_LEMMAS = frozenset("say tell announce report state claim warn add confirm deny".split())
# Verbs whose object is a thing made, not an actor: "Orchard unveiled Lynx", "launched the zPod".
LAUNCH_LEMMAS = frozenset("launch unveil release introduce ship debut preview demonstrate".split())
# Nouns whose "of" names a thing made: "the new version of Lynx", "the launch of the zPod".
MADE_THING_HEADS = frozenset("version versions release launch update upgrade successor edition model".split())
# Of those, the ones people are the object of too: "released Ana Ruiz", "the successor of Ana Ruiz".
SAID_OF_PEOPLE_TOO = frozenset("release introduce successor model".split())
# Kinds of things made, as English news names them after a product's name ("the Lynx laptops", "a
# Skyline sedan", and its "users") or in an apposition to it ("the Volta, a plug-in hybrid,"). A
# maker is written before them too ("Orchard computers"): ``thing_named`` reads the name's length
# and determiner, and ``mentions`` weighs what it finds against the rest of the article. (Parts
# such as processors and chips are left out: their makers' names are written before them far more
# often than the parts'.)
PRODUCT_NOUNS = frozenset(
    """
    laptop laptops notebook notebooks computer computers desktop desktops tablet tablets device devices
    phone phones smartphone smartphones handset handsets console consoles player players software app
    apps browser car cars truck trucks sedan sedans coupe coupes hatchback hatchbacks suv suvs pickup
    pickups minivan minivans hybrid hybrids jetliner jetliners airliner airliners users
    """.split()
)
# Kinds of works and goods whose examples follow them ("television programs such as Lynx",
# "products like the Lynx"): the examples are things, not actors (English news usage; lemmas).
WORK_NOUNS = frozenset(
    """
    program programme show series film movie song album game book novel title product device app
    application feature brand model gadget software
    """.split()
)
# Verbs whose subject acts as a body or a person does, not as a thing: a name their subject anywhere
# in the article is an actor there ("Orchard said", "Orchard unveiled the Lynx").
ACTING_LEMMAS = (
    SPEECH_LEMMAS
    | LAUNCH_LEMMAS
    | frozenset(
        """
        plan hire sue buy acquire agree sign employ invest build cut expect decline refuse win lose order
        """.split()
    )
)


@lru_cache(maxsize=1)
def _codes_and_languages() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Currency codes, time-zone abbreviations and major language names (folded)."""
    import zoneinfo

    import pycountry

    currencies = frozenset(c.alpha_3 for c in pycountry.currencies)
    zones = frozenset(
        z
        for z in zoneinfo.available_timezones()
        if "/" not in z and z.isalpha() and z.isupper() and not gazetteer().country(z)
    )
    # "Swahili (macrolanguage)": the name before its qualifier
    languages = frozenset(
        language.name.split(" (")[0].casefold()
        for language in pycountry.languages
        if hasattr(language, "alpha_2")
    )
    return currencies, zones, languages


def not_an_actor(doc: Doc, start: int, end: int, label: str) -> bool:
    """Whether the name at tokens [start, end) is a thing, not an actor (see the module's doc)."""
    table = token_table(doc)
    text = table.tokens_text(start, end)
    words = table.folded[start:end]
    currencies, zones, languages = _codes_and_languages()
    if end - start == 1 and (text in currencies or text in zones):
        return True
    if _unit_or_currency(doc, start, end) or gazetteer().is_party_and_state(text):
        return True  # "R-Fla.": a legislator's party and state, said of the legislator
    if text.casefold() in languages and not gazetteer().place_country(text):
        return True
    if len(words) >= 2 and words[-1] in OTHER_HEADS:
        return True
    if label == "place":
        # a model ("KX-30s") or an adjective ("trans-Atlantic") the tagger took for a place
        return bool(_MODEL.match(text) and any(c.isdigit() for c in text)) or text[:1].islower()
    last = table.text[end - 1]
    if label == "organisation" and end - start >= 2 and last != "I" and _ROMAN.fullmatch(last):
        return True  # "Skyline IV", "Orion V": a model's number; a person's ("Charles III") is a name
    return _is_product(doc, start, end) or _made_in_the_sentence(doc, start, end, label == "person")


def _unit_or_currency(doc: Doc, start: int, end: int) -> bool:
    """A unit written onto its number ("a 30GB player", "a 2GB model"), or a name inside an amount
    of money, where it says whose currency ("$9.99 US dollars", "US$ 299"), not who acted.

    Both read what is written, not what the name is: "GB" is a country's code elsewhere.
    """
    table = token_table(doc)
    if start > 0 and doc[start - 1].like_num and not doc[start - 1].whitespace_:
        return True
    return all(table.ent_type[i] == "MONEY" for i in range(start, end))


def _is_product(doc: Doc, start: int, end: int) -> bool:
    """A product's name, or a maker's name inside one: a model after, first or at the end of the
    name ("Skyline S380", "Trent 900", "S380 Skyliner"), a name written in lower-case-first camel
    case ("zPod"), or a one-word name standing alone after "a"/"an" ("a zPod", not "a Reuters reporter")."""
    text = token_table(doc).text
    after = text[end] if end < len(doc) else ""
    if _MODEL.match(after) and not _YEAR.match(after):
        return True  # "Skyline S380", "Trent 900": the maker's or the line's name
    return _is_a_product(doc, start, end)


def _is_a_product(doc: Doc, start: int, end: int) -> bool:
    """The name is a product's own (``_is_product`` less a maker's name before a model)."""
    table = token_table(doc)
    text = table.text
    if _MODEL.match(text[start]) and not _YEAR.match(text[start]):
        return True  # "S380 Skyliner": a model number first
    if (
        _MODEL.match(text[end - 1])
        and not _YEAR.match(text[end - 1])
        and any(c.isdigit() for c in text[end - 1])
    ):
        return True  # "A330s"
    speaks = end < len(doc) and doc[end].lemma_ in SPEECH_LEMMAS
    first = text[start]
    if first[:1].islower() and any(c.isupper() for c in first[1:]) and not speaks:
        return True
    # "an X." / "an X that": the name heads its phrase; not "an X spokesman", "an X-led group"
    alone = end >= len(doc) or (
        table.pos[end] in ("PUNCT", "VERB", "AUX", "ADP", "CCONJ", "SCONJ", "PART") and text[end] not in "-–"
    )
    # One word only: "a Public Safety Council of X, PSC," convened is a body, not a thing.
    one_word = end - start == 1
    return one_word and start > 0 and table.folded[start - 1] in ("a", "an") and alone and not speaks


def _made_in_the_sentence(doc: Doc, start: int, end: int, tagged_person: bool) -> bool:
    """The parse says the name is a thing made: the object of a launch verb ("Orchard unveiled
    Lynx"), or what "the new version of", "the launch of" is of. A name the tagger calls a
    person counts only with words that take no person ("unveiled", not "released Ana Ruiz")."""
    root = doc[start:end].root
    # from a name in a list or an apposition to the phrase it belongs to: "X and Lynx", "the device,
    # Lynx" (within its line: a headline's parse runs into the paragraph). Not from a name modifying
    # a noun: "the Orchard operating system" names its maker, an actor.
    while root.dep_ in ("conj", "appos") and root.head is not root and _same_line(doc, root.head.i, root.i):
        root = root.head
    excluded = SAID_OF_PEOPLE_TOO if tagged_person else frozenset()
    # A launch verb on another line is a headline's ("Orchard unveils Lynx" over "Orchard Inc. said").
    if root.dep_ == "dobj" and root.head.lemma_ in LAUNCH_LEMMAS - excluded:
        return _same_line(doc, root.i, root.head.i)
    of = root.head
    return (
        root.dep_ == "pobj"
        and of.lower_ == "of"
        and of.head.lemma_ in MADE_THING_HEADS - excluded
        and _same_line(doc, root.i, of.head.i)
    )


def thing_named(doc: Doc, start: int, end: int, tagged_person: bool) -> bool:
    """The words around the name say it is a thing made: its model's number or a launch verb
    (``_is_a_product``, ``_made_in_the_sentence``), a kind of product after it ("the Lynx laptops",
    "the Lynx operating system"), the kind in an apposition ("the Volta, a plug-in hybrid,"), a
    kind of work it is an example of ("programs such as Lynx") or "the new" before it. A name the
    tagger calls a person may be released as people are (``_made_in_the_sentence``)."""
    if _is_a_product(doc, start, end) or _made_in_the_sentence(doc, start, end, tagged_person):
        return True
    root = doc[start:end].root
    head = root.head
    # Before a kind, a maker's one-word name is as usual as a product's ("Orchard laptops"): one word
    # counts only after a determiner ("the Lynx laptops", "the Skyline Volta compact car", where the
    # maker's name stands between); a longer name is a product line's.
    before = start - 1
    while before > 0 and doc[before].pos_ == "PROPN" and doc[before].text[:1].isupper():
        before -= 1
    determined = before >= 0 and doc[before].lower_ in ("the", "a", "an", "new")
    between = doc[end : head.i] if head.i >= end else doc[0:0]
    if (
        root.dep_ in ("compound", "nmod")
        and head.i >= end
        and (end - start >= 2 or determined)
        and not any(t.pos_ in ("PROPN", "NUM") for t in between)  # "the Skyline S380 jetliner": the maker
        and _names_a_kind_of_product(head)
    ):
        return True
    # "television programs such as Lynx and Volta": examples of a kind of work or goods
    listed = root
    while listed.dep_ in ("conj", "nmod") and listed.head.i != listed.i:
        listed = listed.head
    kind = listed.head.head
    if (
        listed.dep_ == "pobj"
        and listed.head.lower_ in ("as", "like", "including")
        and kind.pos_ == "NOUN"
        and kind.lemma_ in WORK_NOUNS
    ):
        return True
    # "The song purchased was Lynx": the name of what a work's or a product's noun is
    if root.dep_ == "attr" and head.lemma_ == "be" and _same_line(doc, root.i, head.i):
        subjects = [t for t in head.children if t.dep_ in ("nsubj", "nsubjpass")]
        if any(t.lemma_.lower() in WORK_NOUNS or t.lower_ in PRODUCT_NOUNS for t in subjects):
            return True
    apposed = [t for t in root.children if t.dep_ == "appos"] + ([head] if root.dep_ == "appos" else [])
    if any(_names_a_kind_of_product(t) and _same_line(doc, root.i, t.i) for t in apposed):
        return True
    # "the new Lynx", not "the new Orchard chief": the name heads its phrase
    heads_phrase = end >= len(doc) or doc[end].pos_ not in ("NOUN", "PROPN")
    return (
        heads_phrase
        and start >= 2
        and doc[start - 1].lower_ == "new"
        and doc[start - 2].lower_ in ("the", "a")
    )


def _names_a_kind_of_product(token: Token) -> bool:
    """A product's kind: "laptops", "hybrid", "operating system"."""
    if token.lower_ in PRODUCT_NOUNS:
        return True
    return token.lower_ == "system" and any(child.lower_ == "operating" for child in token.children)


def acts_as_an_actor(doc: Doc, start: int, end: int) -> bool:
    """The name does what a body or a person does: it speaks, launches, hires ("Orchard said",
    "Orchard unveiled the Lynx"), or owns what follows it ("Orchard's chief")."""
    return acting_subject(doc, start, end) or (end < len(doc) and doc[end].text in ("'s", "’s", "'"))


def acting_subject(doc: Doc, start: int, end: int) -> bool:
    """Whether the name is the subject of a verb of speech or action ("Orchard said", "Ruiz hired")."""
    root = doc[start:end].root
    return root.dep_ == "nsubj" and root.head.lemma_ in ACTING_LEMMAS


def _same_line(doc: Doc, i: int, j: int) -> bool:
    """Whether no line break stands between tokens ``i`` and ``j``."""
    low, high = min(i, j), max(i, j)
    return "\n" not in doc[low : high + 1].text
