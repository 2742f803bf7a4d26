"""What the time expressions found by the rules (``builder.extract.timex_rules``) mean: their
TimeML values, from the article's date, the date mentioned before, and the tense of the clause.

A resolver takes a rule's named groups and a ``Context`` and gives a ``Found`` (a value, or None
when the match is not a time expression after all). The news conventions they follow:

* a date written without its year takes the article's year, unless the tense of its clause
  puts it behind (past) or ahead (future) of the article's date, or "until"/"by"/"effective"
  make it a term still running; a weekday written beside the day picks the year it agrees with;
* a bare weekday is the most recent such day, unless "next", a future tense or "until" a day
  still ahead point forward;
* "last week", "two years ago", "this morning" count from the article's date; "the following
  day", "a year earlier", "that year" from the date mentioned before; "the quarter", "the
  year-ago period" from the quarter the article reports on;
* vague references are TimeML's PRESENT_REF, PAST_REF, FUTURE_REF; unknown amounts are X.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Literal

from builder.extract.tense import Tense
from builder.extract.timex_words import (
    DECADE_WORDS,
    HOLIDAYS,
    ORDINALS,
    amount,
    month_number,
    unit_name,
    weekday_number,
    year_number,
)
from builder.values import timex
from builder.values.timex import PARTS_OF_DAY, SEASONS

TimexType = Literal["date", "time", "duration", "set"]
WEEKDAY_NAMES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


@dataclass(frozen=True)
class Context:
    """What an expression is resolved against."""

    anchor: dt.date | None  # the article's date
    reference: str | None = None  # the last calendar value mentioned before it (any granularity)
    reference_day: dt.date | None = None  # the day of the last dated sentence before it
    quarter: str | None = None  # the last quarter mentioned ("the quarter", "the year-ago quarter")
    quarter_near: str | None = None  # ...when mentioned just before: the period "a year ago" compares with
    tense: Tense = "past"  # of its clause
    preposition: str = ""  # the word before it, lower-cased ("until", "since", "by")
    clause_follows: bool = False  # "two days after" introduces a clause, not a noun phrase
    ended: bool = False  # "the strike lasted until Monday": told as over
    day_in_sentence: dt.date | None = None  # a day named in the same sentence (for a bare clock time)


@dataclass(frozen=True)
class Found:
    """A resolved expression: its value (None when it cannot be placed) and whether it depended on
    the article's date or on a date mentioned before it."""

    value: str | None
    relative: bool = True
    type: TimexType | None = None  # overrides the rule's type ("Friday morning" is a time)
    points_to: str | None = None  # the day "two days after" counts to


Resolver = Callable[[dict[str, str], Context], Found | None]


# --- directions ---------------------------------------------------------------------------------

# Words before a date that make it a term still running or a deadline ("until March 6",
# "effective June 1", "by Nov. 10"): its year is the article's unless that puts it far behind.
LEAN_AHEAD = {
    "until",
    "till",
    "through",
    "by",
    "before",
    "effective",
    "payable",
    "expire",
    "expires",
    "deadline",
}
# How far ahead of the article's date a day told in the past tense may still lie in the article's
# year: "set Nov. 10 as the deadline", "declared a dividend payable Dec. 1" (days).
DEADLINE_DAYS = 62
HALF_YEAR = 183


def _direction(context: Context) -> Literal["future", "past", "lean", "present"]:
    """Where a date written without its year lies: ahead of the article's date (a future tense),
    behind it (a past tense, "since"), in its year unless far behind ("until", "by", "effective"),
    or in its year unless far ahead (no tense to go by)."""
    if context.preposition == "since":
        return "past"
    if context.tense == "future":
        return "future"
    if context.preposition in LEAN_AHEAD and not context.ended:
        return "lean"
    return "past" if context.tense == "past" else "present"


