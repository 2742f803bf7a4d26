"""The timeline chart's range follows the bulk of the events; far references are listed apart."""

from builder.model import Event
from builder.publish.chart_range import outside_note, outside_timeline, timeline_range


def _events(*dates):
    return [
        Event(id=f"e{i}", date=date, date_text="", date_inferred=False, summary="", sources=())
        for i, date in enumerate(dates)
    ]


def _month_of_2024(count, month="03"):
    return [f"2024-{month}-{day:02d}" for day in range(1, count + 1)]


def test_a_far_reference_leaves_the_axis_and_is_listed_apart():
    events = _events("1989-06-04", *_month_of_2024(20), *_month_of_2024(15, "04"), "2001-09-11")
    assert timeline_range(events) == ("2024-03", "2024-04")
    assert [e.date for e in outside_timeline(events)] == ["1989-06-04", "2001-09-11"]
    assert outside_note(events) == "2 events outside this range: 1989, 2001"


def test_a_corpus_without_far_events_keeps_its_whole_range():
    # The outermost events are trimmed first, then taken back because they lie near the rest.
    events = _events("2024-01-20", *_month_of_2024(20, "02"), *_month_of_2024(20, "03"), "2024-04-02")
    assert timeline_range(events) == ("2024-01", "2024-04")
    assert outside_timeline(events) == [] and outside_note(events) is None


def test_a_few_events_are_never_trimmed_to_nothing():
    events = _events("1990-01-01", "2024-03-01")
    assert timeline_range(events) == ("1990-01", "2024-03")
    assert timeline_range(_events(None, "2024")) is None


def test_a_year_only_event_is_outside_when_its_year_is():
    events = _events("1989", "2024", *_month_of_2024(30))
    assert [e.date for e in outside_timeline(events)] == ["1989"]
    assert outside_note(events) == "1 event outside this range: 1989"


def test_the_chronology_page_names_the_events_outside_the_chart(sample_dossier):
    from dataclasses import replace
    from pathlib import Path

    from builder.publish.pages import render_site

    base = sample_dossier.events[0]
    many = tuple(replace(base, id=f"event-m{day}", date=f"2024-03-{day:02d}") for day in range(1, 29))
    old = replace(base, id="event-old", date="1989-11-09", summary="The wall fell")
    dossier = replace(sample_dossier, events=(*sample_dossier.events, *many, old))
    page = render_site(dossier, Path(__file__).parent.parent / "templates")["chronology.md"]
    note = next(line for line in page.splitlines() if "outside this range" in line)
    assert (
        note.startswith("<p")
        and "1 event outside" in note
        and "1989; they are listed under their year" in note
    )
    assert "## 1989" in page  # still in the chronology itself


def test_consecutive_years_outside_read_as_a_run():
    events = _events("1979", "1980-05-01", "1981", "1989", "1990", *_month_of_2024(40))
    assert outside_note(events) == "5 events outside this range: 1979–1981, 1989, 1990"
