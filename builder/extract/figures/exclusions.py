"""Numbers that are never figures: years, dates, times, durations, distances, rates, percentages,
money, ordinals, ids, list markers and numbers inside names."""

from __future__ import annotations

import re

from spacy.tokens import Token

from builder.extract.figures.nouns import counted_lemma
from builder.extract.figures.words import CURRENCY_SYMBOLS, NOT_COUNTED, NOT_FIGURE_ENTS, currency_words
from builder.values.dates import MONTHS


def not_a_count(token: Token, tokens: list[Token]) -> bool:
    """Years, dates, times, durations, distances, rates, percentages, money, ordinals, ids, list markers."""
    first, last = tokens[0], tokens[-1]
    if any(t.ent_type_ in NOT_FIGURE_ENTS for t in tokens):
        # The tagger sometimes stretches a QUANTITY over a count: "45 degrees as 300 workers".
        people = token.dep_ == "nummod" and counted_lemma(token.head) is not None
        if not (people and token.ent_type_ == "QUANTITY" and token.head.lemma_.lower() not in NOT_COUNTED):
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
    if after is not None and after.text == "-" and not after.whitespace_ and not strong:
        return True  # "60-day", "1,500-km", "15-member council", "12-year-old": a modifier, not a count
    if before is not None and before.pos_ == "PROPN" and before.lower_ not in MONTHS and before.is_title:
        return True  # "Boeing 737", "Route 66", "Article 5": a name, not a count
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
