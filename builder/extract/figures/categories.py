"""The category of a figure: what befell the counted ("were wounded", "detention of") and, failing
that, what the counted noun and its modifiers name ("military officer", "police task force members").

A force keeps its own category unless it was killed, hurt or detained; people said to cross borders
are migrants.
"""

from __future__ import annotations

from spacy.tokens import Token

from builder.extract.figures.nouns import counted_lemma, lemma
from builder.extract.figures.words import (
    CIVIL_OFFICES,
    COUNT_NOUNS,
    EVENT_CATEGORY,
    EVENT_PRIORITY,
    FORCE_EVENTS,
    FORCES,
    GENERIC_HEADS,
    GROUP_HEADS,
    INTRANSITIVE,
    MIGRATION_CUES,
    MIGRATION_VERBS,
    MODIFIER_CATEGORY,
    NOT_DEPLOYED,
    NOT_PERSON,
    NOUN_CATEGORY,
    OFFICE_HEADS,
    QUALIFYING_PREPOSITIONS,
    STATE_EVENTS,
    STATE_PREPOSITIONS,
    UNITS,
    WEAK_MIGRATION_VERBS,
)
from builder.model import FigureCategory


def category_of(words: set[str]) -> FigureCategory:
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


def categorise(
    noun: Token | None, counted_key: str | None, anchor: Token, noun_words: set[str]
) -> FigureCategory:
    """The category of a count: what befell the counted, else what the counted noun names.

    Args:
        noun: the counted noun, if the sentence has one.
        counted_key: its category key (``counted_lemma``).
        anchor: the token the predicate governs (the noun, or the number standing alone).
        noun_words: the lemmas of the noun's modifiers (``modifier_words``).
    """
    # "the death toll": an event noun among the counted noun's modifiers.
    events = event_words(anchor) + sorted(w for w in noun_words if w in EVENT_CATEGORY)
    if noun is not None and (noun.lower_ == "dead" or noun.pos_ != "NOUN" and noun.lower_ in EVENT_CATEGORY):
        events.append(noun.lower_)  # "the number injured", "the number of dead": the participle counted
    if noun is not None and lemma(noun) == "toll" and not events:
        events.append("death")  # a toll alone is a death toll ("brought the toll to 259")
    event_category = category_of(set(events)) if events else "other"
    noun_category = _noun_category(noun, counted_key, noun_words)
    if counted_key in UNITS or counted_key == NOT_PERSON:
        return "other"  # seized rifles, destroyed crossings, drowned cattle: no people category
    if noun_category in FORCES:
        if event_category in FORCE_EVENTS:
            return event_category
        # "four soldiers were prosecuted": a force's members in court are not a deployment
        return "other" if predicate_lemmas(anchor) & NOT_DEPLOYED else noun_category
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


def _noun_category(noun: Token | None, counted_key: str | None, noun_words: set[str]) -> FigureCategory:
    """What the counted noun names: a force or people by its modifiers, itself, or the forces around it."""
    forces = {"force", "forces"} & (noun_words | ({lemma(noun)} if noun is not None else set()))
    if "armed" in noun_words and not forces:
        noun_words = noun_words - {"armed"}  # "82 armed men" are no army; "the armed forces" are
    noun_category = category_of({w for w in noun_words if w in MODIFIER_CATEGORY})
    if (
        noun_category == "other"
        and noun is not None
        and lemma(noun) in OFFICE_HEADS
        and noun_words & CIVIL_OFFICES
    ):
        return "other"  # "53 executive officers", "travel agents": an office, not a force
    if noun_category == "other" and counted_key and counted_key != "demonym":
        noun_category = NOUN_CATEGORY.get(counted_key, "other")
    if (
        noun_category == "other"
        and noun is not None
        and ({lemma(noun)} | noun_words) & (GROUP_HEADS - {"member", "group"} | {"personnel"})
    ):
        noun_category = _forces_around(noun)  # "a task force", "the contingent": the forces named around
    return noun_category


def modifier_words(noun: Token) -> set[str]:
    """The lemmas of the words that modify a counted noun ("military", "task" of "military task force").

    A generic head ("members of the armed forces") takes the words of its "of" phrase, or only the
    phrase's head when that names a force ("officers of the Public Security Police").
    """
    words = {lemma(t) for t in noun.subtree if t.i < noun.i and t.dep_ in ("compound", "amod")}
    words |= {lemma(t) for t in noun.children if t.dep_ in ("compound", "amod")}
    if lemma(noun) in GENERIC_HEADS:
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                of_words = {lemma(t) for t in prep.subtree}
                heads = [lemma(p) for p in prep.children if p.dep_ == "pobj"]
                own = [w for w in heads if _force_of_word(w)]
                words |= set(own) if own else of_words
    return words


