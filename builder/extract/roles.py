"""Roles stated for people: titles before a name, appositions, coordinated lists.

News writes roles in a few patterns, all read here from the tokens around a
person mention:

* a title before the name: "Interior Minister X", "Ruritanian President X",
  "the opposition leader X";
* an apposition after the name: "X, the leader of Y,", "X, head of Z,";
* an apposition before the name: "The President of Ruritania, X,";
* a coordinated list: "the Ministers of Finance and Health [A and B]".

Each claim carries the organisation when one is named in the title, and the
country when a demonym, "of <country>" or a possessive ("Ruritania's") says it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from builder.extract.spans import token_table
from builder.model import Document, Mention, RoleClaim, Span
from builder.values.countries import UNITED_STATES, gazetteer, government_seat_country
from builder.values.organisations import COMPANY_NOUNS

if TYPE_CHECKING:  # types only: resolution reads this module's word lists without loading spaCy
    from spacy.tokens import Doc

# The head word of a title: the last word of "Prime Minister", "opposition leader". Gathered by
# field from general references, not from any corpus: military and police ranks (NATO rank codes
# STANAG 2116, in full, abbreviated and hyphenated: "Maj-Gen", "Lt.", "Capt."), clergy (ecclesiastical
# titles of the major religions), news media job titles, government and legislative offices, party
# and armed-group ranks, company officers, and the professions news names people by.
_MILITARY_AND_POLICE = """
    general colonel commander admiral captain lieutenant sergeant corporal brigadier marshal commodore
    major-general lieutenant-general brigadier-general lieutenant-colonel rear-admiral vice-admiral
    field-marshal air-marshal commander-in-chief maj-gen lt-gen brig-gen lt-col
    gen. lt. col. capt. sgt. cpl. adm. brig. cmdr. cdr. maj. pvt. insp. supt. det.
    constable detective inspector superintendent commissioner sheriff trooper officer agent
    chief-of-staff
"""
_CLERGY = """
    pope cardinal archbishop bishop priest reverend rev. imam ayatollah mullah rabbi pastor cleric
    patriarch mufti monsignor vicar deacon chaplain sheikh
"""
_MEDIA = """
    journalist reporter correspondent editor editor-in-chief columnist photographer photojournalist
    anchor presenter broadcaster commentator publisher producer blogger
"""
_GOVERNMENT = """
    president vice-president president-elect minister premier chancellor secretary undersecretary
    under-secretary governor mayor senator sen. congressman congresswoman representative rep. gov.
    lawmaker legislator parliamentarian mp councillor councilor councilman alderman speaker
    ambassador envoy consul diplomat attorney attorney-general solicitor-general prosecutor judge
    magistrate ombudsman spokesman spokeswoman spokesperson aide adviser advisor official
    administrator director director-general secretary-general chairman chairwoman chairperson chair
    king queen prince princess emir sultan monarch ruler dictator regent
"""
_PARTY_AND_ARMED_GROUP = """
    leader chief head founder co-founder boss kingpin warlord chieftain elder militant commander
    candidate nominee delegate activist campaigner organiser organizer strategist consultant manager
"""
_COMPANY = """
    ceo cfo coo cto executive chief-executive officer owner partner treasurer economist analyst
"""
_PROFESSIONS = """
    doctor dr. physician surgeon gynecologist gynaecologist nurse paramedic teacher professor lawyer
    researcher scientist engineer pilot driver farmer fisherman worker resident student volunteer
    negotiator mediator coordinator representative interpreter translator bodyguard
