"""The counted noun: whether a noun counts people or units, its phrase, and the nouns a number points to."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from builder.extract.figures.numbers import is_number_word
from builder.extract.figures.words import (
    COUNT_NOUNS,
    EVENT_CATEGORY,
    GENERIC_HEADS,
    GROUP_HEADS,
    NOT_PEOPLE,
    NOUN_CATEGORY,
    RATE_NOUNS,
    REPORTING_VERBS,
    VAGUE,
    demonym_plurals,
)
from builder.extract.nlp import verb_lemmas

# The forms of event words a count noun can count: "the number injured", "the number of dead".
EVENT_FORMS = frozenset(word for word in EVENT_CATEGORY if word.endswith("ed") or word == "dead")


def lemma(token: Token) -> str:
    """The lower-cased lemma of ``token``."""
    return token.lemma_.lower()


def counted_lemma(token: Token) -> str | None:
    """The category key of a noun that counts people or units, or None."""
    lemma_, lower = lemma(token), token.lower_
    if token.ent_type_ in ("PERSON", "ORG") or token.tag_ == "NNP" and token.ent_type_ != "NORP":
        return None  # "the attack on Ruiz and four others": a name is no counted noun
    if lower in NOUN_CATEGORY:
        return lower
    if lemma_ in NOUN_CATEGORY:
        return lemma_
    if token.tag_ == "NNPS" and lower.endswith("s") and lower[:-1] in NOUN_CATEGORY:
        return lower[:-1]  # "4,000 Marines": a force's plural the tagger took for a people's name
    if lower in demonym_plurals() or (
        token.ent_type_ == "NORP"
        and (lower.endswith("s") or token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"))
    ):
        return "demonym"
    # Agent nouns the list misses: "activists", "technicians", "trainees", "protesters", "inspectors".
    if token.tag_ == "NNS" and len(lemma_) >= 5 and lemma_ not in NOT_PEOPLE and is_agent_noun(lemma_):
        return "other"
    return None


@lru_cache(maxsize=4096)
def is_agent_noun(word: str) -> bool:
    """Whether a noun names who does something: "-ist", "-ian", "-ee", or "-er"/"-or"/"-ant"/"-ent" on a verb.

    "protester" (protest), "rescuer" (rescue), "occupant" (occupy), "resident" (reside); a word that is
    a verb itself ("orders", "borders", "matters") or a "-ment" noun is not one.
    """
    if word.endswith(("ist", "ian", "ee")):
        return True
    if word.endswith("ment"):
        return False
    verbs = verb_lemmas()
    if word in verbs:
        return False
    if word.endswith(("er", "or")):
        stem = word[:-2]  # "protest-er", "rescu-er" (rescue), "shopp-er" (shop), "surviv-or" (survive)
        doubled = stem[:-1] if stem[-1:] == stem[-2:-1] else stem
        return any(v in verbs for v in (stem, stem + "e", doubled))
    if word.endswith(("ant", "ent")):
        stem = word[:-3]
        return any(v in verbs for v in (stem, stem + "e", stem + "ate", stem + "y"))
    return False


def noun_phrase(noun: Token, after: int = -1) -> str:
    """The counted noun with its modifiers (not the number, not determiners)."""
    left = [
        t
        for t in noun.subtree
        if after < t.i < noun.i
        and t.dep_ in ("compound", "amod", "nmod", "npadvmod", "punct", "nummod", "poss", "case")
        and not is_number_word(t)
    ]
    # Keep only the contiguous run before the noun.
    tokens: list[Token] = []
    for t in sorted(left, key=lambda t: t.i, reverse=True):
        if tokens and t.i != tokens[-1].i - 1 or not tokens and t.i != noun.i - 1:
            break
        tokens.append(t)
    words = [t.text for t in reversed(tokens)] + [noun.text]
    if lemma(noun) in GENERIC_HEADS:
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                words += [t.text for t in prep.subtree]
    return " ".join(w for w in words if w not in ("-",)).strip()


def is_rate(noun: Token) -> bool:
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
    return noun.dep_ == "pobj" and head.lower_ == "of" and lemma(head.head) in RATE_NOUNS


def partitive_of(token: Token) -> Token | None:
    """The pobj of "N of X" when X counts people ("hundreds of migrants", "two of the guards")."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    if pobj.lower_ in VAGUE:  # "tens of thousands of X"
                        return partitive_of(pobj)
                    if counted_lemma(pobj):
                        return pobj
    return None


def counted_participle(count_noun: Token) -> Token | None:
    """The participle a count noun counts: "the number injured", "the number of dead"."""
    for child in count_noun.children:
        if child.dep_ in ("amod", "acl") and child.lower_ in EVENT_FORMS:
            return child
        if child.dep_ == "prep" and child.lower_ == "of":
            found = [p for p in child.children if p.dep_ == "pobj" and p.lower_ in EVENT_FORMS]
            if found:
                return found[0]
    return None


def count_subject(verb: Token) -> Token | None:
    """X in "the number of X has been increased to N" (or the count noun itself: "the death toll")."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj") and lemma(child) in COUNT_NOUNS:
            return partitive_of(child) or counted_participle(child) or child
        # "the police contingent was raised to 1,200": a group counted by its size
        if child.dep_ in ("nsubj", "nsubjpass") and lemma(child) in GROUP_HEADS - {"member", "group"}:
            return child
    return None


def blocking_subject(verb: Token) -> bool:
    """Whether "X rose to N" has a subject that is a thing, not people ("prices rose to 400")."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ == "NOUN" and not counted_lemma(child):
            return lemma(child) not in COUNT_NOUNS
    return False


def last_counted_noun(tokens: list[Token] | SpacySpan, before: int) -> Token | None:
    """The last noun counting people in ``tokens`` before index ``before``, outside names."""
    found = None
    for t in tokens:
        if t.i >= before:
            break
        if t.dep_ == "nsubj" and lemma(t.head) in REPORTING_VERBS:
            continue  # "Police said 300 entered": the speaker is not what is counted
        if is_part_of_total(t):
            continue  # "74, including eight children, were killed and 1,640 wounded": not children
        if t.pos_ in ("NOUN", "PROPN") and t.ent_type_ not in ("ORG", "LAW", "WORK_OF_ART", "GPE", "FAC"):
            key = counted_lemma(t)
            if key and NOUN_CATEGORY.get(key, "") != "other" or key in ("demonym", "people", "person"):
                found = t
    return found


def is_part_of_total(token: Token) -> bool:
    """Whether a counted noun is a part of a total said before it ("including", "among them", apposition)."""
    if token.dep_ == "pobj" and token.head.lower_ in ("including", "among"):
        return True
    # "30 of them minors", "five of whom were children"
    if any(t.lower_ == "of" and any(p.lower_ in ("them", "whom") for p in t.children) for t in token.subtree):
        return True
    first = token
    while first.dep_ == "conj" and first.head != first:
        first = first.head  # "the 14 foreigners, six Iraqis, six Sudanese ...": every item of the list
    if first.dep_ == "appos" and first.head.pos_ in ("NOUN", "PROPN") and counted_lemma(first.head):
        return True
    return any(
        child.dep_ == "prep"
        and child.lower_ == "among"
        and any(p.lower_ in ("them", "whom") for p in child.children)
        for child in token.children
    )
