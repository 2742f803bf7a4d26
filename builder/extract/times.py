"""Time expressions and their normalised values (TIMEX3 style).

Values: a day ``2024-01-09``, a week ``2024-W02``, a month ``2020-03``, a
season ``2023-SU``, a year ``2022``, a duration ``P60D``, or None when the
expression cannot be resolved (a weekday in an article with no date, "days
ago"). Granularity is kept: a month is never turned into a made-up day.

Expressions are found by patterns over the text; the spaCy parse, when
given, decides what the text alone cannot (the tense that sends a weekday
forward, whether "a day after" introduces a clause). Offsets from the
article's date ("two weeks ago", "last month") are computed by dateparser;
the news conventions it does not know are rules here:

* a bare weekday is the most recent such day on or before the article's
  date, unless "next" or a future tense points ahead;
* a day and month without a year is the nearest such date not after the
  article's date, unless the tense points ahead;
* "earlier in the day", "the following day", "a day after" anchor on the
  date of the sentence before, not on the article's date.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, insort
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from spacy.tokens import Doc

from builder.model import Document, Span, TimeExpression
from builder.values.dates import MONTHS, WEEKDAYS, as_day
from builder.values.numbers import NUMBER_WORDS_TO_99

# The types of time expression the tagger gives (TimeExpression.kind).
TimexType = Literal["date", "duration"]
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
UNITS = {"day": "D", "week": "W", "month": "M", "year": "Y", "hour": "H"}

# Month names are matched case-sensitively: "may" the verb is not May the month.
MONTH = (
    r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
WEEKDAY = "(?:" + "|".join(day.title() for day in WEEKDAYS) + ")"


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


NUMBER = r"(?:\d{1,3}|" + words_pattern(NUMBER_WORDS_TO_99) + r")"
DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
YEAR = r"((?:19|20)\d{2})"
NO_YEAR_AFTER = r"(?!\s*,?\s*(?:19|20)\d{2})(?!\d)"

# (kind, pattern): earlier patterns win where two overlap.
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile(pattern, re.I))
    for kind, pattern in [
        ("iso_date", r"\b((?:19|20)\d{2})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b"),
        ("month_day_year", rf"\b({MONTH})\s+{DAY},?\s+{YEAR}\b"),
        ("day_month_year", rf"\b{DAY}\s+(?:of\s+)?({MONTH}),?\s+{YEAR}\b"),
        ("month_of_year", rf"\b({MONTH})\s+of\s+(this|last|next)\s+year\b"),
        ("month_year", rf"\b({MONTH}),?\s+(?:of\s+)?{YEAR}\b"),
        ("season_year", rf"\b(spring|summer|autumn|fall|winter)\s+(?:of\s+)?{YEAR}\b"),
        ("month_day", rf"\b({MONTH})\s+{DAY}\b{NO_YEAR_AFTER}"),
        ("day_month", rf"\b{DAY}\s+(?:of\s+)?({MONTH})\b{NO_YEAR_AFTER}"),
        ("relative_month", rf"\b(last|next|this|early|late|mid-?)\s*({MONTH})\b"),
        ("bare_month", rf"\b(?:in|since|during|until|by|from|through)\s+({MONTH})\b(?![.\s]*\d)"),
        ("relative_season", r"\b(last|next|this)\s+(spring|summer|autumn|fall|winter)\b"),
        (
            "anaphoric",
            r"\b(earlier|later)\s+(?:in\s+|on\s+)?(?:the|that)\s+(day|morning|afternoon|evening)\b"
            r"|\b(?:the|that)\s+(same)\s+day\b"
            r"|\bthe\s+(following|next|previous|preceding)\s+(day|morning|evening|night)\b"
            r"|\bthe\s+(day)\s+(before|after)\b(?!\s+(?:yesterday|tomorrow))",
        ),
        ("offset", rf"\b({NUMBER})\s+(day|week)s?\s+(after|later|before|earlier)\b"),
        ("ago", rf"\b({NUMBER}|a\s+fortnight)\s+(?:(day|week|month|year)s?\s+)?ago\b"),
        (
            "vague_ago",
            r"\b(?:(?:a\s+few|a\s+couple\s+of|a\s+couple|several|some|many|few)\s+)?"
            r"(days|weeks|months|years)\s+ago\b",
        ),
        ("relative_unit", r"\b(last|this|next|past)\s+(week|month)\b"),
        ("weekday", rf"\b(?:(last|next|this|on|since|by|until|from|early|late)\s+)?({WEEKDAY})(?:['’]s)?\b"),
        (
            "today",
            r"\b(today|yesterday|tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon|evening))\b",
        ),
        ("relative_year", r"\b(last|next|this)\s+year\b"),
        (
            "duration",
            # An age ("a 10-year-old boy") or a statistic ("the 10-year average") is not a stretch of time.
            rf"\b({NUMBER})[- ](day|week|month|year|hour)s?(?:[- ]long)?\b(?!\s+(?:ago|after|later|before))"
            r"(?![- ](?:old|average|high|low|record|mean)\b)",
        ),
        ("year", rf"\b(?:in|since|of|by|until|during|from|early|late|mid-?)\s*{YEAR}\b"),
    ]
]
ABSOLUTE = {"iso_date", "month_day_year", "day_month_year", "month_year", "year", "season_year", "duration"}
# Expressions that anchor on the date of the sentence before, not the article's.
ANAPHORIC = {"anaphoric", "offset"}
# Words that keep the expression's span but are not part of the date ("On Tuesday" -> "Tuesday").
LEADING_PREPOSITIONS = {"on", "since", "by", "until", "from", "in", "of", "during", "through"}
PAST = re.compile(
    r"\b(?:was|were|had|did|said|told|took|made|met|went|gave|came|left|held|began|broke|fought|found|"
    r"sent|fled|struck|won|lost|led|saw|rose|fell|shot|ran|spoke|wrote|chose|drove|flew|hit|kept|knew|"
    r"paid|put|set|stood|threw|\w{3,}ed)\b",
    re.I,
)
# Words that put a clause ahead of the article's date: "is expected to", "is due", "plans to".
FUTURE_VERBS = {"schedule", "plan", "expect", "forecast", "due", "intend", "anticipate", "predict"}
# "is set to", "is to", "is going to": a verb whose "to"-infinitive is still to happen.
FUTURE_FRAMES = {"set", "be", "go", "about"}
FUTURE = re.compile(
    r"\b(?:will|shall|'ll|(?:is|are|am)\s+(?:(?:set|due|expected|scheduled|planned|going|about)\s+)?to"
    r"|scheduled|planned|plans?\s+to|expects?|expected\s+to|forecasts?|due(?!\s+to\b)|to\s+be\s+held"
    r"|intends?\s+to)\b",
    re.I,
)
CLOCK_TIME = re.compile(r"(?:\d\s*[ap]\.?m\b\.?|\d:\d\d|\bhours?\b)[\s,()]*$", re.I)


@dataclass(frozen=True)
class Context:
    """What a relative expression is resolved against."""

    anchor: dt.date | None  # the article's date
    previous: dt.date | None  # the day of the latest dated sentence before the expression
    tense: str = "past"  # of the clause: "future", "past" or "present"

    @property
    def future(self) -> bool:
        return self.tense == "future"

    clause_follows: bool = False  # "after"/"before" introduces a clause, not a noun phrase
    # "the strike lasted until Monday": an action told as over, so its "until" day is behind.
    ended: bool = False


def normalise_date(
    kind: str, matched: Sequence[str | None], context: Context
) -> tuple[str | None, TimexType]:
    """The TIMEX3-style value of a matched expression, and its type ("date" or "duration").

    Args:
        kind: the name of the pattern that matched (``PATTERNS``).
        matched: the pattern's groups, None where a group did not take part in the match.
    """
    # Lower-cased, "" where a group did not take part ("Monday" without "last", "ago" without a unit).
    groups = tuple(g.lower().rstrip(".") if g else "" for g in matched)
    if kind in ABSOLUTE:
        return _absolute(kind, groups)
    if kind == "vague_ago":
        return None, "date"
    if kind in ANAPHORIC:
        return _anaphoric(kind, groups, context.previous, context.clause_follows), "date"
    anchor = context.anchor
    if anchor is None:
        return None, "date"
    if kind in ("ago", "relative_unit"):
        return _offset(kind, groups, anchor)
    return _relative(kind, groups, context, anchor), "date"


def _relative(kind: str, groups: tuple[str, ...], context: Context, anchor: dt.date) -> str | None:
    """The date a month, season, weekday, day or year named relative to the article's date stands for."""
    if kind == "month_of_year":
        month, which = groups
        year = anchor.year + {"this": 0, "last": -1, "next": 1}[which]
        return f"{year:04d}-{MONTHS[month]:02d}"
    if kind in ("month_day", "day_month"):
        month, day = groups if kind == "month_day" else (groups[1], groups[0])
        return _nearest_day(MONTHS[month], int(day), anchor, context.future)
    if kind in ("relative_month", "bare_month"):
        which, month = groups if kind == "relative_month" else ("", groups[0])
        number = MONTHS[month]
        if which == "next" or (context.future and which != "last"):
            year = anchor.year if number > anchor.month else anchor.year + 1
        elif which == "last":
            year = anchor.year if number < anchor.month else anchor.year - 1
        else:
            year = anchor.year if number <= anchor.month else anchor.year - 1
        return f"{year:04d}-{number:02d}"
    if kind == "relative_season":
        which, season = groups
        year = anchor.year + {"this": 0, "last": -1, "next": 1}[which]
        return f"{year:04d}-{SEASONS[season]}"
    if kind == "weekday":
        which = groups[0]
        # "until Monday", "by Monday" (unless told in the past) name a day still to come.
        until = which == "until" and not (context.tense == "past" and context.ended)
        ahead = context.future or until or (which == "by" and context.tense != "past")
        return _weekday(which, WEEKDAYS.index(groups[1]), anchor, ahead)
    if kind == "today":
        shift = {"yesterday": -1, "tomorrow": 1}.get(groups[0], 0)
        if groups[0].startswith("last"):  # "last night": the night before the article's day
            shift = -1
        return (anchor + dt.timedelta(days=shift)).isoformat()
    if kind == "relative_year":
        shift = {"this": 0, "last": -1, "next": 1}[groups[0]]
        return f"{anchor.year + shift:04d}"
    return None


