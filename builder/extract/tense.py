"""The tense and modality of the clause around a time expression, which decides whether a date
written without its year or week ("on November 16", "on Friday", "in March") lies before or
after the article's date.

As HeidelTime does for news, the clause's verb decides: a future tense, a modal ("may be
signed", "should be completed", "would travel"), or a verb of planning ("is scheduled",
"plans to", "is due", "is set to") points ahead; a past tense or a perfect points back; a
present tense or a bare infinitive leaves the direction to the nearest date. Without a parse
the words of the clause are read instead.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from builder.values.inflection import base_forms

if TYPE_CHECKING:  # types only (see ``extract.spans``)
    from spacy.tokens import Doc, Token

Tense = Literal["future", "past", "present"]

# Verbs (lemmas) whose clause is still to happen: "is expected to", "is due", "plans to".
FUTURE_VERBS = {"schedule", "plan", "expect", "forecast", "due", "intend", "anticipate", "predict", "aim"}
# Verbs whose "to"-infinitive is still to happen when they are told ("agreed to acquire the bank
# in January", "planned to leave on Thursday").
INTENT_VERBS = {
    "plan", "intend", "expect", "agree", "hope", "want", "seek", "aim", "decide", "promise", "vow",
    "threaten", "prepare", "schedule", "arrange", "propose", "offer", "pledge", "undertake", "resolve",
    "vote", "order", "ask", "urge", "tell", "call",
}  # fmt: skip
# "is set to", "is to", "is going to": a verb whose "to"-infinitive is still to happen.
FUTURE_FRAMES = {"set", "be", "go", "about"}
# Modal verbs that put what they govern ahead of the report ("may be signed on September 12",
# "would travel on Thursday"); "can" speaks of the present. A perfect after them ("may have
# left") or a negated "could" ("could not confirm on Monday") tells the past.
FUTURE_MODALS = {"will", "shall", "'ll", "wo", "may", "might", "should", "could", "would", "must"}
PAST = re.compile(
    r"\b(?:was|were|had|did|said|told|took|made|met|went|gave|came|left|held|began|broke|fought|found|"
    r"sent|fled|struck|won|lost|led|saw|rose|fell|shot|ran|spoke|wrote|chose|drove|flew|hit|kept|knew|"
    r"paid|put|set|stood|threw|\w{3,}ed)\b",
    re.I,
)
FUTURE = re.compile(
    r"\b(?:will|shall|'ll|(?:is|are|am)\s+(?:(?:set|due|expected|scheduled|planned|going|about)\s+)?to"
    r"|scheduled|planned|plans?\s+to|expects?|expected\s+to|forecasts?|due(?!\s+to\b)|to\s+be\s+held"
    r"|intends?\s+to|(?-i:may|might|should|would|could)\s+(?!have\b|not\b|n't\b)\w+)\b",
    re.I,
)


# Modifiers that put a planned thing ahead of the report, whatever the tense of its clause: "had
# been talking about the slated visit in September", "the upcoming elections in March".
PLAN_MODIFIERS = {"slated", "scheduled", "planned", "upcoming", "forthcoming", "proposed", "impending"}


def clause_tense(text: str, start: int, end: int, doc: Doc | None) -> Tense:
    """The tense of the clause around ``text[start:end]``: "future", "past" or "present"."""
    verb = verb_at(start, end, doc)
    if verb is not None:
        if _of_a_planned_thing(start, end, doc):
            return "future"
        return _parsed_tense(verb)
    # Without a parse, the clause is the words between the nearest boundaries (". ", ", ", " that ").
    boundaries = (". ", "\n", ", ", " that ")
    clause_start = max(
        text.rfind(b, 0, start) + len(b) if text.rfind(b, 0, start) >= 0 else 0 for b in boundaries
    )
    clause_end = min([i for i in (text.find(b, end) for b in boundaries) if i >= 0] + [len(text)])
    for clause in (text[clause_start:clause_end], _sentence(text, start, end)):
        # The clause first; a clause with no verb ("In March, the plant closed") takes the sentence's.
        if FUTURE.search(clause):
            return "future"
        if PAST.search(clause):
            return "past"
    return "present"


def _of_a_planned_thing(start: int, end: int, doc: Doc | None) -> bool:
    """Whether the date belongs to a noun a plan's word modifies ("the slated visit in September"),
    on its way up to its verb."""
    span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
    if span is None:
        return False
    token = span.root
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
        if token.pos_ == "NOUN" and any(
            c.dep_ == "amod" and c.lower_ in PLAN_MODIFIERS for c in token.children
        ):
            return True
    return False


def _sentence(text: str, start: int, end: int) -> str:
    sentence_start = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    ends = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return text[sentence_start : min(ends) if ends else len(text)]


def told_as_ended(start: int, end: int, doc: Doc | None) -> bool:
    """Whether the clause is an active past action with no object ("lasted", "ran", "continued").

    "Ferries were suspended until Monday", "the ministry extended the curfew until Monday" and
    "roads remained closed until Monday" tell a state still in force; "the strike lasted until
    Monday" tells one that is over.
    """
    verb = verb_at(start, end, doc)
    if verb is None:
        return False
    if any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children):
        return True  # "until Thursday they had not called him a suspect": a past perfect is over
    deps = {c.dep_ for c in verb.children}
    return verb.tag_ == "VBD" and not deps & {"auxpass", "nsubjpass", "dobj", "acomp", "oprd", "xcomp"}


def clause_follows(text: str, end: int, doc: Doc | None) -> bool:
    """Whether the "after"/"before" ending at ``end`` introduces a clause (it has a verb)."""
    if doc is None:
        return bool(re.match(r"\s+(?:\w+\s+){0,4}(?:was|were|had|has|is|are)\b", text[end:]))
    span = doc.char_span(end - 1, end, alignment_mode="expand")
    if span is None:
        return False
    # The parser attaches "after" in several ways; a finite verb close after it is what marks a clause.
    for token in doc[span.end : min(span.end + 6, span.sent.end)]:
        if token.is_punct:
            return False
        if token.tag_ in ("VBD", "VBZ", "VBP", "MD") or token.dep_ in ("nsubj", "nsubjpass"):
            return True
    return False


def verb_at(start: int, end: int, doc: Doc | None) -> Token | None:
    """The verb governing ``doc``'s characters ``start:end``; None without a parse or a token there."""
    span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
    return governing_verb(span.root) if span is not None else None


