"""Figures are counts of people and units, and nothing else (issue 16, first class).

Numbers inside names, models and versions, proportions, years, ages, times, money and scores are
not counts; a count needs a counted noun. Every text is invented for the test.
"""

from __future__ import annotations

import pytest

from tests.figure_texts import figures_of, only


@pytest.mark.parametrize(
    "sentence",
    [
        "Velkair took delivery of the final 410 jet built at the plant.",  # a model, singular noun
        "Many Zephyr 4 owners complained about the battery.",  # a version after a product name
        "The carrier bought a fleet of Orvan 320 planes.",  # a model after a maker's name
        "The airline approached Orvan about their new 515 aircraft.",  # a model after an adjective
        "One in five residents owns a boat, and six out of ten voters agree.",  # proportions
        "A poll shows that 6 of 10 voters believe the mayor should resign.",  # a poll's share
        "This brings the airline's total number of outstanding orders to 230.",  # orders are no one
        "The Kestrels beat the Herons 5 to 3 and won 3-1 on Sunday.",  # scores
        "The 44-year-old farmer was born in 1979 and left at 10 p.m.",  # age, year, time
        "The town paid 400 dollars for the 30-year lease.",  # money, duration
    ],
)
def test_numbers_that_are_not_counts(sentence):
    assert figures_of(sentence) == []


def test_a_count_beside_a_model_number():
    figure = only(figures_of("The carrier will retire 20 of its larger 515 planes next year."))
    assert (figure.value, figure.counted) == (20, "planes")


def test_a_maker_between_the_count_and_its_noun():
    figure = only(figures_of("Twenty Orvan jets were bought by the airline."))
    assert (figure.value, figure.counted) == (20, "Orvan jets")


def test_counts_before_a_describing_adjective_or_after_a_postdeterminer_stay():
    figures = figures_of(
        "A staggering 1,000 people died, an estimated 500 troops arrived and the remaining 20 soldiers left."
    )
    assert [(f.value, f.qualifier) for f in figures] == [(1000, "exact"), (500, "about"), (20, "exact")]


def test_nouns_that_count_in_the_singular():
    figures = figures_of("The ministry sent 300 police, 40 staff and 12 aircraft.")
    assert [(f.value, f.counted) for f in figures] == [(300, "police"), (40, "staff"), (12, "aircraft")]


def test_numbers_written_in_words_with_a_hyphen_are_one_number():
    figures = figures_of("Three Democrats voted with thirty-one Republicans to pass the bill.")
    assert [(f.value, f.qualifier, f.counted) for f in figures] == [
        (3, "exact", "Democrats"),
        (31, "exact", "Republicans"),
    ]


@pytest.mark.parametrize(
    "sentence, value",
    [
        # a transcript's numbers in words: "and" after a hundred, tens and units without a hyphen
        ("Rescuers found three hundred and twenty one survivors in Vell.", 321),
        ("Police detained forty two protesters in Vell.", 42),
    ],
)
def test_numbers_written_in_words_with_and_or_without_a_hyphen_are_one_number(sentence, value):
    assert only(figures_of(sentence)).value == value


@pytest.mark.parametrize(
    "sentence",
    [
        "The new Skyfleet jet can seat up to 90 people.",
        "The Lynx A9 seats 420 passengers in two classes.",
        "The president can call up to 50,000 reservists.",
        "Ruritania is capable of deploying as many as 80,000 troops.",
    ],
)
def test_what_could_be_is_no_count(sentence):
    assert figures_of(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Up to 300 people could have died in the fire in Vell.",  # an estimate of what was
        "A boat carrying 300 migrants sank off Vell.",
        "The camp near Vell houses 20,000 refugees.",
    ],
)
def test_what_was_or_is_still_counts(sentence):
    assert len(figures_of(sentence)) == 1


def test_two_numbers_joined_by_or_are_a_guess_between_them():
    figure = only(figures_of("Four or five soldiers were wounded in Vell."))
    assert (figure.value, figure.value_max) == (4, 5)


def test_people_named_beside_their_number_are_not_counted_again():
    assert figures_of("The two men, Aldo Reyes and Pim Laar, were named in the bulletin.") == []
    figure = only(figures_of("The two men were seen near the bank."))  # not named: still a count
    assert figure.value == 2


def test_part_of_a_list_from_a_total_is_a_count():
    figures = figures_of("At the base, 10 of 12 victims of the crash were flown home.")
    assert [f.value for f in figures] == [10, 12]
