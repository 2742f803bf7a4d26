"""The TimeML tagger, rule by rule: every TIMEX3 type, its value, and what consumers may read of it.

Texts are our own; dates are chosen so that the direction of each rule shows.
"""

import pytest

from builder.corpus import split_paragraphs
from builder.extract.times import event_date, is_extent, tag_times
from builder.model import Document
from builder.values import timex


def document(text, date):
    return Document("d", "d.txt", "", text, date, "dateline" if date else "none", split_paragraphs(text))


def tagged(text, date, doc=None):
    return [(t.span.text, t.kind, t.value) for t in tag_times(document(text, date), doc)]


def values(text, date, doc=None):
    return {t.span.text: t.value for t in tag_times(document(text, date), doc)}


@pytest.fixture(scope="module")
def nlp():
    from builder.extract.nlp import DEFAULT_MODEL, load_pipeline

    return load_pipeline(DEFAULT_MODEL)


# --- written dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The levee broke on 9/26/1999 near Orlen.", "1999-09-26"),
        ("The levee broke on 7/8/07 near Orlen.", "2007-07-08"),
        ("On Monday, Oct. 12, 2009, the levee broke.", "2009-10-12"),
        ("On the 3rd of March 2021 the levee broke.", "2021-03-03"),
        ("In January nineteen ninety-seven the levee broke.", "1997-01"),
    ],
)
def test_full_dates_need_no_anchor(text, expected):
    assert expected in values(text, None).values()


def test_a_weekday_beside_a_day_picks_the_year_it_agrees_with():
    # 26 October was a Monday in 1998, a Sunday in 1997: the weekday settles the year.
    assert values("The paper said in an editorial on Monday, Oct. 26: the law failed.", "1998-10-25") == {
        "Monday, Oct. 26": "1998-10-26"
    }


def test_last_with_a_day_is_the_one_before_the_article():
    assert values("He was shot last Oct. 23 at his home.", "1999-05-07") == {"last Oct. 23": "1998-10-23"}


def test_a_deadline_told_in_the_past_stays_in_the_articles_year(nlp):
    # Told in the past tense, a day a few weeks ahead is a deadline, not last year's day.
    text = "The board set Nov. 10 as the deadline for bids."
    assert values(text, "2023-10-27", nlp(text)) == {"Nov. 10": "2023-11-10"}


def test_a_day_long_past_told_in_the_past_is_last_years(nlp):
    text = "Police said the first attack happened on Dec. 30."
    assert values(text, "2024-01-05", nlp(text)) == {"Dec. 30": "2023-12-30"}


@pytest.mark.parametrize(
    "sentence, dateline, expected",
    [
        ("The treaty may be signed on September 12 in Vell.", "2023-09-20", "2024-09-12"),
        ("The bridge should be completed in October.", "2023-11-05", "2024-10"),
        ("Construction will begin on April 7.", "2023-05-01", "2024-04-07"),
        ("Celebrations on November 16 will close the season.", "2023-11-05", "2023-11-16"),
        ("The ferry company agreed to buy the port of Vell in January.", "2023-10-20", "2024-01"),
        ("The relatives could come to Vell as soon as Tuesday.", "2024-05-16", "2024-05-21"),
    ],
)
def test_tense_and_modality_point_ahead(nlp, sentence, dateline, expected):
    assert expected in values(sentence, dateline, nlp(sentence)).values()


def test_a_term_told_in_the_pluperfect_is_behind_the_articles_date(nlp):
    # "had been due to expire": the term was told before; "is due to expire" still points ahead.
    past = "The offer had been due to expire Friday evening."
    ahead = "The offer is due to expire Friday evening."
    assert values(past, "2023-10-30", nlp(past)) == {"Friday evening": "2023-10-27TEV"}
    assert values(ahead, "2023-10-30", nlp(ahead)) == {"Friday evening": "2023-11-03TEV"}


def test_a_month_without_a_verb_is_the_articles_year():
    assert values("A June agreement ended the strike.", "2023-10-20") == {"June": "2023-06"}


@pytest.mark.parametrize(
    "text",
    ["The envoys may meet again.", "The song was sung by June Carter.", "Prices fall when ports reopen."],
)
def test_words_that_are_not_dates(text):
    assert values(text, "2024-01-10") == {}