def governing_verb(token: Token) -> Token:
    """The verb a time expression belongs to: the first verb up its chain of heads."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def _parsed_tense(head: Token) -> Tense:
    """The tense of the clause of ``head``: its own auxiliaries first, then the verbs above it."""
    if _to_be_done(head):
        return "future"  # "the vote, to be held on Friday"
    if _infinitive(head):
        # "agreed to acquire the bank in January": what was agreed, planned or asked is still to
        # happen; any other infinitive takes no direction from the verb above it.
        above = head.head
        if above.i != head.i and (_verb_of(above, INTENT_VERBS | FUTURE_VERBS) or _future_frame(above)):
            if _past_perfect(above):
                return "past"  # "had hoped to open it in 2026": a plan told as given up
            return "future"  # "agreed to acquire", "is set to resign", "is going to strike"
        return "present"
    # A participle in "-ing" has no tense of its own: the verb above it speaks with its auxiliaries
    # ("would leave ..., with the third departing from May 9" is ahead, though "said" above it
    # all is past). A past participle is done ("the accord signed on May 2").
    if head.tag_ == "VBG":
        governing = [t for ancestor in head.ancestors for t in (*_auxiliaries(ancestor), ancestor)]
    else:
        governing = list(head.ancestors)
    for token in [head, *head.children, *governing]:
        tense = _token_tense(token)
        if tense is not None:
            return tense
    return "present"


def _auxiliaries(verb: Token) -> list[Token]:
    """The modals and auxiliaries of a verb (a verb's only: a preposition or a noun has none)."""
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    return [child for child in verb.children if child.dep_ == "aux" and child.i < verb.i]


def _token_tense(token: Token) -> Tense | None:
    """The direction one word gives its clause, if any."""
    if token.tag_ == "MD" or token.lower_ in ("will", "shall", "'ll"):
        return _modal_direction(token)
    if token.lemma_ in FUTURE_VERBS and token.tag_ != "VBD":  # "planned the budget" is done
        return "future"
    if _future_frame(token):
        return "future"  # "is set to", "is to", "is going to"
    if token.tag_ == "VBD" or token.lower_ in ("has", "have", "had"):
        return "past"
    return None


def _modal_direction(modal: Token) -> Tense | None:
    """The direction a modal gives its verb: ahead, or back for a perfect ("may have left") and a
    negated "could" ("could not confirm"); None for "can"."""
    word = modal.lower_
    if word not in FUTURE_MODALS:
        return None
    verb = modal.head
    following = {c.lower_ for c in verb.children if c.i > modal.i and c.dep_ in ("aux", "neg", "auxpass")}
    if "have" in following:
        return "past"
    if word == "could" and (following & {"not", "n't"} or _negative_subject(verb)):
        return "past"  # "could not confirm on Monday", "neither he nor she could be reached Monday"
    return "future"


# Words that make a subject negative: "neither he nor she could be reached", "no one could say".
NEGATIVE_WORDS = {"neither", "nor", "no", "none", "nobody", "nothing", "noone"}


def _negative_subject(verb: Token) -> bool:
    """Whether the verb's subject is negative ("neither ... nor", "no one", "nobody")."""
    return any(
        token.lower_ in NEGATIVE_WORDS
        for child in verb.children
        if child.dep_ in ("nsubj", "nsubjpass")
        for token in child.subtree
    )


def given_up_plan(start: int, end: int, doc: Doc | None) -> bool:
    """Whether the clause around ``doc``'s characters ``start:end`` is a plan told in the past
    perfect ("had hoped to open it in 2026", "had planned to leave on Thursday"): one
    that no longer holds, whatever its date."""
    verb = verb_at(start, end, doc)
    if verb is None:
        return False
    # Up the clause's complements: "had hoped to have theirs ready for 2026" hangs the date on "'s".
    while verb.dep_ in ("ccomp", "xcomp") and not _infinitive(verb):
        verb = verb.head
    above = verb.head
    return (
        _infinitive(verb)
        and above.i != verb.i
        and _verb_of(above, INTENT_VERBS | FUTURE_VERBS)
        and _past_perfect(above)
    )


def _verb_of(token: Token, lemmas: set[str]) -> bool:
    """Whether a verb is one of ``lemmas``, also when the small model's lemma is off ("hoped",
    "hopes": "hop"): its form less a regular ending is tried too."""
    return token.lemma_ in lemmas or not lemmas.isdisjoint(base_forms(token.lower_))


def _past_perfect(verb: Token) -> bool:
    """ "had hoped", and "had been due" (the pluperfect is the copula's when the word is its complement)."""
    told = [verb, verb.head] if verb.dep_ in ("acomp", "attr") else [verb]
    return any(c.dep_ == "aux" and c.lower_ == "had" for word in told for c in word.children)


def _infinitive(verb: Token) -> bool:
    """A bare "to"-infinitive ("to acquire"), not a verb with its own tense."""
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _to_be_done(verb: Token) -> bool:
    """ "to be held", "to be released": a passive infinitive names what is still to happen."""
    children = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return "to" in children and "be" in children


def _future_frame(token: Token) -> bool:
    """ "is set to vote", "are to meet", "is going to resign" (not "was to", told in the past)."""
    if token.lemma_ not in FUTURE_FRAMES or token.tag_ == "VBD":
        return False
    if token.lemma_ == "go" and token.lower_ != "going":
        return False
    return any(
        c.dep_ in ("xcomp", "ccomp") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in token.children
    )