def _offset(kind: str, groups: tuple[str, ...], anchor: dt.date) -> tuple[str | None, TimexType]:
    """ "two weeks ago", "last month", "this week" from the article's date (by dateparser); "the past
    week" is a stretch of time."""
    if kind == "relative_unit":
        which, unit = groups
        if which == "past":  # "the past week" is a stretch of time, not a date
            return f"P1{UNITS[unit]}", "duration"
        return _dateparser_value(f"{which} {unit}", anchor, unit), "date"
    amount, unit = groups
    amount = " ".join(amount.split())
    if amount in NUMBER_WORDS_TO_99:
        # dateparser reads "21 days ago", not "twenty-one days ago"
        amount = str(NUMBER_WORDS_TO_99[amount])
    expression = f"{amount} {unit}s ago" if unit else f"{amount} ago"
    return _dateparser_value(expression, anchor, unit or "week"), "date"


def tag_times(
    document: Document, doc: Doc | None = None, earlier: Sequence[TimeExpression] = ()
) -> list[TimeExpression]:
    """Every time expression in ``document`` with its value against the article's date.

    Args:
        doc: the spaCy parse of ``document.text``; without it the tense is
            taken from ``earlier`` or guessed from the words around the expression.
        earlier: the same article's expressions tagged before (with the parse),
            when its date is set later (inferred, or by the analyst).
    """
    tenses = {(t.span.start, t.span.end): t.tense for t in earlier if t.tense}
    anchor = dt.date.fromisoformat(document.date) if document.date else None
    text = document.text
    matches = _find_matches(text)
    found: list[TimeExpression] = []
    previous: dt.date | None = anchor if anchor else None
    for kind, match, start, end in matches:
        tense = tenses.get((start, end)) if doc is None else None
        context = Context(
            anchor=anchor,
            previous=previous,
            tense=tense or _tense(text, start, end, doc),
            clause_follows=kind == "offset" and _clause_follows(text, end, doc),
            ended=kind == "weekday" and _told_as_ended(start, end, doc),
        )
        if kind == "anaphoric" and _after_clock_time(text, start):
            continue  # "from 9 p.m. to 5 a.m. the following day" is an hour, not a date
        value, timex_type = normalise_date(kind, match.groups(), context)
        found.append(
            TimeExpression(
                span=Span(document.id, start, end, text[start:end]),
                value=value,
                kind=timex_type,
                relative=kind not in ABSOLUTE,
                tense=context.tense,
            )
        )
        if timex_type == "date" and not _in_embed(document, start):
            previous = as_day(value)
    return found


