"""entities.ftm.json: read back with the followthemoney library, validated, every reference resolved."""

from __future__ import annotations

import json

import pytest
from followthemoney import model

from builder.publish import ftm


@pytest.fixture(scope="module")
def entities(sample_dossier) -> list[dict]:
    return [json.loads(line) for line in ftm.entities_ftm_json(sample_dossier).splitlines()]


def test_every_entity_validates_against_its_schema(entities):
    for data in entities:
        schema = model.get(data["schema"])
        assert schema is not None and not schema.abstract, data["schema"]
        schema.validate(data)  # raises InvalidData on a bad value or an empty required property
        for name in schema.required:
            assert data["properties"].get(name), (data["schema"], name)
        # Cleaned again from scratch (as for untrusted input), nothing is dropped or changed.
        again = model.get_proxy(data, cleaned=False).to_dict()
        assert again["properties"] == data["properties"], data["schema"]


def test_every_reference_points_at_an_entity_in_the_file(entities):
    ids = [data["id"] for data in entities]
    assert len(ids) == len(set(ids))
    references = 0
    for data in entities:
        schema = model.get(data["schema"])
        for name, values in data["properties"].items():
            prop = schema.get(name)
            if prop.type.name != "entity":
                continue
            for value in values:
                references += 1
                assert value in ids, (data["schema"], name, value)
                target = next(d for d in entities if d["id"] == value)
                assert model.get(target["schema"]).is_a(prop.range), (name, target["schema"])
    assert references > 10


def test_schemata_follow_the_kind_and_the_organisation_kind(sample_dossier, entities):
    by_id = {data["id"]: data for data in entities}
    schema_of = {a.id: by_id[ftm.entity_id("actor", a.id)]["schema"] for a in sample_dossier.actors}
    assert schema_of["person:mara-quinlan"] == "Person"
    assert schema_of["organisation:valdorian-army"] == "PublicBody"  # military: a state body
    assert schema_of["organisation:northern-guard"] == "Organization"  # an armed group is not
    assert schema_of["place:port-evel"] == "Address"
    counts = {name: sum(d["schema"] == name for d in entities) for name in ("Article", "Event", "Mention")}
    assert counts["Article"] == len(sample_dossier.documents)
    assert counts["Event"] == len(sample_dossier.events)
    pairs = {(a.id, m.span.doc) for a in sample_dossier.actors for m in a.mentions}
    assert counts["Mention"] == len(pairs)


def test_articles_events_and_mentions_carry_their_facts(sample_dossier, entities):
    by_id = {data["id"]: data for data in entities}
    doc = sample_dossier.documents[0]
    article = by_id[ftm.entity_id("article", doc.id)]["properties"]
    assert article["title"] == [doc.title] and article["bodyText"] == [doc.text]
    assert article["publishedAt"] == [doc.date] and article["language"] == ["eng"]
    event = by_id[ftm.entity_id("event", "event-1")]["properties"]
    assert event["date"] == ["2024-03-04"]
    assert event["involved"] == [ftm.entity_id("actor", "person:mara-quinlan")]
    assert event["addressEntity"] == [ftm.entity_id("actor", "place:port-evel")]
    assert event["proof"] == [ftm.entity_id("article", doc.id)]
    assert by_id[ftm.entity_id("event", "event-2")]["properties"]["date"] == ["2024-02"]  # month precision
    mention = by_id[ftm.entity_id("mention", f"person:mara-quinlan@{doc.id}")]["properties"]
    assert sorted(mention["name"]) == ["Mara Quinlan", "Quinlan"]
    assert mention["resolved"] == [ftm.entity_id("actor", "person:mara-quinlan")]
    person = by_id[ftm.entity_id("actor", "person:mara-quinlan")]["properties"]
    assert person["position"] == ["Interior Minister"] and person["alias"] == ["Quinlan"]


def test_ids_are_stable_across_builds(sample_dossier):
    assert ftm.entities_ftm_json(sample_dossier) == ftm.entities_ftm_json(sample_dossier)
    assert ftm.entity_id("actor", "x") == ftm.entity_id("actor", "x") != ftm.entity_id("event", "x")


def test_a_real_country_name_becomes_its_code(sample_dossier):
    import dataclasses

    actor = dataclasses.replace(sample_dossier.actors[0], country="Ecuador")
    dossier = dataclasses.replace(sample_dossier, actors=(actor,), events=())
    lines = [json.loads(line) for line in ftm.entities_ftm_json(dossier).splitlines()]
    person = next(d for d in lines if d["schema"] == "Person")
    assert person["properties"]["country"] == ["ec"]


def test_country_names_become_the_codes_ftm_cleaning_finds():
    """Gazetteer names go to FtM as codes (its name table takes seconds to build), to the same country."""
    from followthemoney import registry

    codes = {"Russia": "ru", "Turkey": "tr", "Czech Republic": "cz", "Soviet Union": "suhh"}
    for name, code in codes.items():
        assert ftm.country_code(name) == code
        assert registry.country.clean_text(code) == registry.country.clean_text(name) == code
    assert ftm.country_code("Valdoria") == "Valdoria"  # not a country FtM or the gazetteer knows: FtM decides


@pytest.mark.parametrize(
    ("schema", "prop", "values"),
    [
        ("Mention", "name", ["  Alma\u00a0Abara ", '"Iron Wolves"', "\x07Bell\x00", "", "Dar-es-Salaam"]),
        ("Mention", "detectedSchema", ["Person", " PublicBody "]),
        ("Mention", "contextCountry", ["fr", "Germany", "Atlantis", "  "]),
        ("Event", "date", ["2024-03", "2024-02-30", "1999", "March 2024"]),
        ("Event", "location", ["Port  Evel", "\u200bOrun"]),
        ("Article", "language", ["eng", "xx"]),
    ],
)
def test_values_cleaned_once_are_the_values_ftm_cleans(schema, prop, values):
    """``_add`` cleans each distinct value once (memoised): the entity holds what FtM's own ``add`` gives."""
    ours, theirs = model.make_entity(schema), model.make_entity(schema)
    ftm._add(ours, prop, values)
    theirs.add(prop, values)
    assert ours.get(prop) == theirs.get(prop)
