"""TimeML (TIMEX3) values: written from a day and a unit, read back, shifted, and durations.

The value forms (TimeML 1.2, as TimeBank and TempEval-3 write them):

* calendar points of any granularity: a day ``2013-03-22``, a week
  ``2013-W12``, a weekend ``2013-W12-WE``, a month ``2013-03``, a quarter
  ``2013-Q3``, a half ``2013-H1``, a season ``2013-SU``, a year ``2013``, a
  decade ``201`` and a century ``20``;
* a time of day appended to a day: ``2013-03-22T14:30``, or a part of the
  day ``2013-03-22TMO`` (morning), ``TAF``, ``TEV``, ``TNI``;
* the vague references ``PRESENT_REF``, ``PAST_REF``, ``FUTURE_REF``;
* underspecified values where the text does not fix a part: ``XXXX-03-22``,
  ``XXXX-WXX-1`` (a Monday), ``1998-10-XX``;
* durations ``P3D``, ``PT2H``, ``P2Y6M``, ``PXY`` (some years), and the same
  forms for the period of a set ("every week" ``P1W``).

Only the calendar points are dates an event or a figure can carry; see
``builder.values.dates.calendar_value``.
"""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction

from dateutil.relativedelta import relativedelta

REFS = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
# The month a season's value is read back as (its middle month in the northern hemisphere).
SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}
PARTS_OF_DAY = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "tonight": "NI",
    "overnight": "NI",
    "dawn": "MO",
    "dusk": "EV",
}
# Units of calendar arithmetic, in months where they are whole months.
MONTHS_IN = {"month": 1, "quarter": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}
# Duration letters (TimeML): the time units go after a "T"; decades, centuries and millennia
# are written as TimeBank writes them (E, C, L).
DURATION_LETTERS = {
    "second": "S",
    "minute": "M",
    "hour": "H",
    "day": "D",
    "week": "W",
    "weekend": "WE",
    "fortnight": "W",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "decade": "E",
    "century": "C",
    "millennium": "L",
}
TIME_UNITS = {"second", "minute", "hour"}
# A unit's length in the next smaller unit, to write a fraction ("2 1/2 years" -> P2Y6M).
SMALLER = {
    "year": ("month", 12),
    "month": ("day", 30),
    "week": ("day", 7),
    "day": ("hour", 24),
    "hour": ("minute", 60),
    "minute": ("second", 60),
}


def unit_value(day: dt.date, unit: str) -> str:
    """The value of the ``unit`` (day, week, weekend, month, quarter, half, year, decade,
    century) that contains ``day``."""
    if unit == "day":
        return day.isoformat()
    if unit in ("week", "weekend", "fortnight"):
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}" + ("-WE" if unit == "weekend" else "")
    if unit == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if unit == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if unit == "half":
        return f"{day.year:04d}-H{(day.month - 1) // 6 + 1}"
    if unit == "decade":
        return f"{day.year // 10:03d}"
    if unit == "century":
        return f"{day.year // 100:02d}"
    return f"{day.year:04d}"


def shift(day: dt.date, unit: str, amount: int) -> dt.date:
    """``day`` moved by ``amount`` units (negative: back); a month shift keeps the day where it
    exists (31 January + 1 month is 29 February)."""
    if unit in MONTHS_IN:
        return day + relativedelta(months=MONTHS_IN[unit] * amount)
    days = {"day": 1, "week": 7, "weekend": 7, "fortnight": 14}.get(unit)
    if days is None:
        raise ValueError(f"no calendar shift by {unit}")
    return day + dt.timedelta(days=days * amount)


