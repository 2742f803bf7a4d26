"""Time expressions and their TimeML values (TIMEX3: date, time, duration, set).

Values (see ``builder.values.timex``): a day ``2024-01-09``, a week ``2024-W02``,
a weekend ``2024-W02-WE``, a month ``2020-03``, a quarter ``2013-Q3``, a half
``2013-H1``, a season ``2023-SU``, a year ``2022``, a decade ``199``, a
century ``19``; a time of day on its day ``2024-01-09T14:30`` or
``2024-01-09TMO``; ``PRESENT_REF``, ``PAST_REF``, ``FUTURE_REF``; durations
``P60D``, ``PT2H``, ``PXY``; sets ``P1W`` (every week), ``XXXX-WXX-4`` (every
Thursday); ``XXXX-03-22`` where the text does not fix the year; None when the
expression needs the article's date and the article has none ("yesterday").
Granularity is kept: a month is never turned into a made-up day.

The rules (``builder.extract.timex_rules``) find and resolve the expressions;
this module runs them over an article: every rule matches, the longest of
overlapping matches is kept, and the kept ones are resolved in text order so
that the date mentioned before anchors "the following day", "a year earlier"
and "the quarter". A clock time takes its day from the date beside it ("10
p.m. Wednesday" is one expression), else from a day named in its sentence,
else from the sentence before. The tense of each expression's clause comes
from the spaCy parse when given (``builder.extract.tense``).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, insort
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from builder.extract.tense import clause_follows, clause_tense, told_as_ended
from builder.extract.timex_resolve import Context, Found
from builder.extract.timex_rules import RULES, Rule, plausible_year
from builder.extract.timex_words import LEADING_PREPOSITIONS, words_pattern
from builder.model import Document, Span, TimeExpression
from builder.values import timex
from builder.values.dates import calendar_value

if TYPE_CHECKING:  # types only (see ``extract.spans``)
    from spacy.tokens import Doc

__all__ = [
    "embed_dates",
    "event_date",
    "is_extent",
    "names_a_day",
    "rule_matches",
    "tag_times",
    "words_pattern",
]

# A clock time just before an expression: "from 9 p.m. to 5 a.m. the following day" names an hour.
CLOCK_BEFORE = re.compile(r"(?:\d\s*[ap]\.?m\b\.?|\d:\d\d|\bhours?\b)[\s,()]*$", re.I)
# What may stand between a clock time and the day it belongs to: "10 p.m. Wednesday",
# "5 p.m. EST, Nov. 6", "Friday at 10 a.m.", "noon on Saturday".
JOINS_DAY = re.compile(r"[\s,]*(?:(?:on|at|of)\s+)?[\s,]*", re.I)
# How far a match may reach before or after its rule's trigger word (characters): the longest
# expressions ("more than two and a half years after", "the third fiscal quarter of 1989") are
# well within it.
WINDOW = 80
# How far back a quarter counts as the period under report for "a year earlier" (characters).
NEAR_QUARTER = 600
# Rules whose value is a calendar point that later expressions may lean on.
NOT_REFERENCES = {"decade", "short_decade", "decade_words", "century"}
# Rules that name the quarter an article reports on ("the year-ago quarter" only compares with it).
QUARTER_RULES = {"quarter", "quarter_code"}
# A clock time right before a date ("until 9 a.m. EST Tuesday"): the word before the clock is
# the date's preposition.
CLOCK_END = re.compile(
    r"(?:\b\d{1,2}(?:[:.]\d\d)?\s*[ap]\.?\s?m\.?|\bnoon|\bmidnight)(?:\s*\(?[A-Z]{3}\)?)?[\s,]*$", re.I
)
# Words that push what follows ahead of the article's date: "as soon as Tuesday", "as early as May".
AS_SOON_AS = re.compile(r"\bas\s+(?:soon|early)\s+as\s*$", re.I)
AGO = re.compile(r"\bago\b", re.I)
# Time units written with a capital inside a name: "60 Minutes", "This Week", "VOA Today".
CAPITAL_UNIT = re.compile(
    r"\s(?:Minutes?|Hours?|Days?|Weeks?|Months?|Years?|Decades?|Century|Centuries|Today|Tonight|Tomorrow|Now)\b"
)
# Words before a bare four-digit number that make it a year even when a plural noun follows
# ("the 1992 protests", "in 1998 elections").
YEAR_DETERMINERS = {
    "the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "in", "since", "of", "by", "from",
    "until", "to", "during", "before", "after", "'s", "’s", "fiscal", "and", "or", "between",
}  # fmt: skip


@dataclass
class _Match:
    """A rule's match, before and after resolution."""

    rule: Rule
    match: re.Match[str]
    start: int
    end: int
    found: Found | None = None


