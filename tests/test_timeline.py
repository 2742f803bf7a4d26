"""timeline.json against TimelineJS3's documented JSON format (docs/json-format.html of TimelineJS3)."""

from __future__ import annotations

import dataclasses
import json

from builder.publish import timeline

# The documented objects and their properties (required ones marked).
TIMELINE_KEYS = {"events", "title", "eras", "scale"}
SLIDE_KEYS = {"start_date", "end_date", "text", "media", "group", "display_date", "background",
              "autolink", "unique_id"}  # fmt: skip
DATE_KEYS = {"year", "month", "day", "hour", "minute", "second", "millisecond", "display_date"}
TEXT_KEYS = {"headline", "text"}


def _check_date(date: dict) -> None:
    assert set(date) <= DATE_KEYS and "year" in date
    assert all(isinstance(date[k], int) for k in date if k != "display_date")  # numbers, no commas
    assert 1 <= date.get("month", 1) <= 12 and 1 <= date.get("day", 1) <= 31


def _check_slide(slide: dict, title: bool = False) -> None:
    assert set(slide) <= SLIDE_KEYS
    if not title:
        _check_date(slide["start_date"])
    if "end_date" in slide:
        _check_date(slide["end_date"])
    assert set(slide["text"]) <= TEXT_KEYS
    assert all(isinstance(value, str) for value in slide["text"].values())


def test_the_file_follows_the_documented_format(sample_dossier):
    data = json.loads(timeline.timeline_json(sample_dossier, "A <b> title"))
    assert set(data) <= TIMELINE_KEYS and isinstance(data["events"], list)
    assert data["scale"] in ("human", "cosmological")
    _check_slide(data["title"], title=True)
    for slide in data["events"]:
        _check_slide(slide)
    assert len({slide["unique_id"] for slide in data["events"]}) == len(data["events"])


def test_dates_keep_their_precision_and_undated_events_are_counted(sample_dossier):
    data = timeline.timeline(sample_dossier)
    starts = {slide["unique_id"]: slide["start_date"] for slide in data["events"]}
    assert starts == {"event-1": {"year": 2024, "month": 3, "day": 4}, "event-2": {"year": 2024, "month": 2}}
    assert "1 event without a known date is left out" in data["title"]["text"]["text"]
    assert {slide["group"] for slide in data["events"]} == {"2024"}


def test_an_end_date_and_sources_on_the_slide(sample_dossier):
    event = dataclasses.replace(sample_dossier.events[0], end_date="2024-03-09")
    dossier = dataclasses.replace(sample_dossier, events=(event,))
    (slide,) = timeline.timeline(dossier)["events"]
    assert slide["end_date"] == {"year": 2024, "month": 3, "day": 9}
    assert "Minister sends police to the harbour ¶1" in slide["text"]["text"]
    assert "Mara Quinlan, Port Evel" in slide["text"]["text"]


def test_corpus_text_is_escaped(sample_dossier):
    event = dataclasses.replace(sample_dossier.events[0], summary="<script>alert(1)</script> said")
    data = timeline.timeline(dataclasses.replace(sample_dossier, events=(event,)), title="<i>x</i>")
    assert "<script>" not in json.dumps(data) and "&lt;script&gt;" in data["events"][0]["text"]["text"]
    assert data["title"]["text"]["headline"] == "&lt;i&gt;x&lt;/i&gt;"


def test_every_part_of_a_slide_is_escaped_and_sources_beyond_the_shown_are_counted(sample_dossier):
    event = sample_dossier.events[0]
    hostile = dataclasses.replace(event.sources[0], text="a <b>bold</b> & sly quote")
    event = dataclasses.replace(
        event,
        date_text="<u>Monday</u>",
        date_evidence="a <em>dateline</em>",
        sources=(hostile,) * (timeline.SOURCES_SHOWN + 2),
    )
    (slide,) = timeline.timeline(dataclasses.replace(sample_dossier, events=(event,)))["events"]
    text = slide["text"]["text"]
    assert "<b>" not in text and "<u>" not in text and "<em>" not in text
    assert "“a &lt;b&gt;bold&lt;/b&gt; &amp; sly quote”" in text
    assert "Date as written: “&lt;u&gt;Monday&lt;/u&gt;” (a &lt;em&gt;dateline&lt;/em&gt;)" in text
    assert text.count("<li>") == timeline.SOURCES_SHOWN + 1
    assert text.endswith("<li>and 2 sources more</li></ul>")


def test_a_date_that_is_not_a_calendar_date_is_left_out():
    assert timeline.date_object("2024-W05") is None and timeline.date_object("2024-SU") is None
    assert timeline.date_object("2024") == {"year": 2024}
