"""The date and place of a figure: the date written in its sentence nearest the number, and the
nearest place name, preferring the number's own clause and its place phrases."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from builder.extract.figures.nouns import lemma
from builder.extract.figures.words import FACILITY_WORDS, LOCATIVE, PLACE_ENTS, REGIONS
from builder.extract.spans import token_table
from builder.extract.times import names_a_day
from builder.model import TimeExpression


def date_near(times: list[TimeExpression], sentence: SpacySpan, offset: int) -> str | None:
    """The date written in the sentence nearest the number (a "since ..." start date is not the count's)."""
    # The sentence's own text: Doc.text joins the whole document on every call,
    # which made long articles quadratic.
    text, base = token_table(sentence.doc).span_text(sentence), sentence.start_char
    inside = [
        t
        for t in times
        if t.kind in ("date", "time")  # "Friday morning" is a time of day on its day
        and t.value
        and names_a_day(t)
        and re.fullmatch(
            r"\d{4}(?:-\d{2}(?:-\d{2})?)?", t.value.split("T")[0]
        )  # a day, month or year; not a week
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
    return min(inside, key=lambda t: abs(t.span.start - offset)).value.split("T")[0]  # type: ignore[union-attr]


@dataclass(frozen=True)
class PlaceName:
    """A place name of a sentence, with what does not depend on the number it is weighed against."""

    start: int  # first token
    end: int  # one past the last token
    root: int  # the token that heads it
    clause: int  # the verb heading its clause
    governed: bool  # the object of a place preposition, or "the province of X"
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
        if token.dep_ == "pobj" and (
            not token.ent_type_
            and token.head.lower_ in LOCATIVE
            or token.head.lower_ == "of"
            and lemma(token.head.head) in REGIONS
            and token.ent_type_ not in ("DATE", "NORP", "CARDINAL")
        ):
            start = min(t.i for t in token.subtree if t.dep_ == "compound" or t == token)
            text = token.doc[start : token.i + 1].text
            names.append(PlaceName(start, token.i + 1, token.i, _clause_of(token).i, True, False, text))
    for ent in _entities_in(sentence):
        place_like = ent.label_ in PLACE_ENTS or (ent.label_ == "ORG" and ent[-1].lower_ in FACILITY_WORDS)
        if not place_like:
            continue
        head = ent.root.head
        governed = ent.root.dep_ == "pobj" and head.lower_ in LOCATIVE
        if ent.root.dep_ == "pobj" and head.lower_ == "of" and lemma(head.head) in REGIONS:
            governed = True
        clause = _clause_of(ent.root).i
        names.append(PlaceName(ent.start, ent.end, ent.root.i, clause, governed, True, ent.text))
    return names


def place_near(anchor: Token, names: list[PlaceName]) -> str | None:
    """The place nearest the number ``anchor``: a place entity, a named facility, or a name after "in"/"to".

    ``names``: the ``place_names`` of the number's sentence.
    """
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
