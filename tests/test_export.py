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


def test_every_export_is_linked_from_the_about_page_and_the_home_page(sample_dossier):
    from pathlib import Path

    from builder.publish.pages import render_site

    about = (Path(__file__).parent.parent / "docs" / "about.md").read_text(encoding="utf-8")
    home = render_site(sample_dossier, Path(__file__).parent.parent / "templates")["index.md"]
    for file in export.EXPORTS:
        assert f"[{file.name}]({file.name})" in about, file.name
        assert f'<a href="{file.name}">{file.name}</a>' in home, file.name


def test_export_files_are_every_format_the_cli_offers(sample_dossier):
    files = export.export_files(sample_dossier, "A title")
    assert list(files) == [file.name for fmt in export.EXPORT_FORMATS for file in fmt.files]
    assert all(text for text in files.values())


def test_dossier_export_writes_the_formats_asked_for(sample_dossier, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from builder import cli

    monkeypatch.setattr(cli, "_build", lambda corpus_dir, settings: sample_dossier)
    runner = CliRunner()
    result = runner.invoke(
        cli.main,
        ["export", "--corpus", str(tmp_path), "-f", "ftm", "-f", "gexf", "--output-dir", str(tmp_path)],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.glob("*.*")) == ["entities.ftm.json", "network.gexf"]
    single = tmp_path / "t.json"
    result = runner.invoke(
        cli.main, ["export", "--corpus", str(tmp_path), "-f", "timeline", "-o", str(single)]
    )
    assert result.exit_code == 0 and '"events"' in single.read_text(encoding="utf-8")
    result = runner.invoke(cli.main, ["export", "--corpus", str(tmp_path), "-f", "csv", "-o", str(single)])
    assert result.exit_code == 2 and "--output-dir" in result.output  # two files, one name
    result = runner.invoke(cli.main, ["export", "--corpus", str(tmp_path), "-f", "pdf"])
    assert result.exit_code == 2 and "the formats are json, ftm" in result.output
    result = runner.invoke(
        cli.main, ["export", "--corpus", str(tmp_path), "-f", "all", "--output-dir", str(tmp_path)]
    )
    assert result.exit_code == 0 and len(list(tmp_path.glob("*.*"))) == 1 + len(export.EXPORTS)


def test_dossier_help_lists_the_export_formats():
    from click.testing import CliRunner

    from builder import cli

    text = CliRunner().invoke(cli.main, ["--help"]).output
    for fmt in export.EXPORT_FORMATS:
        assert f"  {fmt.name} " in text and all(file.name in text for file in fmt.files)


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


def test_a_figure_reported_by_several_articles_is_one_record_a_report_in_the_json(sample_dossier):
    """The contract's figure has one source: each report keeps its record, grouped by same_as."""
    import dataclasses
    import json

    figure = sample_dossier.figures[0]
    other = dataclasses.replace(figure.source, doc="another-article", start=3, end=30)
    merged = dataclasses.replace(figure, sources=(figure.source, other))
    dossier = dataclasses.replace(sample_dossier, figures=(merged, *sample_dossier.figures[1:]))
    records = [r for r in json.loads(export.dossier_json(dossier))["figures"] if r["same_as"] == figure.id]
    assert [r["id"] for r in records] == [figure.id, f"{figure.id}.2"]
    assert [r["source"]["doc"] for r in records] == [figure.source.doc, "another-article"]
    assert all(r["value"] == figure.value for r in records)
    # The first record lists every report, the others none: the file grows with the reports, not their square.
    assert [[s["doc"] for s in r["sources"]] for r in records] == [[figure.source.doc, "another-article"], []]
    rows = list(csv.DictReader(io.StringIO(export.figures_csv(dossier))))
    assert [row["id"] for row in rows].count(figure.id) == 1  # the table shows the count once
    assert rows[0]["sources"] == "2"