"""
TITLE_HEADS = frozenset(
    " ".join(
        (_MILITARY_AND_POLICE, _CLERGY, _MEDIA, _GOVERNMENT, _PARTY_AND_ARMED_GROUP, _COMPANY, _PROFESSIONS)
    ).split()
)
# Words that may stand before a head inside a title, in lower case: offices' portfolios and
# bodies ("interior minister", "campaign manager", "press secretary", "FBI agent").
TITLE_MODIFIERS = frozenset(
    """
    prime vice deputy foreign interior defense defence finance justice health education economy
    former acting interim opposition rebel gang army police military national security chief top
    senior assistant special regional provincial state federal public foreign-affairs
    press campaign media political communications commerce trade labour labor energy environment
    transport agriculture information culture tourism immigration intelligence district county city
    party union executive managing general surgeon attorney staff field news financial operating
    technology technical marketing commercial
    """.split()
)
PLURAL_TITLES = {"ministers": "Minister", "secretaries": "Secretary", "generals": "General"}
DETERMINERS = frozenset("the a an his her its their our this that".split())
# Past forms of verbs of speaking that news puts before their speaker ("Replied the minister, ...",
# "Added Ana Ruiz, ..."): capitalised at a sentence's start, the tagger runs them into the name.
SPEECH_VERBS_PUT_FIRST = frozenset(
    "replied added noted asked countered explained stated insisted answered responded declared "
    "argued warned recalled conceded quipped".split()
)
# Tokens that end an apposition's title ("X, ambassador to Y appointed by Z").
CLAUSE_BREAKS = frozenset(
    {",", ".", ";", ":", "(", ")", "[", "]", '"', "“", "”", "''", "``", "‘", "’", "who", "which", "that"}
    # dashes, as wire copy types them too ("Ana Ruiz, the Assembly's president _ that ...")
    | {"_", "--", "—", "–"}
)


# Parts of speech a title cannot end with: a preposition, determiner or conjunction left hanging.
DANGLING_POS = frozenset({"ADP", "DET", "CCONJ", "SCONJ", "PART", "PUNCT"})
# How far before a name a title's complement may reach ("of the Ruritanian Bureau of Investigation (RBI)").
COMPLEMENT_TOKENS = 10
# Words a body's name may hold between its capitalised words.
COMPLEMENT_CONNECTORS = frozenset({"of", "for", "and", "&", "the"})


def is_title_head(word: str) -> bool:
    return word.casefold() in TITLE_HEADS


def title_length_at(doc: Doc, i: int) -> int:
    """How many tokens the title head starting at token ``i`` spans: 3 for "Maj-Gen" (the tagger
    splits at the hyphen), 1 for "Gen." or "General", 0 when no head starts there."""
    if i + 2 < len(doc) and doc[i + 1].text == "-" and not doc[i].whitespace_ and not doc[i + 1].whitespace_:
        if is_title_head(f"{doc[i].text}-{doc[i + 2].text}"):
            return 3
    return 1 if is_title_head(doc[i].text) else 0


def _head_of_complement(doc: Doc, start: int) -> int | None:
    """The head of a title with a complement right before a name: "Secretary of State X",
    "Minister of the Interior X", "Chief of Staff X", "Director of the Ruritanian Bureau of
    Investigation (RBI) X". Returns the head's token index, or None.

    The complement is capitalised words, the connectors of a body's name and an acronym in
    parentheses; the nearest "of" or "for" after a title head within it starts it.
    """
    i = start - 1
    if not (doc[i].text[:1].isupper() or doc[i].text == ")"):
        return None  # no complement: "Director of the X Bureau" makes no title of the bureau
    while i >= 1 and start - i <= COMPLEMENT_TOKENS:
        word = doc[i].text
        if word.casefold() in ("of", "for") and is_title_head(doc[i - 1].text) and i < start - 1:
            return i - 1
        if word.casefold() == "the" and doc[i - 1].text.casefold() in ("of", "for"):
            i -= 1
            continue
        in_name = word[:1].isupper() or word in ("(", ")") or word.casefold() in COMPLEMENT_CONNECTORS
        if not in_name or doc[i].is_sent_start:
            return None
        i -= 1
    return None


def title_before(doc: Doc, start: int) -> tuple[str, str | None, int] | None:
    """The title written right before the name starting at token ``start``.

    Returns (title, country, index of the title's first token) or None. A demonym
    or a country possessive before the title gives the country and is not kept in
    the title ("Ruritanian President X" -> "President", "Ruritania").
    """
    if start == 0:
        return None
    first = start - 1
    # "Capt. X" where the tagger split the abbreviation's period off.
    if (
        first >= 1
        and doc[first].text == "."
        and doc[first - 1].whitespace_ == ""
        and is_title_head(f"{doc[first - 1].text}.")
    ):
        first -= 1
    # "Director-General X": a hyphenated title is three tokens.
    if (
        first >= 2
        and doc[first - 1].text == "-"
        and not doc[first - 2].whitespace_
        and not doc[first - 1].whitespace_
    ):
        if is_title_head(f"{doc[first - 2].text}-{doc[first].text}"):
            first -= 2
    if doc[start - 1].tag_ == "JJR":
        return None  # "the elder Ruiz": which of two, not a title
    written = token_table(doc).tokens_text(first, start).replace(" ", "")
    if not is_title_head(written) and not is_title_head(written.rstrip(".") + "."):
        head = _head_of_complement(doc, start)
        if head is None:
            return None
        first = head
    while first > 0:
        token = doc[first - 1]
        word = token.text.casefold()
        if token.is_punct or word in DETERMINERS or gazetteer().demonym(token.text):
            break
        if word in SPEECH_VERBS_PUT_FIRST:
            break  # "Replied Harbour Ministry spokesman X"
        if (
            word in TITLE_HEADS
            or word in TITLE_MODIFIERS
            or (token.text[:1].isupper() and token.pos_ == "PROPN")
        ):
            if gazetteer().country(token.text):
                break
            first -= 1
            continue
        break
    country = _country_before(doc, first)
    title = token_table(doc).tokens_text(first, start)
    return title, country, first


def _country_before(doc: Doc, index: int) -> str | None:
    """The country named by a demonym or a possessive country just before token ``index``."""
    if index == 0:
        return None
    token = doc[index - 1]
    # a demonym, or a country's name as a modifier ("U.S. Secretary of State X")
    country = gazetteer().demonym(token.text) or gazetteer().country(token.text)
    if country:
        return country
    if token.text in ("'s", "’s") and index >= 2:
        return gazetteer().country(doc[index - 2].text)
    return None


# Titles of those who study or report on a place (news job titles): a country's name before one is
# their subject ("a Ruritania expert", "the Ruritania adviser"), a demonym their own ("a Ruritanian adviser").
TOPIC_HEADS = frozenset(
    "adviser advisers advisor advisors expert experts analyst analysts specialist specialists "
    "correspondent correspondents watcher watchers scholar scholars historian historians".split()
)
# The second half of a "hyphenated American" ("Polish American", "Polish-Americans"): the first is an origin.
HYPHENATED_AMERICAN = frozenset({"american", "americans"})


@lru_cache(maxsize=1 << 14)
def country_in(text: str) -> str | None:
    """A country named in a title or organisation name: "of Ruritania", "Ruritanian", "Ruritania's"."""
    words = re.findall(r"(?:[^\W\d_]\.){2,}|[\w-]+", text)  # "U.S." whole
    in_a_place: set[int] = set()  # words of a longer place's name: "Mexico" of "New Mexico"
    for n in (3, 2, 1):  # longest names first ("United Arab Emirates")
        for i in range(len(words) - n + 1):
            if n == 1 and i + 1 < len(words) and words[i + 1].casefold() in HYPHENATED_AMERICAN:
                continue  # "Polish American": an American of that origin, not the country's
            if in_a_place.intersection(range(i, i + n)):
                continue
            phrase = " ".join(words[i : i + n])
            if i + n < len(words) and words[i + n].casefold() in TOPIC_HEADS and gazetteer().country(phrase):
                continue  # "a Ruritania adviser": what the adviser knows about, not where they are from
            country = gazetteer().country(phrase) or (gazetteer().demonym(phrase) if n == 1 else None)
            if country:
                return country
            if n > 1 and all(w[:1].isupper() for w in words[i : i + n]) and gazetteer().knows(phrase):
                in_a_place.update(range(i, i + n))
    return government_seat_country(text)  # "White House chief of staff", "Kremlin spokesman"


def apposition_after(doc: Doc, end: int) -> tuple[int, int] | None:
    """Token range of a title in apposition after a name: "X, the head of Y," -> "head of Y"."""
    if end >= len(doc) - 1 or doc[end].text != ",":
        return None
    i = end + 1
    while i < len(doc) and (doc[i].text.casefold() in DETERMINERS or doc[i].text in ("'s", "’s")):
        i += 1
    first = i
    if first < len(doc) and doc[first].pos_ == "ADP":
        return None  # "X, on an official visit to Y,": where, not what
    # The head must come within a few words: "the newly appointed head", "Ruritania's second-largest".
    head = None
    while i < len(doc) and i - first < 6 and doc[i].text not in CLAUSE_BREAKS:
        verb = doc[i].pos_ in ("VERB", "AUX") and doc[i].lower_ not in TITLE_MODIFIERS  # not "managing"
        if verb or doc[i].pos_ == "NUM" or doc[i].like_num or doc[i].text in ("-", "–", "—"):
            break  # "CITY, May 3 - Army Commander X" is a dateline, not an apposition
        if is_title_head(doc[i].text):
            if _modifies_a_noun(doc, i):
                return None  # "X, a Ruritanian general partnership,": what X is, not a title
            head = i
            break
        if doc[i].lower_ in COMPANY_NOUNS and not (i + 1 < len(doc) and doc[i + 1].text in ("'s", "’s")):
            return None  # "X, Y's distributor and owner of Z,": a company's trade, not a person's title
        i += 1
    if head is None:
        return None
    j = head + 1
    while j < len(doc):
        j = _past_a_seat(doc, j)
        if doc[j].text.casefold() in CLAUSE_BREAKS:
            break
        if doc[j].pos_ in ("VERB", "AUX") and doc[j].tag_ != "VBG" or doc[j].ent_type_ == "PERSON":
            break
        j += 1
    if j < len(doc) and doc[j].ent_type_ == "PERSON" and doc[j - 1].pos_ not in DANGLING_POS:
        return None  # "X, President Y and others": the title is the next person's
    # Stopped before a person ("spokesman for Ana's relatives", "attorney for the Ruiz family",
    # "president of the Assembly and Ruiz's envoy"): the words left hanging are no part of the title.
    while j > head + 1 and doc[j - 1].pos_ in DANGLING_POS:
        j -= 1
    return first, j


def _past_a_seat(doc: Doc, j: int) -> int:
    """The token after a company's seat written inside a title, or ``j`` itself: the "-based" of
    "chairman of Portville-based X" and the region of "president of Portville, Mont.-based X" or
    "chairman of the Portville, Mont., maker of pumps" are part of the title."""
    if j + 1 < len(doc) and doc[j].text == "-" and doc[j + 1].lower_ == "based" and not doc[j].whitespace_:
        return j + 2
    if doc[j].text != ",":
        return j
    k = j + 1
    while k < len(doc) and k - j <= 3 and doc[k].text[:1].isupper():
        k += 1
    region = doc[j + 1 : k].text
    if k == j + 1 or not gazetteer().region_country(region):
        return j
    if k + 1 < len(doc) and doc[k].text == "-" and doc[k + 1].lower_ == "based":
        return k + 2  # "Portville, Mont.-based"
    if k + 1 < len(doc) and doc[k].text == "," and doc[k + 1].is_lower and doc[k + 1].pos_ == "NOUN":
        return k + 1  # "the Portville, Mont., maker of pumps"
    return j


def _modifies_a_noun(doc: Doc, i: int) -> bool:
    """Whether the title word at ``i`` only modifies a common noun right after it that is no title
    word ("general partnership", "general store"; not "general manager", "chief executive")."""
    if i + 1 >= len(doc):
        return False
    after = doc[i + 1]
    return (
        after.pos_ == "NOUN"
        and after.is_lower
        and not is_title_head(after.text)
        and after.lower_ not in TITLE_MODIFIERS
        and doc[i].head.i == after.i
    )


def apposition_after_and(doc: Doc, end: int) -> tuple[int, int] | None:
    """Token range of a title after "and" in an apposition whose first part ended at another
    person's name: "X, brother of President Y and head of the Z Forces," -> "head of the Z Forces"."""
    if end >= len(doc) - 1 or doc[end].text != ",":
        return None
    i = end + 1
    while i < len(doc) and i - end <= 12 and doc[i].text not in CLAUSE_BREAKS:
        if doc[i].pos_ in ("VERB", "AUX"):
            return None
        if doc[i].lower_ == "and":
            head = i + 1
            while head < len(doc) and doc[head].lower_ in DETERMINERS:
                head += 1
            if head >= len(doc) or not is_title_head(doc[head].text):
                return None
            last = head + 1
            while last < len(doc) and doc[last].text.casefold() not in CLAUSE_BREAKS:
                if doc[last].pos_ in ("VERB", "AUX") or doc[last].ent_type_ == "PERSON":
                    return None  # a clause, or another person's title
                last += 1
            return head, last
        i += 1
    return None


def apposition_before(doc: Doc, start: int) -> tuple[int, int] | None:
    """Token range of a title in apposition before a name: "the leader of Y, X" -> "leader of Y"."""
    if start < 2 or doc[start - 1].text != ",":
        return None
    comma = start - 1
    i = comma - 1
    head = None
    while i >= 0 and comma - i <= 10:
        token = doc[i]
        if token.text in CLAUSE_BREAKS or token.pos_ in ("VERB", "AUX"):
            break
        if is_title_head(token.text):
            head = i
        i -= 1
    if head is None or any(doc[k].ent_type_ == "PERSON" for k in range(head, comma)):
        return None  # "Attorney General X, President Y": the title before the comma is X's
    if doc[head].dep_ in ("pobj", "dobj") and _subject_named_at(doc, start):
        # "In a note, read by an announcer on Ruritania radio, X said ...", "Tapping the driver on
        # the shoulder, X told him ...": the phrase's noun is another's, the name after the comma
        # the sentence's subject ("remarks by the Ruritanian ambassador, X, at a dinner" is an
        # apposition)
        return None
    # The head's own modifiers belong to the title: "Y's campaign manager, X", "The Vice President
    # and general counsel of the company, X".
    while head > i + 1 and (
        doc[head - 1].text.casefold() in TITLE_MODIFIERS
        or (
            doc[head - 1].is_lower
            and doc[head - 1].pos_ in ("NOUN", "ADJ")
            and doc[head - 1].dep_ in ("compound", "amod")
            and head <= doc[head - 1].head.i < comma
        )
    ):
        head -= 1
    return head, comma


def _subject_named_at(doc: Doc, start: int) -> bool:
    """Whether the name starting at ``start`` is a verb's subject (its last word's, as the parser
    heads a name)."""
    end = start
    while end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN":
        end += 1
    return doc[end].dep_ in ("nsubj", "nsubjpass")


# "X, head of Y, was named transitional leader": a role given by a predicate.
_HEADS = "|".join(sorted((re.escape(h) for h in TITLE_HEADS), key=len, reverse=True))
NAMED_AS = re.compile(
    r"^(?:\s*,[^,.]{0,100},)?\s+(?i:was|has\s+been|had\s+been|is|will\s+be)\s+"
    r"(?:named|appointed|elected|sworn\s+in\s+as|chosen\s+as|made)\s+(?:as\s+)?(?:the\s+|a\s+|an\s+)?"
    r"(?P<title>(?:[\w-]+\s+){0,3}?(?i:" + _HEADS + r")\b"
    # The organisation after "of" is a proper name: case matters there.
    r"(?:\s+of\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)?)",
)


def _named_as(document: Document, mention: Mention) -> RoleClaim | None:
    match = NAMED_AS.match(document.text[mention.span.end : mention.span.end + 200])
    if not match:
        return None
    title = match["title"]
    return RoleClaim(mention.span.text, title, None, country_in(title), mention.sentence)


def extract_roles(document: Document, doc: Doc, mentions: list[Mention]) -> list[RoleClaim]:
    """Role claims for the person mentions of one article."""
    table = token_table(doc)
    by_start = {idx: i for i, idx in enumerate(table.idx)}
    by_end = {idx + len(text): i + 1 for i, (idx, text) in enumerate(zip(table.idx, table.text, strict=True))}
    claims: list[RoleClaim] = []
    windows: list[tuple[int, int]] = []  # each claim's title, by its tokens
    body_mentions = [m for m in mentions if m.label in ("organisation", "armed group")]
    bodies = {m.span.text for m in body_mentions}
    # the organisation whose name ends at each token, for "Orchard's chief executive"
    bodies_ending = {by_end[m.span.end]: m.span.text for m in body_mentions if m.span.end in by_end}
    for mention in mentions:
        if mention.label != "person":
            continue
        start = by_start.get(mention.span.start)
        end = by_end.get(mention.span.end)
        if start is None or end is None:
            continue
        sentence = mention.sentence
        found = title_before(doc, start)
        if found:
            title, country, first = found
            organisation = _body_of(title, bodies) or _owner_before(doc, first, bodies_ending)
            country = country or country_in(title) or _states_country_in(title)
            claims.append(RoleClaim(mention.span.text, title, organisation, country, sentence))
            windows.append((first, start))
        # "Their spokesman, Colonel X": the apposition stands before the title.
        before = apposition_before(doc, found[2] if found else start)
        after = apposition_after(doc, end) or apposition_after_and(doc, end)
        for window in (after, before):
            if window:
                claims.append(_claim(doc, mention, window, sentence, bodies_ending))
                windows.append(window)
    # who may be served: the people, and a surname the tagger took for a body's name ("Ruiz's")
    people = {m.span.text for m in mentions if m.label == "person"}
    people |= {name.split()[-1] for name in people if " " in name}
    served = [m for m in mentions if m.span.text in people]
    claims = _with_principals(doc, claims, windows, served, by_start, by_end)
    claims.extend(
        claim for m in mentions if m.label == "person" for claim in [_named_as(document, m)] if claim
    )
    claims.extend(_coordinated(document, doc))
    return claims


# Titles of those who work for one person (English news usage): a spokesman, an aide, a campaign's
# manager serve someone of their own country. Not a lawyer or an adviser, who may come from anywhere.
STAFF_TITLE = re.compile(
    r"\b(?:spokesman|spokeswoman|spokesperson|aide|press\s+secretary|chief\s+of\s+staff|"
    r"campaign\s+manager|deputy)$",
    re.I,
)


def _with_principals(
    doc: Doc,
    claims: list[RoleClaim],
    windows: list[tuple[int, int]],
    persons: list[Mention],
    by_start: dict[int, int],
    by_end: dict[int, int],
) -> list[RoleClaim]:
    """Each staff title's claim with the person it serves, where the text names them right beside the
    title: "Ruiz's campaign manager", "X, Ruiz's spokesman", "X, the spokesman for Ruiz,".

    Args:
        windows: each claim's title as token indexes (first, end).
    """
    # person mentions by their first token, with the token after them
    starting = {
        by_start[m.span.start]: (m.span.text, by_end[m.span.end])
        for m in persons
        if m.span.start in by_start and m.span.end in by_end
    }
    ending = {end: name for name, end in starting.values()}
    found = []
    for claim, (first, last) in zip(claims, windows, strict=True):
        owner = re.match(r"^.+?['’]s\s+(?P<title>.+)$", claim.title)
        principal = None
        # "spokesman for Ruiz" where the tagger took the name for a body's and kept it in the title
        served = re.search(r"\s+(?:for|to)\s+(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)$", claim.title)
        if served and served["name"] in ending.values() and STAFF_TITLE.search(claim.title[: served.start()]):
            principal = served["name"]
        elif STAFF_TITLE.search(owner["title"] if owner else claim.title):
            principal = _principal_beside(doc, first, last, starting, ending)
        found.append(replace(claim, principal=principal) if principal else claim)
    return found


def _principal_beside(
    doc: Doc, first: int, last: int, starting: dict[int, tuple[str, int]], ending: dict[int, str]
) -> str | None:
    """The person whose "'s" opens the staff title ``doc[first:last]`` or stands right before it, or
    who follows the "for" or "to" that ends it (alone: "spokesman for Ruiz's family" serves the family)."""
    possessive = ("'s", "’s")
    opening = starting.get(first)
    if opening and opening[1] < len(doc) and doc[opening[1]].text in possessive:
        return opening[0]
    if first >= 1 and doc[first - 1].text in possessive and first - 1 in ending:
        return ending[first - 1]
    following = starting.get(last + 1)
    if following and last < len(doc) and doc[last].lower_ in ("for", "to"):
        name, after = following
        if after >= len(doc) or doc[after].text not in possessive:
            return name
    return None


def _body_of(title: str, bodies: set[str]) -> str | None:
    """The organisation a title before a name names, when the article names it as one:
    "Director of the Ruritanian Bureau of Investigation (RBI)" -> "Ruritanian Bureau of Investigation",
    "Orchard spokesman" -> "Orchard"."""
    of = re.search(r"\b(?:of|for)\s+(?:the\s+)?(.+?)(?:\s*\([^()]*\))?$", title)
    if of and of.group(1) in bodies:
        return of.group(1)
    # the longest body's name that ends at a space of the title
    spaces = [i for i, c in enumerate(title) if c == " "]
    return next((title[:i] for i in reversed(spaces) if title[:i] in bodies), None)


def _owner_before(doc: Doc, first: int, bodies_ending: dict[int, str]) -> str | None:
    """The organisation written as the owner of a title: "ORC's chief executive", "Orchard Computer's
    spokesman". Not a lone word the tagger called an organisation, which is as often a person
    owning an aide ("Ruiz's secretary of state")."""
    if first >= 2 and doc[first - 1].text in ("'s", "’s"):
        body = bodies_ending.get(first - 1)
        if body and (" " in body or body.isupper()):
            return body
    return None


def _claim(
    doc: Doc, mention: Mention, window: tuple[int, int], sentence: Span, bodies_ending: dict[int, str]
) -> RoleClaim:
    first, last = window
    title = doc[first:last].text.strip()
    organisation = _owner_before(doc, first, bodies_ending)
    of = re.search(r"\b(?:of|at|for)\s+(?:the\s+)?(.+)$", title)
    # Only a proper name: "of the Armed Forces of X", not "of X's second-largest gang".
    if of and all(w[:1].isupper() or w in ("of", "and", "for", "the") for w in of.group(1).split()):
        # without the seat written before it: "Portville-based Lynx", "Portville, Mont.-based X"
        organisation = re.sub(r"^.*-based\s+", "", of.group(1))
    country = _country_before(doc, first) or (None if re.search(r"\bto\b", title) else _own_country_in(title))
    return RoleClaim(mention.span.text, title, organisation, country, sentence)


# A country as what a title is about or where it serves, at its end: "adviser on Ruritania",
# "envoy for Ruritania", "correspondent in Ruritania".
_COUNTRY_AS_TOPIC = re.compile(
    r"\b(?:to|on|for|about|over|in|at)\s+(?:the\s+)?(?P<name>[A-Z][\w.'’ -]*?)\s*$"
)


def _own_country_in(title: str) -> str | None:
    """The country a title gives its holder ("President of Ruritania", "Ruritanian diplomat"); not the
    country it is about or serves in ("the ambassador to Ruritania", "adviser on Ruritania")."""
    topic = _COUNTRY_AS_TOPIC.search(title)
    if topic and gazetteer().country(topic["name"]):
        return country_in(title[: topic.start()])
    return country_in(title) or _states_country_in(title)


def _states_country_in(title: str) -> str | None:
    """The United States for a US state's name modifying a title ("Kansas representative", "New York
    police chief"); not a state the holder works in or is about ("correspondent in Kansas")."""
    if _COUNTRY_AS_TOPIC.search(title):
        return None
    for run in re.findall(r"[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*", title):
        words = run.split()
        if any(
            gazetteer().is_state_name(" ".join(words[i : i + n]))
            for n in (2, 1)
            for i in range(len(words) - n + 1)
        ):
            return UNITED_STATES
    return None


COORDINATED = re.compile(
    r"(?:(?P<demonym>[A-Z][a-z]+)\s+)?(?P<title>Ministers|Secretaries|Generals)\s+of\s+"
    r"(?P<a>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*)\s+and\s+(?P<b>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*)\s*[\[(,]\s*"
    r"(?P<first>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)+)\s+and\s+(?P<second>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)+)"
)


def _coordinated(document: Document, doc: Doc) -> list[RoleClaim]:
    """Roles from "the Ministers of A and B [X and Y]": X is Minister of A, Y of B."""
    claims = []
    for match in COORDINATED.finditer(document.text):
        title = PLURAL_TITLES[match["title"].casefold()]
        country = gazetteer().demonym(match["demonym"]) if match["demonym"] else None
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        sentence = span.sent if span is not None else None
        source = (
            Span(document.id, sentence.start_char, sentence.end_char, sentence.text)
            if sentence is not None
            else Span(document.id, match.start(), match.end(), match.group(0))
        )
        for name, field in ((match["first"], match["a"]), (match["second"], match["b"])):
            claims.append(RoleClaim(name, f"{title} of {field}", None, country, source))
    return claims