def test_an_undated_article_gets_underspecified_values():
    text = "On March 3 the mill shut; in May it reopened. On Monday it closed again."
    assert values(text, None) == {"March 3": "XXXX-03-03", "May": "XXXX-05", "Monday": "XXXX-WXX-1"}
    assert [event_date(t) for t in tag_times(document(text, None))] == [None, None, None]


# --- years, decades, centuries, holidays ------------------------------------------------------------


def test_bare_years_and_what_is_not_a_year(nlp):
    text = "The 1992 protests drew 2000 troops to Flight 1549 and cost $2000 in 2004."
    assert values(text, "2005-01-10", nlp(text)) == {"1992": "1992", "2004": "2004"}


def test_spoken_years():
    found = values("Atlanta nineteen ninety-six. A bomb went off.", "1998-02-27")
    assert found == {"nineteen ninety-six": "1996"}


@pytest.mark.parametrize(
    "text, span, value",
    [
        ("Growth slowed in the 1990s.", "the 1990s", "199"),
        ("Prices rose in the late '80s.", "the late '80s", "198"),
        ("It was the custom in the 20th century.", "the 20th century", "19"),
        ("The temple dates from the 11th century.", "the 11th century", "10"),
    ],
)
def test_decades_and_centuries(text, span, value):
    assert values(text, "1999-05-01") == {span: value}


def test_an_age_in_decades_is_not_a_decade():
    assert values("He was in his 30s when he left.", "1999-05-01") == {}


def test_holidays_computed_for_the_right_year(nlp):
    text = "The boy was found on Thanksgiving Day off the coast."
    assert values(text, "2000-01-06", nlp(text)) == {"Thanksgiving Day": "1999-11-25"}
    assert values("Easter 2024 was early.", None) == {"Easter 2024": "2024-03-31"}


# --- quarters, halves, company reports ----------------------------------------------------------------


def test_quarters_and_the_periods_they_are_compared_with(nlp):
    text = (
        "Vell Mills reported a third-quarter loss. In the year-ago quarter it earned $5 million. "
        "Sales in the quarter fell 3% from $12 million a year earlier."
    )
    found = tagged(text, "2023-10-26", nlp(text))
    assert found == [
        ("third-quarter", "date", "2023-Q3"),
        ("the year-ago quarter", "date", "2022-Q3"),
        ("the quarter", "date", "2023-Q3"),
        ("a year earlier", "date", "2022-Q3"),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Profit fell in the 1988 second quarter.", "1988-Q2"),
        ("Profit fell in the third quarter of 1984.", "1984-Q3"),
        ("Profit fell in Q3 2013.", "2013-Q3"),
        ("Profit rose in the first half of 2012.", "2012-H1"),
        ("Profit rose 5% in the latest quarter.", "2023-Q3"),
        ("Sales should grow in the current quarter.", "2023-Q4"),
    ],
)
def test_quarter_and_half_forms(text, expected):
    assert expected in values(text, "2023-10-26").values()


def test_a_quarter_of_something_is_not_time():
    assert values("A quarter of the vote and three-quarters of its food went to Vell.", "2023-10-26") == {}


# --- relative and anaphoric dates -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, span, value",
    [
        ("The mill shut last week.", "last week", "2024-W19"),  # 2024-05-15 is in week 20
        ("The fair opens this weekend.", "this weekend", "2024-W20-WE"),
        ("The mill reopens next month.", "next month", "2024-06"),
        ("The mill shut two years ago.", "two years ago", "2022"),
        ("Rain fell earlier this month.", "earlier this month", "2024-05"),
        ("Prices fell over the weekend.", "the weekend", "2024-W19-WE"),
        ("Mills closed in the past year.", "the past year", "2023"),
    ],
)
def test_relative_to_the_article(text, span, value):
    assert values(text, "2024-05-15") == {span: value}


def test_the_following_year_leans_on_the_year_before():
    assert values("In 1995 he was promoted; the following year he left.", "1998-04-18") == {
        "1995": "1995",
        "the following year": "1996",
    }


def test_the_previous_weekday_is_counted_from_the_date_before():
    found = values("The index closed at 2,082 on Oct. 27, down from the previous Friday.", "1989-10-30")
    assert found["the previous Friday"] == "1989-10-20"


# --- references, durations, sets, times of day -------------------------------------------------------


