"""Numbers that are never figures: years, dates, times, durations, distances, rates, percentages,
money, ordinals, ids, list markers, proportions ("one in five") and numbers inside names, models and
versions ("Flight 370", "zPhone 4 owners", "its larger 777 planes")."""

from __future__ import annotations

import re

from spacy.tokens import Token

from builder.extract.figures.nouns import counted_lemma, lemma
from builder.extract.figures.numbers import parse_number
from builder.extract.figures.words import (
    CURRENCY_SYMBOLS,
    GROUP_HEADS,
    GROUP_NOUNS,
    INVARIANT_NOUNS,
    MEMBER_WORDS,
    NAME_ENTS,
    NOT_COUNTED,
    NOT_FIGURE_ENTS,
    OPINION_VERBS,
    POSTDETERMINERS,
    currency_words,
)
from builder.extract.tense import governing_verb
from builder.values.dates import MONTHS


def not_a_count(token: Token, tokens: list[Token], ranged: bool = False) -> bool:
    """Years, dates, times, durations, distances, rates, percentages, money, ordinals, ids, list markers.

    ``ranged``: the number is the low end of a range ("5-6 police"), so a hyphen after it is no modifier.
    """
    first, last = tokens[0], tokens[-1]
    if any(t.ent_type_ in NOT_FIGURE_ENTS for t in tokens):
        # The tagger sometimes stretches a QUANTITY over a count ("45 degrees as 300 workers") or
        # takes a count for a date ("Forty miners"): a number modifying a counted noun still counts.
        people = token.dep_ == "nummod" and counted_lemma(token.head) is not None
        mislabelled = (
            token.ent_type_ not in ("MONEY", "PERCENT") and token.head.lemma_.lower() not in NOT_COUNTED
        )
        if not (people and mislabelled):
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
    if after is not None and after.text == "-" and not after.whitespace_ and not strong and not ranged:
        # "60-day", "1,500-km", "15-member council", "12-year-old": a modifier, not a count; but "a
        # 62-member rescue team" counts its members
        return not sized_group(last)
    if before is not None and before.pos_ == "PROPN" and before.lower_ not in MONTHS and before.is_title:
        return True  # "Skyline 737", "Route 66", "Article 5": a name, not a count
    if is_in_a_name(token, before) or counts_one_thing(token, tokens) or names_its_members(token):
        return True
    if is_proportion(first, last):
        return True
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


def sized_group(last: Token) -> bool:
    """ "a 62-member rescue team", "a 12-man crew": a group given by its number of members."""
    doc = last.doc
    if last.i + 3 >= len(doc) or doc[last.i + 2].lower_ not in MEMBER_WORDS:
        return False
    group = doc[last.i + 2].head
    return group.pos_ == "NOUN" and lemma(group) in GROUP_HEADS | GROUP_NOUNS


def is_in_a_name(token: Token, before: Token | None) -> bool:
    """A number that is part of a name, a model or a version rather than a count.

    * inside a named entity that is not a number ("the Skyline 737" tagged PRODUCT, "G8" an ORG);
    * after a name that modifies the same noun ("zPhone 4 owners", "Skyline 380 jets");
    * after a describing adjective of the same noun, with no "a"/"an" ("its larger 777 planes",
      "their new 787 aircraft"): a count comes before such adjectives ("its 20 larger planes"),
      while "a staggering 1,000 people" and "the remaining 20" stay counts.
    """
    if token.ent_type_ in NAME_ENTS and token.ent_iob_ == "I":
        start = token.i
        while token.doc[start].ent_iob_ == "I":
            start -= 1
        if any(t.pos_ == "PROPN" for t in token.doc[start : token.i]):
            return True  # a number after a name's first word: "Skyline 737", "Group of 77"
    if (
        before is not None
        and before.pos_ == "PROPN"
        and before.lower_ not in MONTHS
        and not before.ent_type_ == "NORP"
    ):
        # the name and the number modify one noun, or one modifies the other
        if before.head == token.head or token.head == before or before.head == token:
            return True
    head = token.head
    if token.dep_ != "nummod" or head.pos_ not in ("NOUN", "PROPN"):
        return False
    left = [t for t in head.children if t.i < token.i]
    describing = [
        t for t in left if t.dep_ == "amod" and t.tag_ in ("JJ", "JJR") and t.lower_ not in POSTDETERMINERS
    ]
    indefinite = any(t.dep_ == "det" and t.lower_ in ("a", "an") for t in left)
    return bool(describing) and not indefinite


