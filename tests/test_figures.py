"""Figures: counts of people and units with qualifier, category, date and place.

Every text here is invented for the test (places and people of no real crisis).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder.extract.figures import extract_figures, parse_number, qualifier_of
from builder.extract.nlp import DEFAULT_MODEL, load_pipeline
from builder.model import Document, FigureCandidate, Paragraph

ARTICLE_DATE = "2023-05-10"


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(DEFAULT_MODEL)


@pytest.fixture(scope="module")
def figures_of(nlp):
    def run(text: str, date: str | None = ARTICLE_DATE) -> list[FigureCandidate]:
        paragraphs, offset = [], 0
        for index, part in enumerate(text.split("\n\n")):
            paragraphs.append(Paragraph(index, offset, offset + len(part)))
            offset += len(part) + 2
        document = Document(
            id="test",
            path="test.txt",
            title="test",
            text=text,
            date=date,
            date_source="dateline" if date else "none",
            paragraphs=tuple(paragraphs),
        )
        return extract_figures(document, nlp(text))

    return run


def only(figures: list[FigureCandidate]) -> FigureCandidate:
    assert len(figures) == 1, figures
    return figures[0]


# --- numbers and qualifiers ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [("1,200", 1200), ("5.4 million", 5_400_000), ("seven", 7), ("two hundred", 200), ("a dozen", 12),
     ("three thousand five hundred", 3500), ("twenty-five", 25), ("1,043,460", 1_043_460)],
)  # fmt: skip
def test_parse_number(text, value):
    assert parse_number(text) == value


@given(st.integers(min_value=1, max_value=10**9))
def test_parse_number_reads_any_grouped_integer(n):
    assert parse_number(f"{n:,}") == n
    assert parse_number(str(n)) == n


def test_parse_number_refuses_words():
    assert parse_number("officers") is None


@pytest.mark.parametrize(
    ("sentence", "qualifier"),
    [
        ("Officials said 40 soldiers were sent to Valdor.", "exact"),
        ("Officials said at least 40 soldiers were sent to Valdor.", "at_least"),
        ("Officials said more than 40 soldiers were sent to Valdor.", "more_than"),
        ("Officials said some 40 soldiers were sent to Valdor.", "about"),
        ("Officials said around 40 soldiers were sent to Valdor.", "about"),
        ("Officials said nearly 40 soldiers were sent to Valdor.", "about"),
        ("Officials said up to 40 soldiers were sent to Valdor.", "at_most"),
        ("Officials said fewer than 40 soldiers were sent to Valdor.", "less_than"),
        ("Officials said 40 or more soldiers were sent to Valdor.", "at_least"),
    ],
)
def test_qualifier(figures_of, sentence, qualifier):
    figure = only(figures_of(sentence))
    assert (figure.value, figure.qualifier, figure.category) == (40, qualifier, "military")


def test_qualifier_of_reads_the_text_around_the_number():
    assert qualifier_of("Police said that no fewer than ") == "at_least"
    assert qualifier_of("The agency counted ", " or so families") == "about"
    assert qualifier_of("The agency counted ") == "exact"


# --- categories ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "value", "category", "counted"),
    [
        ("The ministry sent 300 riot police officers to Port Amsel.", 300, "police", "riot police officers"),
        ("About 1,500 troops were deployed along the Korva river.", 1500, "military", "troops"),
        (
            "The company hired 25 private security guards for the mine.",
            25,
            "security",
            "private security guards",
        ),
        ("The coast guard said 2,400 migrants were rescued at sea.", 2400, "migrants", "migrants"),
        ("Nearly 3,000 families were displaced by the floods in Tarvik.", 3000, "displaced", "families"),
        ("Police detained 52 protesters outside the parliament.", 52, "detained", "protesters"),
        ("The government deported 150 Haitians on Monday.", 150, "deported", "Haitians"),
        ("At least 12 people were killed in the blast.", 12, "killed", "people"),
        ("Fourteen civilians were wounded by shelling.", 14, "injured", "civilians"),
        ("Some 40 inmates escaped from the Dolmen prison.", 40, "prisoners", "inmates"),
        ("The army bought 35 armored vehicles.", 35, "other", "armored vehicles"),
        ("Border agents reported 11 illegal crossings last month.", 11, "other", "illegal crossings"),
    ],
)
def test_category(figures_of, sentence, value, category, counted):
    figure = only(figures_of(sentence))
    assert (figure.value, figure.category, figure.counted) == (value, category, counted)


def test_detention_of_people_is_detained(figures_of):
    figure = only(figures_of("Police announced the detention of at least 500 travellers at the crossing."))
    assert (figure.value, figure.qualifier, figure.category) == (500, "at_least", "detained")


def test_agents_of_a_killing_keep_their_own_category(figures_of):
    figures = figures_of("Eighty soldiers killed 30 rebels near Osk.")
    assert [(f.value, f.category) for f in figures] == [(80, "military"), (30, "killed")]


def test_a_count_that_rose_from_one_level_to_another_gives_both(figures_of):
    figures = figures_of("The number of troops in Osk rose from 5,000 to 8,000. Prices rose from 10 to 12.")
    assert [(f.value, f.category, f.counted) for f in figures] == [
        (5000, "military", "troops"),
        (8000, "military", "troops"),
    ]


def test_a_new_level_told_with_its_time_is_a_count_of_the_same(figures_of):
    # the parser hangs "300,000" on "year": "to more than 300,000 | last year"
    text = (
        "The number of visitors to Osk jumped from fewer than 100,000 in 1980 to more than 300,000 last year."
    )
    assert [(f.value, f.counted, f.qualifier) for f in figures_of(text)] == [
        (100000, "visitors", "less_than"),
        (300000, "visitors", "more_than"),
    ]


def test_a_number_whose_verb_is_left_out_counts_what_the_number_before_it_counts(figures_of):
    text = (
        "Rebels killed 12 people in Osk and 3 in Vell. Five soldiers died in Osk and two in Vell. "
        "Visas were approved for three other people: a doctor, a nurse and one of his cousins."
    )
    assert [(f.value, f.category, f.counted) for f in figures_of(text)] == [
        (12, "killed", "people"),
        (3, "killed", "people"),
        (5, "killed", "soldiers"),
        (2, "killed", "soldiers"),
        (3, "other", "other people"),
    ]


def test_troops_moved_to_a_place_are_not_displaced(figures_of):
    text = "The plan includes more than 900 naval personnel who will be displaced to the coast."
    assert only(figures_of(text)).category == "military"


def test_modifier_decides_a_generic_head(figures_of):
    figure = only(figures_of("A military officer and 9 prison officers arrived."))
    assert (figure.value, figure.category) == (9, "security")


def test_demonyms_count_as_migrants_only_when_moving(figures_of):
    moving = only(figures_of("Tens of thousands of Syrians have crossed into Jordan."))
    assert (moving.value, moving.vague, moving.category) == (10_000, True, "migrants")
    staying = only(figures_of("The president vowed to protect the 9 million Austrians who want peace."))
    assert (staying.value, staying.category) == (9_000_000, "other")


# --- structure: coordination, elision, "the number of X" -------------------------------


def test_coordinated_counts_are_split(figures_of):
    figures = figures_of("Four police officers and one military officer were wounded in Ardel.")
    assert [(f.value, f.category, f.counted) for f in figures] == [
        (4, "injured", "police officers"),
        (1, "injured", "military officer"),
    ]


def test_elided_count_takes_the_noun_said_before(figures_of):
    figures = figures_of("At least two guards had died and about six were injured after the riot.")
    assert [(f.value, f.qualifier, f.category, f.counted) for f in figures] == [
        (2, "at_least", "killed", "guards"),
        (6, "about", "injured", "guards"),
    ]


def test_others_after_a_count(figures_of):
    figures = figures_of("Seven people died and three others were hurt.")
    assert [(f.value, f.category, f.counted) for f in figures] == [
        (7, "killed", "people"),
        (3, "injured", "people"),
    ]


def test_parts_are_kept_apart_from_their_total(figures_of):
    figures = figures_of("At least 12 people were killed, including five children, in Kandor.")
    assert [(f.value, f.category, f.part_of_total) for f in figures] == [
        (12, "killed", False),
        (5, "killed", True),
    ]
    figures = figures_of("Forty people were injured, among them 12 police officers.")
    assert [(f.value, f.category, f.part_of_total) for f in figures] == [
        (40, "injured", False),
        (12, "injured", True),
    ]


def test_a_total_of(figures_of):
    figure = only(figures_of("A total of 350 migrants were deported to Guatemala in 2022."))
    assert (figure.value, figure.category, figure.date, figure.place) == (
        350,
        "deported",
        "2022",
        "Guatemala",
    )


def test_participle_as_noun(figures_of):
    figure = only(figures_of("The raid left at least nine injured."))
    assert (figure.value, figure.qualifier, figure.category) == (9, "at_least", "injured")


def test_number_of_officers_increased_to(figures_of):
    text = "In the province of Harlow, the number of police officers has been increased to 650."
    figure = only(figures_of(text))
    assert (figure.value, figure.category, figure.counted, figure.place) == (
        650,
        "police",
        "police officers",
        "Harlow",
    )


def test_death_toll_rose_to(figures_of):
    figure = only(figures_of("The death toll rose to 45 on Friday."))
    assert (figure.value, figure.category, figure.date) == (45, "killed", "2023-05-05")


def test_count_without_noun_from_the_sentence_before(figures_of):
    text = (
        "Since 2016, the exodus of Nicaraguans fleeing repression has grown. "
        "Costa Rica is home to 210,000 (May 2022 figure) of the 600,000 that have left the country."
    )
    figures = figures_of(text)
    assert [(f.value, f.category, f.counted, f.date) for f in figures] == [
        (210_000, "migrants", "Nicaraguans", "2022-05"),
        (600_000, "migrants", "Nicaraguans", "2022-05"),
    ]


def test_things_that_rise_are_not_counted(figures_of):
    assert figures_of("Farmers said bread prices rose to 400 in the capital.") == []


def test_vague_counts_are_kept_vague(figures_of):
    figures = figures_of("Hundreds of residents fled and dozens of journalists gathered in Oslo.")
    assert [(f.value, f.qualifier, f.vague, f.category) for f in figures] == [
        (100, "more_than", True, "displaced"),
        (12, "more_than", True, "other"),
    ]


# --- date, place, source ------------------------------------------------------------------


def test_date_and_place_from_the_sentence(figures_of):
    figure = only(figures_of("On 3 March 2022, 80 soldiers were sent to the town of Brastow."))
    assert (figure.date, figure.place) == ("2022-03-03", "Brastow")
    assert only(figures_of("Eighty soldiers were sent to Paris.")).place == "Paris"


def test_date_falls_back_to_the_article(figures_of):
    assert only(figures_of("Eighty soldiers were sent to Brastow.")).date == ARTICLE_DATE
    assert only(figures_of("Eighty soldiers were sent to Brastow.", date=None)).date is None


def test_source_is_the_sentence(figures_of):
    text = "The storm hit at dawn. Rescuers found 14 bodies in Kelm."
    figure = only(figures_of(text))
    assert figure.source.text == "Rescuers found 14 bodies in Kelm."
    assert text[figure.source.start : figure.source.end] == figure.source.text
    assert figure.category == "killed"


# --- not figures ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "In 2019 the plan was approved by the assembly.",  # year
        "The talks began on March 4 and ended on 12 April 2021.",  # dates
        "The curfew runs from 9:00 p.m. to 5 a.m. every night.",  # times
        "The minister declared a 60-day state of emergency for 90 days.",  # durations
        "The wall covers a 1,500-km border, 40 km from the capital.",  # distances
        "The city recorded 12 homicides per 100,000 residents.",  # rates
        "Support for the plan fell to 60 percent, or 45%, in May.",  # percentages
        "The state paid $300 million and 500 euros to 3 contractors' firms.",  # money
        "He finished second in the 2nd round and took 1st place.",  # ordinals
        "Status 1745236712345678901 was shared by the account.",  # tweet ids
        "The thread goes on (1/2) pic.twitter.com/a1b2c3 with 3/4 more posts.",  # list markers
        "One of the leaders spoke to the two parties.",  # neither people counted nor units
        "The 15-member council heard a 12-year-old witness.",  # hyphenated modifiers
        "The force has one officer for every 400 residents.",  # a ratio
        "Flight 370 landed on Route 66 under Article 5.",  # numbers in names
    ],
)
def test_not_figures(figures_of, sentence):
    assert figures_of(sentence) == []


def test_skipped_paragraphs_give_no_figures(nlp):
    text = "Eighty soldiers were sent.\n\nQuatre-vingts soldats ont été envoyés."
    document = Document(
        id="t",
        path="t.txt",
        title="t",
        text=text,
        date=None,
        date_source="none",
        paragraphs=(Paragraph(0, 0, 26), Paragraph(1, 28, len(text), "fr")),
    )
    assert [f.value for f in extract_figures(document, nlp(text), skip={0})] == []


def test_seized_weapons_are_not_detainees(figures_of):
    figures = figures_of("Troops seized 14 rifles and captured 6 trucks.")
    assert [(f.value, f.category) for f in figures] == [(14, "other"), (6, "other")]


def test_force_units_take_their_modifier(figures_of):
    figures = figures_of("Twenty police units and 4 army patrols were deployed.")
    assert [(f.value, f.category) for f in figures] == [(20, "police"), (4, "military")]


def test_lives_claimed_are_deaths(figures_of):
    figure = only(figures_of("The violence has claimed more than 2,500 lives."))
    assert (figure.value, figure.qualifier, figure.category) == (2500, "more_than", "killed")


def test_unlisted_noun_counts_when_the_event_says_so(figures_of):
    figure = only(figures_of("At least 80 Zorani have fled across the river."))
    assert (figure.value, figure.category) == (80, "displaced")


def test_a_range_is_one_figure_with_both_ends(figures_of):
    figures = figures_of("Between 200 and 300 soldiers were sent, and 50 to 60 people died.")
    assert [(f.value, f.value_max, f.qualifier, f.category) for f in figures] == [
        (200, 300, "at_least", "military"),
        (50, 60, "at_least", "killed"),
    ]


def test_several_hundred_is_vague_but_some_millions_are_not(figures_of):
    figures = figures_of("Several hundred soldiers and some 5.4 million refugees were counted.")
    assert [(f.value, f.qualifier, f.vague) for f in figures] == [
        (100, "more_than", True),
        (5_400_000, "about", False),
    ]


def test_second_count_of_a_sentence_keeps_the_noun(figures_of):
    figures = figures_of("At least 12 people were killed and 40 injured in the attack.")
    assert [(f.value, f.category, f.counted) for f in figures] == [
        (12, "killed", "people"),
        (40, "injured", "people"),
    ]


def test_of_them_marks_a_part(figures_of):
    figures = figures_of("Police said 45 people had been arrested, 30 of them minors.")
    assert [(f.value, f.category, f.part_of_total) for f in figures] == [
        (45, "detained", False),
        (30, "detained", True),
    ]


def test_breaking_out_is_an_escape(figures_of):
    assert only(figures_of("A dozen gang members broke out of jail.")).category == "prisoners"


def test_object_of_a_passive_event_is_not_its_victim(figures_of):
    figures = figures_of("More than 900 naval personnel will be displaced up to 30 remote paths.")
    assert [(f.value, f.category) for f in figures] == [(900, "military")]


def test_another_count_that_crossed_a_border(figures_of):
    text = "Some 20,000 people had fled into Chad, and another 4,000 had crossed into South Sudan."
    figures = figures_of(text)
    assert [(f.value, f.category, f.place) for f in figures] == [
        (20_000, "displaced", "Chad"),
        (4_000, "migrants", "South Sudan"),
    ]


def test_speaker_is_not_what_is_counted(figures_of):
    assert figures_of("Police said 300 entered the stadium.") == []


def test_headline_without_a_verb(figures_of):
    assert [(f.value, f.category) for f in figures_of("Three hundred soldiers to the border")] == [
        (300, "military")
    ]


def test_a_count_inside_a_mislabelled_quantity(figures_of):
    figures = figures_of("Temperatures hit 45 degrees as 300 workers walked out.")
    assert [(f.value, f.counted) for f in figures] == [(300, "workers")]


def test_agents_are_not_the_object_of_their_own_arrests(figures_of):
    figures = figures_of("At dawn, 60 police raided 14 homes, arresting 9.")
    assert [(f.value, f.category) for f in figures] == [(60, "police"), (14, "other")]  # homes are units


def test_strong_forces_are_counts(figures_of):
    figures = figures_of(
        "A 5,000-strong force of soldiers was deployed, joining a 300-strong police contingent."
    )
    assert [(f.value, f.category, f.counted) for f in figures] == [
        (5000, "military", "soldiers"),
        (300, "police", "police contingent"),
    ]


def test_a_count_since_a_date_is_dated_by_the_article(figures_of):
    figure = only(figures_of("The government has expelled 1,200 Afghan nationals since January."))
    assert (figure.category, figure.date) == ("deported", ARTICLE_DATE)


def test_place_phrase_of_the_clause_beats_a_nearer_name(figures_of):
    text = (
        "In a raid on the Korsk Penitentiary, a symbol of the unrest gripping Brazil, "
        "five guards were wounded."
    )
    assert only(figures_of(text)).place == "Korsk Penitentiary"
    assert only(figures_of("Greek coast guards intercepted 96 migrants off Lesbos.")).category == "migrants"


def test_dates_are_days_months_or_years(figures_of):
    assert only(figures_of("Officials said 14 people died last week.")).date == ARTICLE_DATE


# --- generality: counted nouns, groups, money --------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # People nouns from the broad list and agent nouns by suffix.
        ("The coast guard pulled 26 fishermen from the surf.", (26, "other", "fishermen")),
        ("Some 40 strikers were hurt in the clashes.", (40, "injured", "strikers")),
        ("Twelve inspectors arrived at the plant.", (12, "other", "inspectors")),
        ("Lorvan said 90 picketers blocked the mill gate.", (90, "other", "picketers")),
        ("At least 70 occupants were evacuated from the tower.", (70, "displaced", "occupants")),
        # Unit nouns count as "other".
        ("The storm destroyed about 310 houses in Keldra.", (310, "other", "houses")),
        ("Aid agencies set up 1,800 tents near the stadium.", (1800, "other", "tents")),
        # States the subject or object is put in.
        (
            "More than 8,000 residents stayed under evacuation orders on Sunday.",
            (8000, "displaced", "residents"),
        ),
        ("Rangers took 17 poachers into custody.", (17, "detained", "poachers")),
        ("The old fortress is home to 6,000 refugees.", (6000, "migrants", "refugees")),
        ("Officials said 12 200 tents were handed out.", (12200, "other", "tents")),
    ],
)
def test_counted_nouns_beyond_a_closed_list(figures_of, text, expected):
    value, category, counted = expected
    figure = only(figures_of(text))
    assert (figure.value, figure.category, figure.counted) == (value, category, counted)


def test_hundreds_of_thousands_is_one_vague_figure(figures_of):
    figure = only(figures_of("The drought has hit hundreds of thousands of herders in the north."))
    assert (figure.value, figure.qualifier, figure.vague) == (100_000, "more_than", True)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Police in Tarvos said 45 task force members had joined the search.", "police"),
        ("The army general said a task force of 120 would guard the dam.", "military"),
        ("A task force of 30 volunteers cleared the road.", "other"),
    ],
)
def test_a_task_force_takes_the_force_named_around_it(figures_of, text, category):
    assert only(figures_of(text)).category == category


def test_officers_of_a_named_force_take_the_force_of_its_head(figures_of):
    figure = only(figures_of("A manhunt involved 250 officers of the Maritime Security Police."))
    assert figure.category == "police"


@pytest.mark.parametrize(
    "text",
    [
        "Farmers were paid 4,500 shillings each.",
        "The bridge cost 3 million naira to repair.",
        "Each household received KES 2,000 from the fund.",
        "The province lost 800 rupees a day per farm.",
    ],
)
def test_money_in_any_currency_is_not_a_figure(figures_of, text):
    assert figures_of(text) == []


@pytest.mark.parametrize(
    ("text", "value"), [("12 200", 12200), ("1 200 300", 1_200_300), ("12 20", None), ("2019 300", None)]
)
def test_space_thousands_need_three_digit_groups(text, value):
    assert parse_number(text) == value


def test_n_more_counts_the_noun_said_before(figures_of):
    text = "Divers recovered 11 bodies from the quarry lake. On Sunday they found 6 more, the mayor said."
    assert [(f.value, f.category) for f in figures_of(text)] == [(11, "killed"), (6, "killed")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The gendarmerie contingent in Oskar was raised to 1,200.", (1200, "police")),
        ("The peacekeeping force has grown to 9,000.", (9000, "military")),
        ("The task force was expanded to 60 after army units joined.", (60, "military")),
    ],
)
def test_a_group_grown_to_a_size_is_a_count(figures_of, text, expected):
    figure = only(figures_of(text))
    assert (figure.value, figure.category) == expected