@dataclass
class _References:
    """What the expressions read so far leave for the next ones to lean on."""

    value: str | None
    day: dt.date | None
    day_at: int = -1  # where the day was named (-1: the article's date)
    value_at: int = -1  # where the value was named (-1: the article's date)
    quarter: str | None = None
    quarter_at: int = -(10**9)

    def update(self, value: str | None, start: int, names_quarter: bool) -> None:
        """Lean later expressions on ``value``, named at ``start``."""
        read = timex.read(value)
        if read is None:
            return
        self.value, self.value_at = value, start
        if read[1] == "day":
            self.day, self.day_at = read[0], start
        if read[1] == "quarter" and names_quarter:
            self.quarter, self.quarter_at = value, start


def tag_times(
    document: Document, doc: Doc | None = None, earlier: Sequence[TimeExpression] = ()
) -> list[TimeExpression]:
    """Every time expression in ``document`` with its TimeML value against the article's date.

    Args:
        doc: the spaCy parse of ``document.text``; without it the tense is
            taken from ``earlier`` or guessed from the words around the expression.
        earlier: the same article's expressions tagged before (with the parse),
            when its date is set later (inferred, or by the analyst).
    """
    tenses = {(t.span.start, t.span.end): t.tense for t in earlier if t.tense}
    anchor = dt.date.fromisoformat(document.date) if document.date else None
    text = document.text
    matches = _select(_candidates(text, doc))
    references = _References(value=anchor.isoformat() if anchor else None, day=anchor)
    tense_of: dict[tuple[int, int], str] = {}
    clocks: list[tuple[_Match, dt.date | None]] = []
    for item in matches:
        if item.rule.name == "anaphoric_day" and CLOCK_BEFORE.search(
            text[max(0, item.start - 25) : item.start]
        ):
            continue  # "from 9 p.m. to 5 a.m. the following day" is an hour, not a date
        tense = tenses.get((item.start, item.end)) if doc is None else None
        tense = tense or clause_tense(text, item.start, item.end, doc)
        if AS_SOON_AS.search(text[max(0, item.start - 40) : item.start]) and not AGO.search(
            text[item.start : item.end]
        ):
            tense = "future"  # "as soon as Tuesday", "as early as May"; not "as early as a year ago"
        tense_of[(item.start, item.end)] = tense
        if item.rule.needs_day:
            clocks.append((item, references.day))  # resolved once the days around it are known
            continue
        context = _context(document, doc, item, references, tense)
        item.found = item.rule.resolve(_groups(item), context)
        if item.found is None:
            continue
        if item.rule.name not in NOT_REFERENCES and not _in_embed(document, item.start):
            pointed = item.found.points_to or item.found.value
            references.update(pointed, item.start, item.rule.name in QUARTER_RULES)
    resolved = [m for m in matches if m.found is not None]
    resolved += _clock_times(text, doc, clocks, resolved, anchor)
    return [
        _expression(document, m, tense_of.get((m.start, m.end)))
        for m in sorted(resolved, key=lambda m: m.start)
    ]


def event_date(time: TimeExpression) -> str | None:
    """The calendar date (a day, month or year) a time expression gives what happened in its
    clause: its value made a calendar date (a week, quarter or season widened, a time of day
    narrowed to its day), or the day "two days after" counts to; None for a duration, a set,
    PRESENT_REF and the like, a decade, an unplaced "XXXX-03-22", and a clock time whose day
    is only borrowed from the sentence before."""
    if time.kind == "duration":
        return calendar_value(time.points_to)
    if time.kind == "set" or not names_a_day(time):
        return None
    return calendar_value(time.value)