def hung_on_its_time(token: Token) -> bool:
    """ "to 90,000 last year", "12 this week": a number the parser hung on the time noun after it,
    with a word between that places the time ("last", "this", "next")."""
    head = token.head
    between = token.doc[token.i + 1 : head.i]
    return head.lower_ in TIME_UNITS and len(between) == 1 and between[0].lower_ in TIME_PLACERS


# Time nouns a number written before "last year" may be hung on, and the words that place them.
TIME_UNITS = frozenset("year week month day night weekend quarter season".split())
TIME_PLACERS = frozenset("last this next that previous past".split())


def counts_one_thing(token: Token, tokens: list[Token]) -> bool:
    """A number above one before a singular noun that has a plural ("the final 717 jet"): a model
    number, not a count; "20 aircraft", "300 police" and "40 staff" are counts in the singular."""
    head = token.head
    if token.dep_ != "nummod" or head.pos_ != "NOUN" or head.tag_ != "NN" or hung_on_its_time(token):
        return False
    if (
        "Number=Sing" not in str(head.morph)
        or head.lower_ in INVARIANT_NOUNS
        or lemma(head) in INVARIANT_NOUNS
    ):
        return False
    value = parse_number(" ".join(t.text for t in tokens))
    return value is not None and value > 1


def names_its_members(token: Token) -> bool:
    """ "the two men, Aldo Reyes and Pim Laar", "the three ministers of Arlen, Bosk and Cerro": people
    already named, counted again; the names are the news, the number is not a figure."""
    head = token.head
    if token.dep_ != "nummod" or not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return False
    value = parse_number(token.text)
    named: set[int] = set()
    for child in head.children:
        if child.dep_ == "appos" or child.dep_ == "prep" and child.lower_ == "of":
            named.update(t.i for t in child.subtree if t.ent_type_ in ("PERSON", "GPE") and t.ent_iob_ == "B")
    return value is not None and len(named) >= value >= 2


def is_proportion(first: Token, last: Token) -> bool:
    """ "one in five Americans", "six out of ten voters": a share of a group, not a count."""
    doc = first.doc
    after = [t.lower_ for t in doc[last.i + 1 : last.i + 4]]
    if after[:1] == ["in"] and len(after) > 1 and _is_number_text(doc[last.i + 2]):
        return True
    if after[:2] == ["out", "of"] and len(after) > 2 and _is_number_text(doc[last.i + 3]):
        return True
    before = [t.lower_ for t in doc[max(first.i - 3, 0) : first.i]]
    if before[-1:] == ["in"] and first.i >= 2 and _is_number_text(doc[first.i - 2]):
        return True
    if before[-2:] == ["out", "of"] and first.i >= 3 and _is_number_text(doc[first.i - 3]):
        return True
    # "6 of 10 voters believe ...": a poll's share ("10 of 12 victims were flown home" is a count)
    if after[:1] == ["of"] and len(after) > 1 and _is_number_text(doc[last.i + 2]):
        return _an_opinion(first)
    if before[-1:] == ["of"] and first.i >= 2 and _is_number_text(doc[first.i - 2]):
        return _an_opinion(first)
    return False


def _an_opinion(token: Token) -> bool:
    """Whether ``token`` is in the subject of a verb of opinion ("believe", "support", "say")."""
    return any(a.pos_ in ("VERB", "AUX") and lemma(a) in OPINION_VERBS for a in token.ancestors)


def _is_number_text(token: Token) -> bool:
    """A number that can be a share's base: "five" of "one in five", not "1980" of "100,000 in 1980"."""
    return token.like_num and not token.is_punct and token.ent_type_ not in ("DATE", "TIME")


# Verbs that give what a vehicle or a building takes, in the present or with a modal ("the jet seats
# 420 passengers", "it will seat 120 to 180"): a specification, not people there.
CAPACITY_VERBS = frozenset({"seat", "accommodate", "carry"})


def a_capacity(token: Token) -> bool:
    """Whether the count at ``token`` is what could be, not what is: a verb with "can" or "could"
    ("can seat up to 90 people", "can call up 50,000 reservists"; "could have died" is an
    estimate of what was), "capable of"/"able to", or a capacity verb told as a specification."""
    verb = governing_verb(token)
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "neg")}
    if auxiliaries & {"can", "could"} and not auxiliaries & {"have", "not", "n't"}:
        return True  # not "could not find 12 suspects", what was not done
    if any(ancestor.lemma_.lower() in ("capable", "able") for ancestor in verb.ancestors):
        return True
    told_as_a_fact = verb.tag_ in ("VBZ", "VBP") or bool(auxiliaries & {"will", "would"})
    return verb.lemma_.lower() in CAPACITY_VERBS and told_as_a_fact