@pytest.mark.parametrize(
    "text, span, value",
    [
        ("The fund now holds cash.", "now", "PRESENT_REF"),
        ("The fund currently holds cash.", "currently", "PRESENT_REF"),
        ("The fund recently sold bonds.", "recently", "PAST_REF"),
        ("Kidnappings rose in recent years.", "recent years", "PAST_REF"),
        ("Prices may fall in the future.", "the future", "FUTURE_REF"),
        ("The economy will slow in coming months.", "coming months", "FUTURE_REF"),
        ("Many left years ago.", "years ago", "PAST_REF"),
    ],
)
def test_vague_references(text, span, value):
    assert values(text, "2024-05-15") == {span: value}


@pytest.mark.parametrize(
    "text, span, value",
    [
        ("The meeting lasted two hours.", "two hours", "PT2H"),
        ("The talks took 5 1/2 hours.", "5 1/2 hours", "PT5H30M"),
        ("They lived in camps for two and a half years.", "two and a half years", "P2Y6M"),
        ("Nothing will change for a couple of years.", "a couple of years", "P2Y"),
        ("Ukraine was ruled from Moscow for centuries.", "centuries", "PXC"),
        ("Profits rose over the past three years.", "the past three years", "P3Y"),
        ("Net rose in the first nine months.", "the first nine months", "P9M"),
        ("The project is several weeks late.", "several weeks", "PXW"),
        ("The flight took 30 minutes.", "30 minutes", "PT30M"),
        ("The stock hit a 52-week high.", "52-week", "P52W"),
    ],
)
def test_durations(text, span, value):
    assert values(text, "2024-05-15") == {span: value}


@pytest.mark.parametrize(
    "text",
    [
        "The plan saves $500 million a year.",  # a rate
        "A second group of directors resigned.",  # an ordinal
        "He watched 60 Minutes on Sunday night.",  # a programme's name
    ],
)
def test_not_durations(text):
    assert all(t.kind != "duration" for t in tag_times(document(text, "2024-05-15")))


@pytest.mark.parametrize(
    "text, span, value",
    [
        ("Rallies are held daily.", "daily", "P1D"),
        ("The council meets every week.", "every week", "P1W"),
        ("A flight leaves each Thursday.", "each Thursday", "XXXX-WXX-4"),
        ("Orangemen march each July.", "each July", "XXXX-07"),
        ("The board meets twice a month.", "twice a month", "P1M"),
        ("Flights leave on Mondays.", "Mondays", "XXXX-WXX-1"),
    ],
)
def test_sets(text, span, value):
    assert [(t.span.text, t.kind, t.value) for t in tag_times(document(text, "2024-05-15"))] == [
        (span, "set", value)
    ]


@pytest.mark.parametrize(
    "text, span, value",
    [
        ("The blast hit at 10:35 a.m. Friday.", "10:35 a.m. Friday", "1998-08-07T10:35"),
        ("Talks broke off at noon Thursday.", "noon Thursday", "1998-08-06T12:00"),
        ("The bomb went off Friday morning.", "Friday morning", "1998-08-07TMO"),
        ("Officials met this morning.", "this morning", "1998-08-08TMO"),
        ("The plane took off at 18:00 UTC on Friday.", "18:00 UTC on Friday", "1998-08-07T18:00Z"),
        ("Shelling resumed last night.", "last night", "1998-08-07TNI"),
    ],
)
def test_times_of_day_on_their_day(text, span, value):
    # 1998-08-08 is a Saturday.
    assert tagged(text, "1998-08-08") == [(span, "time", value)]


# --- what the consumers read -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The mill shut on Friday morning.", "1998-08-07"),  # a time of day narrows to its day
        ("The mill shut in the third quarter.", "1998"),  # a quarter widens to its year
        ("The mill shut recently.", None),  # PAST_REF
        ("The mill shut for 90 days.", None),  # a duration
        ("The mill shuts every week.", None),  # a set
        ("The mill shut in the 1990s.", None),  # a decade
        ("The mill shut at 10 p.m.", None),  # a clock time alone borrows its day
    ],
)
def test_event_date_reads_only_calendar_dates(text, expected):
    (time,) = tag_times(document(text, "1998-08-08"))
    assert event_date(time) == expected


