"""The number of a figure: its tokens, its value, whether it is vague or a bound of a range, its qualifier."""

from __future__ import annotations

import re

import numpy
from spacy.attrs import LIKE_NUM, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from builder.extract.figures.words import (
    CHANGE_TO,
    QUALIFIERS_AFTER,
    QUALIFIERS_BEFORE,
    RANGE_JOINS,
    SCALES,
    VAGUE,
    VAGUE_BEFORE,
    VERB_QUALIFIERS,
)
from builder.extract.spans import TokenTable
from builder.model import Qualifier
from builder.values.numbers import NUMBER_WORDS, ONES, TENS

TENS_WORDS = frozenset(TENS)
UNIT_WORDS = frozenset(ONES)

QUALIFIER_PATTERNS: list[tuple[re.Pattern[str], Qualifier]] = [
    (re.compile(rf"\b(?:{words})\s*$", re.I), qualifier) for words, qualifier in QUALIFIERS_BEFORE
]
QUALIFIER_AFTER_PATTERNS: list[tuple[re.Pattern[str], Qualifier]] = [
    (re.compile(rf"^\s*(?:{words})\b", re.I), qualifier) for words, qualifier in QUALIFIERS_AFTER
]
# The string ids of SCALES and VAGUE words, as Doc.to_array gives a token's LOWER.
_SCALE_IDS = numpy.array(sorted(get_string_id(word) for word in (*SCALES, *VAGUE)), dtype=numpy.uint64)


def parse_number(text: str) -> float | None:
    """'1,200' -> 1200, '5.4 million' -> 5400000, 'seven' -> 7, 'two hundred' -> 200; None otherwise."""
    words = text.lower().replace(",", "").replace("-", " ").split()
    if not words:
        return None
    total, current, seen = 0.0, 0.0, False
    for index, word in enumerate(words):
        if re.fullmatch(r"\d+(?:\.\d+)?", word):
            previous = words[index - 1] if index else ""
            if re.fullmatch(r"\d{1,3}", previous):
                # "1 200": a space between digit groups is a thousands separator;
                # any other run of numbers is not one number (it summed to 201).
                if not re.fullmatch(r"\d{3}", word):
                    return None
                current = current * 1000 + float(word)
            elif re.fullmatch(r"\d+(?:\.\d+)?", previous):
                return None  # "2019 300": two numbers side by side
            else:
                current += float(word)
        elif word == "and" and seen and index + 1 < len(words):
            continue  # "two hundred and fifty"
        elif word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
        elif word in SCALES:
            scale = SCALES[word]
            current = (current or 1) * scale
            if scale >= 1_000:
                total, current = total + current, 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def qualifier_of(before: str, after: str = "") -> Qualifier:
    """The qualifier written around a number: text before it in the sentence, and after it."""
    for pattern, qualifier in QUALIFIER_PATTERNS:
        if pattern.search(before):
            return qualifier
    for pattern, qualifier in QUALIFIER_AFTER_PATTERNS:
        if pattern.search(after):
            return qualifier
    return "exact"


def figure_qualifier(text: str, sentence: SpacySpan, number_tokens: list[Token], vague: bool) -> Qualifier:
    """The qualifier of the number ``number_tokens`` of ``sentence`` in an article's ``text``.

    A vague number ("hundreds") is a floor, a bound of a range ("50 to 60") a floor or a ceiling;
    else the words around the number in its sentence say it.
    """
    if vague:
        return "more_than"
    start, end = number_tokens[0].idx, number_tokens[-1].idx + len(number_tokens[-1])
    written = qualifier_of(text[sentence.start_char : start], text[end : min(end + 12, sentence.end_char)])
    head = number_tokens[-1]
    if written == "exact" and head.dep_ == "dobj" and head.head.lemma_.lower() in VERB_QUALIFIERS:
        return VERB_QUALIFIERS[head.head.lemma_.lower()]  # "the number injured topped 2,200"
    bound = range_role(number_tokens[0], number_tokens[-1])
    if written != "exact" or bound is None:
        return written  # "about 50 to 60": about 50, up to 60
    return "at_least" if bound == "low" else "at_most"


def is_number_word(token: Token) -> bool:
    """A number, or a scale or vague word that stands for one ("thousand", "hundreds")."""
    return token.like_num or token.lower_ in SCALES or token.lower_ in VAGUE


def number_word_indexes(table: TokenTable) -> list[int]:
    """The indexes of the tokens that are ``is_number_word``, read from the Doc's arrays in one call."""
    doc = table.doc
    if not len(doc):
        return []
    array = doc.to_array([LIKE_NUM, LOWER])
    return numpy.flatnonzero((array[:, 0] != 0) | numpy.isin(array[:, 1], _SCALE_IDS)).tolist()


def number_tokens(token: Token) -> list[Token]:
    """The tokens of the number headed by ``token``: the number words and scales right before it,
    a written number's hyphen included ("thirty-one")."""
    tokens = [token]
    while tokens[0].i > 0:
        previous = token.doc[tokens[0].i - 1]
        if is_word_hyphen(previous):
            tokens[0:0] = [token.doc[previous.i - 1], previous]
            continue
        if _and_in_words(previous):
            tokens[0:0] = [token.doc[previous.i - 1], previous]
            continue
        if not (previous.like_num or previous.lower_ in SCALES) or not _one_number(previous, tokens[0]):
            break
        tokens.insert(0, previous)
    return tokens


