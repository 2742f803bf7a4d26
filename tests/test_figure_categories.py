"""A figure's category comes from evidence (issue 16, third class): the counted noun with its verb
and modifiers; casualty categories need people; an office is not a force, a court is not a
deployment; "other" is a fine answer. Every text is invented for the test."""

from __future__ import annotations

import pytest

from tests.figure_texts import figures_of, only


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        ("The bank has 53 executive officers.", "other"),
        ("Twelve travel agents attended the fair.", "other"),
        ("Six officers were injured in the riot.", "injured"),
        ("The ministry sent 300 police officers to Velm.", "police"),
        ("Four soldiers were prosecuted in absentia.", "other"),
        ("Forty soldiers were sent to the border.", "military"),
        ("About 30 cattle were killed by the floods.", "other"),
        ("At least 30 herders were killed by the floods.", "killed"),
        ("The airline sent 30 personnel to the airport.", "other"),
        ("The army sent 300 personnel to the airport.", "military"),
        ("The 40 detainees, six Ardish and six Velmish, were rounded up at dawn.", "detained"),
        ("Two suspects in the bombing were handed over to the police.", "detained"),
        ("The 200 embassy staff left the country on Monday.", "other"),
        ("Nine people remained in custody on Friday.", "detained"),
        ("The latest arrest brought to nine the number of people in custody.", "detained"),
        ("The number injured topped 2,200.", "injured"),
        ("That brought the toll to 59.", "killed"),
        # a reporting verb's participle says what befell them
        ("At least 14 people were reported killed in clashes in Velm.", "killed"),
        ("Nine fishermen are feared drowned off Velm.", "killed"),
        ("About 300 people attended a vigil in Velm a week after the mayor was killed.", "other"),
        ("The ministry will deploy 4,000 Marines to Velm.", "military"),  # a force's capitalised plural
    ],
)
def test_category_from_the_counted_noun_and_its_predicate(sentence, category):
    assert only(figures_of(sentence)).category == category


def test_a_companion_shares_the_subjects_fate():
    figures = figures_of("Eleven guards were killed, along with five drivers at the depot.")
    assert [(f.value, f.category) for f in figures] == [(11, "killed"), (5, "killed")]


def test_the_agents_of_a_killing_are_not_its_victims():
    figures = figures_of("Two bombs exploded outside the station, killing at least 81 people.")
    assert [(f.value, f.category) for f in figures] == [(81, "killed")]


@pytest.mark.parametrize(
    "sentence",
    [
        "The 14 foreigners -- six Kenyans and eight Somalis -- were rounded up.",  # an apposition
        "The 14 detainees, six Kenyans and eight Somalis, were rounded up.",  # parsed as a list
    ],
)
def test_every_item_of_a_breakdown_is_a_part(sentence):
    figures = figures_of(sentence)
    assert [(f.value, f.category, f.part_of_total) for f in figures] == [
        (14, "detained", False),
        (6, "detained", True),
        (8, "detained", True),
    ]


def test_coordinated_counts_that_do_not_add_up_are_no_breakdown():
    figures = figures_of("Police detained 12 men, six women and four children.")
    assert [(f.value, f.part_of_total) for f in figures] == [(12, False), (6, False), (4, False)]


def test_a_group_counted_by_its_members():
    figure = only(figures_of("A 62-member rescue team was flown to the city."))
    assert (figure.value, figure.counted, figure.category) == (62, "rescue team", "other")
    assert figures_of("The 15-member council met on Monday.") == []


def test_a_table_of_counts():
    text = (
        "The latest figures for the floods.\n\nNORWAY:\nTotal dead: 19\nChildren: 7\nInjured: 480\n"
        "Hospitalized: 54\nTreated and discharged: 426\n\nVALDORIA:\nTotal dead: 3\nForeigners: 0"
    )
    figures = figures_of(text)
    assert [(f.value, f.category, f.counted, f.place, f.part_of_total) for f in figures] == [
        (19, "killed", "Total dead", "Norway", False),
        (7, "killed", "Children", "Norway", True),
        (480, "injured", "Injured", "Norway", False),
        (54, "injured", "Hospitalized", "Norway", True),
        (426, "injured", "Treated and discharged", "Norway", True),
        (3, "killed", "Total dead", None, False),
    ]
    assert figures[0].source.text == "Total dead: 19"


def test_a_single_label_line_is_no_table():
    assert figures_of("Note: 5") == []


def test_armed_men_are_no_army_and_charged_agents_no_deployment():
    assert only(figures_of("The boat landed with 82 armed men.")).category == "other"
    assert only(figures_of("Two members of the armed forces were sent.")).category == "military"
    assert only(figures_of("350 members of the Ardian Armed Forces arrived in Velm.")).category == "military"
    assert (
        only(figures_of("The court named two intelligence agents charged in the attack.")).category == "other"
    )


def test_others_coordinated_with_a_thing_count_things():
    assert figures_of("Investigators compared the attack on the bank and four others.") == []


def test_a_state_after_known_to_be():
    assert only(figures_of("Six suspects are known to be in custody in the capital.")).category == "detained"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a participle right after the number says what befell it, not the clause it hangs on
        (
            "More than 100 people have died, eight of them guards and over 1,000 injured.",
            (1000, "injured", "people"),
        ),
        # "lives" claimed: the bare number after them counts people
        ("The storms claimed at least 217 lives and injured nearly 5,000.", (5000, "injured", "people")),
        # the others of a person are people too, and share the verb
        ("The driver and 10 others perished when the boat sank.", (10, "killed", "others")),
        # companions of an intransitive event share it
        ("His mother died with nine other adults when the boat sank.", (9, "killed", "other adults")),
    ],
)
def test_what_befell_a_count_said_with_others(sentence, expected):
    figure = [f for f in figures_of(sentence) if f.value == expected[0]]
    assert [(f.value, f.category, f.counted) for f in figure] == [expected]