# What around a duration says it is not how long the happening of its clause lasts: a
# comparison ("twelve-year lows", "the 30-year average"), a delay ("18 months behind schedule"),
# a span before or after it ("in the past three years", "within 30 days", "the first in 12 years"),
# a period that closes on its date ("the year ended July 2").
NOT_EXTENT_AFTER = re.compile(
    r"[\s-]+(?:highs?|lows?|records?|averages?|mean|peaks?|troughs?|old|behind|late|early|ahead|overdue|"
    r"later|earlier|ago|after|before|from\s+now|ended|ending)\b",
    re.I,
)
# Words that set a stretch before or after the happening ("the past three years", "the next days").
_AROUND = r"past|last|next|coming|first"
NOT_EXTENT_BEFORE = re.compile(
    rf"\b(?:{_AROUND}|within|in|over|since|after|every|each|per)\s+(?:the\s+)?$", re.I
)
LOOKING_BACK = re.compile(rf"(?:the\s+)?(?:{_AROUND}|previous)\b", re.I)


def is_extent(document: Document, time: TimeExpression) -> bool:
    """Whether a duration is how long the happening of its clause lasts ("a 30-day curfew", "for
    90 days"), the end date it gives an event; not a comparison, a delay, a span around it,
    a vague "for years", nor "two days after", which counts to a date."""
    if time.kind != "duration" or not time.value or "X" in time.value or time.points_to:
        return False
    text = document.text
    if NOT_EXTENT_AFTER.match(text, time.span.end):
        return False
    if LOOKING_BACK.match(time.span.text):
        return False  # "for the past four months": the expression holds its own "past"
    return not NOT_EXTENT_BEFORE.search(text[max(0, time.span.start - 20) : time.span.start])


def names_a_day(time: TimeExpression) -> bool:
    """Whether an expression names its day itself: a clock time alone ("at 10 p.m.") takes its day
    from the sentence or the one before, which is not enough to date what happened."""
    if time.kind != "time":
        return True
    return not any(rule.needs_day and rule.pattern.fullmatch(time.span.text.strip()) for rule in RULES)


def embed_dates(document: Document) -> dict[int, tuple[str, str]]:
    """The date of each social-media embed (value, as written), by paragraph index, from its signature."""
    from builder.extract.language import is_embed

    rule = next(r for r in RULES if r.name == "month_day_year")
    found: dict[int, tuple[str, str]] = {}
    for paragraph in document.paragraphs:
        text = document.text[paragraph.start : paragraph.end]
        if not is_embed(text):
            continue
        dated = [m for m in rule.pattern.finditer(text) if re.search(r"\(@\w+\)\s*$", text[: m.start()])]
        if dated:
            result = rule.resolve(dated[-1].groupdict(), Context(anchor=None))
            if result is not None and result.value:
                found[paragraph.index] = (result.value, dated[-1].group(0))
    return found


# --- finding ----------------------------------------------------------------------------------------


def _candidates(text: str, doc: Doc | None) -> list[_Match]:
    """Every rule's matches, with the span of the expression itself (group ``t`` where the rule
    reads words before it, and never a leading "on", "in", "since")."""
    found = []
    windows = trigger_windows(text)
    for rule in RULES:
        for match in rule_matches(text, rule, windows):
            start, end = match.span("t") if "t" in match.re.groupindex and match.group("t") else match.span()
            words = text[start:end].split()
            if not words:
                continue
            if words[0].lower() in LEADING_PREPOSITIONS and len(words) > 1:
                start = text.index(words[1], start + len(words[0]))
            end = start + len(text[start:end].rstrip(" ,"))
            if text[end - 1] == ")" and "(" not in text[start:end]:
                end -= 1  # "at 16:30 UTC)": the bracket closes one opened before the time
            if rule.name == "year" and not _is_year(text, match, doc):
                continue
            if rule.type == "duration" and (_is_rate(text, start, match) or _is_fraction(text, end, match)):
                continue
            if rule.name != "holiday" and _in_a_name(text, start, end):
                continue
            found.append(_Match(rule, match, start, end))
    return found


def trigger_windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """Each rule trigger's stretches of ``text`` (by the trigger's pattern), merged where they overlap.

    The text is read once for its words, and each distinct word is looked up in the triggers
    that match inside one word; the few that reach over a space or a stop scan the text.
    Scanning it once per trigger (forty of them) was a quarter of the per-article extraction.
    """
    hits: dict[str, list[tuple[int, int]]] = {}
    for word in WORD_RUN.finditer(text):
        for pattern, spans in _word_hits(word.group()).items():
            at = word.start()
            hits.setdefault(pattern, []).extend((at + start, at + end) for start, end in spans)
    _, _, scanned = _word_triggers()
    for trigger in scanned:
        hits[trigger.pattern] = [hit.span() for hit in trigger.finditer(text)]
    windows = {pattern: _merged_windows(text, found) for pattern, found in hits.items()}
    return {rule.trigger.pattern: windows.get(rule.trigger.pattern, []) for rule in RULES}