def event_words(anchor: Token) -> list[str]:
    """Predicates that say what happened to the counted (``anchor`` is the noun or the number)."""
    following = anchor.doc[anchor.i + 1] if anchor.i + 1 < len(anchor.doc) else None
    if anchor.pos_ == "NUM" and following is not None and following.tag_ in ("VBN", "JJ"):
        if following.lower_ in EVENT_CATEGORY:
            return [following.lower_]  # "... died, and over 1,000 injured": its own participle says it
    node = anchor
    # "six Iraqis and six Sudanese", "the 14 foreigners, six Iraqis, ...": the first of the list
    while node.dep_ in ("conj", "appos") and node.head != node and node.head.pos_ in ("NOUN", "PROPN", "NUM"):
        node = node.head
    # "11 Americans were killed, along with five employees": the employees share the subject's fate
    companion = _companion_of(node)
    if companion is not None:
        return _words_around(anchor, node) + _governing_words(companion)
    # "a total of 350 migrants were deported": the predicate governs the count noun.
    if node.dep_ == "pobj" and node.head.lower_ == "of" and lemma(node.head.head) in COUNT_NOUNS:
        node = node.head.head
    # "wounded over 5,000": the parser hangs the object on the qualifying preposition
    prep = node.head
    if node.dep_ == "pobj" and prep.lower_ in QUALIFYING_PREPOSITIONS and prep.head.pos_ == "VERB":
        return _words_around(anchor, node) + _governing_words(prep, "dobj")
    return _words_around(anchor, node) + _governing_words(node)


