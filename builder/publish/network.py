"""The actor co-occurrence network as files for network tools: GEXF (Gephi) and GraphML.

The same relation the site's network chart draws (``Actor.related``: how many
sentences two actors share), but every actor named at least once, not only the
most mentioned. Nodes carry the name, kind, organisation kind, country, mentions
and articles; edges the shared sentences as ``weight``. networkx writes both
formats; an unknown value is an empty string (neither format has a null).
"""

from __future__ import annotations

import io

import networkx as nx

from builder.model import Dossier


def cooccurrence_graph(dossier: Dossier) -> nx.Graph:
    """Actors named in the corpus as nodes, shared sentences as weighted edges."""
    graph = nx.Graph()
    named = [actor for actor in dossier.actors if actor.mentions]
    for actor in named:
        graph.add_node(
            actor.id,
            label=actor.name,
            kind=actor.kind,
            subkind=actor.subkind or "",
            country=actor.country or "",
            mentions=len(actor.mentions),
            articles=len({mention.span.doc for mention in actor.mentions}),
        )
    for actor in named:
        for other, shared in actor.related:
            if other in graph and other != actor.id:
                # Each side lists the pair: the larger count wins (they agree unless curation merged).
                before = graph.edges[actor.id, other]["weight"] if graph.has_edge(actor.id, other) else 0
                graph.add_edge(actor.id, other, weight=max(shared, before))
    return graph


def network_gexf(dossier: Dossier) -> str:
    """``network.gexf``: the co-occurrence network for Gephi."""
    from networkx.readwrite.gexf import GEXFWriter

    writer = GEXFWriter(encoding="utf-8", prettyprint=True)
    # networkx dates the file today: the build's date keeps a rebuild byte for byte the same.
    meta = writer.xml.find("meta")
    if meta is not None and dossier.built:
        meta.set("lastmodifieddate", dossier.built)
    writer.add_graph(cooccurrence_graph(dossier))
    buffer = io.BytesIO()
    writer.write(buffer)  # with its XML declaration
    return buffer.getvalue().decode("utf-8")


def network_graphml(dossier: Dossier) -> str:
    """``network.graphml``: the co-occurrence network as GraphML (yEd, Cytoscape, igraph, networkx)."""
    buffer = io.BytesIO()
    nx.write_graphml(cooccurrence_graph(dossier), buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")