def embed_dates(document: Document) -> dict[int, tuple[str, str]]:
    """The date of each social-media embed (value, as written), by paragraph index, from its signature."""
    from builder.extract.language import is_embed

    found: dict[int, tuple[str, str]] = {}
    for paragraph in document.paragraphs:
        text = document.text[paragraph.start : paragraph.end]
        if not is_embed(text):
            continue
        dated = [
            m
            for m in dict(PATTERNS)["month_day_year"].finditer(text)
            if re.search(r"\(@\w+\)\s*$", text[: m.start()])
        ]
        if dated:
            value, _ = normalise_date("month_day_year", dated[-1].groups(), Context(None, None))
            if value:
                found[paragraph.index] = (value, dated[-1].group(0))
    return found


# --- helpers ------------------------------------------------------------------


def _find_matches(text: str) -> list[tuple[str, re.Match[str], int, int]]:
    # Kept sorted by start: the taken ranges never overlap, so only the last one
    # starting before ``end`` can overlap a new match (a scan would be quadratic).
    taken: list[tuple[int, int]] = []
    matches: list[tuple[str, re.Match[str], int, int]] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            first = match.group(0).split()[0].lower()
            if first in LEADING_PREPOSITIONS:
                start += match.group(0).index(" ") + 1
                start += len(text[start:end]) - len(text[start:end].lstrip())
            before = bisect_left(taken, (end,)) - 1
            if before >= 0 and taken[before][1] > start:
                continue
            insort(taken, (start, end))
            matches.append((kind, match, start, end))
    return sorted(matches, key=lambda m: m[2])


