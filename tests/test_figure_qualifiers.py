"""Figures are qualified exactly as written (issue 16, second class): ranges keep both ends,
"up to", "nearly", "more than", "at least", "some", vague "dozens of", totals and their parts.
Every text is invented for the test."""

from __future__ import annotations

import pytest

from tests.figure_texts import figures_of, only


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Between 210 and 250 workers lost their jobs.", (210, 250, "at_least")),
        ("The ferry holds 200 to 300 people.", (200, 300, "at_least")),
        ("Officials said 5-6 police were sent.", (5, 6, "at_least")),
        ("About 50 to 60 people died in the fire.", (50, 60, "about")),
        ("Between 5 and 6 million refugees have fled the war.", (5_000_000, 6_000_000, "at_least")),
        ("Twenty-one to thirty soldiers were hurt.", (21, 30, "at_least")),
    ],
)
def test_a_range_keeps_both_ends(sentence, expected):
    figure = only(figures_of(sentence))
    assert (figure.value, figure.value_max, figure.qualifier) == expected


def test_a_model_number_with_a_hyphen_is_no_range():
    figure = only(figures_of("The Orvan 410-8 holds 210 passengers."))
    assert (figure.value, figure.value_max) == (210, None)


@pytest.mark.parametrize(
    ("sentence", "qualifier"),
    [
        ("Up to 40 miners were trapped.", "at_most"),
        ("Nearly 40 miners were trapped.", "about"),
        ("Some 40 miners were trapped.", "about"),
        ("More than 40 miners were trapped.", "more_than"),
        ("At least 40 miners were trapped.", "at_least"),
        ("Fewer than 40 miners were trapped.", "less_than"),
        ("Forty miners were trapped.", "exact"),
    ],
)
def test_qualifier_words(sentence, qualifier):
    figure = only(figures_of(sentence))
    assert (figure.value, figure.qualifier, figure.vague) == (40, qualifier, False)


@pytest.mark.parametrize(
    ("sentence", "value"),
    [("Dozens of miners were trapped.", 12), ("Hundreds of miners were trapped.", 100)],
)
def test_vague_counts_are_marked_vague(sentence, value):
    figure = only(figures_of(sentence))
    assert (figure.value, figure.qualifier, figure.vague) == (value, "more_than", True)


def test_two_exact_counts_in_one_clause():
    figures = figures_of("Three Democrats voted with thirty-one Republicans to pass the bill.")
    assert [(f.value, f.qualifier, f.value_max) for f in figures] == [(3, "exact", None), (31, "exact", None)]


def test_a_part_of_a_total_is_marked():
    figures = figures_of("The flood killed 40 people, including 12 children.")
    assert [(f.value, f.part_of_total) for f in figures] == [(40, False), (12, True)]


def test_a_bare_number_after_a_part_counts_the_total_noun():
    figures = figures_of(
        "At least 74 people, including eight children, were killed and more then 1,640 were wounded."
    )
    assert [(f.value, f.qualifier, f.counted, f.part_of_total) for f in figures] == [
        (74, "at_least", "people", False),
        (8, "exact", "children", True),
        (1640, "more_than", "people", False),
    ]
