"""The words time expressions are made of, as regular-expression pieces and their meanings: months,
weekdays, numbers (in digits and in words, spoken years "nineteen ninety-six"), units, ordinals,
parts of the day, decades written in words, and the holidays whose date a rule can compute.

Sources: English month and weekday names; TimeML's units and parts of day (TimeML 1.2.1
guidelines); the holidays are US federal holidays and the Western Christian feasts that news
dates by name, their dates computed by the usual rules (dateutil's ``easter`` for Easter).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from fractions import Fraction

from builder.values.dates import MONTHS, WEEKDAYS
from builder.values.numbers import NUMBER_WORDS_TO_99


def words_pattern(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, written as a trie: at each position the engine follows one
    branch by the next character instead of trying every word (an alternation of 180 number words
    after every word boundary was most of the time spent tagging dates). Like an alternation sorted
    longest first, it prefers the longest word and backtracks to shorter ones.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            body = body if len(branches) == 1 and len(body) == 1 else f"(?:{body})"
            return body + "?"
        return body

    return "(?:" + pattern(trie) + ")"


# Month names are matched case-sensitively: "may" the verb is not May the month.
MONTH = (
    r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
WEEKDAY = "(?:" + "|".join(WEEKDAYS) + ")"
SEASON = r"(?:spring|summer|autumn|fall|winter)"
# A day of the month, as a number with an optional ordinal ending.
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
# Spoken years, as broadcast transcripts write them: "nineteen ninety-six", "two thousand".
TENS_TO_99 = words_pattern(w for w, n in NUMBER_WORDS_TO_99.items() if n >= 10)
SPOKEN_YEAR = (
    r"(?:(?:nineteen|eighteen|twenty)[\s-]+(?:" + TENS_TO_99 + r"|hundred|oh[\s-]+\w+)"
    r"|two\s+thousand(?:\s+and)?(?:\s+(?:"
    + words_pattern(w for w, n in NUMBER_WORDS_TO_99.items() if n < 10 and len(w) > 2)
    + r"))?)"
)
YEAR = r"(?:1[0-9]\d\d|20\d\d)"
ANY_YEAR = rf"(?:{YEAR}|{SPOKEN_YEAR})"
NUMBER = r"(?:\d+(?:\.\d+)?|" + words_pattern(NUMBER_WORDS_TO_99) + r")(?:[\s-]+(?:hundred|thousand))?"
# "two and a half", "2 1/2", "a year and a half".
FRACTION = r"(?:\s+and\s+a\s+half|-and-a-half|\s+1/2|\s*½)"
# Words that hedge an amount of time; TimeML keeps them in the expression ("nearly two months").
APPROX = (
    r"(?:(?:about|around|almost|nearly|roughly|approximately|more\s+than|less\s+than|fewer\s+than|"
    r"at\s+least|at\s+most|up\s+to|just|only|barely|close\s+to|well\s+over|just\s+over|just\s+under|"
    r"over|under|some)\s+)?"
)
UNIT = r"(?:second|minute|hour|day|week|weekend|fortnight|month|quarter|year|decade|century|millennium)"
UNITS = (
    r"(?:seconds?|minutes?|hours?|days?|weeks?|weekends?|fortnights?|months?|quarters?|years?|decades?|"
    r"centur(?:y|ies)|millenni(?:um|a))"
)
VAGUE = (
    r"(?:a\s+few|a\s+couple\s+of|a\s+couple|several|some|many|a\s+number\s+of|a\s+matter\s+of|few|countless)"
)
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "twenty-first": 21, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}  # fmt: skip
ORDINAL = r"(?:" + words_pattern(ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th))"
PART_OF_DAY = r"(?:morning|afternoon|evening|night)"
# Decades in words: "the nineties".
DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8,
    "nineties": 9,
}  # fmt: skip
# Words before a time expression that only introduce it (kept out of its span).
LEADING_PREPOSITIONS = {"on", "since", "by", "until", "till", "from", "in", "of", "during", "through", "at"}


def unit_name(word: str) -> str:
    """The singular unit of a written unit: "centuries" -> "century", "days" -> "day"."""
    word = word.lower()
    for plural, singular in (("centuries", "century"), ("century", "century"), ("millennia", "millennium")):
        if word == plural:
            return singular
    return word[:-1] if word.endswith("s") else word


def amount(text: str) -> Fraction | None:
    """The number an amount of time is written with ("two", "21", "forty five", "a", "2 1/2",
    "two and a half", "a hundred"); None when it is not a number."""
    text = " ".join(text.lower().replace("-", " ").split())
    half = Fraction(0)
    for ending in (" and a half", " 1/2", "½"):
        if text.endswith(ending):
            text, half = text[: -len(ending)].strip(), Fraction(1, 2)
    multiplier = 1
    for word, factor in ((" hundred", 100), (" thousand", 1000)):
        if text.endswith(word):
            text, multiplier = text[: -len(word)].strip(), factor
    if text in ("hundred", "thousand", ""):
        text = "1"
    if text in ("a couple", "a couple of", "couple of"):
        text = "2"
    if text in NUMBER_WORDS_TO_99:
        return (NUMBER_WORDS_TO_99[text] + half) * multiplier
    if text.replace(" ", "-") in NUMBER_WORDS_TO_99:
        return (NUMBER_WORDS_TO_99[text.replace(" ", "-")] + half) * multiplier
    try:
        return (Fraction(text) + half) * multiplier
    except ValueError:
        return None


def year_number(text: str) -> int | None:
    """A year written in digits or spoken ("1996", "nineteen ninety-six", "two thousand")."""
    text = " ".join(text.lower().replace("-", " ").split())
    if text.isdigit():
        return int(text)
    if text.startswith("two thousand"):
        rest = text[len("two thousand") :].replace("and", "").strip()
        return 2000 + (NUMBER_WORDS_TO_99.get(rest, 0) if rest else 0)
    head, _, rest = text.partition(" ")
    century = {"eighteen": 18, "nineteen": 19, "twenty": 20}.get(head)
    if century is None:
        return None
    if rest == "hundred":
        return century * 100
    if rest.startswith("oh "):
        unit = NUMBER_WORDS_TO_99.get(rest[3:])
        return century * 100 + unit if unit is not None and unit < 10 else None
    tail = NUMBER_WORDS_TO_99.get(rest) or NUMBER_WORDS_TO_99.get(rest.replace(" ", "-"))
    return century * 100 + tail if tail is not None else None


def month_number(word: str) -> int:
    """January 1 ... December 12, from a name or an abbreviation ("Sept.")."""
    return MONTHS[word.lower().rstrip(".")]


def weekday_number(word: str) -> int:
    """Monday 0 ... Sunday 6 (Python's weekday)."""
    return WEEKDAYS.index(word.lower().rstrip("s").removesuffix("'"))


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _easter(year: int) -> dt.date:
    from dateutil.easter import easter

    return easter(year)


# Holidays news dates by name, with their day in a given year.
HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "new year's day": lambda y: dt.date(y, 1, 1),
    "new year's eve": lambda y: dt.date(y, 12, 31),
    "christmas eve": lambda y: dt.date(y, 12, 24),
    "christmas day": lambda y: dt.date(y, 12, 25),
    "christmas": lambda y: dt.date(y, 12, 25),
    "boxing day": lambda y: dt.date(y, 12, 26),
    "valentine's day": lambda y: dt.date(y, 2, 14),
    "halloween": lambda y: dt.date(y, 10, 31),
    "independence day": lambda y: dt.date(y, 7, 4),
    "veterans day": lambda y: dt.date(y, 11, 11),
    "martin luther king day": lambda y: _nth_weekday(y, 1, 0, 3),
    "presidents day": lambda y: _nth_weekday(y, 2, 0, 3),
    "memorial day": lambda y: _nth_weekday(y, 6, 0, 1) - dt.timedelta(days=7),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    # US general elections: the Tuesday after the first Monday of November.
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + dt.timedelta(days=1),
    "easter sunday": _easter,
    "easter": _easter,
    "easter monday": lambda y: _easter(y) + dt.timedelta(days=1),
    "good friday": lambda y: _easter(y) - dt.timedelta(days=2),
    "ash wednesday": lambda y: _easter(y) - dt.timedelta(days=46),
}


def _holiday_pattern(name: str) -> str:
    """ "new year's day" -> New\\s+Year['’]s\\s+Day: capitalised, as news writes holidays."""
    words = [re.escape(w[0].upper() + w[1:]).replace("'", "['’]") for w in name.split()]
    return r"\s+".join(words)


HOLIDAY = r"(?-i:" + "|".join(_holiday_pattern(n) for n in sorted(HOLIDAYS, key=len, reverse=True)) + r")"
