"""A figure's place and date come only from evidence around the count (issue 16, fifth class):
its own clause, the noun its relative clause tells of, the clauses above; else the article's date
(marked "article") and no place. Every text is invented for the test."""

from __future__ import annotations

import pytest

from tests.figure_texts import ARTICLE_DATE, figures_of, only


@pytest.mark.parametrize(
    ("sentence", "date", "date_source"),
    [
        ("On 3 March 2022, 80 soldiers were sent to Brastow.", "2022-03-03", "text"),
        ("Officials said on 3 March 2022 that 14 people were killed.", "2022-03-03", "text"),  # a report
        ("He is charged over the 2016 bombing that killed one person.", "2016", "text"),  # the noun told of
        # a date of another relative clause is not the count's
        (
            "Hundreds of veterans of the war that ended 30 years ago gathered on 3 March 2022.",
            "2022-03-03",
            "text",
        ),
        # the main clause's date is not what its relative clause says
        (
            "Ministers met on 3 March 2022 after the floods, which have killed 40 people.",
            ARTICLE_DATE,
            "article",
        ),
        ("Eighty soldiers were sent to Brastow.", ARTICLE_DATE, "article"),
    ],
)
def test_date_from_the_counts_own_clause(sentence, date, date_source):
    figure = only(figures_of(sentence))
    assert (figure.date, figure.date_source) == (date, date_source)


def test_no_date_without_a_dateline():
    figure = only(figures_of("Eighty soldiers were sent to Brastow.", date=None))
    assert (figure.date, figure.date_source) == (None, "none")


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("Eighty soldiers were sent to Paris.", "Paris"),
        ("The blast at the market in Lisbon killed 12 people.", "Lisbon"),  # a place phrase of the subject
        ("In Lisbon, she laid a wreath by the crater of the blast that killed 10 people.", "Lisbon"),
        ("In Lisbon, where the mayor resisted the deployment of 400 soldiers, the council met.", "Lisbon"),
        ("Four soldiers were prosecuted in absentia.", None),  # not a name
        (
            "The purchase of these five aircraft will help us open new routes across Europe.",
            None,
        ),  # another clause
        ("Clashes in Lisbon and Porto left 40 people injured.", None),  # several places
        ("The ministry said 4,000 Spanish soldiers were ready.", None),  # the soldiers' country
        ("Analysts at the Lisbon Herald said 300 people lost their jobs.", None),  # a publication
    ],
)
def test_place_from_the_counts_own_clause(sentence, place):
    assert only(figures_of(sentence)).place == place


def test_each_count_of_a_list_keeps_its_own_place():
    figures = figures_of("The floods killed 247 people in Portugal and 10 in Spain.")
    assert [(f.value, f.place) for f in figures] == [(247, "Portugal"), (10, "Spain")]


def test_a_participle_on_the_count_dates_and_places_it():
    figures = figures_of(
        "Six people were killed and at least 58 injured in a car bomb attack on Friday outside the"
        " town hall in the capital Lisbon."
    )
    assert (figures[1].value, figures[1].date, figures[1].place) == (58, "2023-05-05", "Lisbon")


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("The ambassador to Portugal was among hundreds injured.", None),  # a title, not a place
        ("Thousands of women marched on Friday to the Spanish mission.", None),  # the mission's owner
        ("Twelve guards were killed in the Lisbon market bombing.", "Lisbon"),  # where the event was
        # a clause the count's clause merely accompanies is no evidence
        ("He stood in the kitchen of his home in Lisbon chatting with one of his four sons.", None),
        ("The blast in Lisbon on Friday killed 12 people, police said.", "Lisbon"),
        ("Police in Lisbon said on Friday that 12 people were killed.", "Lisbon"),  # the report's
    ],
)
def test_place_is_not_taken_from_titles_owners_or_other_clauses(sentence, place):
    assert only(figures_of(sentence)).place == place


def test_a_part_after_including_takes_the_date_of_its_clause():
    figures = figures_of("The Aug. 7, 2019, floods killed more than 200 people, including 12 children.")
    assert [(f.value, f.date, f.date_source) for f in figures] == [
        (200, "2019-08-07", "text"),
        (12, "2019-08-07", "text"),
    ]


def test_an_open_complement_shares_the_date_of_its_clause():
    figure = only(figures_of("On 3 March 2022, the firm beat its rival to win an order for 179 tankers."))
    assert figure.date == "2022-03-03"