@pytest.mark.parametrize(
    "text, extent",
    [
        ("The governor declared a 30-day curfew.", True),
        ("The port closed for 90 days.", True),
        ("Shares fell to twelve-year lows on Thursday.", False),
        ("The jet was delivered 18 months behind schedule.", False),
        ("Crime rose in the past three years.", False),
        ("Troops arrived within 30 days.", False),
        ("Refugees waited for years.", False),
    ],
)
def test_only_the_length_of_a_happening_gives_an_end_date(text, extent):
    doc = document(text, "2024-05-15")
    (duration,) = [t for t in tag_times(doc) if t.kind == "duration"]
    assert is_extent(doc, duration) is extent


def test_value_arithmetic():
    assert timex.shift_value("1989-Q3", "year", -1) == "1988-Q3"
    assert timex.shift_value("2023-SU", "year", 1) == "2024-SU"
    assert timex.shift_value("2024-01-31", "month", 1) == "2024-02-29"
    assert timex.read("2024-05-15T10:35") == (timex.read("2024-05-15")[0], "day")
    assert timex.read("PAST_REF") is None
    assert [timex.duration(n, u) for n, u in [(3, "day"), (2, "hour"), (None, "year"), (2, "decade")]] == [
        "P3D",
        "PT2H",
        "PXY",
        "P20Y",
    ]
    assert timex.unit_value(timex.read("2024-05-15")[0], "weekend") == "2024-W20-WE"


def test_each_rule_finds_near_its_trigger_what_it_finds_in_the_whole_text():
    from builder.extract.times import rule_matches
    from builder.extract.timex_rules import RULES

    text = (
        "On Monday, Oct. 12, 2009, at 10:35 a.m. (0735 GMT), more than two and a half years after the "
        "1998 bombing, the Vell council met for the third time since the late '80s. In the year-ago "
        "quarter, a year earlier, nineteen ninety-six, every Thursday, twice a week, recently, someday, "
        "the past three years, for decades, the following day, earlier this month, last Thanksgiving."
    )
    for rule in RULES:
        whole = {m.span() for m in rule.pattern.finditer(text)}
        near = {m.span() for m in rule_matches(text, rule)}
        assert near == whole, rule.name


def test_trigger_windows_read_word_by_word_are_those_of_a_scan_per_trigger():
    # The word-by-word lookup must find every trigger hit a scan of the whole text finds:
    # inside words ("Mayor", "A320s", "1990s-era"), over spaces ("in the", "Memorial Day"),
    # after a hyphen ("weeklong", "month-long"), with quotes ("o'clock") and stops ("Sept.").
    from builder.extract.times import WINDOW, trigger_windows
    from builder.extract.timex_rules import RULES

    text = (
        "Mayor Ilse Varn said in the month-long talks on Sept. 3 that the A320s, 1990s-era jets, "
        "flew at 9 o'clock every Sunday.\n\nOn Memorial Day, nineteen ninety-six, recently and "
        "twice yearly, the Q3 report came out; the weeklong festival ends at midnight."
    )
    windows = trigger_windows(text)
    for rule in RULES:
        expected: list[tuple[int, int]] = []
        for hit in rule.trigger.finditer(text):
            start, end = max(0, hit.start() - WINDOW), min(len(text), hit.end() + WINDOW)
            if expected and start <= expected[-1][1]:
                expected[-1] = (expected[-1][0], end)
            else:
                expected.append((start, end))
        assert windows[rule.trigger.pattern] == expected, rule.name


def test_a_duration_after_a_happening_counts_from_a_day_of_its_own_paragraph(nlp):
    # The day named two paragraphs before is another story's: "a day after he was hounded"
    # counts back from the article's date (the clause is the earlier happening).
    text = (
        "The court will rule on March 6.\n\nA day after he was hounded by reporters, Tomas Vell stayed home."
    )
    (_, after) = tag_times(document(text, "2000-02-24"), nlp(text))
    assert (after.span.text, after.value, after.points_to) == ("A day", "P1D", "2000-02-23")


def test_a_duration_before_an_unknown_happening_points_nowhere(nlp):
    # "the shooting" has no date in the text: no day to count ten days back from.
    text = "A jogger saw the car near the house ten days before the shooting."
    (before,) = tag_times(document(text, "1999-04-19"), nlp(text))
    assert (before.value, before.points_to, event_date(before)) == ("P10D", None, None)
