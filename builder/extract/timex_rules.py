"""The rules of the time tagger: what each kind of time expression looks like, as a regular
expression over the text, with its TIMEX3 type (date, time, duration, set) and the resolver that
gives its TimeML value (``builder.extract.timex_resolve``).

A pattern may name the group ``t`` when words it needs to see are not part of the expression
("in" before a bare month). The tagger (``builder.extract.times``) runs every rule, keeps the
longest of overlapping matches (the earlier rule on a tie), and resolves them in text order.

What a rule system for news needs (written dates, weekdays, relative and anaphoric dates,
quarters and company-report periods, decades and centuries, holidays, times of day, durations,
sets, the vague PRESENT_REF/PAST_REF/FUTURE_REF) follows TimeML 1.2 and the news corpora annotated
with it (TimeBank, TempEval-3); HeidelTime's rule resources and its TempEval-3 description were
the reference for the coverage. The patterns here are written for this project.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from builder.extract import timex_resolve as resolve
from builder.extract.timex_resolve import Resolver, TimexType
from builder.extract.timex_words import (
    ANY_YEAR,
    APPROX,
    DAY,
    FRACTION,
    HOLIDAY,
    MONTH,
    NUMBER,
    ORDINAL,
    PART_OF_DAY,
    SEASON,
    TENS_TO_99,
    UNIT,
    UNITS,
    VAGUE,
    WEEKDAY,
    YEAR,
)


@dataclass(frozen=True)
class Rule:
    name: str
    type: TimexType
    pattern: re.Pattern[str]
    resolve: Resolver
    # Words every match contains: the pattern only runs around them (see ``TRIGGERS``).
    trigger: re.Pattern[str]
    # A time of day that takes its day from a date beside it ("10 p.m. Wednesday").
    needs_day: bool = False


# --- the rules ------------------------------------------------------------------------------------

# A modifier that marks a part of a period but not another value ("early", "late", "mid",
# "the end of"): TimeML keeps it as a MOD, the value is the period's.
PART = r"(?:(?:early|late|mid|the\s+(?:beginning|end|middle|start|rest|remainder|close|turn)\s+of)[\s-]*)?"
BEFORE_MONTH = (
    r"(?:\b(?:in|since|during|until|till|by|from|through|for|of|as\s+of|the|a|an|between|and|or|before|after|"
    r"to|its|their|his|her|our|early|late|mid|each|every)[\s-]+)"
)
# Words before a bare year that make it a label, not a year ("Flight 1549", "Resolution 1441").
LABELS = (
    r"(?:no|nos|number|flight|route|highway|interstate|resolution|room|unit|model|section|article|chapter|"
    r"page|item|code|bus|train|road|street|avenue|box|suite|gate|platform|line|tel|fax|phone|pp|p|vol|"
    r"issue|series|version|type|class|sq|square|hwy|ward|lot)"
)
UNIT_WORDS_AFTER_NUMBER = (
    r"(?:%|percent|per\s*cent|(?:-|\s)(?:meters?|metres?|km|kilometers?|kilometres?|miles?|feet|foot|ft|"
    r"yards?|kg|kilograms?|tons?|tonnes?|pounds?|lbs?|acres?|hectares?|calories|mph|kph|gmt|utc|hours?\b|hrs))"
)

SPECS: list[tuple[str, TimexType, str, Resolver]] = [
    # Written calendar dates.
    ("iso_date", "date",
     r"\b(?P<year>(?:1[89]|20)\d\d)-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])\b",
     resolve.iso_date),
    ("numeric_date", "date",
     r"\b(?P<month>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])/(?P<year>\d{4}|\d{2})\b(?!/)",
     resolve.numeric_date),
    ("month_day_year", "date",
     rf"(?:\b{WEEKDAY},?\s+)?\b(?P<month>{MONTH})\s+(?P<day>{DAY})\b,?\s+(?P<year>{ANY_YEAR})\b(?:,?\s+{WEEKDAY}\b)?",
     resolve.full_date),
    ("day_month_year", "date",
     rf"(?:\b{WEEKDAY},?\s+)?(?:\bthe\s+)?\b(?P<day>{DAY})\s+(?:of\s+)?(?P<month>{MONTH}),?\s+(?P<year>{ANY_YEAR})\b",
     resolve.full_date),
    ("month_day_rel", "date",
     rf"\b(?P<month>{MONTH})\s+(?P<day>{DAY})\b,?\s+(?:of\s+)?(?P<rel>this|last|next)\s+year\b",
     resolve.month_day),
    ("month_day", "date",
     rf"(?:\b{WEEKDAY},?\s+)?(?:\b(?P<which>last|next|this)\s+)?\b(?P<month>{MONTH})\s+(?P<day>{DAY})\b"
     rf"(?!\s*,?\s*(?:{YEAR}|\d|[:.]\d))",
     resolve.month_day),
    ("day_month", "date",
     rf"(?:\bthe\s+)?\b(?P<day>{DAY})\s+(?:of\s+)?(?P<month>{MONTH})(?!\w)(?!\s*,?\s*{YEAR})",
     resolve.month_day),
    ("month_year", "date",
     rf"{PART}\b(?P<month>{MONTH}),?\s+(?:of\s+)?(?P<year>{ANY_YEAR})\b",
     resolve.month_year),
    ("month_rel_year", "date",
     rf"{PART}\b(?P<month>{MONTH}),?\s+(?:of\s+)?(?P<rel>this|last|next|the\s+following|the\s+next)\s+year\b",
     resolve.month),
    ("relative_month", "date",
     rf"\b(?:the\s+)?(?P<which>last|next|this\s+past|this|coming|past)\s+(?P<month>{MONTH})(?!\w)",
     resolve.month),
    ("month", "date",
     rf"{BEFORE_MONTH}(?P<t>{PART}(?P<month>{MONTH}))(?!\w)(?!\s+(?-i:[A-Z\d]))",
     resolve.month),
    ("month_possessive", "date", rf"(?P<t>\b{PART}(?P<month>{MONTH}))(?=['’]s?\b)", resolve.month),
    ("season_year", "date",
     rf"{PART}\b(?:the\s+)?(?P<season>{SEASON})\s+(?:of\s+)?(?P<year>{ANY_YEAR})\b",
     resolve.season),
    ("season", "date",
     rf"\b(?:the\s+)?{PART}(?:(?P<which>last|next|this\s+past|this|coming|past)\s+)?(?P<season>{SEASON})\b(?!\s+(?:of\s+)?\d)"
     r"(?!\s+(?:season|semester|term|olympics|games|collection|school|session|house|palace))",
     resolve.season),
    ("holiday", "date",
     rf"\b(?:(?P<which>last|next|this)\s+)?(?P<holiday>{HOLIDAY})(?:\s+(?P<year>{YEAR}))?\b",
     resolve.holiday),
    ("year", "date",
     rf"(?<![$£€#\d.,/-])\b{PART}(?:the\s+year\s+|fiscal\s+(?:year\s+)?)?(?P<year>{YEAR})\b(?![.,/:-]\d)",
     resolve.year),
    ("spoken_year", "date",
     rf"\b(?:the\s+year\s+|in\s+)(?P<t>(?:the\s+year\s+)?(?P<year>{ANY_YEAR}))\b",
     resolve.year),
    # "nineteen ninety-six" stands alone as a year in transcripts; "two thousand" needs "in".
    ("spoken_year_alone", "date", rf"\b(?P<year>(?:nineteen|eighteen)[\s-]+{TENS_TO_99})\b", resolve.year),
    ("short_year", "date",
     r"(?:\b(?:in|of|since|by|until|the|early|late|mid)[\s-]+)(?P<t>['’](?P<yy>\d\d))\b(?!['’]?s)",
     resolve.short_year),
    ("decade", "date", rf"\b(?:the\s+)?{PART}(?P<digits>1[0-9]{{2}}0|20[0-9]0)['’]?s\b", resolve.decade),
    ("short_decade", "date", rf"\bthe\s+{PART}['’]?(?P<yy>\d)0['’]?s\b", resolve.decade),
    ("decade_words", "date",
     rf"\bthe\s+{PART}(?P<words>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b",
     resolve.decade),
    ("century", "date", rf"\b(?:the\s+)?{PART}(?P<ord>{ORDINAL})[\s-]+century\b", resolve.century),
    # Quarters, halves and the periods of company reports.
    ("quarter", "date",
     rf"\b(?:the\s+|its\s+|their\s+)?(?:(?P<yp>{YEAR}|year-ago|year-earlier|last\s+year['’]s|this\s+year['’]s|"
     r"next\s+year['’]s)\s+)?(?:fiscal[\s-]+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last|latest)"
     r"[\s-]+(?:fiscal[\s-]+)?quarter\b(?!s)"
     rf"(?:\s+of\s+(?P<year>(?:fiscal\s+)?{YEAR}|this\s+year|last\s+year|next\s+year))?",
     resolve.quarter),
    ("quarter_code", "date",
     rf"\b(?:(?P<yp>{YEAR})\s+)?Q(?P<q>[1-4])\b(?:\s+(?P<year>{YEAR}))?",
     resolve.quarter),
    ("the_quarter", "date",
     r"\b(?:the|this|its|their)\s+(?:(?P<which>current|latest|most\s+recent|same|comparable|just-ended|"
     r"just\s+ended|recent)\s+)?(?:fiscal\s+)?quarter\b(?![s-])(?!\s+of\s+(?:a|an|the|its|their|all|\d))(?!\s+(?:point|mile|century))"
     r"|\b(?P<which2>this|current)\s+quarter\b",
     resolve.the_quarter),
    ("year_ago_period", "date",
     r"\b(?:the\s+|a\s+)?(?:comparable\s+|same\s+)?(?P<word>year-(?:ago|earlier)(?:\s+(?:third|second|first|fourth|fiscal))?"
     r"(?:\s+(?:quarter|period))?|(?:same|corresponding|comparable)\s+(?:quarter|period)\s+(?:of\s+)?(?:last\s+year|"
     r"a\s+year\s+(?:ago|earlier))|last\s+year['’]s\s+(?:quarter|period)|the\s+quarter\s+a\s+year\s+(?:ago|earlier))\b",
     resolve.year_ago_period),
    ("period_of_year", "date", rf"\bthe\s+(?P<year>{YEAR})\s+(?:period|quarter)\b", resolve.period_of_year),
    ("latest_period", "date", r"\bthe\s+(?:latest|most\s+recent|current)\s+period\b",
     resolve.latest_period),
    ("half", "date",
     r"\b(?:the\s+)?(?P<ord>first|second|last|latter)[\s-]+half\b"
     rf"(?:\s+of\s+(?P<year>{YEAR}|this\s+year|last\s+year|next\s+year|the\s+year))?(?!\s+of\b)",
     resolve.half),
    # Relative to the article's date.
    ("today", "date",
     r"\b(?:(?:early|late|earlier|later)\s+)?(?P<word>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|"
     rf"today|yesterday|tomorrow|tonight|last\s+night)\b(?:\s+(?P<part>{PART_OF_DAY}))?",
     resolve.today),
    ("this_part_of_day", "time",
     r"\b(?:(?:early|late|earlier|later)\s+)?this\s+(?P<part>morning|afternoon|evening)\b",
     resolve.this_part_of_day),
    ("weekday", "date",
     rf"\b(?:(?:the\s+)?(?P<which>last|next|this|coming|past|previous|preceding|following)\s+|(?:early|late|earlier|later)\s+)?"
     rf"(?P<weekday>{WEEKDAY})(?:['’]s)?\b"
     rf"(?:\s+(?:early\s+|late\s+)?(?P<part>{PART_OF_DAY})(?!s))?",
     resolve.weekday),
    ("day_around_weekday", "date",
     rf"\bthe\s+day\s+(?P<dir>before|after)\s+(?:(?P<which>last|next|this)\s+)?(?P<weekday>{WEEKDAY})(?:['’]s)?\b",
     resolve.weekday),
    ("past_decade", "duration", r"\b(?:the\s+)?past\s+(?P<unit>decade|century)\b(?!s)",
     resolve.past_decade),
    ("relative_unit", "date",
     r"\b(?P<which>(?:the\s+)?(?:this|next|last|past|previous|coming|current|latest|following|same|preceding)|that)\s+"
     r"(?:fiscal\s+)?(?P<unit>week|weekend|month|year|decade|century)\b(?!s|-)",
     resolve.relative_unit),
    ("the_weekend", "date", r"\bthe\s+weekend\b", resolve.the_weekend),
    ("within_unit", "date",
     r"\b(?:earlier|later)\s+(?:(?P<which>this|that)\s+|in\s+(?P<which2>the|this|that)\s+)(?P<unit>week|month|year)\b",
     resolve.within_unit),
    ("the_year", "date",
     r"\bthe\s+(?:(?:full|fiscal|calendar|whole|entire|financial)\s+)*year\b(?!s|-|['’]|\s+(?:two|\d|of\b))",
     resolve.the_year),
    ("year_end", "date",
     r"\b(?:year-end|year\s+end|year['’]s\s+end|the\s+end\s+of\s+the\s+year)\b",
     resolve.year_end),
    ("ago", "date",
     rf"\b{APPROX}(?:(?:(?P<num>{NUMBER}){FRACTION}?|{VAGUE})[\s-]+)?(?P<unit>{UNITS})\s+(?:or\s+so\s+)?ago\b|"
     rf"\b{APPROX}(?P<fortnight>a\s+fortnight)\s+ago\b",
     resolve.ago),
    ("offset", "date",
     rf"\b{APPROX}(?:(?P<num>{NUMBER})|{VAGUE})[\s-]+(?P<unit>{UNITS})\s+(?P<dir>later|earlier)\b"
     r"(?!\s+(?:yesterday|tomorrow|today))",
     resolve.offset),
    ("offset_from", "duration",
     rf"\b(?P<t>{APPROX}(?:(?P<num>{NUMBER})|{VAGUE})[\s-]+(?P<unit>{UNITS}))\s+(?P<dir>after|before)\b"
     r"(?!\s+(?:yesterday|tomorrow|today))",
     resolve.offset_from),
    ("anaphoric_day", "date",
     r"\b(?P<words>(?:earlier|later)\s+(?:in\s+|on\s+)?(?:the|that)\s+(?:day|morning|afternoon|evening)"
     r"|(?:the|that)\s+same\s+(?:day|morning|afternoon|evening)"
     r"|the\s+(?:following|next|previous|preceding)\s+(?:day|morning|afternoon|evening|night)"
     r"|the\s+day\s+(?:before|after)|that\s+(?:day|morning|afternoon|evening))\b"
     r"(?!\s+(?:yesterday|tomorrow))",
     resolve.anaphoric_day),
    # References.
    ("present_ref", "date",
     r"\b(?:right\s+now|now|currently|presently|nowadays|at\s+present|these\s+days|"
     r"at\s+this\s+(?:\w+\s+)?moment|the\s+present)\b(?!-)",
     resolve.ref("PRESENT_REF")),
    ("current", "date",
     r"\bcurrent\b(?!\s+(?:account|affairs|events|assets|liabilities|ratio|of|and|flowing|flow|and\s+former))(?=\s+(?-i:[a-z]))",
     resolve.ref("PRESENT_REF")),
    ("past_ref", "date",
     r"\b(?:(?:more\s+|until\s+|most\s+|only\s+)?recently|lately|in\s+the\s+past|"
     r"(?:some\s+time|a\s+while|long)\s+ago|in\s+recent\s+years|in\s+years\s+past)\b",
     resolve.ref("PAST_REF")),
    ("recent", "date",
     r"\b(?:the\s+|a\s+|its\s+)?(?P<t>recent)\b(?=\s+(?-i:[a-z]))(?!\s+(?:days|weeks|months|years|times|history))",
     resolve.ref("PAST_REF")),
    ("recent_years", "date", r"\b(?:in\s+)?(?:recent|past)\s+years\b", resolve.ref("PAST_REF")),
    ("coming", "date", r"\bcoming\s+(?:days|weeks|months|quarters|years)\b", resolve.ref("FUTURE_REF")),
    ("future_ref", "date",
     r"\b(?:the\s+(?:near\s+|distant\s+|foreseeable\s+)?future|in\s+future|as\s+soon\s+as\s+possible|"
     r"the\s+(?:near|short|long)\s+term|(?:at\s+)?a\s+later\s+(?:date|time|stage)|someday|some\s+day)\b",
     resolve.ref("FUTURE_REF")),
    # Durations.
    ("duration", "duration",
     rf"\b{APPROX}(?P<num>{NUMBER})(?P<frac>{FRACTION})?(?:[\s-]+(?:more|additional|extra|further|full|long|"
     r"straight|consecutive|trading|business|working|calendar|school))?[\s-]+(?P<unit>" + UNITS + r")"
     r"(?P<frac2>\s+and\s+a\s+half)?(?:[\s-]long)?\b(?![\s-]+old\b)(?!\s+(?:ago|later|earlier|before|after)\b)",
     resolve.duration),
    ("vague_duration", "duration",
     rf"\b(?:{VAGUE}|the)\s+(?:more\s+)?(?P<unit>{UNITS})\b(?<=s)(?!\s+(?:ago|later|earlier|before|after)\b)",
     resolve.vague_duration),
    ("bare_units", "duration",
     r"\b(?:for|in|over|within|after)\s+(?:the\s+)?(?P<t>(?P<unit>seconds|minutes|hours|days|weeks|months|years|"
     r"decades|centuries))\b(?!\s+(?:ago|later|earlier|before|after|of\s+the|old)\b)",
     resolve.vague_duration),
    ("units_of", "duration",
     r"\b(?P<t>(?P<unit>days|weeks|months|years|decades))\s+of\s+(?!the\b|this\b|that\b|his\b|her\b|their\b|age\b)",
     resolve.vague_duration),
    ("units_long", "duration", r"\b(?P<unit>days|weeks|months|years|decades|centuries)-long\b",
     resolve.units_long),
    ("recent_units", "duration",
     r"\b(?:in\s+)?recent\s+(?P<unit>days|weeks|months)\b",
     resolve.vague_duration),
    ("span", "duration",
     r"\bthe\s+(?:(?:past|last|next|coming|previous|following|first|final|ensuing|latest|year-earlier|same)\s+)?"
     rf"(?:(?P<num>{NUMBER}(?:{FRACTION})?)|(?:few|several|couple\s+of|many))\s+(?P<unit>{UNITS})\b"
     r"(?!\s+(?:ago|later|earlier|before|after)\b)",
     resolve.span_duration),
    ("span_past", "duration",
     rf"\b(?:the\s+)?(?:past|next|coming)\s+(?:(?P<num>{NUMBER})|(?:few|several|couple\s+of))\s+(?P<unit>{UNITS})\b",
     resolve.span_duration),
    ("vague_time", "duration",
     r"\b(?:a\s+(?:fairly\s+|very\s+)?(?:long|short|lengthy|brief)\s+(?:time|while|period)|a\s+while|some\s+time)\b",
     resolve.ref("PXX")),
    # Sets.
    ("every", "set",
     r"\b(?:every|each)\s+(?:other\s+|single\s+)?(?:(?P<every_n>" + NUMBER + r")\s+)?(?P<what>"
     + UNITS + r"|" + WEEKDAY + r"|" + MONTH + r"|" + SEASON + r"|morning|afternoon|evening|night)\b",
     resolve.set_value),
    ("set_word", "set",
     r"\b(?P<what>daily|nightly|weekly|biweekly|monthly|yearly|annually|hourly|semiannually)\b",
     resolve.set_value),
    ("times_a", "set",
     r"\b(?:once|twice|(?:" + NUMBER + r")\s+times)\s+(?:a|an|per|each)\s+(?P<what>" + UNIT + r")\b",
     resolve.set_value),
    ("weekdays_plural", "set",
     rf"\b(?:on\s+)?(?P<t>(?P<what>(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s)"
     rf"(?:\s+(?P<part>{PART_OF_DAY})s?)?)\b",
     resolve.set_value),
]  # fmt: skip

TIME_SPECS: list[tuple[str, str]] = [
    # "10:35 a.m.", "6 p.m.", "4 in the morning", "18:00 UTC", "0735 GMT", "noon".
    ("clock", r"\b(?:about\s+|around\s+|at\s+)?(?P<hour>\d{1,2})(?:[:.](?P<minute>[0-5]\d))?\s*"
              r"(?P<ampm>a\.\s?m\.?|p\.\s?m\.?|am\b|pm\b|a\.m|p\.m)"
              r"(?:\s*\(?(?P<zone>EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|local\s+time)\)?)?"),
    ("clock24", r"\b(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)\b(?!:\d)"
                r"(?:\s*\(?(?P<zone>EST|EDT|GMT|UTC|Z|local\s+time|hours|hrs)\)?)?"),
    ("military",
     r"\b(?P<hour>[01]\d|2[0-3])(?P<minute>[0-5]\d)\s*(?P<zone>GMT|UTC|Z|hours|hrs|local\s+time)\b"),
    ("oclock", rf"\b(?P<hour>{NUMBER})\s+o['’]clock\b"),
    ("in_the", rf"\b(?P<hour>\d{{1,2}}|{NUMBER})\s+in\s+the\s+(?P<inthe>morning|afternoon|evening|night)\b"),
    ("noon", r"(?<!high\s)\b(?P<word>noon|midday|midnight)\b"),
    ("part_of_day", r"\b(?:the|this)\s+(?P<word>(?:early\s+|late\s+|mid-?)?(?:morning|afternoon|evening))\b"
                    r"(?!\s+(?:of|news|show|paper|edition|star|prayers?|session|rush|commute))"),
    ("mid_part", r"\b(?P<word>mid-?\s?(?:morning|afternoon|day)|overnight)\b(?!\s+(?:stay|flight|trip|bag))"),
]  # fmt: skip


# A word every match of a rule contains. Most patterns open with optional words ("about", "the",
# "early", a weekday), which the regex engine tries at every position of the text; running
# each pattern only near its trigger words keeps tagging fast.
# The rules that read numbers are triggered by the digits every match of theirs has: four in a
# row for a year ("1998", "1990s", "2009-10-12", "0735 GMT"), a slash or colon between digits, a
# digit before "a.m."; a bare digit would open a window at every count of an article.
FOUR_DIGITS = r"\d{4}"
TRIGGERS = {
    "iso_date": FOUR_DIGITS, "numeric_date": r"\d/\d", "year": FOUR_DIGITS, "decade": FOUR_DIGITS,
    "short_decade": r"\d0['’]?s\b", "short_year": r"['’]\d\d", "quarter_code": r"\bQ[1-4]\b",
    **{name: MONTH for name in (
        "month_day_year", "day_month_year", "month_day_rel", "month_day", "day_month", "month_year",
        "month_rel_year", "relative_month", "month", "month_possessive",
    )},
    "season_year": SEASON, "season": SEASON, "holiday": HOLIDAY,
    "spoken_year": r"nineteen|eighteen|twenty|thousand|\d", "spoken_year_alone": r"nineteen|eighteen",
    "decade_words": r"ties\b", "century": r"century", "past_decade": r"decade|century",
    "quarter": r"quarter", "the_quarter": r"quarter", "year_ago_period": r"year|quarter|period",
    "period_of_year": r"period|quarter", "latest_period": r"period", "half": r"half",
    "today": r"today|yesterday|tomorrow|tonight|night", "this_part_of_day": r"morning|afternoon|evening",
    "weekday": WEEKDAY, "day_around_weekday": WEEKDAY, "weekdays_plural": WEEKDAY,
    "relative_unit": r"week|month|year|decade|century", "the_weekend": r"weekend",
    "within_unit": r"earlier|later",
    "the_year": r"year", "year_end": r"year", "ago": r"\bago\b", "offset": r"later|earlier",
    "offset_from": r"after|before", "anaphoric_day": r"day|morning|afternoon|evening|night",
    "present_ref": r"now|current|present|days|moment", "current": r"current", "recent": r"recent",
    "past_ref": r"recent|lately|past|ago|years", "recent_years": r"years", "coming": r"coming",
    "future_ref": r"future|term|later|day|some|possible", "units_long": r"-long", "recent_units": r"recent",
    **{name: UNITS for name in ("duration", "vague_duration", "bare_units", "units_of", "span", "span_past")},
    "vague_time": r"time|while|period", "every": r"every|each", "set_word": r"ly\b",
    "times_a": r"once|twice|times",
    "clock": r"\d\s*[ap]\.?\s?m", "clock24": r"\d:\d", "military": FOUR_DIGITS,
    "oclock": r"o['’]clock", "in_the": r"in\s+the", "noon": r"noon|midday|midnight",
    "part_of_day": r"morning|afternoon|evening", "mid_part": r"mid|overnight",
}  # fmt: skip


# Triggers that are matched as written, not from a word's start.
AS_WRITTEN = frozenset({r"ly\b", r"ties\b", r"-long", r"['’]\d\d"})


def _rules() -> list[Rule]:
    def trigger(name: str) -> re.Pattern[str]:
        # A KeyError here: a new rule needs its trigger. Words are matched from their start.
        words = TRIGGERS[name]
        return re.compile(
            words if words in AS_WRITTEN or words.startswith("\\d") else rf"\b(?:{words})", re.I
        )

    rules = [
        Rule(name, kind, re.compile(pattern, re.I), resolve, trigger(name))
        for name, kind, pattern, resolve in SPECS
    ]
    rules += [
        Rule(name, "time", re.compile(pattern, re.I), resolve.clock, trigger(name), needs_day=True)
        for name, pattern in TIME_SPECS
    ]
    return rules


RULES = _rules()
# Year-like numbers that are counts or labels: "$2000", "Flight 1549", "2000 troops", "1,990".
LABEL_BEFORE = re.compile(rf"\b{LABELS}\.?\s*$", re.I)
UNIT_AFTER = re.compile(UNIT_WORDS_AFTER_NUMBER, re.I)


def plausible_year(text: str, start: int, end: int) -> bool:
    """Whether a bare four-digit number is a year: not a label ("Flight 1549"), not a measure
    ("2000 feet", "1990 GMT"), and before 1900 only where a year is expected ("in 1453")."""
    before = text[max(0, start - 20) : start]
    after = text[end : end + 16]
    if LABEL_BEFORE.search(before) or UNIT_AFTER.match(after):
        return False
    number = int(re.sub(r"\D", "", text[start:end])[-4:])
    if number < 1900:
        return bool(
            re.search(
                r"\b(?:in|since|from|of|by|until|to|and|the|year|circa|around|before|after|between|during)\s*$",
                before,
                re.I,
            )
        )
    return True
