"""One figure, several sources: the same count of the same thing reported by several sentences.

Articles repeat a toll ("the bombing killed 257 people") for days. Each report is a candidate;
candidates that say the same count of the same thing, at the same date and place, are one figure
whose ``sources`` list every report, so a page, a chart or a table never shows (or adds up) one
count three times. Different updates of a toll ("rose to 12" after "10") differ in value and stay
apart.

The same count: the same category, counted noun (its lemma), value, upper end, qualifier and
vagueness; a count of no category ("other": "the two men", "3,000 guests") only within one
article, for nothing but the noun says two articles speak of the same people.

The same date: two dates written in the text agree, or one is the month or year of the other; a
date that is only the article's (``date_source`` "article") is when the count was reported, so it
agrees with a written day, month or year up to ``REPORTED_WITHIN`` days after its end, and with
another article's date up to ``SAME_REPORT_DAYS`` apart (a toll repeated a week later may be
another count of the same size); an undated report agrees with any date.

The same place: equal, or one of them not known.

Candidates are grouped by their count first, so the comparisons stay within a group; within a
group, a dated report is compared only with the figures whose first dated report falls within
``SLACK_DAYS`` of it (``_Group``): a toll repeated by hundreds of articles over two years made
half a million comparisons, nearly all with figures months away.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from builder.model import ArticleExtraction, Figure, FigureCandidate
from builder.values.dates import as_day
from builder.values.names import fold
from builder.values.slugs import content_ids

REPORTED_WITHIN = 31  # days from a count's written date to an article that repeats it undated
SAME_REPORT_DAYS = 7  # days between two articles' dates for one count neither dates in its text
# The furthest apart two dated reports of one count can be: their spans of days (a written
# month is its days; an article's date, one day) are never further apart than this.
SLACK_DAYS = max(REPORTED_WITHIN, SAME_REPORT_DAYS)


@dataclass
class _Cluster:
    """The reports of one figure, gathered."""

    rank: int  # the order it was made in: a report joins the first figure that accepts it
    members: list[tuple[int, FigureCandidate]] = field(default_factory=list)  # (article order, candidate)
    dated: bool = False  # a report of it has a date

    def accepts(self, candidate: FigureCandidate) -> bool:
        """Whether ``candidate`` reports this figure: its date and place agree with every report's,
        and a count of no category ("other") is repeated within its own article only ("the two
        men" of two articles are seldom the same two)."""
        return all(
            _same_date(c, candidate)
            and _same_place(c, candidate)
            and (candidate.category != "other" or c.source.doc == candidate.source.doc)
            for _, c in self.members
        )


@dataclass
class _Group:
    """The figures of one count, found by the months their first dated report allows.

    A figure that accepts a report agrees in date with its first dated report, so the two
    reports' days are at most ``SLACK_DAYS`` apart (``_days_of``): such a figure is filed under
    every month within that slack of its first dated report, and a dated report is offered only
    the figures filed under its own months, and those with no dated report yet (or a date
    whose days are not known). An undated report is offered every figure of the count.
    """

    clusters: list[_Cluster] = field(default_factory=list)
    unfiled: list[_Cluster] = field(default_factory=list)  # no dated report, or days not known
    by_month: dict[tuple[int, int], list[_Cluster]] = field(default_factory=lambda: defaultdict(list))

    def home(self, candidate: FigureCandidate) -> _Cluster | None:
        """The first figure (in the order they were made) that accepts ``candidate``; None if none."""
        days = _days_of(candidate) if candidate.date is not None else None
        if days is None:
            offered: list[_Cluster] = self.clusters
        else:
            near = {id(c): c for month in _months(*days) for c in self.by_month.get(month, ())}
            near.update((id(c), c) for c in self.unfiled)
            offered = sorted(near.values(), key=lambda cluster: cluster.rank)
        return next((cluster for cluster in offered if cluster.accepts(candidate)), None)

    def new(self, rank: int) -> _Cluster:
        """A new figure of the count, made ``rank``-th among all figures."""
        cluster = _Cluster(rank)
        self.clusters.append(cluster)
        self.unfiled.append(cluster)
        return cluster

    def add(self, cluster: _Cluster, candidate: FigureCandidate, order: int) -> None:
        """``candidate`` added to ``cluster``, which is filed by it if it is its first dated report."""
        cluster.members.append((order, candidate))
        if candidate.date is None or cluster.dated:
            return
        cluster.dated = True
        days = _days_of(candidate)
        if days is not None:
            self.unfiled.remove(cluster)
            first, last = days
            slack = dt.timedelta(days=SLACK_DAYS)
            for month in _months(first - slack, last + slack):
                self.by_month[month].append(cluster)


def resolve_figures(extractions: Sequence[ArticleExtraction]) -> tuple[Figure, ...]:
    """Every article's figure candidates as figures, reports of one count merged, in the order of
    their first report."""
    candidates = [c for x in extractions for c in x.figures]
    groups: dict[tuple, _Group] = defaultdict(_Group)
    clusters: list[_Cluster] = []
    # Written dates first, then by date: a report dated only by its article joins the count it repeats.
    for order, candidate in sorted(enumerate(candidates), key=lambda pair: _arrival(pair[1], pair[0])):
        group = groups[_count_key(candidate)]
        home = group.home(candidate)
        if home is None:
            home = group.new(rank=len(clusters))
            clusters.append(home)
        group.add(home, candidate, order)
    clusters.sort(key=lambda cluster: min(order for order, _ in cluster.members))
    reports = [sorted(cluster.members, key=lambda pair: pair[0]) for cluster in clusters]
    leads = [_lead(candidates) for candidates in reports]
    # Ids from the lead report's source span, so a figure keeps its id as the corpus grows.
    ids = content_ids("f", (f"{c.source.doc}\0{c.source.start}\0{c.source.end}\0{c.value}" for c in leads))
    return tuple(_figure(*made) for made in zip(ids, leads, reports, strict=True))


def _days_of(candidate: FigureCandidate) -> tuple[dt.date, dt.date] | None:
    """The first and last day a dated report can mean: a written date's whole period, an
    article's date its one day; None if they are not known (then it is compared with every figure)."""
    assert candidate.date is not None
    first, last = (
        _period(candidate.date) if candidate.date_source == "text" else (candidate.date, candidate.date)
    )
    first_day, last_day = as_day(first), as_day(last)
    return None if first_day is None or last_day is None else (first_day, last_day)


def _months(first: dt.date, last: dt.date) -> Iterator[tuple[int, int]]:
    """Every (year, month) from ``first``'s to ``last``'s."""
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _count_key(candidate: FigureCandidate) -> tuple:
    """What makes two reports the same count of the same thing (date and place aside)."""
    head = candidate.counted_head or fold(candidate.counted).split(" ")[-1]
    return (
        candidate.category,
        head,
        candidate.value,
        candidate.value_max,
        candidate.qualifier,
        candidate.vague,
    )


def _arrival(candidate: FigureCandidate, order: int) -> tuple:
    """The order reports join their figure in: written dates first, then by date, then article order."""
    return (candidate.date_source != "text", candidate.date or "9999", order)


def _same_date(a: FigureCandidate, b: FigureCandidate) -> bool:
    """Whether two reports can be of one count in time (see the module's docstring)."""
    if a.date is None or b.date is None:
        return True  # an undated report says nothing against it, like an unknown place
    if a.date_source == "text" and b.date_source == "text":
        return a.date.startswith(b.date) or b.date.startswith(a.date)
    if a.date_source == "text" or b.date_source == "text":
        written, reported = (a.date, b.date) if a.date_source == "text" else (b.date, a.date)
        first, last = _period(written)
        gap, after_end = _days(first, reported), _days(last, reported)
        return gap is not None and after_end is not None and gap >= 0 and after_end <= REPORTED_WITHIN
    gap = _days(a.date, b.date)
    return gap is not None and abs(gap) <= SAME_REPORT_DAYS


def _period(value: str) -> tuple[str, str]:
    """The first and last day of a day, month or year value ("2024-02" -> 2024-02-01, 2024-02-29)."""
    if len(value) == 4:
        return f"{value}-01-01", f"{value}-12-31"
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:])
        return f"{value}-01", f"{value}-{calendar.monthrange(year, month)[1]:02d}"
    return value, value


def _days(earlier: str | None, later: str | None) -> int | None:
    """Days from ``earlier`` to ``later``; None unless both are days."""
    first, last = as_day(earlier), as_day(later)
    return None if first is None or last is None else (last - first).days


def _same_place(a: FigureCandidate, b: FigureCandidate) -> bool:
    """Whether two reports can be of one count in space: the same place, or one not known."""
    return a.place is None or b.place is None or fold(a.place) == fold(b.place)


def _lead(reports: list[tuple[int, FigureCandidate]]) -> FigureCandidate:
    """The report that speaks for a figure: the first written-dated one, else the first in article order."""
    return next((c for _, c in reports if c.date_source == "text"), reports[0][1])


def _figure(figure_id: str, lead: FigureCandidate, reports: list[tuple[int, FigureCandidate]]) -> Figure:
    """One figure from its reports (in article order) and its ``lead``: the place is the first known;
    it is a part of a total if any report says so."""
    place = lead.place or next((c.place for _, c in reports if c.place), None)
    sources = tuple(dict.fromkeys((lead.source, *(c.source for _, c in reports))))
    part_of_total = any(c.part_of_total for _, c in reports)
    return Figure.from_candidate(lead, figure_id, sources, place=place, part_of_total=part_of_total)