def _year_for(month: int, day: int | None, context: Context, weekday: int | None = None) -> int | None:
    """The year of a month (and day) written without one, from the article's date and the direction
    of its clause; a weekday written beside the day ("Monday, Oct. 26") picks the year it agrees with."""
    anchor = context.anchor
    if anchor is None:
        return None
    candidates: dict[int, int] = {}  # year -> days from the article's date (months when no day)
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        if day is None:
            candidates[year] = 12 * (year - anchor.year) + month - anchor.month
            continue
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue
        if weekday is not None and date.weekday() != weekday:
            continue
        candidates[year] = (date - anchor).days
    if len(candidates) <= 1:
        return next(iter(candidates), None)
    own = anchor.year if anchor.year in candidates else None
    far = HALF_YEAR if day is not None else 6
    direction = _direction(context)
    if direction == "future":
        ahead = [y for y, d in candidates.items() if d >= 0]
        return min(ahead) if ahead else None
    if direction == "past":
        if own is not None and day is not None and 0 < candidates[own] <= DEADLINE_DAYS:
            return own
        behind = [y for y, d in candidates.items() if d <= 0]
        return max(behind) if behind else None
    if own is None:
        return None
    if direction == "lean":
        return own + 1 if candidates[own] < -far and own + 1 in candidates else own
    return own - 1 if candidates[own] > far and own - 1 in candidates else own


def _weekday_date(target: int, which: str, context: Context) -> dt.date | None:
    """The day a weekday names: the most recent such day on or before the article's date, unless
    "next", a future tense, or "until"/"by" a day still ahead points forward."""
    if which in ("previous", "preceding", "following"):  # from the day mentioned before
        day = context.reference_day
        if day is None:
            return None
        if which == "following":
            return day + dt.timedelta(days=(target - day.weekday()) % 7 or 7)
        return day - dt.timedelta(days=(day.weekday() - target) % 7 or 7)
    anchor = context.anchor
    if anchor is None:
        return None
    if which in ("last", "past"):
        return anchor - dt.timedelta(days=(anchor.weekday() - target) % 7 or 7)
    ahead = which in ("next", "coming") or context.tense == "future"
    if context.preposition in ("until", "till", "through") and not (
        context.tense == "past" and context.ended
    ):
        ahead = True
    if context.preposition == "by" and context.tense != "past":
        ahead = True
    if context.preposition == "since":
        ahead = False
    if ahead:
        days = (target - anchor.weekday()) % 7 or (7 if which == "next" else 0)
        return anchor + dt.timedelta(days=days)
    return anchor - dt.timedelta(days=(anchor.weekday() - target) % 7)


# --- resolvers: written calendar dates ----------------------------------------------------------


def iso_date(g: dict[str, str], context: Context) -> Found | None:
    """ "2024-01-09" as written."""
    return Found(_day(int(g["year"]), int(g["month"]), int(g["day"])), relative=False)


def _day(year: int | None, month: int, day: int) -> str | None:
    if year is None:
        return f"XXXX-{month:02d}-{day:02d}" if 1 <= day <= 31 else None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def full_date(g: dict[str, str], context: Context) -> Found | None:
    """ "October 12, 2009", "12 October 2009", "Monday, Oct. 12, 2009": no anchor needed."""
    year = year_number(g["year"])
    return Found(_day(year, month_number(g["month"]), int(re.sub(r"\D", "", g["day"]))), relative=False)


