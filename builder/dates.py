"""Time expressions and their normalised values (TIMEX3 style).

Values: a day ``2024-01-09``, a month ``2020-03``, a year ``2022``, a
duration ``P60D``, or None when the expression cannot be resolved (for
instance a weekday in an article with no date). Granularity is kept: a
month is never turned into a made-up day.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc

from .model import Document, Span, TimeExpression

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTH_NAME = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
WEEKDAY_NAME = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
UNITS = {"day": "D", "week": "W", "month": "M", "year": "Y", "hour": "H"}

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("month_day_year", re.compile(rf"\b({MONTH_NAME})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b")),
    ("day_month_year", re.compile(rf"\b(\d{{1,2}})\s+({MONTH_NAME})\s+(\d{{4}})\b")),
    ("month_of_year", re.compile(rf"\b({MONTH_NAME})\s+of\s+(this|last|next)\s+year\b", re.I)),
    ("month_year", re.compile(rf"\b({MONTH_NAME}),?\s+(\d{{4}})\b")),
    ("month_day", re.compile(rf"\b({MONTH_NAME})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*\d{{4}})")),
    ("day_month", re.compile(rf"\b(\d{{1,2}})\s+({MONTH_NAME})\b(?!\s*,?\s*\d{{4}})")),
    ("relative_month", re.compile(rf"\b(last|next|this)\s+({MONTH_NAME})\b", re.I)),
    ("weekday", re.compile(rf"\b(?:(last|next|this|on|since)\s+)?({WEEKDAY_NAME})(?:['’]s)?\b", re.I)),
    ("today", re.compile(r"\b(today|yesterday|tomorrow)\b", re.I)),
    ("relative_year", re.compile(r"\b(last|next|this)\s+year\b", re.I)),
    ("duration", re.compile(r"\b(\d+|a|one|two|three)[- ](day|week|month|year|hour)s?(?:[- ]long)?\b", re.I)),
    ("year", re.compile(r"\b(?:in|since|of|by|until|during|from)\s+((?:19|20)\d{2})\b", re.I)),
]
NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3}


def normalise_date(kind: str, groups: tuple[str, ...], anchor: dt.date | None) -> tuple[str | None, str]:
    """The TIMEX3-style value of a matched expression, and its type."""
    if kind == "month_day_year":
        month, day, year = groups
        return _iso(int(year), MONTHS[month.lower()], int(day)), "date"
    if kind == "day_month_year":
        day, month, year = groups
        return _iso(int(year), MONTHS[month.lower()], int(day)), "date"
    if kind == "month_year":
        month, year = groups
        return f"{int(year):04d}-{MONTHS[month.lower()]:02d}", "date"
    if kind == "year":
        return groups[0], "date"
    if kind == "duration":
        amount, unit = groups
        number = NUMBER_WORDS.get(amount.lower()) or int(amount)
        return f"P{number}{UNITS[unit.lower()]}", "duration"
    if anchor is None:
        return None, "date"
    if kind == "month_of_year":
        month, which = groups
        year = anchor.year + {"this": 0, "last": -1, "next": 1}[which.lower()]
        return f"{year:04d}-{MONTHS[month.lower()]:02d}", "date"
    if kind in ("month_day", "day_month"):
        month, day = groups if kind == "month_day" else (groups[1], groups[0])
        candidate = _date(anchor.year, MONTHS[month.lower()], int(day))
        if candidate is None:
            return None, "date"
        if candidate > anchor:  # news reports the past: the nearest such day not after the dateline
            candidate = _date(anchor.year - 1, MONTHS[month.lower()], int(day))
        return (candidate.isoformat() if candidate else None), "date"
    if kind == "relative_month":
        which, month = groups
        number = MONTHS[month.lower()]
        year = anchor.year
        if which.lower() == "last":
            year = anchor.year if number < anchor.month else anchor.year - 1
        elif which.lower() == "next":
            year = anchor.year if number > anchor.month else anchor.year + 1
        return f"{year:04d}-{number:02d}", "date"
    if kind == "weekday":
        which, name = groups
        target = WEEKDAYS.index(name.lower())
        back = (anchor.weekday() - target) % 7
        if which and which.lower() == "next":
            ahead = (target - anchor.weekday()) % 7 or 7
            return (anchor + dt.timedelta(days=ahead)).isoformat(), "date"
        if which and which.lower() == "last" and back == 0:
            back = 7
        return (anchor - dt.timedelta(days=back)).isoformat(), "date"
    if kind == "today":
        shift = {"today": 0, "yesterday": -1, "tomorrow": 1}[groups[0].lower()]
        return (anchor + dt.timedelta(days=shift)).isoformat(), "date"
    if kind == "relative_year":
        shift = {"this": 0, "last": -1, "next": 1}[groups[0].lower()]
        return f"{anchor.year + shift:04d}", "date"
    return None, "date"


def tag_times(document: Document, doc: Doc | None = None) -> list[TimeExpression]:
    """Every time expression in ``document`` with its value against the article's date."""
    anchor = dt.date.fromisoformat(document.date) if document.date else None
    taken: list[tuple[int, int]] = []
    found: list[TimeExpression] = []
    text = document.text
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if kind == "year" or (kind == "weekday" and (match.group(1) or "").lower() in ("on", "since")):
                start = match.start(2 if kind == "weekday" else 1)
            if any(start < e and s < end for s, e in taken):
                continue
            value, timex_type = normalise_date(kind, match.groups(), anchor)
            taken.append((start, end))
            found.append(
                TimeExpression(
                    span=Span(document.id, start, end, text[start:end]),
                    value=value,
                    kind=timex_type,  # type: ignore[arg-type]
                    relative=kind not in ("month_day_year", "day_month_year", "month_year", "year"),
                )
            )
    return sorted(found, key=lambda t: t.span.start)


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _iso(year: int, month: int, day: int) -> str | None:
    date = _date(year, month, day)
    return date.isoformat() if date else None