def read(value: str | None) -> tuple[dt.date, str] | None:
    """A calendar value read back as (its first day, its granularity); None for anything else.

    A time of day reads as its day; a season as its middle month, so that a year
    shift keeps it in its season.
    """
    if not value:
        return None
    value = value.split("T", 1)[0] if re.match(r"\d{4}-\d{2}-\d{2}T", value) else value
    patterns: list[tuple[str, str]] = [
        (r"(\d{4})-(\d{2})-(\d{2})", "day"),
        (r"(\d{4})-W(\d{2})-WE", "weekend"),
        (r"(\d{4})-W(\d{2})", "week"),
        (r"(\d{4})-(\d{2})", "month"),
        (r"(\d{4})-Q([1-4])", "quarter"),
        (r"(\d{4})-H([12])", "half"),
        (r"(\d{4})-(SP|SU|FA|WI)", "season"),
        (r"(\d{4})", "year"),
        (r"(\d{3})", "decade"),
        (r"(\d{2})", "century"),
    ]
    for pattern, unit in patterns:
        match = re.fullmatch(pattern, value)
        if match:
            try:
                return _first_day(unit, match.groups()), unit
            except ValueError:  # "2013-02-30", "2013-W54"
                return None
    return None


def shift_value(value: str | None, unit: str, amount: int) -> str | None:
    """``value`` moved by ``amount`` units, at its own granularity ("1989-Q3" a year back is
    "1988-Q3"); None when the value is not a calendar point."""
    found = read(value)
    if found is None:
        return None
    day, granularity = found
    moved = shift(day, unit, amount)
    if granularity == "season":
        return f"{moved.year:04d}-{value[-2:]}"  # type: ignore[index]
    return unit_value(moved, granularity)


def with_time(day_value: str | None, time: str) -> str | None:
    """A day value with a time of day ("14:30", "MO") appended; None without a day."""
    if day_value is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}|XXXX-[\dX]{2}-[\dX]{2}", day_value):
        return None
    return f"{day_value}T{time}"


def duration(amount: Fraction | int | None, unit: str) -> str:
    """A TimeML duration: ``P3D``, ``PT2H``, ``P2Y6M`` (two and a half years), ``PXY`` (an
    unspecified number of years, ``amount`` None); decades and centuries in years when counted
    ("two decades" ``P20Y``)."""
    if amount is not None and unit in ("decade", "century", "millennium"):
        amount, unit = amount * {"decade": 10, "century": 100, "millennium": 1000}[unit], "year"
    if unit == "fortnight":
        amount, unit = (None if amount is None else amount * 2), "week"
    letter = DURATION_LETTERS[unit]
    prefix = "PT" if unit in TIME_UNITS else "P"
    if amount is None:
        return f"{prefix}X{letter}"
    amount = Fraction(amount)
    whole = int(amount)
    rest = amount - whole
    if not rest:
        return f"{prefix}{whole}{letter}"
    if unit in SMALLER and (rest * SMALLER[unit][1]).denominator == 1:
        smaller, count = SMALLER[unit]
        part = int(rest * count)
        head = f"{whole}{letter}" if whole else ""
        if smaller in TIME_UNITS and unit not in TIME_UNITS:
            return f"P{head}T{part}{DURATION_LETTERS[smaller]}"
        return f"{prefix}{head}{part}{DURATION_LETTERS[smaller]}"
    return f"{prefix}{float(amount):g}{letter}"


def is_duration(value: str | None) -> bool:
    """A duration or a set's period (``P3D``, ``PT2H``, ``PXY``), not a point."""
    return bool(value) and value.startswith("P") and value not in REFS  # type: ignore[union-attr]


def is_underspecified(value: str | None) -> bool:
    """A point the text names but does not fix ("XXXX-03-22", "1998-10-XX", "XXXX-WXX-1")."""
    return bool(value) and "X" in value and not is_duration(value)  # type: ignore[operator]


def _first_day(unit: str, groups: tuple[str, ...]) -> dt.date:
    year = int(groups[0])
    if unit == "day":
        return dt.date(year, int(groups[1]), int(groups[2]))
    if unit in ("week", "weekend"):
        return dt.date.fromisocalendar(year, int(groups[1]), 1)
    if unit == "month":
        return dt.date(year, int(groups[1]), 1)
    if unit == "quarter":
        return dt.date(year, 3 * int(groups[1]) - 2, 1)
    if unit == "half":
        return dt.date(year, 6 * int(groups[1]) - 5, 1)
    if unit == "season":
        return dt.date(year, SEASON_MONTH[groups[1]], 1)
    if unit == "decade":
        return dt.date(max(1, year * 10), 1, 1)
    if unit == "century":
        return dt.date(max(1, year * 100), 1, 1)
    return dt.date(year, 1, 1)
