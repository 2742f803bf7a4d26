"""One figure, several sources (issue 16, fourth class): the same count of the same thing, at the
same date and place, reported by several articles, is one figure; updates of a toll stay apart.
Hand-made candidates of invented articles; no parse needed."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.model import ArticleExtraction, FigureCandidate, Span
from builder.resolve import figures as figure_rules
from builder.resolve.figures import resolve_figures
from builder.values.slugs import content_ids


def report(
    doc: str, value: float, date: str | None, date_source: str = "article", **fields
) -> FigureCandidate:
    """A candidate of article ``doc``: ``value`` people killed in Velm, dated as given."""
    text = f"The blast in Velm killed {value:g} people."
    values = {"category": "killed", "counted": "people", "counted_head": "people", "place": "Velm",
              "qualifier": "exact", **fields}  # fmt: skip
    return FigureCandidate(value=value, date=date, source=Span(doc, 0, len(text), text),
                           date_source=date_source, **values)  # type: ignore[arg-type]  # fmt: skip


def figures(*candidates: FigureCandidate):
    by_doc: dict[str, list[FigureCandidate]] = {}
    for candidate in candidates:
        by_doc.setdefault(candidate.source.doc, []).append(candidate)
    return resolve_figures([ArticleExtraction(doc, figures=tuple(found)) for doc, found in by_doc.items()])


def test_three_reports_of_one_toll_are_one_figure_with_three_sources():
    found = figures(
        report("a", 9, "2024-03-01", "text"),  # "on Friday the blast killed nine"
        report("b", 9, "2024-03-02"),  # repeated the next day, dated by the article
        report("c", 9, "2024-03-04"),
    )
    assert len(found) == 1
    (figure,) = found
    assert (figure.value, figure.date, figure.date_source) == (9, "2024-03-01", "text")
    assert [s.doc for s in figure.sources] == ["a", "b", "c"] and figure.source.doc == "a"


def test_updates_of_a_toll_stay_apart_in_their_own_dates():
    found = figures(
        report("a", 9, "2024-03-01"), report("b", 12, "2024-03-03"), report("c", 12, "2024-03-04")
    )
    assert [(f.value, f.date, len(f.sources)) for f in found] == [(9, "2024-03-01", 1), (12, "2024-03-03", 2)]


def test_different_places_dates_qualifiers_or_things_are_different_figures():
    found = figures(
        report("a", 9, "2024-03-01", "text"),
        report("b", 9, "2024-03-01", "text", place="Osk"),  # another place
        report("c", 9, "2024-01-10", "text"),  # another day
        report("d", 9, "2024-03-01", "text", qualifier="at_least"),
        report("e", 9, "2024-03-01", "text", counted="soldiers", counted_head="soldier"),
        report("f", 9, "2024-03-01", "text", category="injured"),
    )
    assert len(found) == 6 and all(len(f.sources) == 1 for f in found)


def test_articles_weeks_apart_are_not_one_report():
    assert len(figures(report("a", 2, "2024-03-01"), report("b", 2, "2024-04-20"))) == 2


def test_a_month_written_in_the_text_holds_its_days():
    found = figures(report("a", 9, "2024-03", "text"), report("b", 9, "2024-03-01", "text"))
    assert [len(f.sources) for f in found] == [2]


def test_an_unknown_place_joins_a_known_one_and_a_part_stays_a_part():
    found = figures(
        report("a", 12, "2024-03-01", "text", place=None, part_of_total=True), report("b", 12, "2024-03-02")
    )
    (figure,) = found
    assert (figure.place, figure.part_of_total, len(figure.sources)) == ("Velm", True, 2)


def test_ranges_merge_only_with_the_same_upper_end():
    found = figures(report("a", 9, "2024-03-01", value_max=12), report("b", 9, "2024-03-01", value_max=15))
    assert len(found) == 2


def test_ids_come_from_the_first_report_and_stay_when_another_report_arrives():
    alone = figures(report("a", 9, "2024-03-01", "text"))
    joined = figures(report("a", 9, "2024-03-01", "text"), report("b", 9, "2024-03-02"))
    assert alone[0].id == joined[0].id


def test_a_month_written_in_the_text_and_a_report_early_the_next_month():
    found = figures(report("a", 179, "2024-02", "text"), report("b", 179, "2024-03-01"))
    assert [len(f.sources) for f in found] == [2]
    assert len(figures(report("a", 179, "2024-02", "text"), report("b", 179, "2024-05-01"))) == 2


def test_a_count_of_no_category_merges_within_its_article_only():
    two_men = {"category": "other", "counted": "men", "counted_head": "man", "place": None}
    across = figures(report("a", 2, "2024-03-01", **two_men), report("b", 2, "2024-03-02", **two_men))
    assert len(across) == 2
    within = figures(report("a", 2, "2024-03-01", **two_men), report("a", 2, "2024-03-01", **two_men))
    assert [len(f.sources) for f in within] == [1]  # one sentence is one source


# Dates of one count scattered over two years at every precision, places known and not, and
# undated reports: the month index (``_Group``) must make the same figures as offering every
# report every figure of its count, which is what the reference below does.
_DATES = st.one_of(
    st.none(),
    st.dates(dt.date(2022, 11, 1), dt.date(2024, 2, 28)).map(dt.date.isoformat),
    st.sampled_from(["2023", "2024", "2023-02", "2023-12", "2024-01", "2023-02-30"]),
)
_REPORTS = st.lists(
    st.tuples(
        st.sampled_from("abcdefgh"),
        _DATES,
        st.sampled_from(["text", "article"]),
        st.sampled_from([None, "Velm", "Osk"]),
        st.sampled_from([9, 12]),
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(_REPORTS)
def test_the_month_index_makes_the_figures_every_comparison_makes(drawn):
    candidates = [report(doc, value, date, source, place=place) for doc, date, source, place, value in drawn]
    assert [(f.id, f.sources, f.place) for f in figures(*candidates)] == _every_comparison(candidates)


def _every_comparison(candidates: list[FigureCandidate]) -> list[tuple]:
    """The figures (id, sources, place) as made when a report is compared with every figure of its count."""
    by_doc: dict[str, list[FigureCandidate]] = {}
    for candidate in candidates:
        by_doc.setdefault(candidate.source.doc, []).append(candidate)
    ordered = [c for found in by_doc.values() for c in found]  # the order resolution reads them in
    groups: dict[tuple, list[list[tuple[int, FigureCandidate]]]] = {}
    made: list[list[tuple[int, FigureCandidate]]] = []
    for order, candidate in sorted(
        enumerate(ordered), key=lambda pair: figure_rules._arrival(pair[1], pair[0])
    ):
        group = groups.setdefault(figure_rules._count_key(candidate), [])
        home = next((members for members in group if all(_agree(c, candidate) for _, c in members)), None)
        if home is None:
            home = []
            group.append(home)
            made.append(home)
        home.append((order, candidate))
    made.sort(key=lambda members: min(order for order, _ in members))
    expected = []
    for members in made:
        reports = sorted(members, key=lambda pair: pair[0])
        lead = next((c for _, c in reports if c.date_source == "text"), reports[0][1])
        sources = tuple(dict.fromkeys((lead.source, *(c.source for _, c in reports))))
        place = lead.place or next((c.place for _, c in reports if c.place), None)
        expected.append((lead, sources, place))
    ids = content_ids(
        "f", (f"{c.source.doc}\0{c.source.start}\0{c.source.end}\0{c.value}" for c, _, _ in expected)
    )
    return [(figure_id, sources, place) for figure_id, (_, sources, place) in zip(ids, expected, strict=True)]


def _agree(a: FigureCandidate, b: FigureCandidate) -> bool:
    return figure_rules._same_date(a, b) and figure_rules._same_place(a, b)
