"""Planned events: marked in the exports and the pages, kept out of the home page's latest events."""

import csv
import io
from dataclasses import replace
from pathlib import Path

from builder.publish import export, views
from builder.publish.briefing import briefing_source
from builder.publish.links import Linker
from builder.publish.pages import render_site

TEMPLATES = Path(__file__).parent.parent / "templates"


def _with_planned(dossier, date="2024-03-20", planned=True):
    """``dossier`` with a fourth event: a vote told as still to happen on ``date``."""
    vote = replace(
        dossier.events[0], id="event-vote", date=date, date_text="on March 20",
        summary="Parliament votes on the budget", planned=planned, date_inferred=False,
    )  # fmt: skip
    return replace(dossier, events=(*dossier.events, vote))


def test_planned_is_in_the_json_and_the_csv(sample_dossier):
    dossier = _with_planned(sample_dossier)
    data = export.dossier_to_dict(dossier)
    assert [e["planned"] for e in data["events"]] == [False] * len(sample_dossier.events) + [True]
    rows = list(csv.DictReader(io.StringIO(export.events_csv(dossier))))
    assert [row["planned"] for row in rows] == ["false"] * len(sample_dossier.events) + ["true"]


def test_the_chronology_and_the_briefing_mark_planned_events(sample_dossier):
    dossier = _with_planned(sample_dossier)
    page = render_site(dossier, TEMPLATES)["chronology.md"]
    vote_row = next(line for line in page.splitlines() if "Parliament votes on the budget" in line)
    assert "(planned)" in vote_row
    other_rows = [line for line in page.splitlines() if "<tr id=" in line and "Parliament votes" not in line]
    assert other_rows and not any("(planned)" in line for line in other_rows)
    source = briefing_source(dossier, TEMPLATES)
    assert source.count("(planned)") >= 1


def test_latest_events_leave_out_planned_events(sample_dossier):
    dossier = _with_planned(sample_dossier, date="2024-03-01")
    latest = views.summary(dossier, Linker(dossier), "index.md").latest_events
    assert "Parliament votes on the budget" not in [row.summary for row in latest]
    assert latest[0].summary == sample_dossier.events[0].summary


def test_latest_events_leave_out_events_after_the_newest_article(sample_dossier):
    # Not marked planned, but dated after every article: not something that has happened yet.
    dossier = _with_planned(sample_dossier, date="2024-05-02", planned=False)
    latest = views.summary(dossier, Linker(dossier), "index.md").latest_events
    assert [row.summary for row in latest][0] == sample_dossier.events[0].summary
    assert "Parliament votes on the budget" not in [row.summary for row in latest]


def test_a_past_event_after_the_others_leads_the_latest_events(sample_dossier):
    # The same event on the newest article's day and not planned: the latest past event.
    dossier = _with_planned(sample_dossier, date="2024-03-04", planned=False)
    latest = views.summary(dossier, Linker(dossier), "index.md").latest_events
    assert "Parliament votes on the budget" in [row.summary for row in latest]


def test_is_past_reads_month_and_year_dates_against_the_newest_article(sample_dossier):
    event = sample_dossier.events[0]
    assert views.is_past(replace(event, date="2024-03"), "2024-03-04")
    assert views.is_past(replace(event, date="2024"), "2024-03-04")
    assert not views.is_past(replace(event, date="2024-04"), "2024-03-04")
    assert not views.is_past(replace(event, date=None), "2024-03-04")
    assert not views.is_past(replace(event, planned=True), "2024-03-04")
    assert views.is_past(event, None)
