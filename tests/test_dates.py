import datetime as dt

import pytest

from builder.corpus import split_paragraphs
from builder.dates import tag_times
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
    assert values("On Monday the minister resigned.", None) == [("Monday", None)]


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