def numeric_date(g: dict[str, str], context: Context) -> Found | None:
    """ "9/26/1999", "7/8/07" (month first, as US news writes them)."""
    year = int(g["year"])
    if year < 100:  # "7/8/07": the century nearest the article's date
        now = context.anchor.year if context.anchor else 2000
        year += 100 * (now // 100)
        if year > now + 20:
            year -= 100
    return Found(_day(year, int(g["month"]), int(g["day"])), relative=False)


def month_day(g: dict[str, str], context: Context) -> Found | None:
    """ "November 16", "16 November", "last Oct. 23", "March 3 last year": the year from the
    direction of the clause."""
    month, day = month_number(g["month"]), int(re.sub(r"\D", "", g["day"]))
    which = (g.get("which") or "").lower()
    written_weekday = re.match(r"\s*(\w+)", g.get("_text", ""))
    weekday = None
    if written_weekday and written_weekday.group(1).lower() in WEEKDAY_NAMES:
        weekday = weekday_number(written_weekday.group(1))
    if g.get("rel"):  # "March 3 last year"
        year = _shifted_year(g["rel"], context)
    elif which in ("last", "next") and context.anchor:  # "last Oct. 23": the one before the article's date
        later: Tense = "future" if which == "next" else "past"
        year = _year_for(month, day, replace(context, tense=later, preposition=""), weekday)
    else:
        year = _year_for(month, day, context, weekday)
    return Found(_day(year, month, day))


def month_year(g: dict[str, str], context: Context) -> Found | None:
    """ "March 2020", "January nineteen ninety-seven"."""
    year = year_number(g["year"])
    return Found(f"{year:04d}-{month_number(g['month']):02d}" if year else None, relative=False)


def month(g: dict[str, str], context: Context) -> Found | None:
    """ "in March", "last January", "this March", "March of last year", "December's figures"."""
    month = month_number(g["month"])
    which = (g.get("which") or "").lower()
    year: int | None
    if which:
        if which == "this past":
            which = "last"
        anchor = context.anchor
        if anchor is None:
            return Found(f"XXXX-{month:02d}")
        if which == "next" or which == "coming":
            year = anchor.year if month > anchor.month else anchor.year + 1
        elif which == "last":
            year = anchor.year if month < anchor.month else anchor.year - 1
        else:  # "this March": the one of the article's year
            year = anchor.year
        return Found(f"{year:04d}-{month:02d}")
    if g.get("rel"):  # "March of last year", "March next year"
        year = _shifted_year(g["rel"], context)
        return Found(f"{year:04d}-{month:02d}" if year else f"XXXX-{month:02d}")
    year = _year_for(month, None, context)
    return Found(f"{year:04d}-{month:02d}" if year else f"XXXX-{month:02d}")


def _shifted_year(which: str, context: Context) -> int | None:
    """The year "this year", "last year", "next year" (or "of the following year") names."""
    which = " ".join(which.lower().split())
    if which in ("the following", "the next"):
        base = timex.read(context.reference)
        return base[0].year + 1 if base else None
    if context.anchor is None:
        return None
    return context.anchor.year + {"this": 0, "last": -1, "next": 1}.get(which, 0)


def year(g: dict[str, str], context: Context) -> Found | None:
    """ "1998", "fiscal 1989", "the year 2000", "nineteen ninety-six"."""
    year = year_number(g["year"])
    return Found(f"{year:04d}" if year else None, relative=False)


def short_year(g: dict[str, str], context: Context) -> Found | None:
    """ "'89": the year of that ending nearest the article's date (or the last century)."""
    digits = int(g["yy"])
    now = context.anchor.year if context.anchor else 1999
    year = 100 * (now // 100) + digits
    if year > now + 10:
        year -= 100
    return Found(f"{year:04d}", relative=context.anchor is not None)


def season(g: dict[str, str], context: Context) -> Found | None:
    """ "the spring of 2019", "last summer", "this past spring", "in the fall"; a bare "fall" is no season."""
    season = SEASONS[g["season"].lower()]
    if g.get("year"):
        year = year_number(g["year"])
        return Found(f"{year:04d}-{season}" if year else None, relative=False)
    which = " ".join((g.get("which") or "").lower().split())
    written = g.get("_text", "").lower()
    if (
        not which
        and not written.startswith(("the", "early", "late", "mid"))
        and context.preposition not in SEASON_PREPOSITIONS
    ):
        return None  # "prices fall", "a spring": a season needs a determiner or a preposition
    anchor = context.anchor
    if anchor is None:
        return Found(f"XXXX-{season}")
    start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[season]
    if which in ("last", "this past", "past"):
        year = anchor.year if (start_month < anchor.month and which != "last") else anchor.year - 1
        if which == "last" and season == "WI" and anchor.month <= 3:
            year = anchor.year - 1
    elif which in ("next", "coming"):
        year = anchor.year + (0 if start_month > anchor.month else 1)
    elif which == "this":
        year = anchor.year
    else:
        year = _year_for(timex.SEASON_MONTH[season], None, context) or anchor.year
    return Found(f"{year:04d}-{season}")


SEASON_PREPOSITIONS = {
    "in",
    "during",
    "by",
    "until",
    "till",
    "since",
    "over",
    "through",
    "before",
    "after",
    "of",
    "this",
    "last",
    "next",
}


def holiday(g: dict[str, str], context: Context) -> Found | None:
    """ "Thanksgiving Day", "last Easter", "Christmas 2024": its day computed for the year the
    clause points to."""
    name = " ".join(g["holiday"].lower().replace("’", "'").split())
    compute = HOLIDAYS[name]
    which = (g.get("which") or "").lower()
    if g.get("year"):
        year = year_number(g["year"])
        return Found(compute(year).isoformat() if year else None, relative=False)
    anchor = context.anchor
    if anchor is None:
        return None
    if which == "last":
        candidates = [compute(y) for y in (anchor.year - 1, anchor.year) if compute(y) < anchor]
        return Found(max(candidates).isoformat() if candidates else None)
    if which == "next":
        return Found(min(d for y in (anchor.year, anchor.year + 1) if (d := compute(y)) > anchor).isoformat())
    days = {y: compute(y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)}
    year = _year_for(days[anchor.year].month, days[anchor.year].day, context)
    return Found(days[year].isoformat() if year in days else None)


def decade(g: dict[str, str], context: Context) -> Found | None:
    """ "the 1990s" 199, "the late '80s" 198, "the nineties" 199."""
    if g.get("digits"):
        return Found(g["digits"][:3], relative=False)
    if g.get("yy"):  # "the '80s": the last such decade before the article's date
        now = context.anchor.year if context.anchor else 1999
        year = 100 * (now // 100) + 10 * int(g["yy"])
        if year > now:
            year -= 100
        return Found(f"{year // 10:03d}", relative=context.anchor is not None)
    tens = DECADE_WORDS[g["words"].lower()]
    now = context.anchor.year if context.anchor else 1999
    year = 100 * (now // 100) + 10 * tens
    if year > now:
        year -= 100
    return Found(f"{year // 10:03d}", relative=context.anchor is not None)


def century(g: dict[str, str], context: Context) -> Found | None:
    """ "the 20th century" 19."""
    number = ORDINALS.get(g["ord"].lower())
    if number is None:
        digits = re.sub(r"\D", "", g["ord"])
        number = int(digits) if digits else None
    return Found(f"{number - 1:02d}" if number else None, relative=False)


# --- resolvers: quarters, halves and the periods of company reports ---------------------------


def quarter(g: dict[str, str], context: Context) -> Found | None:
    """ "the third quarter", "fiscal second-quarter", "the 1988 second quarter", "Q3 2013"."""
    word = (g.get("ord") or g.get("q") or "").lower()
    year_word = " ".join((g.get("year") or g.get("yp") or "").lower().split())
    if word == "latest" and not year_word and context.quarter:
        return Found(context.quarter)
    if word in ("last", "latest") and not year_word:  # "last quarter": the one before the article's
        return _anchor_unit("quarter", -1, context)
    number = 4 if word in ("final", "last", "fourth") else ORDINALS.get(word) or int(re.sub(r"\D", "", word))
    if year_word:
        if re.fullmatch(r"(?:fiscal\s+)?\S+", year_word) and year_number(year_word.split()[-1]):
            return Found(f"{year_number(year_word.split()[-1]):04d}-Q{number}", relative=False)
        if year_word.startswith("year-") or year_word.startswith("last year"):
            year = context.anchor.year - 1 if context.anchor else None
        elif year_word.startswith("next year"):
            year = context.anchor.year + 1 if context.anchor else None
        else:  # "this year's"
            year = context.anchor.year if context.anchor else None
        return Found(f"{year:04d}-Q{number}" if year else f"XXXX-Q{number}")
    if context.anchor is None:
        return Found(f"XXXX-Q{number}")
    # A company reports a quarter once it is over: the quarter just ended stays in the article's
    # year even in a future clause ("expects to report third-quarter results"), one long past is
    # next year's ("the first quarter" in October).
    year = context.anchor.year
    start = dt.date(year, 3 * number - 2, 1)
    end = timex.shift(start, "quarter", 1) - dt.timedelta(days=1)
    if context.tense == "past" and start > context.anchor:
        year -= 1
    elif context.tense == "future" and (context.anchor - end).days > 92:
        year += 1
    return Found(f"{year:04d}-Q{number}")


def the_quarter(g: dict[str, str], context: Context) -> Found | None:
    """ "the quarter", "the latest quarter", "the current quarter", "this quarter": the quarter
    the article reports on (the last one it named), else the one its date closes or is in."""
    which = (g.get("which") or g.get("which2") or "").lower()
    if which in ("current", "this"):
        return _anchor_unit("quarter", 0, context)
    if context.quarter:
        return Found(context.quarter)
    return _anchor_unit("quarter", -1, context)


def year_ago_period(g: dict[str, str], context: Context) -> Found | None:
    """ "a year earlier", "the year-ago quarter", "year-earlier", "the corresponding period last
    year": the period under report, a year back (a quarter when the article reports one)."""
    word = (g.get("word") or "").lower()
    quarter = context.quarter if ("quarter" in word or "period" in word) else None
    if quarter or context.quarter_near:
        return Found(timex.shift_value(quarter or context.quarter_near, "year", -1))
    if word == "earlier" and context.reference:  # "a year earlier": from the date just mentioned
        reference = timex.read(context.reference)
        if reference and reference[1] in ("day", "month", "year"):
            return Found(timex.shift_value(context.reference, "year", -1))
    return _anchor_unit("year", -1, context)


def period_of_year(g: dict[str, str], context: Context) -> Found | None:
    """ "the 1988 period", "the 1989 quarter": the period under report in that year."""
    year = year_number(g["year"])
    if year is None:
        return None
    if context.quarter:
        return Found(f"{year:04d}-{context.quarter[-2:]}")
    return Found(f"{year:04d}", relative=False)


def latest_period(g: dict[str, str], context: Context) -> Found | None:
    """ "the latest period": the quarter under report."""
    return Found(context.quarter) if context.quarter else _anchor_unit("quarter", -1, context)


def half(g: dict[str, str], context: Context) -> Found | None:
    """ "the first half of 2012" 2012-H1, "the second half" of the article's year."""
    number = 1 if g["ord"].lower() == "first" else 2
    year_word = (g.get("year") or "").lower()
    if year_word and year_number(year_word):
        return Found(f"{year_number(year_word):04d}-H{number}", relative=False)
    if context.anchor is None:
        return Found(f"XXXX-H{number}")
    year = context.anchor.year + {"last year": -1, "next year": 1}.get(" ".join(year_word.split()), 0)
    return Found(f"{year:04d}-H{number}")


# --- resolvers: relative to the article's date or the date before ------------------------------


def _anchor_unit(unit: str, shift: int, context: Context) -> Found | None:
    """The unit containing the article's date, moved by ``shift`` ("last month", "next week")."""
    if context.anchor is None:
        return Found(None)
    return Found(timex.unit_value(timex.shift(context.anchor, unit, shift), unit))


def _reference_unit(unit: str, shift: int, context: Context) -> Found | None:
    """The unit containing the date mentioned before, moved by ``shift`` ("the following year",
    "that month"); the article's date when none was."""
    reference = timex.read(context.reference)
    if reference is None or _coarser(reference[1], unit):
        if context.reference_day is None:
            return Found(None)
        day = context.reference_day
    else:
        day = reference[0]
    return Found(timex.unit_value(timex.shift(day, unit, shift), unit))


def _coarser(granularity: str, unit: str) -> bool:
    order = ["day", "weekend", "week", "month", "quarter", "season", "half", "year", "decade", "century"]
    return order.index(granularity) > order.index(unit if unit in order else "day")


RELATIVE_SHIFTS = {
    "this": 0, "current": 0, "present": 0, "next": 1, "coming": 1, "last": -1, "past": -1, "previous": -1,
    "latest": -1,
}  # fmt: skip
REFERENCE_SHIFTS = {"following": 1, "next": 1, "previous": -1, "preceding": -1, "same": 0, "that": 0}


def relative_unit(g: dict[str, str], context: Context) -> Found | None:
    """ "last week", "this year", "next month", "the past year", "the following year", "that week"."""
    which = " ".join(g["which"].lower().split())
    unit = unit_name(g["unit"])
    if which.startswith("the "):
        word = which[4:]
        if word in REFERENCE_SHIFTS:
            return _reference_unit(unit, REFERENCE_SHIFTS[word], context)
        which = word
    if which in REFERENCE_SHIFTS and which not in RELATIVE_SHIFTS:
        return _reference_unit(unit, REFERENCE_SHIFTS[which], context)
    if unit == "weekend" and which == "this" and context.anchor and context.anchor.weekday() < 5:
        shift = 0
    else:
        shift = RELATIVE_SHIFTS.get(which, 0)
    return _anchor_unit(unit, shift, context)


def the_weekend(g: dict[str, str], context: Context) -> Found | None:
    """ "the weekend", "over the weekend": the last one, or the next one in a future clause."""
    anchor = context.anchor
    if anchor is None:
        return Found(None)
    if context.tense == "future":
        day = anchor + dt.timedelta(days=max(0, 5 - anchor.weekday()))
    else:
        day = anchor - dt.timedelta(days=(anchor.weekday() - 5) % 7) if anchor.weekday() < 5 else anchor
    return Found(timex.unit_value(day, "weekend"))


def within_unit(g: dict[str, str], context: Context) -> Found | None:
    """ "earlier this year", "later this month", "earlier in the week", "later that year"."""
    unit = unit_name(g["unit"])
    which = (g.get("which") or g.get("which2") or "this").lower()
    if which == "that" and context.reference:
        return _reference_unit(unit, 0, context)
    return _anchor_unit(unit, 0, context)


def ago(g: dict[str, str], context: Context) -> Found | None:
    """ "two weeks ago", "a year ago" (at the unit's granularity); "several years ago" is PAST_REF."""
    unit = unit_name(g.get("unit") or "fortnight")
    written = g.get("num") or ("a" if g.get("fortnight") else None)
    number = amount(written) if written else None
    if number is None or number != int(number):
        return Found("PAST_REF")
    if unit == "year" and number == 1 and context.quarter_near:  # "from $5 million a year ago"
        return Found(timex.shift_value(context.quarter_near, "year", -1))
    if context.anchor is None:
        return Found(None)
    if unit in ("hour", "minute", "second"):
        return Found(context.anchor.isoformat())
    granularity = {"decade": "year", "century": "year", "fortnight": "week", "weekend": "week"}.get(
        unit, unit
    )
    if unit in ("decade", "century"):
        number, unit = number * (10 if unit == "decade" else 100), "year"
    return Found(timex.unit_value(timex.shift(context.anchor, unit, -int(number)), granularity))


def offset_from(g: dict[str, str], context: Context) -> Found | None:
    """ "two days after the riot", "five years after its launch": in TimeML a duration; the day
    it counts to from the date mentioned before is kept beside it (``points_to``)."""
    written = re.sub(r"\s+(?:after|before)$", "", g.get("_text", ""), flags=re.I)
    number = amount(g["num"]) if g.get("num") else None
    if "couple" in written.lower():
        number = Fraction(2)
    value = timex.duration(number, unit_name(g["unit"]))
    date = offset(g, context)
    points_to = date.value if date and date.value and not date.value.endswith("_REF") else None
    return Found(value, relative=points_to is not None, type="duration", points_to=points_to)


def offset(g: dict[str, str], context: Context) -> Found | None:
    """ "two days later", "a week earlier", "three days after" from the date mentioned before;
    "a day after a couple was kidnapped" (a clause follows) counts back from that clause."""
    unit = unit_name(g["unit"])
    number = amount(g["num"]) if g.get("num") else None
    direction = g["dir"].lower()
    if number is None or number != int(number):
        return Found("FUTURE_REF" if direction in ("later", "after") else "PAST_REF")
    if unit == "year" and direction in ("earlier", "before") and number == 1:
        return year_ago_period({"word": "earlier"}, context)
    forward = direction in ("after", "later")
    if context.clause_follows and direction in ("after", "before"):
        forward = not forward  # "The meeting came a day after a couple was kidnapped"
    shift = int(number) if forward else -int(number)
    if unit in ("hour", "minute", "second"):
        return Found(context.reference_day.isoformat() if context.reference_day else None)
    if unit in ("day", "week", "fortnight"):
        if context.reference_day is None:
            return Found(None)
        days = shift * {"day": 1, "week": 7, "fortnight": 14}[unit]
        return Found((context.reference_day + dt.timedelta(days=days)).isoformat())
    if unit in ("decade", "century"):
        shift, unit = shift * (10 if unit == "decade" else 100), "year"
    reference = timex.read(context.reference)
    if reference is None:
        return Found(None)
    granularity = reference[1] if not _coarser(reference[1], unit) else unit
    if granularity in ("week", "weekend", "season", "half", "quarter") and unit not in (granularity, "year"):
        granularity = unit
    return Found(timex.unit_value(timex.shift(reference[0], unit, shift), granularity))


def today(g: dict[str, str], context: Context) -> Found | None:
    """ "today", "yesterday", "tomorrow", "tonight", "last night", "yesterday afternoon"."""
    word = " ".join(g["word"].lower().split())
    if context.anchor is None:
        return Found(None)
    shift = {"yesterday": -1, "tomorrow": 1, "the day before yesterday": -2, "the day after tomorrow": 2}
    day = context.anchor + dt.timedelta(days=shift.get(word, 0))
    part = (g.get("part") or "").lower()
    if word == "tonight":
        part = "night"
    if word == "last night":
        day, part = context.anchor - dt.timedelta(days=1), "night"
    if part:
        return Found(timex.with_time(day.isoformat(), PARTS_OF_DAY[part]), type="time")
    return Found(day.isoformat())


def this_part_of_day(g: dict[str, str], context: Context) -> Found | None:
    """ "this morning", "later this afternoon": the article's day, at that part of the day."""
    if context.anchor is None:
        return Found(None)
    return Found(timex.with_time(context.anchor.isoformat(), PARTS_OF_DAY[g["part"].lower()]))


def weekday(g: dict[str, str], context: Context) -> Found | None:
    """ "Monday", "last Friday", "Wednesday night", "the previous Friday", "the day before Tuesday"."""
    target = weekday_number(g["weekday"])
    which = (g.get("which") or "").lower()
    part = (g.get("part") or "").lower()
    day = _weekday_date(target, which, context)
    if g.get("dir"):  # "the day before last Tuesday"
        day = day + dt.timedelta(days=1 if g["dir"].lower() == "after" else -1) if day else None
    if day is None:
        value = f"XXXX-WXX-{target + 1}"
        return Found(value + (f"T{PARTS_OF_DAY[part]}" if part else ""), type="time" if part else None)
    if part:
        return Found(timex.with_time(day.isoformat(), PARTS_OF_DAY[part]), type="time")
    return Found(day.isoformat())


ANAPHORA_SHIFTS = {
    "following": 1, "next": 1, "after": 1, "previous": -1, "preceding": -1, "before": -1, "same": 0,
    "earlier": 0, "later": 0, "that": 0,
}  # fmt: skip


def anaphoric_day(g: dict[str, str], context: Context) -> Found | None:
    """ "the following day", "the day before", "the same day", "earlier in the day", "that day":
    from the day of the sentence before."""
    if context.reference_day is None:
        return Found(None)
    words = " ".join(g["words"].lower().split()).split()
    shift = next((ANAPHORA_SHIFTS[w] for w in words if w in ANAPHORA_SHIFTS), 0)
    if words[-1] in ("before", "after"):
        shift = ANAPHORA_SHIFTS[words[-1]]
    day = context.reference_day + dt.timedelta(days=shift)
    part = next((w for w in words if w in PARTS_OF_DAY and w not in ("night",)), None)
    if part and part != "day":
        return Found(timex.with_time(day.isoformat(), PARTS_OF_DAY[part]), type="time")
    return Found(day.isoformat())


def the_year(g: dict[str, str], context: Context) -> Found | None:
    """ "the year ended June 30" is a stretch of a year; "the year", "for the full year" is the
    year under report: the one mentioned before, or the article's."""
    if re.match(r"\s+(?:ended|ending|to|through)\b", g.get("_after", "")):
        return Found("P1Y", relative=False, type="duration")
    return _anchor_unit("year", 0, context)


def year_end(g: dict[str, str], context: Context) -> Found | None:
    """ "year-end", "by year's end": the end of the article's year (or of the one mentioned)."""
    return _anchor_unit("year", 0, context)


# --- resolvers: references, durations, sets, times of day --------------------------------------


def ref(value: str) -> Resolver:
    """A resolver that gives one fixed value (PRESENT_REF, PAST_REF, FUTURE_REF, PXX)."""

    def resolve(g: dict[str, str], context: Context) -> Found:
        return Found(value, relative=False)

    return resolve


def duration(g: dict[str, str], context: Context) -> Found | None:
    """ "two hours" PT2H, "a 30-day", "two and a half years" P2Y6M, "52-week" P52W."""
    unit = unit_name(g["unit"])
    number = amount((g.get("num") or "") + (g.get("frac") or "") + (g.get("frac2") or ""))
    if g.get("num") and number is None:
        return None
    return Found(timex.duration(number, unit), relative=False)


def vague_duration(g: dict[str, str], context: Context) -> Found | None:
    """ "several weeks" PXW, "for years" PXY, "a couple of years" P2Y."""
    number = Fraction(2) if "couple" in g.get("_text", "").lower() else None  # "a couple of years"
    return Found(timex.duration(number, unit_name(g["unit"])), relative=False)


def units_long(g: dict[str, str], context: Context) -> Found | None:
    """ "decades-long", "weeks-long": an unspecified number of the unit (decades in years)."""
    unit = "year" if g["unit"].lower() == "decades" else unit_name(g["unit"])
    return Found(timex.duration(None, unit), relative=False)


def past_decade(g: dict[str, str], context: Context) -> Found | None:
    """ "the past decade": ten years up to now, a stretch of time."""
    return Found(timex.duration(1, g["unit"].lower()), relative=False)


def span_duration(g: dict[str, str], context: Context) -> Found | None:
    """ "the past three years", "the next few days", "the first nine months": a stretch of time."""
    unit = unit_name(g["unit"])
    number = amount(g["num"]) if g.get("num") else None
    if number is None and "couple" in g.get("_text", "").lower():
        number = Fraction(2)
    return Found(timex.duration(number, unit), relative=False)


def set_value(g: dict[str, str], context: Context) -> Found | None:
    """ "every week" P1W, "daily" P1D, "each July" XXXX-07, "every Thursday" XXXX-WXX-4."""
    word = " ".join((g.get("what") or "").lower().split())
    if g.get("every_n"):
        number = amount(g["every_n"])
        return Found(timex.duration(number, unit_name(word)), relative=False) if number else None
    if word in SET_WORDS:
        return Found(SET_WORDS[word], relative=False)
    if re.fullmatch(r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?", word):
        part = (g.get("part") or "").lower()
        return Found(
            f"XXXX-WXX-{weekday_number(word) + 1}" + (f"T{PARTS_OF_DAY[part]}" if part else ""), False
        )
    if word.rstrip(".").capitalize() in _MONTH_NAMES or word.rstrip(".") in _MONTH_ABBREVIATIONS:
        return Found(f"XXXX-{month_number(word):02d}", relative=False)
    if word in SEASONS:
        return Found(f"XXXX-{SEASONS[word]}", relative=False)
    if word in PARTS_OF_DAY:
        return Found(f"XXXX-XX-XXT{PARTS_OF_DAY[word]}", relative=False)
    return Found(timex.duration(1, unit_name(word)), relative=False)


_MONTH_NAMES = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
}  # fmt: skip
_MONTH_ABBREVIATIONS = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
SET_WORDS = {
    "daily": "P1D", "nightly": "XXXX-XX-XXTNI", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M",
    "quarterly": "P3M", "yearly": "P1Y", "annually": "P1Y", "annual": "P1Y", "hourly": "PT1H",
    "semiannually": "P6M", "semiannual": "P6M",
}  # fmt: skip


def clock(g: dict[str, str], context: Context) -> Found | None:
    """ "10:35 a.m.", "6 p.m.", "noon", "18:00 UTC": on the day named beside it, else the day of
    the sentence, else the day of the sentence before."""
    time = _clock_time(g)
    if time is None:
        return None
    day = context.day_in_sentence or context.reference_day
    return Found(timex.with_time(day.isoformat(), time) if day else None)


def _clock_time(g: dict[str, str]) -> str | None:
    """The TimeML time of a clock reading: "14:30", "12:00", "MO" (a part of the day); None if no clock
    reads so."""
    if g.get("word"):
        word = " ".join(g["word"].lower().replace("-", " ").split())
        if word in ("noon", "midday", "mid day"):
            return "12:00"
        if word == "midnight":
            return "24:00"
        for part, code in PARTS_OF_DAY.items():
            if word.endswith(part):
                return code
        return None
    written = amount(g["hour"]) if g.get("hour") else None
    if written is None or written != int(written):
        return None
    hour, minute = int(written), int(g.get("minute") or 0)
    half = (g.get("ampm") or "").lower().replace(".", "").replace(" ", "")
    part = (g.get("inthe") or "").lower()
    if half == "pm" or part in ("afternoon", "evening", "night") and hour < 12:
        hour = hour % 12 + 12
    elif half == "am" and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return None
    zone = "Z" if (g.get("zone") or "").upper() in ("GMT", "UTC", "Z") else ""
    return f"{hour:02d}:{minute:02d}{zone}"