def _absolute(kind: str, groups: tuple[str, ...]) -> tuple[str | None, TimexType]:
    """The value of an expression that needs no anchor: a written date, month, season, year or duration."""
    if kind == "iso_date":
        year, month, day = groups
        return _iso(int(year), int(month), int(day)), "date"
    if kind == "month_day_year":
        month, day, year = groups
        return _iso(int(year), MONTHS[month], int(day)), "date"
    if kind == "day_month_year":
        day, month, year = groups
        return _iso(int(year), MONTHS[month], int(day)), "date"
    if kind == "month_year":
        month, year = groups
        return f"{int(year):04d}-{MONTHS[month]:02d}", "date"
    if kind == "season_year":
        season, year = groups
        return f"{year}-{SEASONS[season]}", "date"
    if kind == "year":
        return groups[0], "date"
    amount, unit = groups  # duration
    return f"P{_number(amount)}{UNITS[unit]}", "duration"


def _anaphoric(kind: str, groups: tuple[str, ...], previous: dt.date | None, clause: bool) -> str | None:
    """The day "the following day", "two days later" or "a day after" (a ``clause``) stands for,
    from the ``previous`` dated sentence's day."""
    if previous is None:
        return None
    if kind == "offset":
        amount, unit, direction = groups
        days = _number(amount) * (7 if unit == "week" else 1)
        forward = direction in ("after", "later")
        if clause and direction in ("after", "before"):
            # "The meeting came a day after a couple was kidnapped": the clause is the earlier event.
            forward = not forward
        return (previous + dt.timedelta(days=days if forward else -days)).isoformat()
    words = [g for g in groups if g]
    if words[0] in ("following", "next") or words[-1] == "after":
        return (previous + dt.timedelta(days=1)).isoformat()
    if words[0] in ("previous", "preceding") or words[-1] == "before":
        return (previous - dt.timedelta(days=1)).isoformat()
    return previous.isoformat()  # earlier/later in the day, the same day


def _weekday(which: str, target: int, anchor: dt.date, future: bool) -> str:
    back = (anchor.weekday() - target) % 7
    if which == "next" or (future and which not in ("last", "since")):
        ahead = (target - anchor.weekday()) % 7 or (7 if which == "next" else 0)
        return (anchor + dt.timedelta(days=ahead)).isoformat()
    if which == "last" and back == 0:
        back = 7
    return (anchor - dt.timedelta(days=back)).isoformat()


