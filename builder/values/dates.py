"""Calendar values: TimeML-style dates ("2024-01-09", "2024-W02", "2020-03", "2023-SU", "2022"),
their precision, and the arithmetic on them that the per-article and cross-article stages share.

The time tagger gives other TimeML values too (times of day, quarters, decades, durations,
sets, PRESENT_REF, underspecified "XXXX-03-22"): ``calendar_value`` is the one door through
which any of them becomes a date an event or a figure may carry."""

from __future__ import annotations

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


def day_precision(value: str | None) -> str | None:
    """The precision of a calendar point: "day", "week", "month", "quarter", "half", "season",
    "year", or None for anything else (a time of day, a decade, a duration, a reference)."""
    if not value or value.startswith("P"):
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return "day"
    if re.fullmatch(r"\d{4}-W\d{2}", value):
        return "week"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "month"
    if re.fullmatch(r"\d{4}-(SP|SU|FA|WI)", value):
        return "season"
    if re.fullmatch(r"\d{4}-Q[1-4]", value):
        return "quarter"
    if re.fullmatch(r"\d{4}-H[12]", value):
        return "half"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    return None


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
        monday = dt.date.fromisocalendar(int(year), int(week), 1)
        sunday = monday + dt.timedelta(days=6)
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
    return (dt.date.fromisoformat(start) + delta).isoformat()


def as_day(value: str | None) -> dt.date | None:
    """A day value as a date; None for any coarser or missing value."""
    return dt.date.fromisoformat(value) if value is not None and day_precision(value) == "day" else None