def _companion_of(node: Token) -> Token | None:
    """The subject a counted noun goes "along with" or "together with", or dies with ("who died with
    nine others"), or None."""
    prep = node.head
    if node.dep_ != "pobj" or prep.lower_ != "with":
        return None
    if prep.head.lower_ in ("along", "together"):
        verb = prep.head.head
    elif prep.head.pos_ == "VERB" and lemma(prep.head) in INTRANSITIVE:
        verb = prep.head
    else:
        return None
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def predicate_lemmas(anchor: Token) -> set[str]:
    """The lemmas of the verbs the counted is subject or object of ("were prosecuted", "sent")."""
    node = anchor
    while node.dep_ in ("conj", "appos", "nummod", "quantmod") and node.head != node:
        node = node.head
    # "two agents charged in the bombing": a participle on the counted noun
    own = {lemma(c) for c in node.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"}
    if node.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return own
    head = node.head
    return own | {lemma(head)} | {lemma(c) for c in head.children if c.dep_ == "conj" and c.pos_ == "VERB"}


def _words_around(anchor: Token, node: Token) -> list[str]:
    """Event words attached to the counted itself: its modifiers, "broke out", "lives claimed",
    a participle after the number, "the detention of", "among the dead"."""
    words: list[str] = []
    # Modifiers of the counted: "injured people", "displaced families", "people who were killed",
    # and a relative clause after an appositive list ("two suspects -- one A, one B -- who were held").
    listed = [t for t in node.subtree if t.dep_ in ("appos", "conj") and t.head.i >= node.i and t != anchor]
    modifiers = list(anchor.children) + ([] if node == anchor else list(node.children))
    modifiers += [c for t in listed for c in t.children if c.dep_ == "relcl"]
    for child in modifiers:
        if child.dep_ in ("amod", "relcl", "acl") and lemma(child) in EVENT_CATEGORY:
            if child.dep_ == "relcl" and not _affects(child, subject=True):
                continue
            words.append(lemma(child))
    # "broke out of jail"
    for verb in (anchor.head, *anchor.head.conjuncts):
        if lemma(verb) == "break" and any(c.lower_ == "out" for c in verb.children):
            words.append("escape")
    # "violence claimed 2,500 lives", "the war cost 300 lives"
    if lemma(anchor) == "life" and lemma(anchor.head) in ("claim", "take", "lose", "cost"):
        words.append("death")
    # "seven injured": a participle right after the number.
    following = anchor.doc[anchor.i + 1] if anchor.i + 1 < len(anchor.doc) else None
    if anchor.pos_ == "NUM" and following is not None and following.lower_ in EVENT_CATEGORY:
        words.append(following.lower_)
    # "the number of people in custody", "nine suspects in detention"
    for prep in (c for t in {anchor, node} for c in t.children if c.dep_ == "prep"):
        if prep.lower_ in STATE_PREPOSITIONS:
            words += [lemma(p) for p in prep.children if p.dep_ == "pobj" and lemma(p) in STATE_EVENTS]
    head = node.head
    if node.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("of", "among"):
        noun = head.head  # "the detention of 500 immigrants", "among the dead"
        if lemma(noun) in EVENT_CATEGORY or noun.lower_ in EVENT_CATEGORY:
            words.append(lemma(noun) if lemma(noun) in EVENT_CATEGORY else noun.lower_)
    return words


def _governing_words(node: Token, dep: str | None = None) -> list[str]:
    """Event words of the predicate the counted is subject or object of ("were killed", "found dead",
    "taken into custody"); ``dep``: the relation to read ``node`` in, when not its own."""
    head, dep = node.head, dep or node.dep_
    if dep not in ("nsubj", "nsubjpass", "dobj", "attr") or head.pos_ not in ("VERB", "AUX", "ADJ"):
        return []
    words: list[str] = []
    verbs = [head] + [c for c in head.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    for verb in verbs:
        said = phrasal_lemma(verb)  # "rounded up", "handed over"
        if said in EVENT_CATEGORY and (verb == head and _affects(verb, dep in ("nsubj", "nsubjpass"))):
            words.append(said)
    # "were found dead", "left seven injured"; not "exploded, killing 81 people" (the bombs killed)
    for child in head.children:
        # the word, or its verb's lemma: "were reported killed", "are feared drowned"
        said = child.lower_ if child.lower_ in EVENT_CATEGORY else phrasal_lemma(child)
        if child.dep_ in ("acomp", "oprd", "advcl", "xcomp") and said in EVENT_CATEGORY:
            # not what befell another: "attended a vigil, a week after she was killed"
            if not any(c.dep_ in ("dobj", "nsubj", "nsubjpass") for c in child.children):
                words.append(said)
    # "remained under evacuation orders", "were taken into custody", "are in detention", "are known
    # to be in custody"
    if dep in ("nsubj", "nsubjpass", "dobj"):
        verbs_of_state = [head, *(c for c in head.children if c.dep_ == "xcomp")]
        for prep in (p for v in verbs_of_state for p in v.children):
            if prep.dep_ == "prep" and prep.lower_ in STATE_PREPOSITIONS:
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    state = [pobj, *(c for c in pobj.children if c.dep_ in ("compound", "amod"))]
                    words += [lemma(t) for t in state if lemma(t) in EVENT_CATEGORY]
    return words


def phrasal_lemma(verb: Token) -> str:
    """A verb's lemma with its particle when that makes an event ("round up", "hand over"), else its lemma."""
    particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    phrasal = f"{lemma(verb)} {particles[0]}" if particles else ""
    return phrasal if phrasal in EVENT_CATEGORY else lemma(verb)


def _affects(verb: Token, subject: bool) -> bool:
    """Whether an event verb befalls its subject (intransitive or passive) rather than its object."""
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    if not subject:
        return not passive  # "were displaced up to 30 steps": the object of a passive is no patient
    if lemma(verb) in INTRANSITIVE or verb.lower_ in ("dead",):
        return True
    return (
        passive
        or verb.tag_ == "VBN"
        and not any(c.dep_ == "aux" and c.lower_ in ("has", "have", "had") for c in verb.children)
    )


def _migration_context(token: Token) -> bool:
    """Whether the sentence of ``token`` (or the one before) speaks of people moving across borders: a
    migration word, or
    a verb of crossing; "leave", "arrive" and "reach" only beside a migration word (embassy staff who
    "left the country on orders" were evacuated, they did not migrate)."""
    words = list(token.sent)
    before = list(token.doc[token.sent.start - 1].sent) if token.sent.start else []
    if any(t.lower_ in MIGRATION_CUES for t in words + before):
        return True  # "the exodus of X fleeing ... . Y is home to 40,000 of the 600,000 that have left"
    crossing = MIGRATION_VERBS - WEAK_MIGRATION_VERBS | {"flee"}
    return any(t.pos_ == "VERB" and lemma(t) in crossing for t in words)


def _force_of_word(word: str) -> FigureCategory | None:
    """The force a word names ("police", "army", "soldier", "gendarmerie"), or None."""
    category = MODIFIER_CATEGORY.get(word) or NOUN_CATEGORY.get(word)
    return category if category in FORCES else None


def _forces_around(noun: Token) -> FigureCategory:
    """The force named nearest ``noun`` in its sentence ("police officers ... 50 task force members")."""
    found = [
        (abs(t.i - noun.i), t.i, category)
        for t in noun.sent
        if t.i != noun.i and t.pos_ in ("NOUN", "PROPN", "ADJ") and (category := _names_a_force(t))
    ]
    return min(found)[2] if found else "other"


def _names_a_force(token: Token) -> FigureCategory | None:
    """The force a word of the sentence names: a force noun ("police", "troops"), or a modifier of
    people ("army engineers"); "border", "prison" or "security" alone are places and concepts."""
    lemma_ = lemma(token)
    category = NOUN_CATEGORY.get(lemma_)
    if category in FORCES and lemma_ != "security":
        return category
    if token.dep_ in ("compound", "amod") and lemma_ in MODIFIER_CATEGORY and counted_lemma(token.head):
        return MODIFIER_CATEGORY[lemma_]
    return None
