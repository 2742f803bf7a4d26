"""The analyst's curation file: validation with line numbers, and every operation."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.resolve.curation import CurationError, apply_curation, load_curation

ROOT = Path(__file__).resolve().parent.parent


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "curation.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_example_is_valid_and_harmless(sample_dossier):
    curation = load_curation(ROOT / "seeds" / "curation.yaml")
    assert apply_curation(sample_dossier, curation) == sample_dossier


def test_unknown_operation_names_file_and_line(tmp_path):
    path = write(tmp_path, "alias:\n  Mara Quinlan: [MQ]\nrename:\n  a: b\n")
    with pytest.raises(CurationError, match=r"curation\.yaml, line 3: .*rename.*operations are"):
        load_curation(path)


def test_bad_value_names_its_line(tmp_path):
    path = write(tmp_path, "kind:\n  Port Evel: place\n  Northern Guard: gang\n")
    with pytest.raises(CurationError, match=r"line 3: kind\.Northern Guard: 'gang' is not one of"):
        load_curation(path)


def test_bad_date_and_bad_yaml(tmp_path):
    with pytest.raises(CurationError, match=r"line 2: date\.camp-report: '2024-13' is not a date"):
        load_curation(write(tmp_path, "date:\n  camp-report: 2024-13\n"))
    with pytest.raises(CurationError, match=r"line \d+: not valid YAML"):
        load_curation(write(tmp_path, "merge: [a, b\n"))


def test_operations_are_applied_and_marked(tmp_path, sample_dossier):
    curation = load_curation(
        write(
            tmp_path,
            """
merge:
  - [Valdorian Army, Northern Guard]
alias:
  quinlan: [The Minister]
suppress: [Ann Lee]
kind:
  Relief Office: government
country:
  Lake Tamsin: Valdoria
role:
  - {actor: Tomas Ferreira <script>, title: Coordinator, organisation: Relief Office, as_of: 2024-03-01}
date:
  camp-report: 2024-03-02
""",
        )
    )
    dossier = apply_curation(sample_dossier, curation)
    actors = {a.name: a for a in dossier.actors}
    assert dossier.curated
    assert "Ann Lee" not in actors and "Northern Guard" not in actors
    army = actors["Valdorian Army"]
    assert "Northern Guard" in army.aliases and "merge" in army.curated
    assert len(army.mentions) == 2
    assert all("organisation:northern-guard" not in e.actors for e in dossier.events)
    assert any("organisation:valdorian-army" in e.actors for e in dossier.events)
    assert "The Minister" in actors["Mara Quinlan"].aliases
    assert actors["Relief Office"].subkind == "government"
    assert actors["Lake Tamsin"].country == "Valdoria" and actors["Lake Tamsin"].curated == ("country",)
    (role,) = [r for r in actors["Tomas Ferreira <script>"].roles if r.curated]
    assert (role.title, role.organisation, role.as_of) == ("Coordinator", "Relief Office", "2024-03-01")
    document = dossier.document("camp-report")
    assert (document.date, document.date_source) == ("2024-03-02", "override")


def test_names_that_match_nothing_are_warnings(tmp_path, sample_dossier, caplog):
    curation = load_curation(write(tmp_path, "suppress: [Nobody At All]\n"))
    dossier = apply_curation(sample_dossier, curation)
    assert len(dossier.actors) == len(sample_dossier.actors)
    assert "Nobody At All" in caplog.text


def test_article_dates_are_overrides_before_resolution(sample_dossier):
    from builder.resolve.curation import curated_documents

    documents = curated_documents(sample_dossier.documents, {"date": {"camp-report": "2024-03-01"}})
    dated = {d.id: (d.date, d.date_source) for d in documents}
    assert dated["camp-report"] == ("2024-03-01", "override")
    assert dated["2024-03-04_harbour"] == ("2024-03-04", "dateline")