def _merged_windows(text: str, hits: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches ``WINDOW`` characters around ``hits`` (in text order), merged where they overlap."""
    merged: list[tuple[int, int]] = []
    for hit_start, hit_end in hits:
        start, end = max(0, hit_start - WINDOW), min(len(text), hit_end + WINDOW)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


# A maximal run of word characters: a trigger that matches inside one sees a word boundary
# at both its ends, as it does in the whole text.
WORD_RUN = re.compile(r"\w+")
# What a trigger may be written with to match only inside one run of word characters: letters,
# digit classes, word boundaries and the regex syntax that joins them (no \s, no ".", no quote).
WITHIN_A_WORD = re.compile(r"(?:\\b|\\d|\[\d-\d\]|\{\d+\}|\(\?(?:-i)?:|[()|?+*]|[^\W\d_])*")


@cache
def _within_a_word(trigger: re.Pattern[str]) -> bool:
    """Whether every match of ``trigger`` lies inside one run of word characters."""
    return WITHIN_A_WORD.fullmatch(trigger.pattern) is not None


@cache
def _word_triggers() -> tuple[re.Pattern[str], list[re.Pattern[str]], list[re.Pattern[str]]]:
    """One pattern that finds any trigger matching inside one word, those triggers, and the others."""
    triggers = list({rule.trigger.pattern: rule.trigger for rule in RULES}.values())
    inside = [t for t in triggers if _within_a_word(t)]
    any_inside = re.compile("|".join(f"(?:{t.pattern})" for t in inside), re.I)
    return any_inside, inside, [t for t in triggers if not _within_a_word(t)]


@lru_cache(maxsize=1 << 16)
def _word_hits(word: str) -> dict[str, tuple[tuple[int, int], ...]]:
    """Each word trigger's hits inside ``word`` (by the trigger's pattern); words repeat, so kept."""
    any_trigger, triggers, _ = _word_triggers()
    if any_trigger.search(word) is None:
        return {}
    found = {t.pattern: tuple(hit.span() for hit in t.finditer(word)) for t in triggers}
    return {pattern: hits for pattern, hits in found.items() if hits}


def rule_matches(
    text: str, rule: Rule, windows: dict[str, list[tuple[int, int]]] | None = None
) -> Iterator[re.Match[str]]:
    """A rule's matches, looked for only near its trigger words (lookbehinds and word boundaries
    still see the text before a window). ``windows``: ``trigger_windows(text)``, when at hand."""
    windows = trigger_windows(text) if windows is None else windows
    for start, end in windows[rule.trigger.pattern]:
        yield from rule.pattern.finditer(text, start, end)


def _select(candidates: list[_Match]) -> list[_Match]:
    """The longest of overlapping matches (the earlier rule on a tie), in text order."""
    order = {id(rule): index for index, rule in enumerate(RULES)}
    ranked = sorted(candidates, key=lambda m: (-(m.end - m.start), order[id(m.rule)], m.start))
    taken: list[tuple[int, int]] = []
    kept = []
    for item in ranked:
        # Kept sorted by start: only the neighbours of the insertion point can overlap.
        at = bisect_left(taken, (item.start, item.end))
        if at > 0 and taken[at - 1][1] > item.start:
            continue
        if at < len(taken) and taken[at][0] < item.end:
            continue
        insort(taken, (item.start, item.end))
        kept.append(item)
    return sorted(kept, key=lambda m: m.start)


def _is_year(text: str, match: re.Match[str], doc: Doc | None) -> bool:
    """Whether a bare four-digit number is a year (see ``plausible_year``), and not a count of
    something plural ("2000 troops"; but "the 1992 protests" is a year)."""
    start, end = match.span("year")
    if not plausible_year(text, start, end):
        return False
    if match.start() != start:  # "fiscal 1989", "mid-1990", "the year 2000"
        return True
    before = re.search(r"(\S+)\s*$", text[max(0, start - 20) : start])
    word = before.group(1).lower().strip(",;:(") if before else ""
    if word in YEAR_DETERMINERS or word.endswith(("'s", "’s")):
        return True
    if doc is not None:
        token = doc.char_span(start, end, alignment_mode="expand")
        if token is not None and len(token) == 1:
            head = token[0].head
            # A count sits right before what it counts: "2000 troops" (but "1990 BellSouth earnings").
            return not (
                token[0].dep_ == "nummod" and head.tag_ in ("NNS", "NNPS") and head.i == token[0].i + 1
            )
    return not re.match(r"\s+[a-z]+s\b", text[end : end + 20])


def _in_a_name(text: str, start: int, end: int) -> bool:
    """A time word written with a capital inside a title: the programmes "60 Minutes", "This
    Week", "VOA Today" (a capital at the start of a sentence says nothing)."""
    if CAPITAL_UNIT.search(text[start:end]):
        return True
    sentence_start = start == 0 or bool(
        re.search(r"(?:[.!?][\"'”’)]*\s+|\n\s*|[\"“`']\s*)$", text[max(0, start - 4) : start])
    )
    return not sentence_start and bool(CAPITAL_UNIT.match(" " + text[start:end].split()[0]))


