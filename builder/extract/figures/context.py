"""The date and place of a figure, only from evidence around the count.

Both are read from the parse, level by level, and the first level with evidence wins:

1. the count itself ("10 in Borduria", "247 people in Ruritania");
2. its own clause: the verb and the nouns it governs ("killed on Friday in Velm", "the attack at
   the market in Velm killed 12");
3. for a count in a relative clause, the noun the clause tells of ("the 1996 bombing that killed
   one", "the Velm blast that killed ten"), or the place "where" stands for;
4. the clauses above, up from a report ("police said on Monday that 12 were killed") or from a
   relative clause; a place only when the parser tagged it and a static preposition ("in", "at",
   "near") governs it.

A date or place elsewhere in the sentence (in another relative clause, a name's modifier, a
publication's name) is no evidence: the figure's date is then the article's (marked so by the
caller), its place blank. Places coordinated at one level ("in Velm and Osk") are several places:
none is the figure's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from builder.extract.figures.nouns import lemma
from builder.extract.figures.words import (
    EVENT_CATEGORY,
    EVENT_NOUNS,
    FACILITY_WORDS,
    LOCATIVE,
    MOVEMENT_VERBS,
    PLACE_ENTS,
    REGIONS,
    REPORTING_VERBS,
    STATIC_LOCATIVE,
)
from builder.extract.spans import token_table
from builder.extract.times import names_a_day
from builder.model import TimeExpression


def date_near(times: list[TimeExpression], anchor: Token) -> str | None:
    """The date written for the count at ``anchor`` (its number): a day, month or year in the count's
    own clause or the levels above it (see the module's docstring); a "since ..." start date is not
    the count's. ``times``: the time expressions of the count's sentence."""
    doc = anchor.doc
    text, base = token_table(doc).span_text(anchor.sent), anchor.sent.start_char
    hooks: list[tuple[Token, str]] = []
    for time in times:
        day = time.value.split("T")[0] if time.value else ""  # "Friday morning": a time of day on its day
        if (
            time.kind not in ("date", "time")
            or not day
            or not names_a_day(time)
            or not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", day)  # a day, month or year; not a week
            or re.search(
                r"\b(?:since|from|until|till)\s*$",
                text[max(0, time.span.start - base - 8) : time.span.start - base],
                re.I,
            )
            or time.span.text.lower().startswith(("since", "from", "until"))
        ):
            continue
        span = doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
        if span is not None and len(span):
            hooks.append((span.root, day))
    tagged = {root.i for root, _ in hooks}
    for token in anchor.sent:
        # "the 1996 bombing": a year modifying a noun, which the time tagger may leave out
        if (
            token.ent_type_ == "DATE"
            and token.i not in tagged
            and re.fullmatch(r"(?:1[89]|20)\d\d", token.text)
        ):
            if token.dep_ == "nummod" and token.head.pos_ == "NOUN":
                hooks.append((token, token.text))
    found = _by_level(anchor, [(root, _time_hook(root), True, value) for root, value in hooks], False)
    return found[0][3] if found else None


@dataclass(frozen=True)
class PlaceName:
    """A place name of a sentence."""

    start: int  # first token
    end: int  # one past the last token
    root: int  # the token that heads it
    tagged: bool  # a named entity (else a name the tagger missed, after "in"/"to")
    text: str


def place_names(sentence: SpacySpan) -> list[PlaceName]:
    """The place names of a sentence: computed once per sentence, not once per number in it."""
    names = []
    doc, pos = sentence.doc, token_table(sentence.doc).pos
    # Names the tagger missed: "sent to Brastow", "in the province of Harlow".
    for i in range(sentence.start, sentence.end):
        if pos[i] != "PROPN":
            continue
        token = doc[i]
        if not (token.is_title or token.is_upper) or i == sentence.start:
            continue  # "in absentia", a heading's first word: no name
        if token.dep_ == "pobj" and (
            not token.ent_type_
            and token.head.lower_ in LOCATIVE
            or token.head.lower_ == "of"
            and lemma(token.head.head) in REGIONS
            and token.ent_type_ not in ("DATE", "NORP", "CARDINAL")
        ):
            start = min(t.i for t in token.subtree if t.dep_ == "compound" or t == token)
            text = token.doc[start : token.i + 1].text
            names.append(PlaceName(start, token.i + 1, token.i, False, text))
    for ent in _entities_in(sentence):
        place_like = ent.label_ in PLACE_ENTS or (ent.label_ == "ORG" and ent[-1].lower_ in FACILITY_WORDS)
        if not place_like or not ent.root.text[:1].isupper():
            continue  # "in absentia" tagged a place: a name is capitalised
        names.append(PlaceName(ent.start, ent.end, ent.root.i, True, ent.text))
    return names


def place_near(anchor: Token, names: list[PlaceName]) -> str | None:
    """The place of the count at ``anchor`` (its number), from the place names of its sentence
    (``place_names``): the first level with evidence (see the module's docstring)."""
    doc = anchor.doc
    counted = {anchor.i, anchor.head.i}
    hooked: list[tuple[Token, Token | None, bool, PlaceName]] = []
    for name in names:
        root = doc[name.root]
        if root.dep_ == "appos" and root.head.ent_type_ in PLACE_ENTS:
            continue  # "Port Estry, Ruritania": the country says where Port Estry is
        hook = _hook(_first_conjunct(root))
        if hook is None:
            hooked.append((root, None, False, name))  # only "where" can make it the count's place
            continue
        if root.dep_ == "compound" and hook[0].i in counted:
            continue  # "4,000 Ardian soldiers": the soldiers' country, not where they are
        point, static = hook
        if not static and point.pos_ in ("NOUN", "PROPN") and point.i not in counted:
            continue  # "the ambassador to Velm", "flights to Velm": where a noun goes is not a place
        hooked.append((root, point, static and name.tagged, name))
    found = _by_level(anchor, hooked)
    if not found:
        return None
    # a place phrase beats a place word modifying a noun ("the Velm blast in Osk": Osk)
    phrases = [f for f in found if f[0].dep_ != "compound"] or found
    if any(_first_conjunct(f[0]) != f[0] or _has_conjunct(f[0]) for f in phrases):
        return None  # "in Velm and Osk": several places, none the figure's
    best = min(phrases, key=lambda f: f[3].start)[3]
    return re.sub(r"^the\s+", "", best.text, flags=re.I)


def _first_conjunct(token: Token) -> Token:
    """The first of coordinated names ("Osk" of "in Velm, Ardia, and Osk, Bren": Velm), through the
    appositions that say where a name is."""
    node = token
    while node.dep_ in ("conj", "appos") and node.head != node and node.head.pos_ == "PROPN":
        node = node.head
    return node


def _has_conjunct(token: Token) -> bool:
    """Whether a name is coordinated with another, itself or through its apposition."""
    return any(c.dep_ == "conj" or c.dep_ == "appos" and _has_conjunct(c) for c in token.children)


def _time_hook(root: Token) -> Token:
    """What a time expression dates: the head of its phrase ("killed on Friday": killed; "the 1996
    bombing": bombing; "attacks Aug. 7": attacks)."""
    if root.dep_ == "pobj" and root.head.dep_ == "prep":
        return root.head.head
    return root.head


def _hook(root: Token) -> tuple[Token, bool] | None:
    """What a place name tells the place of, and whether a static preposition ("in", "at") says so.

    The token its place phrase hangs on, up through the nouns of nested place phrases ("at the
    market in Velm" hangs on what "at" does); "the province of Harlow" is the province's phrase; a
    place a movement verb takes ("fled Ardia") tells that verb's; a place word modifying a noun
    ("the Velm blast") tells that noun's. None for a place in any other role (a subject, a name's
    part, "the capital of Velm").
    """
    node = root
    if node.dep_ == "pobj" and node.head.lower_ == "of" and lemma(node.head.head) in REGIONS:
        node = node.head.head  # "the town of Brastow": the town's phrase
    if node.dep_ == "appos" and node.head.ent_type_ in PLACE_ENTS:
        return None  # "Port Estry, Ruritania": the country says where Port Estry is, not where the count is
    if node.dep_ in ("dobj", "pobj") and node.head.pos_ == "VERB" and lemma(node.head) in MOVEMENT_VERBS:
        return node.head, False
    if node.dep_ == "compound" and root.ent_type_ in ("GPE", "LOC") and node.head.pos_ == "NOUN":
        # "in the Velm embassy bombing", "the Velm blast killed 12": where the event was; not "the
        # Velm mission" or "the Velm manufacturer", whose owner the name is
        noun = node.head
        while noun.dep_ == "compound" and noun.head.pos_ == "NOUN":
            noun = noun.head
        return (noun, True) if lemma(noun) in EVENT_NOUNS else None
    if node.dep_ != "pobj" or node.head.lower_ not in LOCATIVE:
        return None
    static = node.head.lower_ in STATIC_LOCATIVE
    hook = node.head.head
    while hook.pos_ in ("NOUN", "PROPN") and hook.dep_ == "pobj" and hook.head.lower_ in LOCATIVE:
        hook = hook.head.head  # "at the embassy in Velm": what "at" hangs on
    return hook, static


def _by_level(anchor: Token, hooked: list[tuple], out_of_relatives: bool = True) -> list[tuple]:
    """The evidence ``(root, hook, strong, item)`` of the first level that has any (the module's
    docstring): the count, its clause, the noun its relative clause tells of, the clauses above.
    Evidence whose ``hook`` is None counts only as the place a "where" stands for.

    The clauses above are climbed from a report ("police said on Monday that ..."), a relative
    clause (only when ``out_of_relatives``: a main clause's date is not the date of what its
    relative clause says, "met on Wednesday after the blasts, which have killed 250"), a clause
    coordinated with it, or an event participle ("fired, killing 12"); not from any other clause
    ("stood in the kitchen in Velm chatting with one of his four sons"). Above its own clause, only
    ``strong`` evidence counts.
    """
    every, hooked = hooked, [h for h in hooked if h[1] is not None]
    count = {anchor.i, anchor.head.i} if anchor.dep_ in ("nummod", "quantmod", "compound") else {anchor.i}
    # "58 injured in an attack on Friday": a participle or relative clause on the count is its own
    count |= {c.i for i in list(count) for c in anchor.doc[i].children if c.dep_ in ("acl", "relcl")}
    own = [h for h in hooked if h[1].i in count or _clause_of(h[1]).i in count]
    if own:
        return own
    hooked = [h for h in hooked if not h[1].like_num]  # "... and 10 in Osk": that other count's own place
    clause = _clause_of(anchor)
    mine = [h for h in hooked if _clause_of(h[1]) == clause]
    if mine:
        return mine
    level, told = clause, None
    while level.head != level:
        if level.dep_ in ("relcl", "acl"):
            told = level.head  # the noun the clause tells of ("the 1996 bombing that killed one")
            about = [h for h in hooked if h[1] in _noun_and_its_head(told)]
            if about:
                return about
            if any(c.lower_ == "where" for c in level.children) and told.ent_type_ in PLACE_ENTS:
                return [h for h in every if h[0] == told]  # "Niquero, where the boat landed with 82"
            if not out_of_relatives:
                return []
        elif not _climbs(level):
            return []
        level = _clause_of(level.head)
        above = [h for h in hooked if _clause_of(h[1]) == level and h[2] and h[1] != told]
        if above:
            return above
    return []


def _noun_and_its_head(noun: Token) -> list[Token]:
    """A noun, and the noun it is the "of" object of ("the bombing of Flight 9 that killed 30")."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
        return [noun, noun.head.head]
    return [noun]


def _climbs(clause: Token) -> bool:
    """Whether what the clause above ``clause`` says of time and place holds for it: a report's
    content, a coordinated clause, an open complement ("to win"), an event participle ("exploded,
    killing 81")."""
    if clause.dep_ == "ccomp" and lemma(clause.head) in REPORTING_VERBS:
        return True
    if clause.dep_ in ("conj", "xcomp"):
        return True
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
    # "defeated X last month to win an order for 179 tankers": a purpose shares its clause's time
    return clause.dep_ == "advcl" and (infinitive or lemma(clause) in EVENT_CATEGORY)


def _clause_of(token: Token) -> Token:
    """The verb heading the clause of ``token`` (the root when there is none); "including" and
    "following", prepositions the tagger calls verbs, head none."""
    node = token
    while (node.pos_ not in ("VERB", "AUX") or node.dep_ == "prep") and node.head != node:
        node = node.head
    return node


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