def _nearest_day(month: int, day: int, anchor: dt.date, future: bool) -> str | None:
    candidate = _date(anchor.year, month, day)
    if candidate is None:
        return None
    if future and candidate < anchor:
        candidate = _date(anchor.year + 1, month, day)
    elif not future and candidate > anchor:  # news reports the past
        candidate = _date(anchor.year - 1, month, day)
    return candidate.isoformat() if candidate else None


@lru_cache(maxsize=256)
def _dateparser_value(expression: str, anchor: dt.date, unit: str | None) -> str | None:
    from dateparser.date import DateDataParser

    parser = DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": dt.datetime(anchor.year, anchor.month, anchor.day),
            "PREFER_DATES_FROM": "past",
            "RETURN_TIME_AS_PERIOD": True,
        },
    )
    data = parser.get_date_data(expression)
    if data.date_obj is None:
        return None
    date = data.date_obj.date()
    period = data.period if unit not in ("week", "fortnight") else "week"
    if period == "year":
        return f"{date.year:04d}"
    if period == "month":
        return f"{date.year:04d}-{date.month:02d}"
    if period == "week":
        year, week, _ = date.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return date.isoformat()


def _tense(text: str, start: int, end: int, doc: Doc | None) -> str:
    """The tense of the clause around an expression: "future", "past" or "present"."""
    if doc is not None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            head = span.root
            while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
                head = head.head
            if _to_be_done(head):
                return "future"  # "the vote, to be held on Friday"
            for token in [head, *head.children, *head.ancestors]:
                if token.lower_ in ("will", "shall", "'ll"):
                    return "future"
                if token.lemma_ in FUTURE_VERBS and token.tag_ != "VBD":  # "planned the budget" is done
                    return "future"
                if _future_frame(token):
                    return "future"  # "is set to", "is to", "is going to"
                if token.tag_ == "VBD" or token.lower_ in ("has", "have", "had"):
                    return "past"
            return "present"
    # Without a parse, the clause is the words between the nearest boundaries (". ", ", ", " that ").
    boundaries = (". ", "\n", ", ", " that ")
    clause_start = max(
        text.rfind(b, 0, start) + len(b) if text.rfind(b, 0, start) >= 0 else 0 for b in boundaries
    )
    clause_end = min([i for i in (text.find(b, end) for b in boundaries) if i >= 0] + [len(text)])
    clause = text[clause_start:clause_end]
    if FUTURE.search(clause):
        return "future"
    return "past" if PAST.search(clause) else "present"


def _told_as_ended(start: int, end: int, doc: Doc | None) -> bool:
    """Whether the clause is an active past action with no object ("lasted", "ran", "continued").

    "Ferries were suspended until Monday", "the ministry extended the curfew until Monday" and
    "roads remained closed until Monday" tell a state still in force; "the strike lasted until
    Monday" tells one that is over.
    """
    if doc is None:
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    verb = span.root
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    deps = {c.dep_ for c in verb.children}
    return verb.tag_ == "VBD" and not deps & {"auxpass", "nsubjpass", "dobj", "acomp", "oprd", "xcomp"}


def _to_be_done(verb) -> bool:
    """ "to be held", "to be released": a passive infinitive names what is still to happen."""
    children = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return "to" in children and "be" in children


def _future_frame(token) -> bool:
    """ "is set to vote", "are to meet", "is going to resign" (not "was to", told in the past)."""
    if token.lemma_ not in FUTURE_FRAMES or token.tag_ == "VBD":
        return False
    if token.lemma_ == "go" and token.lower_ != "going":
        return False
    return any(
        c.dep_ in ("xcomp", "ccomp") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in token.children
    )


def _clause_follows(text: str, end: int, doc: Doc | None) -> bool:
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


def _after_clock_time(text: str, start: int) -> bool:
    return bool(CLOCK_TIME.search(text[max(0, start - 25) : start]))


def _in_embed(document: Document, offset: int) -> bool:
    from builder.extract.language import is_embed

    paragraph = document.paragraph_at(offset)
    return is_embed(document.text[paragraph.start : paragraph.end])


def _number(word: str) -> int:
    word = " ".join(word.split())
    return NUMBER_WORDS_TO_99.get(word) or int(word)


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _iso(year: int, month: int, day: int) -> str | None:
    date = _date(year, month, day)
    return date.isoformat() if date else None
