"""Calendar values: TimeML-style dates ("2024-01-09", "2024-W02", "2020-03", "2023-SU", "2022"),
their precision, and the arithmetic on them that the per-article and cross-article stages share.

The time tagger gives other TimeML values too (times of day, quarters, decades, durations,
sets, PRESENT_REF, underspecified "XXXX-03-22"): ``calendar_value`` is the one door through
which any of them becomes a date an event or a figure may carry."""

from __future__ import annotations

import calendar
import datetime as dt
import re

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

# The days a dossier works with. Dates outside are refused where they come in (datelines,
# curation, SOURCE_DATE_EPOCH): a thousand years of margin on either side of Python's
# calendar (years 1 to 9999) keeps the arithmetic on relative dates ("the next day", "two
# weeks ago", "this week") from running off its ends.
EARLIEST_DAY = dt.date(1000, 1, 1)
LATEST_DAY = dt.date(8999, 12, 31)


def day_problem(text: str) -> str | None:
    """Why ``text``, written YYYY-MM-DD, is not a day a dossier can use, and what to write; None if it is.

    For example "is not a calendar date: February 2023 has 28 days; write a real date as YYYY-MM-DD".
    """
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if not match:
        return "is not a date; write it YYYY-MM-DD"
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        return f"has no month {month}; write YYYY-MM-DD with a month from 01 to 12"
    outside = (
        f"is outside the years {EARLIEST_DAY.year} to {LATEST_DAY.year} a dossier covers; "
        "write the real date as YYYY-MM-DD"
    )
    if year < 1:
        return outside
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return (
            f"is not a calendar date: {calendar.month_name[month]} {year} has {days} days; "
            "write a real date as YYYY-MM-DD"
        )
    if not in_range(dt.date(year, month, day)):
        return outside
    return None


def in_range(day: dt.date) -> bool:
    """Whether ``day`` lies in the days a dossier works with (``EARLIEST_DAY`` to ``LATEST_DAY``)."""
    return EARLIEST_DAY <= day <= LATEST_DAY


# Each precision of a calendar point and the shape of its TimeML value.
PRECISIONS = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("day", r"\d{4}-\d{2}-\d{2}"),
        ("week", r"\d{4}-W\d{2}"),
        ("month", r"\d{4}-\d{2}"),
        ("season", r"\d{4}-(SP|SU|FA|WI)"),
        ("quarter", r"\d{4}-Q[1-4]"),
        ("half", r"\d{4}-H[12]"),
        ("year", r"\d{4}"),
    )
)


def day_precision(value: str | None) -> str | None:
    """The precision of a calendar point: "day", "week", "month", "quarter", "half", "season",
    "year", or None for anything else (a time of day, a decade, a duration, a reference)."""
    if not value or value.startswith("P"):
        return None
    return next((name for name, pattern in PRECISIONS if pattern.fullmatch(value)), None)


def calendar_value(value: str | None) -> str | None:
    """A value as a day, month or year: a week, quarter, half or season widened to what contains
    it, a time of day narrowed to its day; None for what is not a point in the calendar (a
    duration, a set, PAST_REF, a decade, "XXXX-03-22")."""
    if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}T[\dA-Z:.]+", value):
        value = value[:10]
    precision = day_precision(value)
    if precision in ("day", "month", "year"):
        return value
    if precision == "week":
        year, week = value.split("-W")  # type: ignore[union-attr]
        try:
            monday = dt.date.fromisocalendar(int(year), int(week), 1)
            sunday = monday + dt.timedelta(days=6)
        except (ValueError, OverflowError):  # week 53 of a 52-week year, the calendar's last week
            return None
        if monday.month == sunday.month:
            return f"{monday.year:04d}-{monday.month:02d}"
        return f"{monday.year:04d}" if monday.year == sunday.year else None
    if precision in ("season", "quarter", "half"):
        return value[:4]  # type: ignore[index]
    return None


def add_duration(start: str, duration: str) -> str | None:
    """The day a duration starting on ``start`` (a day) runs out: "2024-01-08" + "P60D"."""
    from dateutil.relativedelta import relativedelta

    match = re.fullmatch(r"P(\d+)([DWMY])", duration)
    if not match or day_precision(start) != "day":
        return None
    amount, unit = int(match.group(1)), match.group(2)
    delta = {
        "D": relativedelta(days=amount),
        "W": relativedelta(weeks=amount),
        "M": relativedelta(months=amount),
        "Y": relativedelta(years=amount),
    }[unit]
    try:
        return (dt.date.fromisoformat(start) + delta).isoformat()
    except (ValueError, OverflowError):  # runs past the calendar's end: no day to give
        return None


def as_day(value: str | None) -> dt.date | None:
    """A day value as a date; None for any coarser, missing or impossible value ("2023-02-30")."""
    if value is None or day_precision(value) != "day":
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
