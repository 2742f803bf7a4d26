"""Figures: numbers that count people or units, with qualifier and category.

First version: a cardinal number attached to a noun (spaCy ``nummod``),
its qualifier from the words before it, its category from the counted noun
and the verb that governs it.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .model import Document, FigureCandidate, Span

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip
SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
QUALIFIERS = [
    (re.compile(r"\b(?:at least|no fewer than|no less than|a minimum of)\s*$", re.I), "at_least"),
    (re.compile(r"\b(?:more than|over|above|upwards of|in excess of)\s*$", re.I), "more_than"),
    (
        re.compile(
            r"\b(?:about|around|some|approximately|roughly|nearly|almost|close to|an estimated|estimated)\s*$",
            re.I,
        ),
        "about",
    ),  # noqa: E501
    (re.compile(r"\b(?:up to|at most|no more than|a maximum of)\s*$", re.I), "at_most"),
    (re.compile(r"\b(?:fewer than|less than|under|below)\s*$", re.I), "less_than"),
]
CATEGORY_WORDS = [
    ("killed", {"killed", "dead", "died", "deaths", "death", "murdered", "slain", "bodies", "fatalities"}),
    ("injured", {"injured", "wounded", "hurt", "injuries"}),
    ("detained", {"detained", "arrested", "detention", "arrests", "captured", "detainees", "held"}),
    ("deported", {"deported", "expelled", "deportation", "deportees", "repatriated"}),
    ("prisoners", {"prisoners", "inmates", "prisoner", "inmate", "convicts", "escaped"}),
    ("displaced", {"displaced", "refugees", "evacuated", "fled", "homeless"}),
    ("migrants", {"migrants", "immigrants", "migrant", "venezuelans", "asylum", "emigrants"}),
    ("police", {"police", "officers", "policemen", "agents", "officer", "task", "force", "gendarmes"}),
    ("military", {"military", "troops", "soldiers", "army", "personnel", "marines", "sailors"}),
    ("security", {"security", "guards", "guard"}),
]
NOT_COUNTED = {
    "percent", "%", "km", "kilometers", "kilometres", "miles", "meters", "years", "days", "months",
    "weeks", "hours", "minutes", "dollars", "euros", "per", "times", "p.m.", "a.m.",
}  # fmt: skip


def parse_number(text: str) -> float | None:
    """'1,200' -> 1200, '5.4 million' -> 5400000, 'seven' -> 7; None when not a number."""
    words = text.lower().replace(",", "").split()
    if not words:
        return None
    value: float | None = None
    for word in words:
        if re.fullmatch(r"\d+(?:\.\d+)?", word):
            value = float(word) if value is None else value * float(word)
        elif word in NUMBER_WORDS:
            value = NUMBER_WORDS[word] if value is None else value + NUMBER_WORDS[word]
        elif word in SCALES and value is not None:
            value *= SCALES[word]
        else:
            return None
    return value


def qualifier_before(text: str) -> str:
    for pattern, qualifier in QUALIFIERS:
        if pattern.search(text):
            return qualifier
    return "exact"


def category_of(words: set[str]) -> str:
    for category, keys in CATEGORY_WORDS:
        if words & keys:
            return category
    return "other"


def _number_tokens(token: Token) -> list[Token]:
    """The number's tokens: the token and the number words or scales before it."""
    tokens = [token]
    for child in sorted(token.children, key=lambda t: t.i):
        if child.dep_ in ("compound", "quantmod") and (child.like_num or child.lower_ in SCALES):
            tokens.append(child)
    return sorted(tokens, key=lambda t: t.i)


def extract_figures(document: Document, doc: Doc, skip: set[int] | None = None) -> list[FigureCandidate]:
    """Counts of people or units in ``doc``."""
    skip = skip or set()
    figures: list[FigureCandidate] = []
    for token in doc:
        if token.dep_ != "nummod" or not token.like_num:
            continue
        noun = token.head
        if noun.pos_ not in ("NOUN", "PROPN") or noun.lower_ in NOT_COUNTED:
            continue
        if document.paragraph_at(token.idx).index in skip:
            continue
        number_tokens = _number_tokens(token)
        value = parse_number(" ".join(t.text for t in number_tokens))
        if value is None or value <= 0:
            continue
        start = number_tokens[0].idx
        sentence = token.sent
        before = document.text[sentence.start_char : start]
        counted_tokens = [t for t in noun.subtree if t.i > token.i and t.i <= noun.i or t.i == noun.i]
        counted = " ".join(t.text for t in sorted(counted_tokens, key=lambda t: t.i))
        words = {t.lower_ for t in noun.subtree} | {noun.head.lower_, noun.head.lemma_}
        figures.append(
            FigureCandidate(
                value=value,
                qualifier=qualifier_before(before),  # type: ignore[arg-type]
                category=category_of(words),
                counted=counted,
                date=document.date,
                place=None,
                source=Span(document.id, sentence.start_char, sentence.end_char, sentence.text),
            )
        )
    return figures