def _is_fraction(text: str, end: int, match: re.Match[str]) -> bool:
    """ "a quarter of the vote", "three-quarters of its food", "a second group": not time."""
    unit = (match.groupdict().get("unit") or "").lower()
    number = (match.groupdict().get("num") or "").lower()
    if unit.startswith("quarter"):
        return (
            number in ("a", "an", "one")
            or bool(
                re.match(r"\s+of\s+(?:the|a|an|its|their|his|her|all|our|this|that)\b", text[end : end + 12])
            )
            or "-" in match.group(0)
        )
    return unit == "second" and number in ("a", "an")


def _is_rate(text: str, start: int, match: re.Match[str]) -> bool:
    """ "$500 million a year", "24 hours a day", "four flights a week": a rate, not a stretch of time."""
    number = (match.groupdict().get("num") or "").lower()
    if number not in ("a", "an", "per"):
        return False
    before = re.split(r"[.!?]\s|\n", text[max(0, start - 30) : start])[-1]  # within the sentence
    return bool(
        re.search(
            r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand|million|"
            r"billion|once|twice|times))\S*(?:\s+\S+){0,2}\s*$",
            before,
            re.I,
        )
    )


# --- resolving --------------------------------------------------------------------------------------


def _context(
    document: Document, doc: Doc | None, item: _Match, references: _References, tense: str
) -> Context:
    text = document.text
    anchor = dt.date.fromisoformat(document.date) if document.date else None
    head = text[max(0, item.start - 40) : item.start]
    head = CLOCK_END.sub("", head) if item.rule.type == "date" else head
    before = re.search(r"(\w+)\W*$", head)
    near = item.start - references.quarter_at <= NEAR_QUARTER
    clause = item.rule.name == "offset_from" and clause_follows(text, item.match.end(), doc)
    return Context(
        anchor=anchor,
        reference=_reference_for_offset(document, item, references, clause),
        reference_day=_day_for_offset(document, item, references, clause)
        if item.rule.name in ("offset_from", "offset")
        else references.day,
        quarter=references.quarter,
        quarter_near=references.quarter if near else None,
        tense=tense,  # type: ignore[arg-type]
        preposition=before.group(1).lower() if before else "",
        clause_follows=clause,
        ended=told_as_ended(item.start, item.end, doc),
    )


def _reference_for_offset(
    document: Document, item: _Match, references: _References, clause: bool
) -> str | None:
    """The value "five years after its launch" counts from, as ``_day_for_offset`` has it for days:
    one named before it in the same paragraph; with none, only a clause after it ("five years after
    it was launched") leans on the article's date. Other expressions lean on the last value named."""
    if item.rule.name != "offset_from" or clause:
        return references.value
    if references.value_at >= 0 and document.paragraph_at(references.value_at) == document.paragraph_at(
        item.start
    ):
        return references.value
    return None


def _day_for_offset(
    document: Document, item: _Match, references: _References, clause: bool
) -> dt.date | None:
    """The day "two days after the riot" or "three days later" counts from: the day named before it
    in the same paragraph (the riot's, told just before); with none, "a day after he was hounded,
    he stayed home" counts back from the article's date (what the sentence tells happened on it),
    while "ten days before the shooting" and "seven days later" have no day to count from."""
    if references.day_at >= 0 and document.paragraph_at(references.day_at) == document.paragraph_at(
        item.start
    ):
        return references.day
    return dt.date.fromisoformat(document.date) if clause and document.date else None


