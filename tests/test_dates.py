import datetime as dt

import pytest

from builder.corpus import split_paragraphs
from builder.extract.times import event_date, is_extent, tag_times
from builder.model import Document


def document(text, date):
    return Document("d", "d.txt", "", text, date, "dateline" if date else "none", split_paragraphs(text))


def values(text, date):
    return [(t.span.text, t.value) for t in tag_times(document(text, date))]


@pytest.mark.parametrize(
    "dateline, weekday, expected",
    [
        ("2024-01-10", "Tuesday", "2024-01-09"),  # a Wednesday: the day before
        ("2024-01-09", "Tuesday", "2024-01-09"),  # same day
        ("2024-01-08", "Tuesday", "2024-01-02"),  # a Monday: last week's
        ("2023-03-12", "Friday", "2023-03-10"),  # a Sunday
    ],
)
def test_bare_weekday_is_most_recent_on_or_before_dateline(dateline, weekday, expected):
    assert values(f"On {weekday}, the council met.", dateline) == [(weekday, expected)]


def test_next_weekday_points_ahead():
    assert values("The vote is next Friday.", "2024-01-10") == [("next Friday", "2024-01-12")]


def test_weekday_in_undated_article_stays_unresolved():
    # TimeML's underspecified value: a Monday, week and year unknown; not a date for an event.
    assert values("On Monday the minister resigned.", None) == [("Monday", "XXXX-WXX-1")]
    (monday,) = tag_times(document("On Monday the minister resigned.", None))
    assert event_date(monday) is None


def test_absolute_dates_keep_their_granularity():
    found = dict(values("In March 2020 the port closed. On 4 July 2019 it opened. Since 2015 it grew.", None))
    assert found == {"March 2020": "2020-03", "4 July 2019": "2019-07-04", "2015": "2015"}


def test_day_month_without_year_is_not_after_dateline():
    assert values("Since February 15, the mayor has led.", "2023-03-14") == [("February 15", "2023-02-15")]
    assert values("On December 30 the talks began.", "2023-01-05") == [("December 30", "2022-12-30")]


def test_today_and_relative_year_and_month():
    found = dict(values("He said today that last year was hard and last January worse.", "2023-03-14"))
    assert found == {"today": "2023-03-14", "last year": "2022", "last January": "2023-01"}


def test_durations_are_not_dates():
    ((text, value),) = values("She declared a 60-day curfew.", "2024-01-10")
    assert (text, value) == ("60-day", "P60D")


def test_no_crash_without_dates():
    assert values("Nothing here.", dt.date(2024, 1, 1).isoformat()) == []


# --- news conventions that need the sentence around the expression -------------------------------


@pytest.fixture(scope="module")
def nlp():
    from builder.extract.nlp import DEFAULT_MODEL, load_pipeline

    return load_pipeline(DEFAULT_MODEL)


def parsed_values(nlp, text, date):
    return [(t.span.text, t.value) for t in tag_times(document(text, date), nlp(text))]


@pytest.mark.parametrize(
    "dateline, expected",
    [
        ("2024-05-15", "2024-05-17"),  # a Wednesday: Friday is ahead
        ("2024-05-17", "2024-05-17"),  # a Friday: the same day
        ("2024-05-19", "2024-05-24"),  # a Sunday: next week's
    ],
)
def test_future_tense_sends_a_weekday_forward(nlp, dateline, expected):
    assert parsed_values(nlp, "The assembly will vote on Friday.", dateline) == [("Friday", expected)]


def test_past_tense_keeps_the_weekday_behind(nlp):
    assert parsed_values(nlp, "The assembly voted on Friday.", "2024-05-15") == [("Friday", "2024-05-10")]


def test_a_participle_in_ing_takes_the_tense_of_the_verb_above_with_its_modal(nlp):
    text = "It said two flights would leave Orlen from March 30, with the third departing from August 6."
    assert ("August 6", "1998-08-06") in parsed_values(nlp, text, "1998-02-13")
    done = "Monitors would check the accord signed on Feb. 23."  # a past participle is done
    assert parsed_values(nlp, done, "1998-03-06") == [("Feb. 23", "1998-02-23")]


def test_last_and_next_on_the_same_weekday():
    assert values("The port reopened last Monday.", "2024-05-13") == [("last Monday", "2024-05-06")]
    assert values("The port reopens next Monday.", "2024-05-13") == [("next Monday", "2024-05-20")]


def test_day_month_in_future_tense_points_ahead(nlp):
    found = parsed_values(nlp, "The summit will open on March 3 in Orlen.", "2023-03-14")
    assert found == [("March 3", "2024-03-03")]


