"""The timeline chart's range: the bulk of the dated events, and the events left outside it.

Apart from the drawing (``charts``), so that the pages can name what the chart leaves out
without loading matplotlib.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from builder.model import Event

# The chart spans the central share of the dated events; a reference to decades before (a law
# of 1989, "the worst since 2001") is listed apart rather than stretching the axis over years.
# Each side offers its outermost 5% of events (at least one) to be left out; only the far ones go.
SIDE_SHARE = 0.05
# An event trimmed from the central share stays on the chart when it lies this close to the
# rest (a year, or a quarter of the kept span if longer): trimming only ever drops the far ones,
# which would squeeze the bulk of the events into a few columns.
NEAR_MONTHS = 12
NEAR_SHARE = 0.25


def _month_number(month: str) -> int:
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def timeline_range(events: Sequence[Event]) -> tuple[str, str] | None:
    """The first and last ``YYYY-MM`` of the chart: the bulk of the month-dated events, whole months.

    Each side gives up its outermost 5% of events, then takes back those near the kept span, so a
    corpus without far outliers keeps its whole range and one with a few loses only those.
    """
    months = sorted(event.date[:7] for event in events if event.date and len(event.date) >= 7)
    if not months:
        return None
    trim = math.ceil(len(months) * SIDE_SHARE)
    if len(months) <= 2 * trim:  # too few to tell the bulk from the rest
        return months[0], months[-1]
    first, last = months[trim], months[len(months) - 1 - trim]
    near = max(NEAR_MONTHS, round((_month_number(last) - _month_number(first)) * NEAR_SHARE))
    for month in reversed(months[:trim]):  # the nearest first: the range grows month by month
        if _month_number(first) - _month_number(month) <= near:
            first = month
    for month in months[len(months) - trim :]:
        if _month_number(month) - _month_number(last) <= near:
            last = month
    return first, last


def outside_timeline(events: Sequence[Event]) -> list[Event]:
    """Dated events the timeline chart leaves out: before or after its range, oldest first."""
    span = timeline_range(events)
    if span is None:
        return []
    first, last = span
    # An event known only to the year is outside when its year is.
    outside = [
        event
        for event in events
        if event.date
        and not (
            first <= event.date[:7] <= last if len(event.date) >= 7 else first[:4] <= event.date <= last[:4]
        )
    ]
    return sorted(outside, key=lambda event: event.date or "")


def outside_note(events: Sequence[Event]) -> str | None:
    """The line under the chart naming what it leaves out: "2 events outside this range: 1989, 2001"."""
    outside = outside_timeline(events)
    if not outside:
        return None
    years = ", ".join(_year_runs(sorted({int(event.date[:4]) for event in outside if event.date})))
    noun = "event" if len(outside) == 1 else "events"
    return f"{len(outside)} {noun} outside this range: {years}"


def _year_runs(years: list[int]) -> list[str]:
    """Sorted years as runs: [1979, 1980, 1981, 1989] reads "1979–1981", "1989"."""
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return [f"{run[0]}–{run[-1]}" if len(run) > 2 else ", ".join(map(str, run)) for run in runs]
