"""network.gexf and network.graphml, read back with networkx."""

from __future__ import annotations

import io

import networkx as nx

from builder.publish import network


def _check(graph: nx.Graph, sample_dossier) -> None:
    named = {actor.id: actor for actor in sample_dossier.actors if actor.mentions}
    assert set(graph.nodes) == set(named)  # an actor never named is no node
    quinlan = graph.nodes["person:mara-quinlan"]
    assert (quinlan["label"], quinlan["kind"], quinlan["country"]) == ("Mara Quinlan", "person", "Valdoria")
    assert int(quinlan["mentions"]) == 2 and int(quinlan["articles"]) == 1
    assert graph.nodes["organisation:valdorian-army"]["subkind"] == "military"
    assert graph.nodes["place:lake-tamsin"]["country"] == ""
    assert int(graph.edges["person:tomas-ferreira", "organisation:relief-office"]["weight"]) == 2
    assert graph.has_edge("person:mara-quinlan", "place:port-evel")
    assert graph.number_of_edges() == 3


def test_gexf_reads_back(sample_dossier):
    text = network.network_gexf(sample_dossier)
    assert text.startswith("<?xml") and "gexf" in text
    _check(nx.read_gexf(io.BytesIO(text.encode())), sample_dossier)


def test_graphml_reads_back(sample_dossier):
    text = network.network_graphml(sample_dossier)
    _check(nx.read_graphml(io.BytesIO(text.encode())), sample_dossier)


def test_corpus_text_in_names_stays_text(sample_dossier):
    graph = nx.read_graphml(io.BytesIO(network.network_graphml(sample_dossier).encode()))
    assert graph.nodes["person:tomas-ferreira"]["label"] == "Tomas Ferreira <script>"


def test_gexf_is_dated_by_the_build_not_the_clock(sample_dossier):
    assert 'lastmodifieddate="2024-03-10"' in network.network_gexf(sample_dossier)
