"""The cross-article stage assembled: actors, their relations, the chronology and the figures.

``resolve_dossier`` turns every article's extraction into the ``Dossier``
that pages, charts and exports read: actors resolved across articles
(``actors``), events merged into a chronology (``chronology``), and each
figure candidate made a figure with an id that stays as the corpus grows, the reports of one count
by several articles merged into one figure with several sources (``figures``).
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

from builder.collector import collector_paused
from builder.model import Actor, ArticleExtraction, Document, Dossier
from builder.resolve.actors import resolve_actors
from builder.resolve.chronology import build_chronology
from builder.resolve.figures import resolve_figures
from builder.values.names import fold


def resolve_dossier(
    documents: Sequence[Document],
    extractions: Sequence[ArticleExtraction],
    model_name: str = "",
) -> Dossier:
    """Build the dossier from every article's extraction."""
    # Resolution allocates many small objects (keys, sets, records) and leaves hardly any
    # garbage in reference cycles: on a thousand articles, the collector's passes over the
    # whole corpus's extractions took a fifth of the stage.
    with collector_paused():
        return _assemble(documents, extractions, model_name)


def _assemble(
    documents: Sequence[Document], extractions: Sequence[ArticleExtraction], model_name: str
) -> Dossier:
    """The dossier's actors (with relations), events and figures."""
    actors, key_to_id = resolve_actors(documents, extractions)
    actors = _with_relations(actors)
    kinds = {a.id: a.kind for a in actors}
    # Each place's country, and which places are a country as a whole (a shared country says less
    # about where a happening was than a shared town).
    countries = {a.id: a.country for a in actors if a.kind == "place"}
    whole_countries = {
        a.id for a in actors if a.kind == "place" and a.country and fold(a.name) == fold(a.country)
    }

    # Events are merged across sources and undated articles handled in chronology.py.
    chronology = build_chronology(
        documents, extractions, lambda name: key_to_id.get(fold(name)), kinds, countries, whole_countries
    )
    return Dossier(
        documents=chronology.documents,
        actors=tuple(sorted(actors, key=lambda a: a.id)),
        events=chronology.events,
        figures=resolve_figures(extractions),
        model_name=model_name,
    )


def _with_relations(actors: list[Actor]) -> list[Actor]:
    """Each actor's co-mentioned actors (same sentence), most shared sentences first."""
    by_sentence: dict[tuple[str, int], set[str]] = defaultdict(set)
    for actor in actors:
        for mention in actor.mentions:
            by_sentence[(mention.sentence.doc, mention.sentence.start)].add(actor.id)
    # Every ordered pair of actors of a sentence counted in one pass.
    pairs = Counter(
        itertools.chain.from_iterable(
            itertools.permutations(ids, 2) for ids in by_sentence.values() if len(ids) > 1
        )
    )
    counts: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for (a, b), n in pairs.items():
        counts[a].append((b, n))
    return [
        replace(a, related=tuple(sorted(counts.get(a.id, ()), key=lambda kv: (-kv[1], kv[0]))))
        for a in actors
    ]
