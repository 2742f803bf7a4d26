"""What a number counts: the noun it modifies, the noun after "of", a participle, the subject of
"the number of X rose to N", or, for a number standing alone, a noun said before it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from builder.extract.figures.categories import category_of, event_words
from builder.extract.figures.exclusions import hung_on_its_time, sized_group
from builder.extract.figures.nouns import (
    blocking_subject,
    count_subject,
    counted_lemma,
    is_rate,
    last_counted_noun,
    lemma,
    noun_phrase,
    partitive_of,
)
from builder.extract.figures.numbers import is_number_word
from builder.extract.figures.words import (
    CHANGE_TO,
    COUNT_NOUNS,
    EVENT_CATEGORY,
    GROUP_HEADS,
    HOST_NOUNS,
    MIGRATION_VERBS,
    NOT_COUNTED,
    NOT_PERSON,
    REACH_VERBS,
    UNKNOWN_NOUN_EVENTS,
)
from builder.values.dates import MONTHS

# The parse relations of a number that modifies a noun: "1,200 personnel", "about 300 people".
MODIFIER_DEPS = ("nummod", "quantmod", "compound", "amod")
# The relations of a number that stands for a noun: "about six were injured", "arresting 9".
STANDING_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj", "ROOT")


class Counted(NamedTuple):
    """What a number counts; ``text`` None when it counts nothing the figures keep."""

    noun: Token | None  # the counted noun, when the article names one
    text: str | None  # what is counted, as written: "military personnel", "injured"
    key: str | None  # the noun's category key (``counted_lemma``)
    anchor: Token  # the token whose predicate says what befell the counted


@dataclass(frozen=True)
class SaidBefore:
    """What an article said before a number: the nouns a number standing alone may stand for."""

    # sentence start -> the last noun counted in that sentence so far (a bare number later stands for it)
    last_counted: dict[int, Token] = field(default_factory=dict)
    previous_sentence: dict[int, SpacySpan] = field(default_factory=dict)  # sentence start -> the one before


def _nothing(token: Token) -> Counted:
    """A number that counts nothing."""
    return Counted(None, None, None, token)


def counted_by(token: Token, sentence: SpacySpan, said: SaidBefore) -> Counted:
    """What the number headed by ``token`` counts, tried from the closest tie to the loosest."""
    head = token.head
    # "between 200 and 300 soldiers", "50 to 60 people": the low bound shares the high bound's noun
    if head != token and is_number_word(head) and token.dep_ in ("quantmod", "conj", "compound", "nummod"):
        return counted_by(head, sentence, said)
    # "a 5,000-strong force of soldiers", "a 300-strong police contingent"
    if head.lower_ == "strong" and head.head.pos_ in ("NOUN", "PROPN"):
        noun = partitive_of(head.head) or head.head
        return Counted(noun, noun_phrase(noun, after=head.i), counted_lemma(noun) or "other", noun)
    # "a 62-member rescue team", "a 12-man crew": the group, counted by its members
    if sized_group(token):
        group = token.doc[token.i + 2].head
        return Counted(group, noun_phrase(group, after=token.i + 2), lemma(group), group)
    # "five soldiers died in Osk and two in Vell", "eight are held here and one abroad": a
    # number whose verb is left out counts what the number before it counts, with its predicate
    gapped = _gapped(token, sentence, said)
    if gapped is not None:
        return gapped
    # "rose to more than 90,000 last year", parsed with the number on "year": the level the count
    # changed to, told with its time
    if token.dep_ in MODIFIER_DEPS and hung_on_its_time(token):
        changed = head.head
        if head.dep_ == "pobj" and changed.lower_ in ("to", "from") and lemma(changed.head) in CHANGE_TO:
            return _changed_to(token, sentence, said, verb=changed.head)
        return _nothing(token)
    # "1,200 military personnel", "three others": the noun the number modifies
    if token.dep_ in MODIFIER_DEPS and (head.lower_ in ("others", "more") or head.pos_ in ("NOUN", "PROPN")):
        return _modified_noun(token, sentence, said)
    # "a task force of 50", "a contingent of 300": the group counted by its size
    if token.dep_ == "pobj" and head.lower_ == "of" and lemma(head.head) in GROUP_HEADS - {"member"}:
        group = head.head
        return Counted(group, re.sub(r"\s+of\b.*$", "", noun_phrase(group)), lemma(group), group)
    # "hundreds of migrants", "two of the guards"
    partitive = partitive_of(token)
    if partitive is not None and token.lower_ != "one" and not is_rate(partitive):
        return Counted(partitive, noun_phrase(partitive), counted_lemma(partitive), token)
    # "at least seven injured", "12 dead"
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if (
        following is not None
        and following.lower_ in EVENT_CATEGORY
        and following.pos_ in ("VERB", "ADJ", "NOUN")
    ):
        said_before = said.last_counted.get(sentence.start)  # "12 people were killed and 40 injured"
        if said_before is not None:
            return Counted(said_before, noun_phrase(said_before), counted_lemma(said_before), token)
        return Counted(None, following.text, None, token)
    # "the death toll reached 45", "the number injured topped 2,200", "the victims numbered 213"
    if token.dep_ in ("dobj", "attr", "npadvmod") and lemma(head) in REACH_VERBS:
        return _changed_to(token, sentence, said, verb=head)
    # "the toll stood at 45"
    if token.dep_ == "pobj" and head.lower_ == "at" and lemma(head.head) == "stand":
        return _changed_to(token, sentence, said, verb=head.head)
    # "the death toll, initially 10, has risen to 12": a count in apposition to the toll
    if token.dep_ == "appos" and lemma(head) in COUNT_NOUNS:
        of = partitive_of(head) or head
        return Counted(of, noun_phrase(of), counted_lemma(of), of)
    if token.dep_ not in STANDING_DEPS:
        return _nothing(token)
    # "the number of police officers has been increased to 400", "the camp is home to 40,000"
    # ("rose from 10 to 12": the earlier level too)
    if token.dep_ == "pobj" and (
        (head.lower_ == "to" and (lemma(head.head) in CHANGE_TO or head.head.lower_ in HOST_NOUNS))
        or (head.lower_ == "from" and lemma(head.head) in CHANGE_TO)
    ):
        return _changed_to(token, sentence, said)
    # "rose from 10 to 12" parsed with "to 12" hanging on "from"
    above = head.head
    if (
        token.dep_ == "pobj"
        and head.lower_ == "to"
        and above.lower_ == "from"
        and lemma(above.head) in CHANGE_TO
    ):
        return _changed_to(token, sentence, said, verb=above.head)
    return _standing_alone(token, sentence, said)


def _modified_noun(token: Token, sentence: SpacySpan, said: SaidBefore) -> Counted:
    """The noun a number modifies ("1,200 military personnel", "six police officers"), unless it
    measures time, distance or money, or names no one."""
    head = modified_noun(token)
    # "three others were hurt", "they found 6 more": the noun said before
    if head.lower_ in ("others", "more"):
        if head.dep_ == "conj" and head.head.pos_ == "NOUN":
            # "the attack on A and four others": more of the noun it is coordinated with
            sibling = head.head
            key = counted_lemma(sibling)
            return Counted(sibling, head.text, key, head) if key else _nothing(token)
        return _elided(token, sentence, said)._replace(anchor=head)
    if head.lower_ in MONTHS or lemma(head) in NOT_COUNTED or head.lower_ in NOT_COUNTED:
        return _nothing(token)
    if lemma(head) in COUNT_NOUNS:
        return _nothing(token)
    if head.dep_ == "poss":
        return _nothing(token)  # "3 contractors' firms": the firms are counted, not named
    key = counted_lemma(head)
    if key is None and category_of(set(event_words(head))) in UNKNOWN_NOUN_EVENTS:
        # "10,000 Rohingya have fled": the event says it counts, and a people's name is capitalised;
        # "30 cattle were killed" counts animals, not people
        key = "other" if head.is_title or head.ent_type_ == "NORP" else NOT_PERSON
    if key is None or is_rate(head):
        return _nothing(token)
    return Counted(head, noun_phrase(head, after=token.i), key, head)


def modified_noun(token: Token) -> Token:
    """The noun a number modifies, past a name the parser hung it on ("Twenty Skyline jets": the
    parser makes "Twenty" a modifier of "Skyline", which modifies "jets")."""
    noun = token.head
    while noun.pos_ == "PROPN" and noun.dep_ in ("compound", "nmod") and noun.head.pos_ == "NOUN":
        noun = noun.head
    return noun


GAPPED_HEADS = ("pobj", "dobj", "nsubj", "nsubjpass")


def _gapped(token: Token, sentence: SpacySpan, said: SaidBefore) -> Counted | None:
    """The count of a number in a gapped clause: coordinated with a word of the clause before (not
    with a number), with only a place or an adverb of its own ("and two in Vell", "and one
    abroad"), after a number counted in the same sentence."""
    head = token.head
    # coordinated with the clause before, its verb or a word of it: "died in Osk and two in Vell",
    # "killed 12 people in Osk and 3 in Vell" (not a list's: "a doctor and one of her cousins")
    of_the_clause = head.dep_ in GAPPED_HEADS or head.pos_ in ("VERB", "AUX")
    if token.dep_ != "conj" or not of_the_clause or is_number_word(head) or head.i > token.i:
        return None
    rest = [child for child in token.children if child.dep_ not in ("punct", "cc")]
    if not rest or any(child.dep_ not in ("prep", "advmod", "npadvmod") for child in rest):
        return None
    if any(child.lower_ == "of" for child in rest):
        return None  # "a doctor and one of her cousins": a part of something, no gap
    noun = said.last_counted.get(sentence.start)
    if noun is None or noun.i > token.i:
        return None
    return Counted(noun, noun_phrase(noun), counted_lemma(noun), noun)


def _changed_to(token: Token, sentence: SpacySpan, said: SaidBefore, verb: Token | None = None) -> Counted:
    """What "rose to N", "is home to N" or "reached N" (``verb``) counts: the count's subject ("the
    number of X", "the contingent", "the victims numbered"), nothing when the subject is a thing
    ("prices"), else the noun said before."""
    verb = token.head.head if verb is None else verb
    subject = count_subject(verb)
    if subject is None and lemma(verb) in ("number", "total"):
        subject = next((c for c in verb.children if c.dep_ == "nsubj" and counted_lemma(c)), None)
    if subject is not None:
        if lemma(subject) in COUNT_NOUNS:
            if _counts_things(subject):
                return _nothing(token)  # "the number of orders rose to 230": orders are no one
            return Counted(subject, noun_phrase(subject), None, subject)
        return Counted(subject, noun_phrase(subject), counted_lemma(subject), subject)
    if blocking_subject(verb):
        return _nothing(token)
    return _elided(token, sentence, said)


def _counts_things(count_noun: Token) -> bool:
    """ "the total number of outstanding orders": a count noun whose "of" names what no list counts."""
    return any(
        p.dep_ == "pobj" and p.pos_ == "NOUN" and not counted_lemma(p) and p.lower_ not in EVENT_CATEGORY
        for prep in count_noun.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for p in prep.children
    )


def _standing_alone(token: Token, sentence: SpacySpan, said: SaidBefore) -> Counted:
    """A number standing alone counts the noun said before it when something befell it or it moved:
    "about six were injured", "the 5.4 million that have left the country", "another 4,000 crossed"."""
    moved = token.dep_ == "nsubj" and lemma(token.head) in MIGRATION_VERBS
    # "they found 14 more", "another 30 were rescued": more of the noun said before
    more = any(c.lower_ in ("more", "others") and c.dep_ in ("amod", "advmod") for c in token.children)
    if (
        moved
        or more
        or event_words(token)
        or any(c.dep_ in ("relcl", "acl") and lemma(c) in MIGRATION_VERBS for c in token.children)
    ):
        return _elided(token, sentence, said)
    return _nothing(token)


def _elided(token: Token, sentence: SpacySpan, said: SaidBefore) -> Counted:
    """A number standing for a noun said before: the sentence's last counted noun, or the previous one's."""
    noun = said.last_counted.get(sentence.start) or last_counted_noun(sentence, token.i)
    if noun is None and sentence.start in said.previous_sentence:
        earlier = said.previous_sentence[sentence.start]
        noun = last_counted_noun(earlier, earlier.end)
    if noun is None or token.lower_ == "one":
        return _nothing(token)
    if token.dep_ == "dobj" and noun.dep_ == "nsubj":
        return _nothing(token)  # "60 police raided homes, arresting 9": the agents are not the 9
    if lemma(noun) == "life":
        return Counted(None, "people", "people", token)  # "claimed 217 lives and injured 5,000": people
    return Counted(noun, noun_phrase(noun), counted_lemma(noun), token)