@pytest.mark.parametrize("dateline, monday", [("2024-05-16", "2024-05-13"), ("2024-05-13", "2024-05-13")])
def test_earlier_in_the_day_anchors_on_the_sentence_before(dateline, monday):
    text = "On Monday, the mayor of Orlen resigned.\n\nEarlier in the day, protesters filled the square."
    assert values(text, dateline) == [("Monday", monday), ("Earlier in the day", monday)]


def test_following_day_after_an_absolute_date_resolves_even_without_dateline():
    text = "On 3 June 2022 the Tessel dam failed. The following day, troops arrived."
    assert values(text, None) == [("3 June 2022", "2022-06-03"), ("The following day", "2022-06-04")]


def test_anaphoric_expressions_stay_unresolved_in_an_undated_article():
    text = "On Monday the council met. Earlier in the day, a bomb went off. The next day it rained."
    assert [v for _, v in values(text, None)] == ["XXXX-WXX-1", None, None]


def test_following_day_after_a_clock_time_is_not_a_date():
    found = tag_times(document("A curfew runs from 10 p.m. to 6 a.m. the following day.", "2024-05-16"))
    # The clock times are times of day (on the article's day, as TimeML reads them); "the
    # following day" after an hour is not tagged, and a clock time alone dates no event.
    assert [(t.span.text, t.kind, t.value) for t in found] == [
        ("10 p.m.", "time", "2024-05-16T22:00"),
        ("6 a.m.", "time", "2024-05-16T06:00"),
    ]
    assert [event_date(t) for t in found] == [None, None]


def offsets(nlp, text, date):
    return [(t.span.text, t.value, event_date(t)) for t in tag_times(document(text, date), nlp(text))]


def test_offset_after_a_clause_dates_the_clause(nlp):
    # TimeML: "two days" is a duration; the day it counts to dates the clause.
    text = "On Friday, parliament met in Dunmore. The session came two days after the speaker resigned."
    found = offsets(nlp, text, "2024-05-18")
    assert found == [("Friday", "2024-05-17", "2024-05-17"), ("two days", "P2D", "2024-05-15")]


def test_offset_after_a_noun_phrase_counts_forward(nlp):
    text = "On Friday, rioters burned a depot in Dunmore. Police made arrests two days after the riot."
    found = offsets(nlp, text, "2024-05-20")
    assert found == [("Friday", "2024-05-17", "2024-05-17"), ("two days", "P2D", "2024-05-19")]


def test_weeks_months_and_ago_keep_their_granularity():
    found = dict(
        values(
            "Last week the mill shut. Two weeks ago it slowed. Last month it hired. "
            "Three years ago it opened. Days ago a strike began.",
            "2024-01-10",
        )
    )
    assert found == {
        "Last week": "2024-W01",
        "Two weeks ago": "2023-W52",
        "Last month": "2023-12",
        "Three years ago": "2021",
        "Days ago": "PAST_REF",  # vague: some time before the article's date
    }


def test_seasons_and_bare_months():
    found = dict(values("Last summer was dry. In the spring of 2019 it flooded.", "2024-01-10"))
    assert found == {"Last summer": "2023-SU", "the spring of 2019": "2019-SP"}
    assert values("In March, the plant closed.", "2023-06-01") == [("March", "2023-03")]
    assert values("In March, the plant closed.", "2023-02-01") == [("March", "2022-03")]


def test_abbreviated_months_and_the_verb_may():
    assert values("Talks ended on Jan. 9, 2024 in Orlen.", None) == [("Jan. 9, 2024", "2024-01-09")]
    assert values("The envoys may meet again.", "2024-01-10") == []


def test_durations_in_words_and_digits():
    assert values("The ban holds for 90 days.", "2024-01-10") == [("90 days", "P90D")]
    assert values("A two-week truce began.", "2024-01-10") == [("two-week", "P2W")]


def test_value_helpers():
    from builder.values.dates import add_duration, calendar_value, day_precision

    assert add_duration("2024-01-08", "P60D") == "2024-03-08"
    assert add_duration("2024-01-31", "P1M") == "2024-02-29"
    assert add_duration("2024-01", "P1M") is None
    assert calendar_value("2024-W02") == "2024-01"  # 8-14 January
    assert calendar_value("2024-W05") == "2024"  # 29 January - 4 February
    assert calendar_value("2023-SU") == "2023"
    assert [day_precision(v) for v in ("2024-01-09", "2024-01", "2024", "P3D", None)] == [
        "day",
        "month",
        "year",
        None,
        None,
    ]


def test_embed_signature_dates_the_post():
    from builder.extract.times import embed_dates

    text = (
        "The rights office criticised the raid.\n\n"
        "Stop the raids now. pic.twitter.com/abc — Rights Office (@rightsoffice) March 2, 2022"
    )
    assert embed_dates(document(text, None)) == {1: ("2022-03-02", "March 2, 2022")}


