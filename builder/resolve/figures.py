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

Candidates are grouped by their count first, so the comparisons stay within a group.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from builder.model import ArticleExtraction, Figure, FigureCandidate, Span
from builder.values.dates import as_day
from builder.values.names import fold
from builder.values.slugs import content_ids

REPORTED_WITHIN = 31  # days from a count's written date to an article that repeats it undated
SAME_REPORT_DAYS = 7  # days between two articles' dates for one count neither dates in its text


@dataclass
class _Cluster:
    """The reports of one figure, gathered."""

    members: list[tuple[int, FigureCandidate]] = field(default_factory=list)  # (article order, candidate)

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


def resolve_figures(extractions: Sequence[ArticleExtraction]) -> tuple[Figure, ...]:
    """Every article's figure candidates as figures, reports of one count merged, in the order of
    their first report."""
    candidates = [c for x in extractions for c in x.figures]
    groups: dict[tuple, list[_Cluster]] = defaultdict(list)
    clusters: list[_Cluster] = []
    # Written dates first, then by date: a report dated only by its article joins the count it repeats.
    for order, candidate in sorted(enumerate(candidates), key=lambda pair: _arrival(pair[1], pair[0])):
        group = groups[_count_key(candidate)]
        home = next((cluster for cluster in group if cluster.accepts(candidate)), None)
        if home is None:
            home = _Cluster()
            group.append(home)
            clusters.append(home)
        home.members.append((order, candidate))
    clusters.sort(key=lambda cluster: min(order for order, _ in cluster.members))
    figures = [_figure(cluster) for cluster in clusters]
    # Ids from the first report's source span, so a figure keeps its id as the corpus grows.
    ids = content_ids("f", (f"{f.source.doc}\0{f.source.start}\0{f.source.end}\0{f.value}" for f in figures))
    return tuple(replace(figure, id=figure_id) for figure_id, figure in zip(ids, figures, strict=True))


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


def _figure(cluster: _Cluster) -> Figure:
    """One figure from its reports: the first written-dated report (else the first in article order)
    speaks for it; the place is the first known; it is a part of a total if any report says so."""
    reports = sorted(cluster.members, key=lambda pair: pair[0])
    lead = next((c for _, c in reports if c.date_source == "text"), reports[0][1])
    place = lead.place or next((c.place for _, c in reports if c.place), None)
    sources: list[Span] = [lead.source]
    sources += [c.source for _, c in reports if c.source not in sources]
    merged = replace(lead, place=place, part_of_total=any(c.part_of_total for _, c in reports))
    return Figure.from_candidate(merged, "", tuple(sources))