def _groups(item: _Match) -> dict[str, str]:
    """The match's named groups (absent ones left out), and the text of the expression."""
    groups = {k: v for k, v in item.match.groupdict().items() if v is not None}
    groups["_text"] = item.match.string[item.start : item.end]
    groups["_after"] = item.match.string[item.end : item.end + 20]
    return groups


def _clock_times(
    text: str,
    doc: Doc | None,
    clocks: list[tuple[_Match, dt.date | None]],
    resolved: list[_Match],
    anchor: dt.date | None,
) -> list[_Match]:
    """Clock times on their day: joined to a date right beside them ("10 p.m. Wednesday", which
    then becomes one expression), else on a day named in the same sentence, else on the day of
    the sentence before."""
    days = [m for m in resolved if m.found and m.rule.type == "date" and _day_of(m.found.value)]
    out = []
    for item, reference_day in clocks:
        beside = _beside(text, item, days)
        if beside is not None:
            merged = _merge(item, beside)
            resolved.remove(beside)
            days.remove(beside)
            out.append(merged)
            continue
        sentence = _sentence_bounds(text, doc, item.start)
        same = [m for m in days if sentence[0] <= m.start < sentence[1]]
        nearest = min(same, key=lambda m: abs(m.start - item.start)) if same else None
        day = _day_of(nearest.found.value) if nearest and nearest.found else reference_day
        context = Context(anchor=anchor, reference_day=reference_day, day_in_sentence=day)
        item.found = item.rule.resolve(_groups(item), context)
        if item.found is not None:
            out.append(item)
    return out


def _beside(text: str, item: _Match, days: list[_Match]) -> _Match | None:
    """The date right before or after a clock time, the closer one (the one after on a tie)."""
    near = []
    for other in days:
        gap = text[item.end : other.start] if other.start >= item.end else text[other.end : item.start]
        if len(gap) <= 12 and JOINS_DAY.fullmatch(gap) and "\n" not in gap and other.rule.name != "offset":
            near.append((len(gap.strip()), other.start < item.start, other))
    return min(near, key=lambda n: (n[0], n[1]))[2] if near else None


def _merge(clock: _Match, day: _Match) -> _Match:
    """A clock time and the date beside it as one time expression ("10 p.m. Wednesday")."""
    groups = _groups(clock)
    context = Context(anchor=None, day_in_sentence=_day_of(day.found.value) if day.found else None)
    time = clock.rule.resolve(groups, context)
    value = time.value if time else None
    merged = replace(clock, start=min(clock.start, day.start), end=max(clock.end, day.end))
    merged.found = Found(value, relative=day.found.relative if day.found else True, type="time")
    return merged


def _day_of(value: str | None) -> dt.date | None:
    found = timex.read(value)
    return found[0] if found and found[1] == "day" else None


def _sentence_bounds(text: str, doc: Doc | None, offset: int) -> tuple[int, int]:
    if doc is not None:
        span = doc.char_span(offset, min(len(text), offset + 1), alignment_mode="expand")
        if span is not None:
            return span.sent.start_char, span.sent.end_char
    start = max(text.rfind(". ", 0, offset) + 2, text.rfind("\n", 0, offset) + 1, 0)
    ends = [i for i in (text.find(". ", offset), text.find("\n", offset)) if i >= 0]
    return start, min(ends) if ends else len(text)


def _expression(document: Document, item: _Match, tense: str | None) -> TimeExpression:
    found = item.found
    assert found is not None
    kind = found.type or item.rule.type
    if (
        kind == "date"
        and found.value
        and re.fullmatch(r"P.*|PXX", found.value)
        and found.value not in timex.REFS
    ):
        kind = "duration"
    return TimeExpression(
        span=Span(document.id, item.start, item.end, document.text[item.start : item.end]),
        value=found.value,
        kind=kind,
        relative=found.relative,
        tense=tense,
        points_to=found.points_to,
    )


def _in_embed(document: Document, offset: int) -> bool:
    from builder.extract.language import is_embed

    paragraph = document.paragraph_at(offset)
    return is_embed(document.text[paragraph.start : paragraph.end])
