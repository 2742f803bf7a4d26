import csv
import dataclasses
import io

from builder.publish import export


def _with_extras(dossier):
    events = (dataclasses.replace(dossier.events[0], precision="day", date_evidence="the article's date"),)
    figures = (dataclasses.replace(dossier.figures[0], part_of_total=True), *dossier.figures[1:])
    return dataclasses.replace(dossier, events=events + dossier.events[1:], figures=figures)


def test_json_carries_date_evidence_precision_and_part_of_total(sample_dossier):
    data = export.dossier_to_dict(_with_extras(sample_dossier))
    first = data["events"][0]
    assert (first["precision"], first["date_evidence"]) == ("day", "the article's date")
    assert data["events"][2]["precision"] is None
    assert [f["part_of_total"] for f in data["figures"]] == [True, False, False, False]
    assert {"id", "date", "date_text", "summary", "sources"} <= set(first)  # the contract's keys stay


def test_csvs_carry_the_new_columns(sample_dossier):
    dossier = _with_extras(sample_dossier)
    figures = list(csv.DictReader(io.StringIO(export.figures_csv(dossier))))
    assert [row["part_of_total"] for row in figures] == ["true", "false", "false", "false"]
    events = list(csv.DictReader(io.StringIO(export.events_csv(dossier))))
    assert events[0]["precision"] == "day" and events[0]["date_evidence"] == "the article's date"
    assert events[2]["precision"] == ""


def test_a_range_keeps_its_upper_end_in_json_and_csv(sample_dossier):
    figures = (
        dataclasses.replace(sample_dossier.figures[0], value=210, value_max=250),
        *sample_dossier.figures[1:],
    )
    dossier = dataclasses.replace(sample_dossier, figures=figures)
    data = export.dossier_to_dict(dossier)
    assert [(f["value"], f["value_max"]) for f in data["figures"][:2]] == [
        (210, 250),
        (sample_dossier.figures[1].value, None),
    ]
    rows = list(csv.DictReader(io.StringIO(export.figures_csv(dossier))))
    assert [(row["value"], row["value_max"]) for row in rows[:2]] == [("210", "250"), (rows[1]["value"], "")]
    assert {row["vague"] for row in rows} <= {"true", "false"}