def test_dates_command_prints_json_lines_with_offsets_after_the_dateline(tmp_path):
    import json

    from click.testing import CliRunner

    from builder.cli import main

    (tmp_path / "vell.txt").write_text(
        " date 2024-05-15 On Monday, the port of Vell closed.\n", encoding="utf-8"
    )
    (tmp_path / "undated.txt").write_text("On Monday, the port of Vell reopened.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["dates", "--corpus", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    records = {r["doc"]: r for r in map(json.loads, result.output.splitlines())}
    assert {k: records["vell"][k] for k in ("start", "end", "text", "value")} == {
        "start": 3,
        "end": 9,
        "text": "Monday",
        "value": "2024-05-13",
    }
    assert records["undated"]["value"] == "XXXX-WXX-1"  # a Monday, its week unknown


def test_iso_dates_and_last_night():
    assert values("The decree (2023-11-02) took effect.", None) == [("2023-11-02", "2023-11-02")]
    assert values("Shelling resumed last night near Vell.", "2024-05-16") == [("last night", "2024-05-15TNI")]


@pytest.mark.parametrize(
    "sentence, dateline, expected",
    [
        ("Forecasters expect rain in Vell by Thursday.", "2023-08-22", "2023-08-24"),  # a Tuesday
        ("Ferry traffic on the lake was suspended until Monday.", "2024-05-25", "2024-05-27"),  # a Saturday
        ("Crews had cleared the road to Vell by Sunday.", "2024-05-21", "2024-05-19"),  # a Tuesday
    ],
)
def test_until_and_by_point_ahead_unless_told_in_the_past(nlp, sentence, dateline, expected):
    ((_, value),) = parsed_values(nlp, sentence, dateline)
    assert value == expected


def test_ages_and_averages_are_not_durations():
    assert values("A 10-year-old boy and a five-year-old girl were hurt.", "2024-01-10") == []
    # TimeML tags the stretch an average is taken over; it is not how long anything lasted.
    text = "Rain was above the 30-year average."
    ((average,),) = [tag_times(document(text, "2024-01-10"))]
    assert (average.span.text, average.value, is_extent(document(text, "2024-01-10"), average)) == (
        "30-year",
        "P30Y",
        False,
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "The Brenmar senate is expected to vote on Friday.",
        "The audit report is due on Friday.",
        "The harbour master is set to resign on Friday.",
        "The tribunal is to rule on Friday.",
        "The dockers' union is going to strike on Friday.",
        "The runoff, to be held on Friday, divides the valley.",
        "The ferry launch is scheduled for Friday.",
        "Further talks are planned for Friday.",
    ],
)
def test_general_future_cues_send_a_weekday_forward(nlp, sentence):
    # 2024-05-15 is a Wednesday: the coming Friday, not the one before.
    assert parsed_values(nlp, sentence, "2024-05-15") == [("Friday", "2024-05-17")]


@pytest.mark.parametrize(
    "sentence",
    ["The expected storm reached Brenmar on Friday.", "The council planned the budget on Friday."],
)
def test_a_past_clause_keeps_the_weekday_behind(nlp, sentence):
    assert parsed_values(nlp, sentence, "2024-05-15") == [("Friday", "2024-05-10")]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The dockers' strike lasted until Monday.", "2024-05-13"),  # an action told as over
        ("The port authority extended the closure until Monday.", "2024-05-20"),  # a state still in force
        ("Roads into Brenmar remained closed until Monday.", "2024-05-20"),
    ],
)
def test_until_in_a_past_clause_depends_on_whether_it_is_over(nlp, sentence, expected):
    ((_, value),) = parsed_values(nlp, sentence, "2024-05-15")
    assert value == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Twenty-one days ago the levee broke.", "2024-04-24"),
        ("Forty five days ago the levee broke.", "2024-03-31"),
        ("Thirteen days ago the levee broke.", "2024-05-02"),
        ("A couple of weeks ago the levee broke.", "PAST_REF"),  # vague: no date, only "before"
        ("A few days ago the levee broke.", "PAST_REF"),
        ("Last week the levee broke.", "2024-W19"),  # the granularity is kept
        ("Last month the levee broke.", "2024-04"),
    ],
)
def test_relative_expressions_with_any_number_word(text, expected):
    ((_, value),) = values(text, "2024-05-15")
    assert value == expected


def test_durations_read_number_words_up_to_ninety_nine():
    assert values("The truce held for ninety-nine days.", "2024-05-15") == [("ninety-nine days", "P99D")]
    assert values("A seventeen-day siege ended.", "2024-05-15") == [("seventeen-day", "P17D")]