def _one_number(previous: Token, token: Token) -> bool:
    """Whether two number words side by side are one number: the tagger's one entity, or tens and
    a unit ("thirty four", which a transcript writes without its hyphen)."""
    return previous.ent_type_ == token.ent_type_ or (
        previous.lower_ in TENS_WORDS and token.lower_ in UNIT_WORDS
    )


def _and_in_words(token: Token) -> bool:
    """The "and" of a number in words ("two hundred and thirty"): after a scale, before a number word."""
    doc = token.doc
    if token.lower_ != "and" or token.i == 0 or token.i + 1 >= len(doc):
        return False
    return doc[token.i - 1].lower_ in SCALES and doc[token.i + 1].like_num and doc[token.i + 1].is_alpha


def is_word_hyphen(token: Token) -> bool:
    """The hyphen of a number in words ("thirty-one"): tens, hyphen, unit, no spaces."""
    doc = token.doc
    if token.text != "-" or token.whitespace_ or token.i == 0 or token.i + 1 >= len(doc):
        return False
    tens, unit = doc[token.i - 1], doc[token.i + 1]
    return not tens.whitespace_ and tens.lower_ in TENS_WORDS and unit.lower_ in UNIT_WORDS


def is_number_head(token: Token) -> bool:
    """A number not part of a larger number ("5.4" in "5.4 million" is not)."""
    if not is_number_word(token):
        return False
    doc = token.doc
    if token.i + 2 < len(doc) and is_word_hyphen(doc[token.i + 1]):
        return False  # "thirty" of "thirty-one"
    if token.lower_ in VAGUE and token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "of":
        if doc[token.i + 2].lower_ in VAGUE:  # "tens" of "tens of thousands"
            return False
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if following is not None and _and_in_words(following):
        return False  # "hundred" of "two hundred and thirty"
    return not (
        following is not None
        and (following.like_num or following.lower_ in SCALES)
        and _one_number(token, following)
    )


def range_role(first: Token, last: Token) -> str | None:
    """ "low" or "high" for a bound of "between 200 and 300", "50 to 60", "5-6"; None otherwise."""
    doc = first.doc
    if (
        last.i + 1 < len(doc)
        and is_word_hyphen(doc[last.i + 1])
        or first.i > 0
        and is_word_hyphen(doc[first.i - 1])
    ):
        return None  # "thirty-one" is one number, not a range
    if _is_a_change(first):
        return None  # "rose from 10 to 12": two counts, before and after
    if last.i + 2 < len(doc) and doc[last.i + 1].lower_ in RANGE_JOINS and is_number_word(doc[last.i + 2]):
        if doc[last.i + 1].lower_ != "and" or first.i > 0 and doc[first.i - 1].lower_ == "between":
            return "low"
    if first.i >= 2 and doc[first.i - 1].lower_ in RANGE_JOINS and is_number_word(doc[first.i - 2]):
        start = first.i - 2
        while start > 0 and is_number_word(doc[start - 1]):
            start -= 1
        if _is_a_change(doc[start]):
            return None
        if doc[first.i - 1].lower_ != "and" or start > 0 and doc[start - 1].lower_ == "between":
            return "high"
    return None


def _is_a_change(first: Token) -> bool:
    """Whether the number starting at ``first`` is the "from" of a change ("rose from 10 to 12")."""
    doc = first.doc
    if first.i == 0 or doc[first.i - 1].lower_ != "from":
        return False
    return any(a.lemma_.lower() in CHANGE_TO for a in first.ancestors)


def range_high(first: Token, last: Token) -> list[Token] | None:
    """The tokens of the upper bound when ``first``..``last`` is the lower bound of a range
    ("between 210 and 250", "50 to 60", "5-6"); None otherwise."""
    if range_role(first, last) != "low":
        return None
    doc, end = first.doc, last.i + 2
    while end + 1 < len(doc) and (
        doc[end + 1].like_num or doc[end + 1].lower_ in SCALES or is_word_hyphen(doc[end + 1])
    ):
        end += 1 if not is_word_hyphen(doc[end + 1]) else 2
    return number_tokens(doc[end])


def range_values(low: list[Token], high: list[Token]) -> tuple[float, float] | None:
    """The two ends of a range, the low end scaled like the high one ("between 5 and 6 million"),
    or None when they do not rise ("787-8" is a model, not a range)."""
    bottom = parse_number(" ".join(t.text for t in low))
    top = parse_number(" ".join(t.text for t in high))
    if bottom is None or top is None:
        return None
    scale = SCALES.get(high[-1].lower_)
    if scale and not any(t.lower_ in SCALES for t in low) and bottom * scale <= top:
        bottom *= scale
    return (bottom, top) if top > bottom else None


def number_value(token: Token, number_tokens: list[Token]) -> tuple[bool, float | None]:
    """(vague, value) of a number: "hundreds" and "several thousand" are vague, their value the scale."""
    doc = token.doc
    if token.lower_ in VAGUE:
        value = VAGUE[token.lower_]
        if token.i >= 2 and doc[token.i - 1].lower_ == "of" and doc[token.i - 2].lower_ in VAGUE:
            value *= VAGUE[doc[token.i - 2].lower_]  # "tens of thousands"
        return True, value
    previous = doc[token.i - 1] if token.i > 0 else None
    if number_tokens == [token] and token.lower_ in SCALES and previous is not None:
        if previous.lower_ in VAGUE_BEFORE:  # "several hundred", "a few thousand"
            return True, SCALES[token.lower_]
    return False, parse_number(" ".join(t.text for t in number_tokens))
